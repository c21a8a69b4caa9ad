// The rules worker: runs rules_py (and any extra wheels) in Pyodide, off the page's thread. A module
// worker, started by rules-client.js from a blob: bootstrap (so the page's CSP binds it), which calls
// start(options); every file comes from this site. Messages in: {type: "call", id, module, name, args, early}
// (early: without waiting for the extra wheels, for a function that uses rules_py alone); out:
// {type: "progress", stage}, {type: "ready", version, plans, start}, {type: "error", message},
// {type: "installed"} or {type: "installed", error} (the extra wheels), {type: "result", id, value} or
// {type: "result", id, error}.
import { loadPyodide } from "../pyodide/pyodide.mjs";
import { warmUp } from "./rules-warm.js";
import { restoreWheel } from "./rules-wheel.js";

const post = (message, transfer = []) => self.postMessage(message, transfer);

// The build's memory snapshot (pipeline/snapshot.py): Python already booted, rules_py imported and
// warmed. Stored gzip-compressed and inflated here, so any server can send it as it is; a server that
// decoded it already (Content-Encoding) hands over the raw bytes, which are used as they come.
async function snapshotBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const reader = response.body.getReader();
  const first = await reader.read();
  const body = new ReadableStream({
    start(controller) {
      if (!first.done) controller.enqueue(first.value);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
  });
  const gzipped = !first.done && first.value[0] === 0x1f && first.value[1] === 0x8b;
  return new Uint8Array(await new Response(gzipped ? body.pipeThrough(new DecompressionStream("gzip")) : body)
    .arrayBuffer());
}

// Pyodide fetches and compiles pyodide.asm.wasm itself, and Chromium keeps no compiled-code cache for a
// worker's WebAssembly (issue 13: a repeat visit compiled it all again). The page compiles it instead
// (cached from the second visit) and posts the WebAssembly.Module: Pyodide 0.29 has no option to take
// one, so in this worker its fetch of that file and its instantiateStreaming are answered with it.
function useCompiled(module, wasmURL) {
  const fetchFile = self.fetch;
  self.fetch = (url, ...rest) => (String(url) === wasmURL ? Promise.resolve(new Response()) : fetchFile(url, ...rest));
  WebAssembly.instantiateStreaming = async (_response, imports) =>
    ({ module, instance: await WebAssembly.instantiate(module, imports) });
}

// Files that loadPyodide fetches: fetched at once instead, and its own fetch of each answered with that
// response (once; a second fetch, as in the fallback to the ordinary start, goes to the network).
// Returns url -> the response, for this worker's own reading too (see rulesWheel).
function prefetch(urls) {
  const early = new Map(urls.map((url) => [url, fetch(url)]));
  early.forEach((response) => response.catch(() => {}));
  const answers = new Map(early);
  const fetchFile = self.fetch;
  self.fetch = (url, ...rest) => {
    const response = answers.get(String(url));
    answers.delete(String(url));
    return response ?? fetchFile(url, ...rest);
  };
  return early;
}

// After a restore the rules are ready at once: rules_py and its plans are in the snapshot's memory, and its
// wheel's bytes (what a later import reads) are written back as they came. The page's extra wheels are
// installed after "ready"; only the calls that are not early wait for them.
async function fromSnapshot(options, snapshot, wheel) {
  const pyodide = await loadPyodide({ indexURL: options.indexURL, _loadSnapshot: snapshot });
  // The snapshot froze `random`'s state at build time: a fresh seed if anything imported it (through
  // pyimport: runPython would run Python's compiler, cold after a restore; see rules-wheel.js).
  const sys = pyodide.pyimport("sys");
  const random = sys.modules.get("random");
  random?.seed();
  [random, sys].forEach((proxy) => proxy?.destroy());
  await restoreWheel(pyodide, async (name) => {
    const { file, bytes } = await wheel;
    if (file !== name) throw new Error(`the snapshot's wheel is ${name}, this site's ${file}`);
    return bytes;
  });
  return pyodide;
}

