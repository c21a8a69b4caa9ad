// Step 1: the record, pasted (HTML flavour first), uploaded or typed in by hand, read by the rules and
// shown back as a table the person confirms or corrects.
import { $, el, hiddenText } from "./dom.js";
import { showErrors, clearErrors } from "./errors.js";
import { state } from "./state.js";
import { check } from "./rules.js";
import { shortMoment } from "./dates.js";
import { dateProblems } from "./row-dates.js";

let plan = null;
let nextRowId = 1;
let reading = Promise.resolve(); // a file being read; step 1's buttons wait for it
let fileProblem = null; // why the last chosen file was refused, shown again on 繼續 until another is given
let showAll = false; // the person asked to see every row, not only those that need a look; a new record starts short
const NOT_PASSED = "未通過";

const megabytes = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;
// Said here, before the rules see it, so that a huge paste or file never reaches the field or the worker.
const tooBigMessage = (bytes) =>
  `紀錄太大（${megabytes(bytes)}），上限為 ${plan.maxRecordBytes / 1048576} MB；請只複製學習紀錄表格。`;

// UTF-8 bytes of a string, without encoding a huge one: a UTF-16 length over the limit is already too big.
function byteSize(text) {
  return text.length > plan.maxRecordBytes ? text.length : new Blob([text]).size;
}

// The request's record part: text as given, or a file's bytes, which the rules decode (one decoder).
function recordInput(record) {
  return record.kind === "file" ? { record_base64: record.base64, filename: record.name } : { record: record.text };
}

function fieldOfRecord() {
  return state.record && state.record.kind === "file" ? "record-file" : "record-paste";
}

// -- giving the record ------------------------------------------------------------------------
function setRecord(record) {
  fileProblem = null;
  state.record = record;
  document.dispatchEvent(new CustomEvent("checker:changed"));
}

function onPaste(event) {
  const data = event.clipboardData;
  if (!data) return;
  event.preventDefault(); // we put the text in ourselves, after checking its size
  const html = data.getData("text/html");
  const text = data.getData("text/plain");
  const htmlOk = html && byteSize(html) <= plan.maxRecordBytes;
  const textSize = byteSize(text);
  if (!htmlOk && textSize > plan.maxRecordBytes) {
    showErrors([{ message: tooBigMessage(Math.max(textSize, html ? byteSize(html) : 0)), field: "record-paste" }]);
    return;
  }
  clearErrors();
  $("record-paste").value = text || "（已貼上網頁表格）";
  setRecord(htmlOk ? { kind: "html", text: html, label: "貼上的表格" } : { kind: "text", text, label: "貼上的文字" });
}

function onType() {
  const text = $("record-paste").value;
  setRecord(text.trim() ? { kind: "text", text, label: "貼上的文字" } : null);
}

// A file's bytes as base64 (the browser's own encoder: a data: URL without its header).
function base64Of(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result.slice(reader.result.indexOf(",") + 1));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function onFile() {
  reading = readFile();
}

function refuseFile(message) {
  fileProblem = { message, field: "record-file" };
  showErrors([fileProblem]);
}

async function readFile() {
  const file = $("record-file").files[0];
  if (!file) return;
  if (file.size > plan.maxRecordBytes) {
    refuseFile(`「${file.name}」${tooBigMessage(file.size)}`);
    return;
  }
  clearErrors();
  setRecord({ kind: "file", base64: await base64Of(file), name: file.name, label: `檔案「${file.name}」` });
}

// -- the rows ---------------------------------------------------------------------------------
// course: the catalogue course the rules matched the row to ("" for none); matched keeps it, so that a
// different course picked later is sent as the person's choice (chosen_course).
function rowFromRecord(row, course, how, note) {
  return {
    id: nextRowId++, origin: "record", line: row.line, no: row.no, recordName: row.name, code: row.code,
    course, matched: course, how, note, start: row.start, end: row.end, status: row.status, creditHours: row.credit_hours,
    uploadStatus: row.upload_status, uploadTime: row.upload_time, edited: false,
  };
}

const HOW = { code: "依課程代碼對應", name: "依課程名稱對應", alias: "依課程別名對應", chosen: "您選擇的課程" };

