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

// The filled forms as an ODT file: odfpy (and its dependency) is loaded from this site's lock only now,
// the first time someone asks. Answers the file's bytes, or {error} (a fault the page reports).
async function formsOdt(request) {
  await rulesReady;
  try {
    await pyodide.loadPackage("odfpy", { messageCallback: () => {} });
    const odt = pyodide.pyimport("rules_py.forms_odt").leave_forms_odt_json(request);
    const bytes = odt.toJs();
    odt.destroy();
    return bytes;
  } catch (error) {
    return { error: String((error && error.message) || error) };
  }
}

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === "odt") {
    self.postMessage({ type: "result", id: message.id, response: await formsOdt(message.request) });
    return;
  }
  if (message.type !== "check") return;
  const rules = await rulesReady;
  self.postMessage({ type: "result", id: message.id, response: rules.check_json(message.request) });
};
