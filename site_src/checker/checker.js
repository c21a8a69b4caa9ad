// The checker page: shows whether the rules are ready (the checker flow grows here).
(function () {
  "use strict";
  const status = document.getElementById("checker-status");
  if (!status) return;

  function show(state, text) {
    status.dataset.state = state;
    status.replaceChildren(Object.assign(document.createElement("p"), { textContent: text }));
  }

  if (!window.RulesClient.supported) {
    show("error", "您的瀏覽器不支援 WebAssembly 或 Web Worker，無法執行檢核。請改用新版的 Edge、Chrome、Firefox 或 Safari。");
    return;
  }
  window.RulesClient.ready.then(
    (info) => {
      status.dataset.plans = info.plans.join(" ");
      status.dataset.version = info.version;
      show("ready", `檢核規則已就緒：計畫 ${info.plans.join("、")}，規則版本 ${info.version}。`);
    },
    (error) => show("error", `檢核規則無法載入（${error.message}），請重新整理頁面再試一次。`),
  );
})();