// The rows the rules found: each course's row, and every row that matched nothing (a near match only
// suggests a course: the person may pick it). A row's warning (a near match, a code and name that
// disagree) is its note.
function rowsFromAnswer(answer) {
  const warningAt = (line) => answer.warnings.find((w) => w.rule.startsWith("match.") && w.message.includes(`第 ${line} 列`));
  const rows = answer.courses.filter((c) => c.row).map((c) => {
    const warning = warningAt(c.row.line);
    return { ...rowFromRecord(c.row, c.name, c.match, warning ? warning.message : HOW[c.match] || ""), warned: Boolean(warning) };
  });
  answer.unmatched_rows.forEach((row) => {
    const warning = warningAt(row.line);
    const how = (row.suggestions || []).length ? "similar" : "unmatched";
    rows.push(rowFromRecord(row, "", how, warning ? warning.message : "不是本計畫的課程，沒有列入計算。"));
  });
  // A row the rules could not read (a date that does not exist, an end before its start): kept, with the
  // course its code or name names, for the person to fix or remove here.
  (answer.record_problems || []).forEach((problem) => {
    const course = plan.courses.find((c) => problem.code && c.code === problem.code) || plan.course(problem.name);
    rows.push({ ...rowFromRecord({ ...problem, start: "", end: "" }, course ? course.name : "", "problem", ""),
      problem: `${problem.message}。請改正開始與結束時間，或移除這一列。`, edited: true });
  });
  return rows.sort((a, b) => a.line - b.line);
}

// A confirmed row as rules_py takes it: a record row keeps its own name and code, and a catalogue course
// picked for it other than the one the rules matched goes as chosen_course (the result then says the person
// chose it); a row added by hand is the catalogue course itself.
function rowForRules(row, i) {
  const course = row.course ? plan.course(row.course) : null;
  const hand = row.origin === "hand";
  const chosen = course && !hand && row.course !== row.matched;
  return {
    line: i + 1, no: row.no || String(i + 1), name: hand ? course.name : row.recordName,
    code: hand ? course.code : row.code, start: row.start, end: row.end, status: row.status,
    upload_status: row.uploadStatus || "", upload_time: row.uploadTime || "", credit_hours: row.creditHours,
    ...(chosen ? { chosen_course: course.code || course.name } : {}),
  };
}

// What the rules should read: the record as given when nothing was changed, else the confirmed rows.
export function inputForRules() {
  const changed = state.rows.some((row) => row.edited || row.origin === "hand") || (state.parsed && state.rows.length !== state.parsedCount);
  if (state.parsed && !changed) return recordInput(state.parsed);
  return state.rows.length ? { rows: state.rows.map(rowForRules) } : null;
}

function courseSelect(id, label, value) {
  const select = el("select", { id, "aria-label": label });
  select.append(el("option", { value: "", text: "（不是計畫課程，不列入計算）" }));
  plan.bundles.forEach((bundle) => {
    const group = el("optgroup", { label: bundle.name });
    bundle.courses.forEach((course) => group.append(el("option", { value: course.name, text: `${course.name}（${course.hours} 小時）` })));
    select.append(group);
  });
  select.value = value;
  return select;
}

function statusSelect(id, label, value) {
  const select = el("select", { id, "aria-label": label });
  new Set([plan.passedStatus, NOT_PASSED, value].filter(Boolean)).forEach((status) => select.append(el("option", { value: status, text: status })));
  select.value = value || plan.passedStatus;
  return select;
}

// A date-time as the field shows it: to the minute when the seconds are :00 (the platform's usual), so that
// no field shows 08:00:00; a row read with other seconds keeps them.
const fieldMoment = (iso) => (iso && iso.length === 19 && iso.endsWith(":00") ? iso.slice(0, 16) : iso || "");
const fullMoment = (value) => (value.length === 16 ? `${value}:00` : value);

// Why a row needs a look: its note is a warning (a near match, not a catalogue course, a code and name that
// disagree), it counts as no course, it was added by hand, or its dates cannot be right for the plan.
const warnedRow = (row) => row.warned || row.how === "similar" || row.how === "unmatched";
const needsLook = (row) => warnedRow(row) || !row.course || row.problem || row.origin === "hand" || dateProblems(row, plan).length > 0;

function noteCell(row, label) {
  const dates = row.problem && !(row.start && row.end) ? [row.problem] : dateProblems(row, plan);
  const warning = warnedRow(row) || dates.length > 0;
  const td = el("td", { class: warning ? "note note--warning" : "note", dataset: { label } });
  td.replaceChildren(...(row.note ? [el("span", { text: row.note })] : []),
    ...dates.map((text) => el("span", { class: "note__date", dataset: { dateProblem: "" }, text })));
  return td;
}

function edit(row, key, refresh) {
  return (event) => {
    row[key] = key === "start" || key === "end" ? fullMoment(event.target.value) : event.target.value;
    row.edited = true;
    if (refresh) refresh();
    document.dispatchEvent(new CustomEvent("checker:changed"));
  };
}

