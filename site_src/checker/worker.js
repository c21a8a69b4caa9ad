// Runs rules_py in Pyodide, off the page's thread. Everything is fetched from this site.
"use strict";
const runtimeBase = new URL("../pyodide/", self.location.href).href;
importScripts(runtimeBase + "pyodide.js");

const ready = (async () => {
  // `packages` lets Pyodide fetch our wheel in parallel with the runtime.
  const pyodide = await loadPyodide({ indexURL: runtimeBase, packages: ["rules-py"] });
  return pyodide.pyimport("rules_py");
})();

ready.then(
  (rules) => {
    const plans = rules.load_plans();
    self.postMessage({ type: "ready", version: rules.__version__, plans: [...plans.keys()] });
    plans.destroy();
  },
  (error) => self.postMessage({ type: "error", message: String(error && error.message || error) }),
);
