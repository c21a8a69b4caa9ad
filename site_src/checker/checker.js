// The checker page: starts the rules worker once and shows what it answers.
(function () {
  "use strict";
  const status = document.getElementById("checker-status");
  if (!status || window.checkerWorker) return;

  function show(state, text) {
    status.dataset.state = state;
    status.replaceChildren(Object.assign(document.createElement("p"), { textContent: text }));
  }

  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    show("error", "您的瀏覽器不支援 WebAssembly 或 Web Worker，無法執行檢核。請改用新版的 Edge、Chrome、Firefox 或 Safari。");
    return;
  }

  const worker = new Worker(new URL("worker.js", document.currentScript.src));
  window.checkerWorker = worker;
  worker.onmessage = (event) => {
    const message = event.data;
    if (message.type === "ready") {
      status.dataset.plans = message.plans.join(" ");
      status.dataset.version = message.version;
      show("ready", `檢核規則已就緒：計畫 ${message.plans.join("、")}，規則版本 ${message.version}。`);
    } else if (message.type === "error") {
      show("error", `檢核規則無法載入：${message.message}`);
    }
  };
  worker.onerror = () => show("error", "檢核規則無法載入，請重新整理頁面再試一次。");
})();
