// The person's own study sessions that fall on a working day outside their office hours: the sessions
// where overtime, official leave, a business trip or being on duty would make the time work time, so
// the profile step asks about each one rather than asking the person to remember eight months.

const WEEKDAYS = "日一二三四五六";

// plan: the page's plan view; officeHours: [["08:00", "12:00"], ...] as the profile step holds them,
// [] for no fixed hours (then every session is asked about). rows: the confirmed rows.
export function sessionsToAsk(rows, plan, officeHours) {
  const seen = new Set();
  return rows.filter((row) => row.course && row.start && row.end).filter((row) => {
    const key = sessionKey(row);
    if (seen.has(key)) return false;
    seen.add(key);
    const day = row.start.slice(0, 10);
    if (!officeHours.length) return true;
    if (!plan.workingDay(day)) return false;
    if (row.end.slice(0, 10) !== day) return true; // across midnight: asked about
    const from = row.start.slice(11, 16);
    const to = row.end.slice(11, 16);
    return !officeHours.some(([start, end]) => start && end && overlaps(from, to, start, end));
  }).sort((a, b) => (a.start < b.start ? -1 : 1));
}

// Clock times of one day; a block that ends before it starts (a night shift, 22:00-06:00) runs past midnight.
function overlaps(from, to, start, end) {
  return start < end ? from < end && to > start : from < end || to > start;
}

export const sessionKey = (row) => `${row.start.slice(0, 16)}|${row.end.slice(0, 16)}`;

// 「雙軸轉型淨零港都」2025-03-12（三）17:30～18:30
export function sessionLabel(row) {
  const day = row.start.slice(0, 10);
  const weekday = WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()];
  const end = row.end.slice(0, 10) === day ? row.end.slice(11, 16) : row.end.slice(0, 16).replace("T", " ");
  return `「${row.course}」${day}（${weekday}）${row.start.slice(11, 16)}～${end}`;
}
