// The worker floor: a worker that only calls loadPyodide() on the same runtime files, started as a page that keeps
// Pyodide off its thread would start it (a blob: bootstrap, at page open): what a bare Pyodide costs.
(function () {
  "use strict";
  const indexURL = new URL("../pyodide/", document.currentScript.src).href;
  const boot = `importScripts(${JSON.stringify(indexURL + "pyodide.js")});\n` +
    `loadPyodide({ indexURL: ${JSON.stringify(indexURL)} }).then(` +
    `() => self.postMessage("ready"), (e) => self.postMessage("error: " + e));`;
  const worker = new Worker(URL.createObjectURL(new Blob([boot], { type: "text/javascript" })));
  const status = document.getElementById("floor-status");
  worker.onmessage = (event) => {
    status.dataset.state = event.data === "ready" ? "ready" : "error";
    status.textContent = event.data;
    window.__floorReady = performance.now();
  };
})();
