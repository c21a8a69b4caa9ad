// The batch page's workers: up to one per core (at most MAX_WORKERS), each rules_py in Pyodide, started the
// one way every page starts them (the checker's rules-client.js). The first also loads the spreadsheet
// libraries (reading rosters and attendance exports, writing ODS/XLSX) and keeps the batch; the others only check.
import { startRules } from "../checker/rules-client.js";

const MAX_WORKERS = 4;
const SPREADSHEETS = ["odfpy", "defusedxml", "openpyxl", "et-xmlfile", "xlsxwriter"];
const PAGE_MODULE = "rules_py.batch.page";

function worker(packages) {
  const rules = startRules({ packages });
  return {
    ready: rules.ready,
    rules, // for any other module's function (the filled forms as ODT)
    // rules_py.batch.page.<name>(...args) in this worker, once its spreadsheet libraries are installed;
    // transfer: ArrayBuffers to hand over.
    call: (name, args = [], transfer = []) => rules.call(PAGE_MODULE, name, args, transfer),
    // The same at once, for a function that needs no spreadsheet library.
    callEarly: (name, args = []) => rules.callEarly(PAGE_MODULE, name, args),
  };
}

export const supported = typeof WebAssembly === "object" && typeof Worker === "function";

// The page is ready with the first worker alone; the others start after it, one at a time, and join the pool
// as each is ready, for as long as one starts within SLOWER times the first's start. Started all at once they
// held the first back (WebKit, which counts 4 cores on 2, took 7 s for four against 1.3 s for one), and an
// engine where each one more costs that much gains nothing from it.
const SLOWER = 2;

export function startPool() {
  const most = Math.max(1, Math.min(navigator.hardwareConcurrency || 2, MAX_WORKERS));
  const started = performance.now();
  const main = worker(SPREADSHEETS);
  const workers = [main];
  // Ready for a batch once the first worker's rules are (its rules_py.batch answers). Its spreadsheet wheels
  // are installed after that: only reading an ODS/XLSX file and writing one wait for them (main.call), and
  // `installed` rejects at once, naming a wheel that could not be fetched. Waiting for them too kept WebKit's
  // page from being ready for seconds longer than Chromium's (issue 21).
  const answered = main.callEarly("read_limit");  // asked now, answered as soon as the rules are ready
  answered.catch(() => {});  // met through ready
  const ready = main.ready.then(() => answered);
  const installed = main.rules.installed;
  // After the first worker's wheels too: a helper started while it installs them holds it back.
  // grown: how many workers there are once the pool stops growing.
  const grown = Promise.all([ready, installed]).then(async () => {
    const first = performance.now() - started;
    while (workers.length < most) {
      const since = performance.now();
      const helper = worker([]);
      if (!(await helper.ready.then(() => true, () => false))) break;
      workers.push(helper); // a batch started from now on hands it records too
      if (performance.now() - since > SLOWER * first) break;
    }
    return workers.length;
  }, () => workers.length);
  return { main, workers, ready, installed, grown };
}
