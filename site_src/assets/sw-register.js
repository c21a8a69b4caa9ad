// Registers the site's service worker (site/sw.js, an offline copy of this build) and, on a page that
// runs the checker, asks it to keep Pyodide too, once the rules have loaded. Reading pages never do,
// so they never download Pyodide. <html data-offline="pages|checker"> says what is kept offline.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) return;
  // Relative to this script (site/assets/), so it works under any path prefix.
  const script = new URL("../sw.js", document.currentScript.src);

  function ask(worker, message) {
    return new Promise((resolve, reject) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) =>
        (event.data.type === "cached" ? resolve : reject)(event.data);
      worker.postMessage(message, [channel.port2]);
    });
  }

  window.addEventListener("load", () => {
    navigator.serviceWorker.register(script)
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        document.documentElement.dataset.offline = "pages";
        if (!window.RulesClient) return undefined;
        return window.RulesClient.ready
          .then(() => ask(registration.active, { type: "cache-runtime" }))
          .then(() => { document.documentElement.dataset.offline = "checker"; });
      })
      .catch(() => {}); // the offline copy is an extra: the site works the same without it
  });
})();
