// Starts the rules worker once per page load and talks to it by promises.
// The worker is created from a blob: URL so that it inherits this page's CSP
// (a worker loaded from its own URL would run under no policy on a plain static server).
(function () {
  "use strict";
  if (window.RulesClient) return;

  const here = document.currentScript.src;
  const supported = typeof WebAssembly === "object" && typeof Worker === "function";
  const listeners = new Set();
  const pending = new Map();
  let nextId = 1;
  let worker = null;

  function emit(event) {
    listeners.forEach((listener) => listener(event));
  }

  const ready = new Promise((resolve, reject) => {
    if (!supported) {
      reject(new Error("unsupported"));
      return;
    }
    const boot = `self.RUNTIME_BASE = ${JSON.stringify(new URL("../pyodide/", here).href)};\n` +
      `importScripts(${JSON.stringify(new URL("worker.js", here).href)});`;
    worker = new Worker(URL.createObjectURL(new Blob([boot], { type: "text/javascript" })));
    worker.onmessage = (event) => {
      const message = event.data;
      if (message.type === "progress") emit(message);
      else if (message.type === "ready") resolve(message);
      else if (message.type === "error") reject(new Error(message.message));
      else if (message.type === "result") {
        const { resolve: answer, reject: fail } = pending.get(message.id);
        pending.delete(message.id);
        if ("error" in message) fail(new Error(message.error));
        else answer(message.value);
      }
    };
    worker.onerror = (event) => reject(new Error(event.message || "worker"));
  });
  ready.catch(() => {});

  function call(module, name, args = []) {
    return ready.then(() => new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ type: "call", id, module, name, args });
    }));
  }

  window.RulesClient = {
    supported,
    ready,
    onProgress(listener) {
      listeners.add(listener);
    },
    // module.name(...args) as run in the worker (awaited when it returns an awaitable; Python values
    // converted to JS, bytes to a Uint8Array); rejects with its error text.
    call,
    // request: the JSON text that rules_py.check_json takes; resolves with its JSON answer.
    check(request) {
      return call("rules_py", "check_json", [request]);
    },
  };
})();
