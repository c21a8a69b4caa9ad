// The results table: one row per person (or per file that could not be checked), from the table the
// rules assembled (the same cells as the downloads). Sorting by any column, filters (only 待審, one unit,
// leave expiring within the plan's reminder window, which the rules flag); what every defaults row would say
// is said once above it, and the printout's header names the day, the unit, the summary and the filters.
// Stable hooks for tests on each row: data-person, data-leave-hours, data-reward, data-review (待審事項),
// data-leave-<bundle id> (eligible | review | ineligible), data-error, data-duplicate.
// A page of PAGE_ROWS rows at a time (上一頁／下一頁): ten thousand rows in the document took the browser's
// layout seconds at each sort or filter; a page of them, tens of milliseconds. Printing shows them all.
import { $, el, hiddenText } from "../checker/dom.js";

const ORDER = { eligible: 0, review: 1, ineligible: 2 };
const VERDICT = { eligible: "符合", review: "待審", ineligible: "不符合" };
const PAGE_ROWS = 100;
const collate = new Intl.Collator("zh-Hant").compare; // one collator: localeCompare makes one per call

let table = null;      // the assembled table (rows, people cells, header, bundles)
let sort = { column: null, descending: false };
let first = 0;         // the first shown row of the page on show
let onOpen = () => {};

function cell(index, name) {
  return table.people[index][table.header.indexOf(name)];
}

// The page's columns: label, how a row shows, how it sorts.
function columns() {
  const bundleColumns = table.bundles.map(([id, name]) => ({
    label: name,
    show: (row, i) => (row.statuses && row.statuses[id] ? verdict(row, id, i, name) : ""),
    key: (row) => (row.statuses && row.statuses[id] ? ORDER[row.statuses[id]] : 9),
  }));
  return [
    { label: "姓名", show: personCell, key: (row) => row.person },
    { label: "服務單位", show: (row) => row.unit, key: (row) => row.unit },
    { label: "人員類別", show: category, key: (row) => row.category || "" },
    ...bundleColumns,
    { label: "補休合計", show: (row) => (row.error ? "" : `${row.leave_hours} 小時${row.leave_hours_expired ? `（另 ${row.leave_hours_expired} 小時已逾期）` : ""}`), key: (row) => (row.error ? -1 : row.leave_hours) },
    { label: "嘉獎", show: (row) => (row.reward ? VERDICT[row.reward] : ""), key: (row) => (row.reward ? ORDER[row.reward] : 9) },
    { label: "待審事項", show: (row) => (row.error ? "" : String(row.review)), key: (row) => (row.error ? -1 : row.review) },
    { label: "說明", show: notes, key: (row) => (row.error ? 0 : 1) },
  ];
}

function verdict(row, id, index, name) {
  const status = row.statuses[id];
  const hours = cell(index, `${name}補休時數`);
  const expires = cell(index, `${name}補休期限`);
  return [
    el("span", { class: `verdict verdict--${status}`, text: cell(index, name) }),  // 符合（已逾期） as in the downloads
    status === "ineligible" ? "" : `，${hours} 小時`,
    expires ? el("span", { class: "file", text: `${expires} 前休畢` }) : "",
    status === "ineligible" ? el("span", { class: "why", dataset: { why: id }, text: row.why[id] }) : "",
  ];
}

// Checked with the plan's defaults (no roster row): said once above the table, marked here.
function category(row) {
  if (!row.category) return "";
  return row.defaults_note ? [row.category, el("span", { class: "file", text: "（預設）" })] : row.category;
}

function personCell(row) {
  if (row.error) return [el("span", { text: row.person })]; // nothing to open: the 說明 column says why
  return [
    el("button", { type: "button", class: "person", dataset: { open: row.id }, text: row.person }),
    row.person !== row.file ? el("span", { class: "file", text: row.file }) : "",
  ];
}

// A row that has no verdicts says so first, as an error; then its notes (not the defaults, said once above).
function notes(row) {
  const lines = row.notes.map((line) => el("span", { class: "file", text: line }));
  if (!row.error) return lines;
  return [el("span", { class: "row-error" }, [
    el("strong", { class: "row-error__label", text: row.missing ? "缺少檔案：" : "無法檢核：" }), row.error]), ...lines];
}

// 待審: what the 待審事項 column counts (verdicts awaiting the officer, warnings), the filter and the summary alike.
export function needsReview(row) {
  return !row.error && row.review > 0;
}

function shownRows() {
  const unit = $("filter-unit").value;
  let indexes = table.rows.map((_, i) => i).filter((i) => {
    const row = table.rows[i];
    return (!$("filter-review").checked || needsReview(row))
      && (!$("filter-expiring").checked || row.expiring)
      && (!unit || row.unit === unit);
  });
  if (sort.column !== null) {
    const key = columns()[sort.column].key;
    const keys = new Map(indexes.map((i) => [i, key(table.rows[i])]));
    const compare = (a, b) => {
      const x = keys.get(a);
      const y = keys.get(b);
      return (typeof x === "number" && typeof y === "number" ? x - y : collate(String(x), String(y))) || a - b;
    };
    indexes = indexes.sort((a, b) => (sort.descending ? compare(b, a) : compare(a, b)));
  }
  return indexes;
}

