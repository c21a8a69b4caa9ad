// Keeping input: localStorage only after "在這部裝置記住我的資料", export/import as a JSON file, and
// "清除我的資料", which clears both the page and the device.
import { $ } from "./dom.js";
import { showErrors, clearErrors } from "./errors.js";
import { state } from "./state.js";
import { setRows, resetRecord } from "./record-step.js";
import { readProfile, writeProfile } from "./profile-step.js";
import { download } from "./ics.js";
import { goTo } from "./steps.js";

const KEY = "kaohsiung-elearn-checker";
const FORMAT = "kaohsiung-elearn-checker/1";
const EXPORT_NAME = "補休檢核資料";

// 補休檢核資料（王小明）.json: copies from many people stay apart in an office's folder; the name inside the
// file (who.name) is what the batch page matches on.
function exportName() {
  const name = $("who-name").value.trim().replace(/[\\/:*?"<>|]/g, "");
  return `${EXPORT_NAME}${name ? `（${name}）` : ""}.json`;
}

function snapshot() {
  const rows = state.rows.map(({ id, ...row }) => row);
  return {
    format: FORMAT,
    record: state.record,
    read: Boolean(state.record) && state.parsed === state.record,
    rows,
    profile: readProfile().profile,
    who: { unit: $("who-unit").value, name: $("who-name").value },
  };
}

function restore(data) {
  if (!data || data.format !== FORMAT || !Array.isArray(data.rows) || typeof data.profile !== "object") {
    throw new Error("這不是本工具匯出的資料檔。");
  }
  resetRecord();
  state.record = data.record || null;
  if (state.record) $("record-paste").value = state.record.kind === "text" ? state.record.text : `（${state.record.label}）`;
  setRows(data.rows);
  state.parsed = data.read ? state.record : null;
  state.parsedCount = data.read ? data.rows.length : 0;
  writeProfile(data.profile);
  $("who-unit").value = (data.who && data.who.unit) || "";
  $("who-name").value = (data.who && data.who.name) || "";
}

function say(text) {
  $("keeping-status").textContent = text;
}

function save() {
  if ($("remember").checked) localStorage.setItem(KEY, JSON.stringify(snapshot()));
}

function clearAll(onCleared) {
  localStorage.removeItem(KEY);
  $("remember").checked = false;
  resetRecord();
  writeProfile({});
  $("who-unit").value = "";
  $("who-name").value = "";
  ["hand-course", "hand-start", "hand-end", "import"].forEach((id) => { $(id).value = ""; });
  state.result = null;
  clearErrors();
  onCleared();
  say("已清除您在這個頁面與這部裝置上的資料。");
}

async function importFile() {
  const file = $("import").files[0];
  if (!file) return;
  try {
    restore(JSON.parse(await file.text()));
  } catch (error) {
    const message = error instanceof SyntaxError ? "這個檔案不是有效的 JSON 檔。" : error.message;
    showErrors([{ message: `無法匯入「${file.name}」：${message}`, field: "import" }]);
    return;
  }
  goTo("record");
  save();
  say(`已匯入「${file.name}」的資料。`);
}

// Restores what was remembered on this device, if the person had opted in.
export function initStorage(onCleared) {
  const saved = localStorage.getItem(KEY);
  if (saved) {
    try {
      restore(JSON.parse(saved));
      $("remember").checked = true;
      say("已載入您先前在這部裝置上記住的資料。");
    } catch (error) {
      localStorage.removeItem(KEY);
    }
  }
  $("remember").addEventListener("change", () => {
    if ($("remember").checked) {
      save();
      say("已在這部裝置記住您的資料；之後的修改也會記住。");
    } else {
      localStorage.removeItem(KEY);
      say("已不再記住，並刪除這部裝置上的資料。");
    }
  });
  document.addEventListener("checker:changed", save);
  ["who-unit", "who-name"].forEach((id) => $(id).addEventListener("input", save));
  $("export").addEventListener("click", () => download(exportName(), JSON.stringify(snapshot(), null, 1), "application/json"));
  $("import").addEventListener("change", importFile);
  $("clear").addEventListener("click", () => clearAll(onCleared));
}
