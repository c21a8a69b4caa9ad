// The batch page's workers: one per core (at most MAX_WORKERS), each rules_py in Pyodide, started the one
// way every page starts them (the checker's rules-client.js). The first also loads the spreadsheet
// libraries (reading rosters, writing ODS/XLSX) and keeps the batch; the others only check.
import { startRules } from "../checker/rules-client.js";

const MAX_WORKERS = 4;
const SPREADSHEETS = ["odfpy", "defusedxml", "openpyxl", "et-xmlfile", "xlsxwriter"];
const PAGE_MODULE = "rules_py.batch.page";

function worker(packages) {
  const rules = startRules({ packages });
  return {
    ready: rules.ready,
    rules, // for any other module's function (the filled forms as ODT)
    // rules_py.batch.page.<name>(...args) in this worker; transfer: ArrayBuffers to hand over.
    call: (name, args = [], transfer = []) => rules.call(PAGE_MODULE, name, args, transfer),
  };
}

export const supported = typeof WebAssembly === "object" && typeof Worker === "function";

export function startPool() {
  const count = Math.max(1, Math.min(navigator.hardwareConcurrency || 2, MAX_WORKERS));
  const main = worker(SPREADSHEETS);
  const helpers = Array.from({ length: count - 1 }, () => worker([]));
  // Ready for a batch once the first worker's spreadsheet wheels are installed too (after its rules are
  // ready; a call waits for them, and fails naming one that could not be fetched).
  const ready = main.ready.then(() => main.call("read_limit"));
  return { main, workers: [main, ...helpers], ready };
}
