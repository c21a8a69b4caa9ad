// The main-thread floor: loadPyodide() on the page's own thread, as most Pyodide pages call it (the browser
// keeps its compiled WebAssembly for the next visit, which a worker's compile does not get).
(function () {
  "use strict";
  const status = document.getElementById("floor-status");
  const done = (state) => {
    status.dataset.state = state;
    status.textContent = state;
    window.__floorReady = performance.now();
  };
  loadPyodide({ indexURL: new URL("../pyodide/", document.currentScript.src).href })
    .then(() => done("ready"), (error) => done("error: " + error));
})();
