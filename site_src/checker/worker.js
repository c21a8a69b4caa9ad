// Runs rules_py in Pyodide, off the page's thread. Every file comes from this site.
// Loaded by rules-client.js, which sets self.RUNTIME_BASE.
"use strict";
importScripts(self.RUNTIME_BASE + "pyodide.js");
self.postMessage({ type: "progress", stage: "runtime" });

let pyodide = null;
const rulesReady = (async () => {
  // `packages` lets Pyodide fetch our wheel in parallel with the runtime.
  pyodide = await loadPyodide({ indexURL: self.RUNTIME_BASE, packages: ["rules-py"] });
  self.postMessage({ type: "progress", stage: "rules" });
  const rules = pyodide.pyimport("rules_py");
  // A person's first check would otherwise pay for importing the record parsers and preparing the
  // plan (~4x a warm check): two tiny requests (an empty record, no rows) pay it now, before "ready".
  try {
    rules.check_json('{"record": ""}');
    rules.check_json('{"rows": []}');
  } catch (error) {
    // Only a speed-up: the rules still load, and a real fault shows on the person's own check.
  }
  return rules;
})();

rulesReady.then(
  (rules) => {
    const plans = rules.load_plans();
    self.postMessage({ type: "ready", version: rules.__version__, plans: [...plans.keys()] });
    plans.destroy();
  },
  (error) => self.postMessage({ type: "error", message: String((error && error.message) || error) }),
);

// {type: "call", id, module, name, args} -> {type: "result", id, value} or {type: "result", id, error}:
// module.name(...args) run here (awaited when it returns an awaitable; bytes come back as a Uint8Array),
// the same message as the snapshot-started worker's.
self.onmessage = async (event) => {
  const { type, id, module, name, args } = event.data;
  if (type !== "call") return;
  await rulesReady;
  try {
    let value = await pyodide.pyimport(module)[name](...args);
    if (value && typeof value.toJs === "function") {
      const proxy = value;
      value = proxy.toJs({ dict_converter: Object.fromEntries });
      proxy.destroy();
    }
    self.postMessage({ type: "result", id, value }, ArrayBuffer.isView(value) ? [value.buffer] : []);
  } catch (error) {
    self.postMessage({ type: "result", id, error: String((error && error.message) || error) });
  }
};
