// One batch worker: rules_py (and, for the first worker, the spreadsheet libraries) in Pyodide, off the
// page's thread. Every file comes from this site. pool.js starts it from a blob: URL that sets
// self.RUNTIME_BASE and self.PACKAGES first. A message {id, name, args} calls rules_py.batch.page.<name>.
"use strict";
importScripts(self.RUNTIME_BASE + "pyodide.js");

const ready = (async () => {
  const pyodide = await loadPyodide({ indexURL: self.RUNTIME_BASE, packages: self.PACKAGES });
  return { pyodide, page: pyodide.pyimport("rules_py.batch.page") };
})();

ready.then(
  () => self.postMessage({ type: "ready" }),
  (error) => self.postMessage({ type: "error", message: String((error && error.message) || error) }),
);

// Python values back as plain JavaScript (dicts as objects, bytes as Uint8Array), the proxy released.
function plain(pyodide, value) {
  if (!(value instanceof pyodide.ffi.PyProxy)) return value;
  try {
    return value.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
  } finally {
    value.destroy();
  }
}

self.onmessage = async (event) => {
  const { id, name, args } = event.data;
  const { pyodide, page } = await ready;
  try {
    self.postMessage({ type: "answer", id, value: plain(pyodide, page[name](...args)) });
  } catch (error) {
    self.postMessage({ type: "answer", id, error: String((error && error.message) || error) });
  }
};
