// The batch page: choose files -> check them in the workers (progress, cancel) -> the table, its downloads
// and each person's detailed result. The workers start at once; choosing files works while they load.
import { $, action } from "../checker/dom.js";
import { showErrors, clearErrors } from "../checker/errors.js";
import { download } from "../checker/ics.js";
import { supported, startPool } from "./pool.js";
import { chosen, initChoose, setUsable } from "./choose.js";
import { runBatch } from "./run.js";
import { initTable, needsReview, showTable } from "./people-table.js";
import { initDetail, openDetail } from "./detail.js";
import { initKeep } from "./keep.js";
import { askAttendance } from "./attendance.js";

const MIME = {
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
};
const PROGRESS_EVERY_MS = 250; // the status line is read aloud: not after every file
let pool = null;
let last = null; // {table}: the latest batch
let signal = null;

function show(state) {
  $("batch").dataset.state = state;
  $("batch-choose").hidden = state !== "choose";
  $("batch-question").hidden = state !== "question";
  $("batch-run").hidden = state !== "run";
  $("batch-results").hidden = state !== "results";
  $("batch-detail").hidden = state !== "detail";
}

function status(state, text) {
  $("batch-status").dataset.state = state;
  $("batch-status").textContent = text;
}

// The bar and the file's name at most every BAR_EVERY_MS: each change lays the page out again (and the
// browser hit-tests it again under the pointer), which ten thousand records made a cost of its own.
const BAR_EVERY_MS = 100;

function progress() {
  let said = 0;
  let drawn = -Infinity;
  return ({ done, total, current }) => {
    const now = performance.now();
    if (now - drawn < BAR_EVERY_MS && done !== total && done !== 0) return;
    drawn = now;
    $("batch-progress").max = Math.max(total, 1);
    $("batch-progress").value = done;
    $("batch-current").textContent = current ? `正在讀取：${current}` : "正在讀取檔案…";
    if (now - said > PROGRESS_EVERY_MS || done === total) {
      said = now;
      $("batch-progress-text").textContent = `已檢核 ${done}／${total} 份紀錄。`;
    }
  };
}

function summarise(table, cancelled) {
  const rows = table.rows;
  const checked = rows.filter((r) => !r.error);
  const review = checked.filter(needsReview);
  const hours = checked.reduce((sum, r) => sum + r.leave_hours, 0);
  $("batch-summary").textContent = `${cancelled ? "已取消：只檢核了部分紀錄。" : ""}共 ${rows.length} 列：已檢核 ${checked.length} 人，`
    + `無法檢核或缺少的檔案 ${rows.length - checked.length} 列，待審 ${review.length} 人，補休時數合計 ${hours} 小時。`;
}

async function start() {
  clearErrors();
  if (!chosen.files.length) {
    showErrors([{ message: "請選擇至少一個學習紀錄檔、資料夾或 .zip 檔。", field: "batch-files" }]);
    return;
  }
  // The attendance export's questions first (its columns, its unknown kinds): answered before the check.
  const attendance = chosen.attendance ? await askAttendance(pool, chosen.attendance, show) : null;
  if (chosen.attendance && !attendance) return;
  show("run");
  $("batch-progress-text").textContent = "正在準備…";
  $("batch-run-title").focus();
  signal = { cancelled: false };
  try {
    const { table, cancelled } = await runBatch(pool, chosen.files, chosen.roster, progress(), signal, attendance);
    last = { table };
    showTable(table, open);
    summarise(table, cancelled);
    show("results");
    $("batch-results-title").focus();
  } catch (error) {
    show("choose");
    showErrors([{ message: `檢核無法完成（${error.message}），請重新整理頁面再試一次。`, field: "batch-files" }]);
  }
}

// The person's whole result, checked again in the first worker (it kept the batch): the table keeps less.
async function open(id, from) {
  const row = last.table.rows.find((r) => r.id === id);
  const outcome = JSON.parse(await pool.main.call("detail", [id]));
  openDetail(outcome.result, row, from);
}

async function exportTable(fmt) {
  const bytes = await pool.main.call("export", [fmt]);
  download(`批次檢核結果.${fmt}`, bytes, MIME[fmt]);
}

async function template(fmt, which) {
  const bytes = await pool.main.call("template", [fmt, which]);
  download(`${which === "attendance" ? "差勤資料範本" : "名冊範本"}.${fmt}`, bytes, MIME[fmt]);
}

async function main() {
  if ($("batch").dataset.started) return; // one start per page
  $("batch").dataset.started = "true";
  if (!supported) {
    status("error", "您的瀏覽器不支援 WebAssembly 或 Web Worker，無法執行檢核。請改用新版的 Edge、Chrome、Firefox 或 Safari。");
    $("batch").hidden = true;
    return;
  }
  pool = startPool();
  // As the checker's: sw-register.js keeps Pyodide and this worker's spreadsheet wheels offline once ready.
  window.RulesClient = pool.main.rules;
  pool.grown.then((count) => { $("batch").dataset.workers = count; }); // how many check (the tests wait for all)
  const failed = (error) => status("error", `檢核規則無法載入（${error.message}），請重新整理頁面再試一次。`);
  pool.ready.then(
    () => {
      if ($("batch-status").dataset.state === "loading") status("ready", "檢核規則已就緒。");
      // From now on 「已選擇 N 個檔案」 counts only the files the check will use (rules_py.batch.sources).
      setUsable((names) => pool.main.callEarly("usable", [names]));
    },
    failed,
  );
  // The spreadsheet libraries come after: one that could not be fetched is said as soon as it is known.
  pool.installed.catch(failed);
  pool.installed.then(() => { $("batch").dataset.installed = "true"; }, () => {});
  initChoose(() => {});
  initTable();
  initKeep(() => {
    last = null;
    $("batch-table-body").replaceChildren();
    show("choose");
  });
  action("batch-start", start);
  $("batch-cancel").addEventListener("click", () => {
    signal.cancelled = true;
    $("batch-progress-text").textContent = "正在取消…（檢核中的那一份完成後停止）";
  });
  $("batch-again").addEventListener("click", () => {
    show("choose");
    $("batch-choose-title").focus();
  });
  $("batch-print").addEventListener("click", () => window.print());
  ["ods", "xlsx", "csv"].forEach((fmt) => action(`export-${fmt}`, () => exportTable(fmt)));
  ["ods", "xlsx"].forEach((fmt) => {
    action(`template-${fmt}`, () => template(fmt, "roster"));
    action(`attendance-template-${fmt}`, () => template(fmt, "attendance"));
  });
  show("choose");
  $("batch").dataset.ready = "true";
  await initDetail(pool.main);
}

main();
