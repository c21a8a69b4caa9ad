// Loads the built site's own Pyodide and lock (site/pyodide/) on Node, as the checker's worker does,
// then loads the page wheels on demand:  node tests/pyodide/site_lock.mjs SITE_PYODIDE_DIR PACKAGE...
// Prints JSON: the packages loaded at start, after loadPackage, and each package's imported file.
import { pathToFileURL } from "node:url";

const [dir, ...wanted] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(`${dir}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: dir + "/", packages: ["rules-py"] });
const atStart = Object.keys(pyodide.loadedPackages).sort();
await pyodide.loadPackage(wanted);
const later = Object.keys(pyodide.loadedPackages).sort();
const files = pyodide.runPython(`
import importlib, json
json.dumps({name: importlib.import_module(name).__file__ for name in ["odf.opendocument", "defusedxml"]})`);
console.log(JSON.stringify({ atStart, later, files: JSON.parse(files) }));