function renderRows() {
  const body = $("record-rows-body");
  // A card on a phone names each cell by its column (checker.css), from the table's own header.
  const labels = [...document.querySelectorAll(".record-table thead th")].map((th) => th.textContent);
  const cell = (i, content) => el("td", { dataset: { label: labels[i] } }, content);
  body.replaceChildren();
  state.rows.forEach((row, i) => {
    const where = row.origin === "hand" ? `自行新增的第 ${i + 1} 列` : `第 ${row.line} 列`;
    const course = courseSelect(`row-${i}-course`, `${where}的對應課程`, row.course);
    course.addEventListener("change", edit(row, "course"));
    const tr = el("tr", { dataset: { how: row.how, origin: row.origin } });
    // A date changed here is checked again at once: its cell says what is wrong, or no longer.
    const refresh = () => { tr.querySelector(".note").replaceWith(noteCell(row, labels[5])); };
    const moment = (part, label) => {
      const input = el("input", { type: "datetime-local", id: `row-${i}-${part}`, "aria-label": `${where}的${label}`, value: fieldMoment(row[part]) });
      input.addEventListener("change", edit(row, part, refresh));
      return el("span", { class: "period__part" }, [el("span", { class: "period__label", "aria-hidden": "true", text: label.slice(0, 2) }), input]);
    };
    const status = statusSelect(`row-${i}-status`, `${where}的通過狀態`, row.status);
    status.addEventListener("change", edit(row, "status"));
    const remove = el("button", { type: "button", class: "link-button" }, ["移除", hiddenText(where)]);
    remove.addEventListener("click", () => {
      state.rows.splice(i, 1);
      renderRows();
      document.dispatchEvent(new CustomEvent("checker:changed"));
      $("record-rows-title").focus();
    });
    tr.hidden = !showAll && !needsLook(row);
    tr.append(
      cell(0, row.origin === "hand" ? "自行新增" : String(row.line)),
      cell(1, row.recordName),
      cell(2, course), cell(3, [moment("start", "開始時間"), moment("end", "結束時間")]), cell(4, status),
      noteCell(row, labels[5]),
      el("td", {}, remove),
    );
    body.append(tr);
  });
  renderSummary();
  $("record-rows").hidden = state.rows.length === 0;
  // One primary action per state: 讀取紀錄 until there are rows to confirm, then 繼續.
  $("record-read").classList.toggle("button--secondary", state.rows.length > 0);
  $("record-continue").classList.toggle("button--secondary", state.rows.length === 0);
}

// One sentence for the whole record, then what the rows shown are; 檢視全部 N 列 shows the rest.
function renderSummary() {
  const rows = state.rows;
  const look = rows.filter(needsLook).length;
  const matched = rows.filter((r) => r.course).length;
  const unmatched = rows.length - matched;
  const similar = rows.filter((r) => r.how === "similar" && !r.course).length;
  const others = state.otherLines || [];
  $("record-rows-summary").textContent = `共 ${rows.length} 列：${matched} 列對應到計畫課程` +
    (unmatched ? `，${unmatched} 列不是計畫課程，不列入計算` : "") +
    (similar ? `（其中 ${similar} 列與計畫課程名稱相近，如確為同一門，請選擇該課程）` : "") + "。" +
    (others.length ? `第 ${others.join("、")} 列是同一門課程的其他紀錄（例如重修或未通過），每門課程採用對您最有利的一列。` : "") +
    (look ? `下面 ${look} 列需要您看一下，可直接修改或移除。` : "每一列都沒有需要確認的地方。");
  const toggle = $("record-show-all");
  toggle.hidden = look === rows.length;
  toggle.setAttribute("aria-expanded", String(showAll));
  toggle.textContent = showAll ? "只顯示需要確認的列" : `檢視全部 ${rows.length} 列`;
  $("record-table-wrap").hidden = !showAll && look === 0;
}

// Reads the given record with the rules; resolves true when the table is shown.
async function readRecord() {
  if (!state.record) return false;
  const record = state.record;
  $("record-wait").hidden = $("checker-status").dataset.state !== "loading";
  const answer = await check({ ...recordInput(record), partial_record: true }, {}, plan.id);
  $("record-wait").hidden = true;
  if (answer.error) {
    showErrors([{ message: `${record.label}：${answer.error.message}`, field: fieldOfRecord() }]);
    return false;
  }
  const hand = state.rows.filter((row) => row.origin === "hand");
  const rows = rowsFromAnswer(answer);
  // The rules list each course's chosen row and every unmatched row; the other lines are further rows of
  // a course (retakes, failed attempts), said as such.
  const lines = new Set(rows.map((r) => r.line));
  state.otherLines = Array.from({ length: Math.max(0, ...lines) }, (_, i) => i + 1).filter((line) => !lines.has(line));
  state.rows = rows.concat(hand);
  state.parsed = record;
  showAll = false;
  state.parsedCount = state.rows.length;
  clearErrors();
  renderRows();
  return true;
}

