// The engines' floor (bench/engines.py): loadPyodide() on the page's own thread, on the same runtime files,
// nothing of the site's: what a bare Pyodide costs in this engine, read the same way in every driver.
(function () {
  "use strict";
  const status = document.getElementById("floor-status");
  loadPyodide({ indexURL: new URL("../pyodide/", location.href).href }).then(
    () => { window.__floorReady = performance.now(); status.dataset.state = "ready"; },
    (error) => { status.dataset.state = "error"; status.textContent = String(error); });
})();
