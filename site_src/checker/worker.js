// Runs rules_py in Pyodide, off the page's thread. Every file comes from this site.
// Loaded by rules-client.js, which sets self.RUNTIME_BASE.
"use strict";
importScripts(self.RUNTIME_BASE + "pyodide.js");
self.postMessage({ type: "progress", stage: "runtime" });

const rulesReady = (async () => {
  // `packages` lets Pyodide fetch our wheel in parallel with the runtime.
  const pyodide = await loadPyodide({ indexURL: self.RUNTIME_BASE, packages: ["rules-py"] });
  self.postMessage({ type: "progress", stage: "rules" });
  return pyodide.pyimport("rules_py");
})();

rulesReady.then(
  (rules) => {
    const plans = rules.load_plans();
    self.postMessage({ type: "ready", version: rules.__version__, plans: [...plans.keys()] });
    plans.destroy();
  },
  (error) => self.postMessage({ type: "error", message: String((error && error.message) || error) }),
);

// check_json answers every bad input with {"error": ...}; anything else escaping it is a fault of ours,
// answered the same way so that the page shows a message instead of waiting forever.
const UNEXPECTED = JSON.stringify({ error: { message: "檢核時發生未預期的錯誤，請重新整理頁面再試一次；若仍發生，請把學習紀錄存成 CSV 後告訴我們。", where: null } });

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type !== "check") return;
  const rules = await rulesReady;
  let response;
  try {
    response = rules.check_json(message.request);
  } catch (error) {
    response = UNEXPECTED;
  }
  self.postMessage({ type: "result", id: message.id, response });
};
