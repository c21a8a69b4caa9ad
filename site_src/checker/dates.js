// Dates as people read them (the 民國 forms come from the rules), and days left in the browser's local time.

// The rules give each date in both forms: "民國 116 年 3 月 1 日（2027-03-01）".
export function bothDates(iso, roc) {
  return `民國 ${roc}（${iso.slice(0, 10)}）`;
}

// An ISO date in both forms, for a date the page has from plan data rather than from the rules' answer.
export function bothDatesOf(iso) {
  const { y, m, d } = parts(iso);
  return bothDates(iso, `${y - 1911} 年 ${m} 月 ${d} 日`);
}

function parts(iso) {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return { y, m, d };
}

// "2025-03-01T09:00:00" -> "2025-03-01 09:00"
export function shortMoment(iso) {
  return iso ? iso.replace("T", " ").slice(0, 16) : "";
}

function localDay(date) {
  return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
}

// Whole days from today (local) to an ISO date: 0 on the day itself, negative once it has passed.
export function daysUntil(iso, today = new Date()) {
  const { y, m, d } = parts(iso);
  return Math.round((Date.UTC(y, m - 1, d) - localDay(today)) / 86400000);
}

export function todayIso(today = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
}
