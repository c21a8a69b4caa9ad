// Registers the site's service worker (site/sw.js, an offline copy of this build) and, on a page that
// runs the checker, asks it to keep Pyodide too, once the rules have loaded. Reading pages never do,
// so they never download Pyodide. <html data-offline="pages|checker"> says what is kept offline.
// When a new build has been stored, a notice 「網站已更新」 offers to switch to it now.

// Relative to this module (site/assets/), so it works under any path prefix.
const SCRIPT = new URL("../sw.js", import.meta.url);
let asked = false; // this tab asked for the new build: it reloads once the new worker takes over

function ask(worker, message) {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => (event.data.type === "cached" ? resolve : reject)(event.data);
    worker.postMessage(message, [channel.port2]);
  });
}

function offerUpdate(registration) {
  if (document.getElementById("site-update")) return;
  const notice = document.createElement("aside");
  notice.id = "site-update";
  notice.className = "site-update";
  notice.setAttribute("aria-labelledby", "site-update-text");
  const text = document.createElement("p");
  text.id = "site-update-text";
  text.setAttribute("role", "status");
  text.textContent = "網站已更新。重新載入後使用新版本（檢核工具裡沒有選擇記住的資料會清除）。";
  const button = document.createElement("button");
  button.type = "button";
  button.id = "site-update-reload";
  button.textContent = "立即重新載入";
  button.addEventListener("click", () => {
    asked = true;
    if (registration.waiting) registration.waiting.postMessage({ type: "skip-waiting" });
  });
  notice.append(text, button);
  document.body.append(notice);
}

// A new build is stored when its worker is installed while this page has a worker (not on a first visit).
function watchUpdates(registration) {
  const offerWhenStored = (worker) => {
    if (!worker) return;
    const check = () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(registration);
    };
    worker.addEventListener("statechange", check);
    check();
  };
  offerWhenStored(registration.waiting);
  registration.addEventListener("updatefound", () => offerWhenStored(registration.installing));
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (asked) window.location.reload();
  });
}

if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    // On a page that runs the checker, not before its rules are ready: a first visit's install downloads
    // the reading pages, which would compete with the rules' own start.
    const rules = window.RulesClient ? window.RulesClient.ready : Promise.resolve();
    rules.catch(() => {}).then(() => navigator.serviceWorker.register(SCRIPT))
      .then((registration) => {
        watchUpdates(registration);
        return navigator.serviceWorker.ready;
      })
      .then((registration) => {
        document.documentElement.dataset.offline = "pages";
        if (!window.RulesClient) return undefined;
        return window.RulesClient.ready
          .then(() => ask(registration.active, { type: "cache-runtime" }))
          .then(() => { document.documentElement.dataset.offline = "checker"; });
      })
      .catch(() => {}); // the offline copy is an extra: the site works the same without it
  });
}
