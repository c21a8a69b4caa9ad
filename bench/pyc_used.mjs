// Does Pyodide import the site's rules_py wheel without compiling any source?
//   node bench/pyc_used.mjs <site>/pyodide/
// Loads the site's own runtime and wheel in Node, watches every source->bytecode compilation while
// rules_py and each of its modules are imported, and prints one JSON line.
import fs from "node:fs";
import path from "node:path";

// On any failure, one JSON line {"error": its first line} (Node's own report of an uncaught error quotes the
// minified runtime's source around it, which is no message).
const fail = (error) => {
  const message = String((error && error.message) || error).split("\n").find((line) => line.trim()) || "unknown";
  console.log(JSON.stringify({ error: message.slice(0, 300) }));
  process.exit(1);
};
process.on("unhandledRejection", fail);
process.on("uncaughtException", fail);

const runtime = path.resolve(process.argv[2]) + "/";
const lock = JSON.parse(fs.readFileSync(runtime + "pyodide-lock.json", "utf8"));
const wheel = lock.packages["rules-py"].file_name;
const { loadPyodide } = await import(runtime + "pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: runtime });
// Every wheel of the lock: rules_py's modules for other pages import the extra packages (odfpy, openpyxl).
for (const { file_name: name } of Object.values(lock.packages)) {
  pyodide.unpackArchive(new Uint8Array(fs.readFileSync(runtime + name)), "wheel");
}
console.log(pyodide.runPython(`
import json
import importlib._bootstrap_external as external

compiled = []
_source_to_code = external.SourceLoader.source_to_code
def _watch(self, data, path, *args, **kwargs):
    compiled.append(path)
    return _source_to_code(self, data, path, *args, **kwargs)
external.SourceLoader.source_to_code = _watch

import importlib, pkgutil
import rules_py
for module in pkgutil.walk_packages(rules_py.__path__, "rules_py."):
    importlib.import_module(module.name)
json.dumps({"wheel": ${JSON.stringify(wheel)}, "loader": type(rules_py.__spec__.loader).__name__,
            "rules_py_sources_compiled": [p for p in compiled if "rules_py" in p]})
`));