// rules_py's wheel, fetched while the snapshot downloads. Its name is in the site's lock file: the response
// loadPyodide reads too, copied here as soon as it arrives (this reaction is added to the promise before
// loadPyodide's, so it runs first, on a body still unread).
async function rulesWheel(indexURL, lockResponse) {
  const copy = lockResponse.then((response) => response.clone());
  const lock = await (await copy).json();
  const file = lock.packages["rules-py"].file_name;
  const response = await fetch(indexURL + file);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return { file, bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function fresh(options) {
  const pyodide = await loadPyodide({ indexURL: options.indexURL, packages: options.packages });
  post({ type: "progress", stage: "rules" });
  warmUp(pyodide);
  return pyodide;
}

async function boot(options, compiled) {
  // The snapshot, Pyodide's script and its standard library download while the page compiles the runtime
  // (loadPyodide would fetch them only once it runs).
  const snapshot = options.snapshotURL ? snapshotBytes(options.snapshotURL) : null;
  snapshot?.catch(() => {});  // its failure is met below
  import(options.indexURL + "pyodide.asm.js").catch(() => {});  // loadPyodide finds it loaded, or meets the failure
  const lockURL = options.indexURL + "pyodide-lock.json";
  const early = prefetch([options.indexURL + "python_stdlib.zip", lockURL]);
  const wheel = snapshot ? rulesWheel(options.indexURL, early.get(lockURL)) : null;
  wheel?.catch(() => {});
  const module = await compiled;
  if (module) useCompiled(module, options.indexURL + "pyodide.asm.wasm");
  if (snapshot) {
    try {
      const pyodide = await fromSnapshot(options, snapshot, wheel);
      const extra = options.packages.filter((name) => name !== "rules-py");
      const loading = extra.length ? pyodide.loadPackage(extra, { messageCallback: () => {} }) : Promise.resolve();
      return { pyodide, start: "snapshot", packages: installed(pyodide, extra, loading) };
    } catch (error) {
      // A snapshot that is missing, damaged or from another build: the ordinary start still works.
      console.warn("rules snapshot not used:", error);
    }
  }
  const pyodide = await fresh(options);
  return { pyodide, start: "fresh", packages: installed(pyodide, options.packages, Promise.resolve()) };
}

// Pyodide only logs a wheel it could not fetch (offline, and never kept): then the calls that wait for the
// wheels fail, naming it, rather than with an ImportError further on.
function installed(pyodide, names, loading) {
  const done = loading.then(() => {
    const missing = names.filter((name) => !(name in pyodide.loadedPackages));
    if (missing.length) throw new Error(`無法取得 ${missing.join("、")}，可能是網路中斷`);
  });
  done.catch(() => {});  // met by the calls that wait for it
  return done;
}

// The browser compiles Python's hot WebAssembly fully only once it has run a while: a few sample checks,
// one per task so that the page's own calls go between them, before the person's first check.
const WARM_ROUNDS = 12;

function warmInBackground(pyodide, rounds = WARM_ROUNDS) {
  if (rounds > 0) setTimeout(() => { warmUp(pyodide); warmInBackground(pyodide, rounds - 1); }, 0);
}

// options: {indexURL, packages, snapshotURL | null} (see rules-client.js). The page's first message is
// the compiled runtime, a WebAssembly.Module, or null when it could not compile it (then Pyodide does).
export function start(options) {
  post({ type: "progress", stage: "runtime" });
  const compiled = new Promise((resolve) => {
    self.onmessage = (event) => resolve(event.data.module);
  });
  const booted = boot(options, compiled);
  booted.then(
    ({ pyodide, start: how }) => {
      const rules = pyodide.pyimport("rules_py");
      const plans = rules.load_plans();
      post({ type: "ready", version: rules.__version__, plans: [...plans.keys()], start: how });
      plans.destroy();
      rules.destroy();
      if (how === "snapshot") warmInBackground(pyodide);
    },
    (error) => post({ type: "error", message: String((error && error.message) || error) }),
  );
  booted.then(({ packages }) => packages).then(
    () => post({ type: "installed" }),
    (error) => post({ type: "installed", error: String((error && error.message) || error) }),
  );

  compiled.then(() => {
    self.onmessage = async (event) => {
      const { type, id, module, name, args, early } = event.data;
      if (type !== "call") return;
      try {
        const { pyodide, packages } = await booted;  // a call may come before the rules are ready
        if (!early) await packages;
        let value = await pyodide.pyimport(module)[name](...args);
        if (value && typeof value.toJs === "function") {
          const proxy = value;
          value = proxy.toJs({ dict_converter: Object.fromEntries });
          proxy.destroy();
        }
        post({ type: "result", id, value }, ArrayBuffer.isView(value) ? [value.buffer] : []);
      } catch (error) {
        post({ type: "result", id, error: String((error && error.message) || error) });
      }
    };
  });
}