function renderHead() {
  const cols = columns();
  $("batch-table-head").replaceChildren(el("tr", {}, cols.map((col, i) => {
    const active = sort.column === i;
    const direction = active ? (sort.descending ? "descending" : "ascending") : null;
    return el("th", { scope: "col", "aria-sort": direction }, el("button", {
      type: "button", class: "sort", dataset: { sort: i },
      on: { click: () => { sort = { column: i, descending: active ? !sort.descending : false }; first = 0; render(); } },
    }, [col.label, hiddenText(active ? (sort.descending ? "（由大到小排序）" : "（由小到大排序）") : "（按此排序）")]));
  })));
}

function rowHooks(row) {
  const hooks = { person: row.person };
  if (row.error) hooks.error = row.error;
  if (row.duplicate) hooks.duplicate = "true";
  if (row.missing) hooks.missing = "true";
  if (!row.error) {
    hooks.leaveHours = row.leave_hours;
    hooks.reward = row.reward;
    hooks.review = row.review;
    Object.entries(row.statuses).forEach(([id, status]) => {
      hooks[`leave${id[0].toUpperCase()}${id.slice(1)}`] = status;
    });
  }
  return hooks;
}

// every: all the shown rows, not one page of them (for printing).
export function render(every = false) {
  renderHead();
  const cols = columns();
  const shown = shownRows();
  if (first >= shown.length) first = 0;
  const page = every ? shown : shown.slice(first, first + PAGE_ROWS);
  $("batch-table-body").replaceChildren(...page.map((i) => el("tr", { dataset: rowHooks(table.rows[i]) },
    cols.map((col, c) => el(c === 0 ? "th" : "td", c === 0 ? { scope: "row" } : {}, col.show(table.rows[i], i))))));
  const paged = shown.length > PAGE_ROWS;
  const range = `第 ${first + 1}–${first + page.length} 列`;
  $("batch-shown").textContent = `顯示 ${shown.length}／${table.rows.length} 列${paged ? `，這一頁是${range}` : ""}。`;
  $("batch-pages").hidden = !paged;
  $("batch-pages-range").textContent = `${range}，共 ${shown.length} 列`;
  $("batch-page-previous").disabled = first === 0;
  $("batch-page-next").disabled = first + PAGE_ROWS >= shown.length;
  printHeader(shown);
}

function turn(step) {
  first = Math.max(0, first + step * PAGE_ROWS);
  render();
  $("batch-table-wrap").focus();
}

// The printout's own lines (print only): the day judged on, the unit(s), the active filters.
function printHeader(shown) {
  const unit = $("filter-unit").value;
  const units = [...new Set(shown.map((i) => table.rows[i].unit).filter(Boolean))];
  const filters = [
    $("filter-review").checked ? "只看待審的人" : "",
    $("filter-expiring").checked ? $("filter-expiring-label").textContent : "",
    unit ? `服務單位「${unit}」` : "",
  ].filter(Boolean);
  $("batch-print-meta").replaceChildren(
    el("p", { text: `檢核日期：${table.checked_on}` }),
    el("p", { text: `服務單位：${unit || (units.length === 1 ? units[0] : `全部（${units.length} 個單位）`)}` }),
    el("p", { text: `篩選：${filters.length ? filters.join("；") : "無（全部列）"}；顯示 ${shown.length}／${table.rows.length} 列。` }),
  );
}

export function showTable(assembled, open) {
  table = assembled;
  onOpen = open;
  sort = { column: null, descending: false };
  first = 0;
  const units = [...new Set(table.rows.map((row) => row.unit).filter(Boolean))].sort((a, b) => a.localeCompare(b, "zh-Hant"));
  $("filter-unit").replaceChildren(el("option", { value: "", text: "全部單位" }), ...units.map((u) => el("option", { value: u, text: u })));
  ["filter-review", "filter-expiring"].forEach((id) => { $(id).checked = false; });
  $("filter-expiring-label").textContent = `只看 ${table.expiring_days} 天內補休到期的人`;
  $("batch-said-once").replaceChildren(...table.said_once.map((text) => el("li", { text })));
  $("batch-said-once").hidden = !table.said_once.length;
  render();
}

export function initTable() {
  ["filter-review", "filter-expiring", "filter-unit"].forEach((id) => $(id).addEventListener("change", () => {
    first = 0;
    if (table) render();
  }));
  // A printed table holds every shown row (the filters still apply); the screen goes back to its page.
  window.addEventListener("beforeprint", () => table && render(true));
  window.addEventListener("afterprint", () => table && render());
  $("batch-page-previous").addEventListener("click", () => turn(-1));
  $("batch-page-next").addEventListener("click", () => turn(1));
  $("batch-table-body").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-open]");
    if (button) onOpen(Number(button.dataset.open), button);
  });
}
