// Starts the rules worker (worker.js: rules_py in Pyodide) and talks to it by promises. Any page that runs
// rules_py uses this module (the checker through rules.js). One call per worker:
//
//   import { startRules } from "../checker/rules-client.js";
//   const rules = startRules({ packages: ["odfpy", "openpyxl"] });
//   const answer = await rules.call("rules_py.batch.page", "check_roster", [bytes], [bytes.buffer]);
//
// options:
//   packages  extra wheels to load beside rules_py, by their names in the site's pyodide/pyodide-lock.json
//             (add them at build time with pyodide_lock's add_wheels_to_spec, as pipeline/runtime.py does).
//   snapshot  start from the build's memory snapshot, pyodide/rules-snapshot.bin (default true): Python
//             already booted, rules_py imported and warmed (pipeline/snapshot.py). If it cannot be used
//             (missing, damaged, another build) the worker starts the ordinary way; the answers are the same.
// Several workers (startRules called more than once, e.g. one per core) share the page's one compile of
// Pyodide's WebAssembly; each restores its own interpreter.
// returns {supported, packages, ready, installed, onProgress(listener), call(module, name, args, transfer),
//          callEarly(module, name, args, transfer), check(request)}:
//   supported  false when this browser has no WebAssembly or no workers (ready then rejects);
//   packages   the extra wheels' names, as given (the service worker keeps them offline with the runtime);
//   ready      resolves with {version, plans: [plan ids], start: "snapshot" | "fresh"};
//   installed  resolves once the extra wheels are installed too (after ready, on a start from the snapshot);
//              rejects naming a wheel that could not be fetched;
//   onProgress listener gets {stage: "compiled"} (the page compiled Pyodide's WebAssembly), {stage: "runtime"}
//              (the worker loaded Pyodide's script), {stage: "rules"} (fresh start: Python booted, warming);
//   call       resolves with module.name(...args) as run in the worker once the extra wheels are installed
//              (awaited when it returns an awaitable; Python values converted to JS, bytes to a Uint8Array);
//              rejects with its error text; transfer: ArrayBuffers among args to hand over rather than copy;
//   callEarly  the same, without waiting for the extra wheels: for a function that uses rules_py alone;
//   check      callEarly("rules_py", "check_json", [request]): request is check_json's JSON text, and so is
//              the answer.
//
// The worker is created from a blob: URL so that it inherits this page's CSP (a worker loaded from its own
// URL would run under no policy on a plain static server); the blob only imports worker.js from this site.
// The page compiles Pyodide's WebAssembly and posts it to the worker (see worker.js's useCompiled).
const HERE = import.meta.url;
const SNAPSHOT = "rules-snapshot.bin";

// Compiled here, where the browser caches compiled WebAssembly for the next visit (not in a worker), once
// per page however many workers start.
let compiling = null;

function compiledRuntime(indexURL) {
  const wasm = indexURL + "pyodide.asm.wasm";
  compiling ??= WebAssembly.compileStreaming(fetch(wasm))
    // Served without Content-Type application/wasm, which streaming needs: compiled from the bytes.
    .catch(() => fetch(wasm).then((response) => response.arrayBuffer()).then((bytes) => WebAssembly.compile(bytes)))
    .catch(() => null);  // then Pyodide fetches and compiles it itself, in the worker
  return compiling;
}

export function startRules({ packages = [], snapshot = true } = {}) {
  const supported = typeof WebAssembly === "object" && typeof Worker === "function";
  const listeners = new Set();
  const pending = new Map();
  let nextId = 1;
  let worker = null;
  let whenInstalled = null;
  let whenPosted = null;
  const posted = new Promise((resolve) => { whenPosted = resolve; });
  const installed = new Promise((resolve, reject) => { whenInstalled = { resolve, reject }; });
  installed.catch(() => {});
  const emit = (event) => listeners.forEach((listener) => listener(event));

  const ready = new Promise((resolve, reject) => {
    if (!supported) {
      reject(new Error("unsupported"));
      return;
    }
    const indexURL = new URL("../pyodide/", HERE).href;
    const options = {
      indexURL,
      packages: ["rules-py", ...packages],
      snapshotURL: snapshot ? indexURL + SNAPSHOT : null,
    };
    const boot = `import { start } from ${JSON.stringify(new URL("worker.js", HERE).href)};\n` +
      `start(${JSON.stringify(options)});`;
    worker = new Worker(URL.createObjectURL(new Blob([boot], { type: "text/javascript" })), { type: "module" });
    worker.onmessage = (event) => {
      const message = event.data;
      if (message.type === "progress") emit(message);
      else if (message.type === "ready") resolve(message);
      else if (message.type === "error") reject(new Error(message.message));
      else if (message.type === "installed") {
        if ("error" in message) whenInstalled.reject(new Error(message.error));
        else whenInstalled.resolve();
      }
      else if (message.type === "result") {
        const { resolve: answer, reject: fail } = pending.get(message.id);
        pending.delete(message.id);
        if ("error" in message) fail(new Error(message.error));
        else answer(message.value);
      }
    };
    worker.onerror = (event) => reject(new Error(event.message || "worker"));
    compiledRuntime(indexURL).then((module) => {
      worker.postMessage({ module });
      whenPosted();
      emit({ type: "progress", stage: "compiled" });
    });
  });
  ready.catch((error) => whenInstalled.reject(error));

  // A call is posted as soon as the worker has its runtime (its first message), not only once it is ready: the
  // worker answers it the moment its rules are, before the background warm-up's first round.
  function send(early, module, name, args, transfer) {
    return new Promise((resolve, reject) => {
      ready.catch(reject);
      posted.then(() => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: "call", id, module, name, args, early }, transfer);
      });
    });
  }

  const call = (module, name, args = [], transfer = []) => send(false, module, name, args, transfer);
  const callEarly = (module, name, args = [], transfer = []) => send(true, module, name, args, transfer);

  return {
    supported,
    packages,
    ready,
    installed,
    onProgress(listener) {
      listeners.add(listener);
    },
    call,
    callEarly,
    check: (request) => callEarly("rules_py", "check_json", [request]),
  };
}
