// Dates as people read them: 民國 and Gregorian, and days left counted in the browser's local time.

const ROC_OFFSET = 1911;

function parts(iso) {
  const [date, time = "00:00:00"] = iso.split(/[T ]/);
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm, ss] = time.split(":").map(Number);
  return { y, m, d, hh, mm, ss: ss || 0 };
}

// 2027-03-01 -> "民國 116 年 3 月 1 日（2027-03-01）"
export function bothDates(iso) {
  if (!iso) return "";
  const { y, m, d } = parts(iso);
  return `民國 ${y - ROC_OFFSET} 年 ${m} 月 ${d} 日（${iso.slice(0, 10)}）`;
}

// The paper form's way: 114 年 3 月 1 日 9 時 0 分 (each number separately, for the form's spans).
export function formParts(iso) {
  const { y, m, d, hh, mm } = parts(iso);
  return { year: y - ROC_OFFSET, month: m, day: d, hour: hh, minute: mm };
}

export function formText(iso) {
  const p = formParts(iso);
  return `${p.year} 年 ${p.month} 月 ${p.day} 日 ${p.hour} 時 ${p.minute} 分`;
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
