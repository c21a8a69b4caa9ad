// The leave-expiry dates as an iCalendar file (RFC 5545), made here and saved through a blob: URL.
import { el } from "./dom.js";

const CRLF = "\r\n";
const encoder = new TextEncoder();

// TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 3.3.11).
export function escapeText(text) {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

// Lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 character (3.1).
export function fold(line) {
  const out = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > (out.length ? 74 : 75)) {
      out.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += bytes;
  }
  out.push(current);
  return out.join(CRLF + " ");
}

const day = (iso) => iso.replace(/-/g, "");

function nextDay(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

function stamp(now) {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

// What the page says beside the download button: when the file will remind.
export function alarmNote(alarmDays) {
  return `行事曆檔在每個補休期限前 ${alarmDays.join(" 天與 ")} 天的上午 9 時提醒您（匯入手機或電腦的行事曆後）。`;
}

// A reminder `days` before an all-day event, at 09:00: the trigger counts from the day's 00:00 (DTSTART).
function alarm(days, text) {
  return ["BEGIN:VALARM", "ACTION:DISPLAY", `TRIGGER:-P${days - 1}DT15H`,
    `DESCRIPTION:${escapeText(`${days} 天後是${text}`)}`, "END:VALARM"];
}

// One all-day VEVENT per eligible or review bundle, on the last day to take its leave, with a reminder
// alarmDays (plan data) before it.
export function makeIcs(answer, alarmDays, now = new Date()) {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kaohsiung e-learning leave checker//zh-TW", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
  answer.bundles.filter((b) => b.leave.expires_on).forEach((bundle) => {
    const expiry = bundle.leave.expires_on;
    const review = bundle.leave.status === "review" ? "（需由人事單位認定）" : "";
    lines.push(
      "BEGIN:VEVENT",
      `UID:${answer.plan.id}-${bundle.id}-${day(expiry)}@leave-checker`,
      `DTSTAMP:${stamp(now)}`,
      `DTSTART;VALUE=DATE:${day(expiry)}`,
      `DTEND;VALUE=DATE:${day(nextDay(expiry))}`,
      `SUMMARY:${escapeText(`補休期限：${bundle.name} ${bundle.leave.hours} 小時${review}`)}`,
      `DESCRIPTION:${escapeText(`${answer.plan.title}\n「${bundle.name}」於 ${bundle.completed_on} 完成，補休 ${bundle.leave.hours} 小時須在 ${expiry}（含當日）前休畢。\n最後由服務機關人事單位認定。`)}`,
      "TRANSP:TRANSPARENT",
      ...alarmDays.flatMap((days) => alarm(days, `「${bundle.name}」補休 ${bundle.leave.hours} 小時的最後一天（${expiry}），請在當天以前休畢。`)),
      "END:VEVENT",
    );
  });
  lines.push("END:VCALENDAR");
  return lines.map(fold).join(CRLF) + CRLF;
}

export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Long after the download has started: WebKit reads the blob for it later, on a busy machine more than a
  // second later, and a URL revoked before that loses the download without a word.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