function addHandRow() {
  const course = $("hand-course").value;
  const start = $("hand-start").value;
  const end = $("hand-end").value;
  const errors = [];
  if (!course) errors.push({ message: "請選擇課程", field: "hand-course" });
  if (!start) errors.push({ message: "請填寫開始時間", field: "hand-start" });
  if (!end) errors.push({ message: "請填寫結束時間", field: "hand-end" });
  if (start && end && end <= start) errors.push({ message: "結束時間應晚於開始時間", field: "hand-end" });
  if (errors.length) {
    showErrors(errors);
    return;
  }
  clearErrors();
  state.rows.push({
    id: nextRowId++, origin: "hand", line: 0, no: "", recordName: "（自行新增）", code: null, course, how: "hand",
    note: "自行新增", start: fullMoment(start), end: fullMoment(end), status: $("hand-status").value, creditHours: null,
    uploadStatus: $("hand-upload").checked ? plan.uploadSuccess : "", uploadTime: "", edited: true,
  });
  ["hand-course", "hand-start", "hand-end"].forEach((id) => { $(id).value = ""; });
  $("hand-upload").checked = false;
  renderRows();
  document.dispatchEvent(new CustomEvent("checker:changed"));
  $("record-rows-title").focus();
}

// Continue: read a new record first (the person then confirms the table), else go on when rows exist.
export async function recordReady() {
  await reading;
  if (fileProblem) {
    showErrors([fileProblem]);
    return "error";
  }
  if (state.record && state.parsed !== state.record) {
    return (await readRecord()) ? "shown" : "error";
  }
  if (!state.rows.length) {
    showErrors([{ message: "請貼上學習紀錄、上傳檔案，或自行新增至少一門課程。", field: "record-paste" }]);
    return "error";
  }
  // A row still without a possible period (one the rules could not read, or changed since) is fixed or
  // removed before the check, where it stands.
  const unfinished = state.rows.map((row, i) => ({ row, i })).filter(({ row }) => !row.start || !row.end || row.end < row.start);
  if (unfinished.length) {
    // A row the rules could not read says what they found wrong (the date that does not exist).
    showErrors(unfinished.map(({ row, i }) => ({
      message: row.problem && !(row.start && row.end) ? row.problem
        : `${row.origin === "hand" ? `自行新增的第 ${i + 1} 列` : `第 ${row.line} 列`}「${row.recordName}」：請填寫正確的開始與結束時間，或移除這一列`,
      field: `row-${i}-${row.start ? "end" : "start"}`,
    })));
    return "error";
  }
  return "ok";
}

export function setRows(rows) {
  // An import from before `matched` was kept: the course it shows is the one the rules matched.
  state.rows = rows.map((row) => ({ matched: row.course, ...row, id: nextRowId++ }));
  renderRows();
}

export function rowSummary() {
  return `${state.rows.filter((r) => r.course).length} 門計畫課程` +
    (state.rows.some((r) => !r.course) ? `，另有 ${state.rows.filter((r) => !r.course).length} 列不列入計算` : "") +
    (state.record ? `（來源：${state.record.label}）` : "（自行新增）");
}

export function describeRow(row) {
  const counted = row.course ? "" : "（不列入計算）";
  return `${row.course || row.recordName}${counted}：${shortMoment(row.start)}～${shortMoment(row.end)}，${row.status}`;
}

export function resetRecord() {
  fileProblem = null;
  state.otherLines = [];
  state.record = null;
  state.parsed = null;
  state.rows = [];
  $("record-paste").value = "";
  $("record-file").value = "";
  renderRows();
}

export function initRecordStep(planView) {
  plan = planView;
  $("hand-course").replaceWith(courseSelect("hand-course", null, ""));
  $("hand-course").removeAttribute("aria-label");
  $("hand-course").options[0].textContent = "請選擇課程";
  const status = statusSelect("hand-status", null, plan.passedStatus);
  status.removeAttribute("aria-label");
  $("hand-status").replaceWith(status);
  $("record-paste").addEventListener("paste", onPaste);
  $("record-paste").addEventListener("input", onType);
  $("record-file").addEventListener("change", onFile);
  $("hand-add").addEventListener("click", addHandRow);
  $("record-show-all").addEventListener("click", () => {
    showAll = !showAll;
    renderRows();
  });
  $("record-read").addEventListener("click", async () => {
    await reading;
    if (!state.record) {
      showErrors([{ message: "請先貼上學習紀錄或選擇檔案。", field: "record-paste" }]);
      return;
    }
    if (await readRecord()) $("record-rows-title").focus();
  });
}
