// Makes the rules' memory snapshot with the site's own Pyodide, in Node (pipeline/snapshot.py runs it):
//   node pipeline/snapshot.mjs SITE_PYODIDE_DIR WARM_UP_JS OUT
// Python boots, rules_py is imported from the site's wheel and warmed exactly as the worker warms it
// (WARM_UP_JS, site_src/checker/rules-warm.js), garbage is collected, and Pyodide's memory is written
// gzip-compressed to OUT. What the snapshot holds: the interpreter's memory (imported modules, the
// plans rules_py prepared). What it does not: files (the worker writes the wheel back before "ready", so
// that later imports find their files as on a fresh start) and JavaScript objects.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const [pyodideDir, warmUpPath, out] = process.argv.slice(2);
const WHEELS = "/lib/wheels/";
const { loadPyodide } = await import(join(pyodideDir, "pyodide.mjs"));
// site_src's modules are browser ES modules in .js files: imported as text, whatever Node's default.
const { warmUp } = await import("data:text/javascript," + encodeURIComponent(readFileSync(warmUpPath, "utf-8")));

const pyodide = await loadPyodide({ indexURL: pyodideDir + "/", _makeSnapshot: true });
// rules_py is imported from its wheel as a zip on sys.path (zipimport), not unpacked: after a restore the
// worker writes the same bytes back at this path (site_src/checker/rules-wheel.js), which costs no install.
const lock = JSON.parse(readFileSync(join(pyodideDir, "pyodide-lock.json"), "utf-8"));
const name = lock.packages["rules-py"].file_name;
pyodide.FS.mkdirTree(WHEELS);
pyodide.FS.writeFile(WHEELS + name, readFileSync(join(pyodideDir, name)));
pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(WHEELS + name)})`);
pyodide.pyimport("rules_py").destroy();  // fails loudly here, where warmUp would only skip
warmUp(pyodide);
pyodide.runPython("import gc; gc.collect()");
writeFileSync(out, gzipSync(pyodide.makeMemorySnapshot(), { level: 9 }));
