// The rules' loading state, told in words (role=status) and as a progress bar; a clear message when this
// browser cannot run them at all.
import { $ } from "./dom.js";

const STAGES = { runtime: 1, rules: 2 };
const TEXT = {
  runtime: "正在準備檢核工具（第一次開啟約需數秒）…您可以先填寫資料。",
  rules: "正在載入檢核規則…您可以先填寫資料。",
};

function show(state, text) {
  const status = $("checker-status");
  status.dataset.state = state;
  status.textContent = text;
}

export function showLoading() {
  const bar = $("checker-progress");
  const client = window.RulesClient;
  if (!client || !client.supported) {
    show("error", "您的瀏覽器不支援 WebAssembly 或 Web Worker，無法執行檢核。請改用新版的 Edge、Chrome、Firefox 或 Safari。");
    bar.hidden = true;
    $("checker").hidden = true;
    return;
  }
  client.onProgress((event) => {
    if (!(event.stage in STAGES) || $("checker-status").dataset.state !== "loading") return;
    bar.value = STAGES[event.stage];
    show("loading", TEXT[event.stage]);
  });
  client.ready.then(
    (info) => {
      bar.value = bar.max;
      bar.hidden = true;
      const status = $("checker-status");
      status.dataset.plans = info.plans.join(" ");
      status.dataset.version = info.version;
      // Which plans and rules version: in data- attributes for support, not in the person's words.
      show("ready", "檢核規則已就緒，可以開始。");
    },
    (error) => {
      bar.hidden = true;
      show("error", `檢核規則無法載入（${error.message}），請重新整理頁面再試一次。`);
    },
  );
}
