// The confirmed rows, written back as a record in the platform's CSV columns, so that corrections and
// hand-entered courses reach the rules through the same record parser as everything else.

const HEADER = ["No.", "課程類型", "課程名稱", "上課期間", "閱讀時數", "測驗", "問卷", "通過條件",
  "通過狀態", "認證時數", "終身學習時數上傳狀態", "終身學習時數上傳時間"];

function quote(value) {
  const text = String(value === null || value === undefined ? "" : value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const moment = (iso) => iso.replace("T", " ");

// rows: see record-step.js; a row with a chosen catalogue course is written under that course's name
// and code, so it matches exactly; a row left unmatched keeps its own name and stays unmatched.
export function rowsToCsv(rows, plan) {
  const lines = [HEADER];
  rows.forEach((row, i) => {
    const course = row.course ? plan.course(row.course) : null;
    const name = course ? course.name + (course.code ? `(${course.code})` : "")
      : row.recordName + (row.code ? `(${row.code})` : "");
    lines.push([row.no || String(i + 1), row.courseType || "", name, `${moment(row.start)}~${moment(row.end)}`,
      "", "", "", "", row.status, row.creditHours === null || row.creditHours === undefined ? "" : row.creditHours,
      row.uploadStatus || "", row.uploadTime || ""]);
  });
  return lines.map((cells) => cells.map(quote).join(",")).join("\r\n") + "\r\n";
}
