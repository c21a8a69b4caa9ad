// The batch page's workers: one per core (at most MAX_WORKERS), each running rules_py in Pyodide. The first
// also has the spreadsheet libraries (reading rosters, writing ODS/XLSX) and keeps the batch; the others only
// check. Each starts from a blob: URL so that it inherits the page's CSP (as the personal checker's worker).
const MAX_WORKERS = 4;
const SPREADSHEETS = ["odfpy", "defusedxml", "openpyxl", "et-xmlfile", "xlsxwriter"];
const runtimeBase = new URL("../pyodide/", import.meta.url).href;
const workerUrl = new URL("batch-worker.js", import.meta.url).href;

function start(packages) {
  const boot = `self.RUNTIME_BASE = ${JSON.stringify(runtimeBase)};\nself.PACKAGES = ${JSON.stringify(packages)};\n` +
    `importScripts(${JSON.stringify(workerUrl)});`;
  const worker = new Worker(URL.createObjectURL(new Blob([boot], { type: "text/javascript" })));
  const pending = new Map();
  let nextId = 1;
  const ready = new Promise((resolve, reject) => {
    worker.onmessage = (event) => {
      const message = event.data;
      if (message.type === "ready") resolve();
      else if (message.type === "error") reject(new Error(message.message));
      else if (message.type === "answer") {
        const { resolve: done, reject: fail } = pending.get(message.id);
        pending.delete(message.id);
        if ("error" in message) fail(new Error(message.error));
        else done(message.value);
      }
    };
    worker.onerror = (event) => reject(new Error(event.message || "worker"));
  });
  ready.catch(() => {});
  return {
    ready,
    // Calls rules_py.batch.page.<name>(...args) in this worker; transfer: ArrayBuffers to hand over.
    call(name, args = [], transfer = []) {
      return ready.then(() => new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, name, args }, transfer);
      }));
    },
  };
}

export const supported = typeof WebAssembly === "object" && typeof Worker === "function";

export function startPool() {
  const count = Math.max(1, Math.min(navigator.hardwareConcurrency || 2, MAX_WORKERS));
  const main = start(["rules-py", ...SPREADSHEETS]);
  const helpers = Array.from({ length: count - 1 }, () => start(["rules-py"]));
  return { main, workers: [main, ...helpers], ready: main.ready };
}
