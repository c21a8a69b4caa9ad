// Choosing the files: many at once, a whole folder (webkitdirectory, or dropped), a .zip, and the roster.
// Each chosen file is {name, file}: a folder's files are named by their path from the folder, as the CLI
// names them. Nothing is read here; the files are read when the check starts.
import { $, el } from "../checker/dom.js";

export const chosen = { files: [], roster: null, attendance: null };
let onChange = () => {};
let usable = null;  // names -> Promise<[bool]>: which files the check will use (the worker's answer), once ready
let said = 0;       // the latest summary asked for (an older answer arriving late is dropped)

function add(entries) {
  const known = new Set(chosen.files.map((f) => f.name));
  entries.filter((e) => !known.has(e.name)).forEach((e) => chosen.files.push(e));
  changed();
}

export function setRoster(entry) {
  chosen.roster = entry;
  changed();
}

export function setUsable(judge) {
  usable = judge;
  changed();
}

function summary(count, skipped) {
  const { files, roster, attendance } = chosen;
  if (!files.length && !roster && !attendance) return "尚未選擇任何檔案。";
  return `已選擇 ${count} 個檔案${skipped ? `（另有 ${skipped} 個系統產生的檔案，檢核時略過）` : ""}`
    + `${roster ? `，名冊「${roster.name}」` : "，沒有名冊"}${attendance ? `，差勤資料「${attendance.name}」` : ""}。`;
}

async function count() {
  const asked = ++said;
  const names = chosen.files.map((f) => f.name);
  const used = (await usable(names)).filter(Boolean).length;
  if (asked === said) $("batch-chosen-summary").textContent = summary(used, names.length - used);
}

function changed() {
  const { files } = chosen;
  $("batch-chosen-summary").textContent = summary(files.length, 0);
  if (usable && files.length) count().catch(() => {});
  const shown = files.slice(0, 200).map((f) => el("li", { text: f.name }));
  if (files.length > 200) shown.push(el("li", { text: `……還有 ${files.length - 200} 個檔案` }));
  $("batch-chosen-list").replaceChildren(...shown);
  onChange();
}

export function clearChosen() {
  chosen.files = [];
  chosen.roster = null;
  chosen.attendance = null;
  ["batch-files", "batch-folder", "batch-roster", "batch-attendance"].forEach((id) => { $(id).value = ""; });
  changed();
}

// A dropped folder's files, depth first (the File System Entry API; readEntries gives at most 100 at a time).
async function entryFiles(entry, path) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    return [{ name: path + entry.name, file }];
  }
  const reader = entry.createReader();
  const children = [];
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) break;
    children.push(...batch);
  }
  const nested = await Promise.all(children.map((child) => entryFiles(child, `${path}${entry.name}/`)));
  return nested.flat();
}

async function dropped(event) {
  event.preventDefault();
  delete $("batch-drop").dataset.over;
  const items = [...event.dataTransfer.items].filter((item) => item.kind === "file");
  const entries = items.map((item) => (item.webkitGetAsEntry ? item.webkitGetAsEntry() : null));
  if (entries.every(Boolean)) {
    add((await Promise.all(entries.map((entry) => entryFiles(entry, "")))).flat());
  } else {
    add([...event.dataTransfer.files].map((file) => ({ name: file.name, file })));
  }
}

export function initChoose(changedCallback) {
  onChange = changedCallback;
  $("batch-files").addEventListener("change", () => add([...$("batch-files").files].map((file) => ({ name: file.name, file }))));
  $("batch-folder").addEventListener("change", () => add([...$("batch-folder").files].map((file) => ({
    name: file.webkitRelativePath || file.name, file,
  }))));
  $("batch-roster").addEventListener("change", () => {
    const file = $("batch-roster").files[0];
    if (file) setRoster({ name: file.name, file });
  });
  $("batch-attendance").addEventListener("change", () => {
    const file = $("batch-attendance").files[0];
    chosen.attendance = file ? { name: file.name, file } : null;
    changed();
  });
  const zone = $("batch-drop");
  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.dataset.over = "true"; });
  zone.addEventListener("dragleave", () => { delete zone.dataset.over; });
  zone.addEventListener("drop", dropped);
  $("batch-reset").addEventListener("click", clearChosen);
}
