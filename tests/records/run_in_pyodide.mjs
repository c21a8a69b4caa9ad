// Reads every record fixture with rules_py inside Pyodide (the pinned npm runtime, offline) and prints
// the outcome of each as JSON, for test_pyodide.py to compare with CPython.
// Usage: node tests/records/run_in_pyodide.mjs REPO_ROOT
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(process.argv[2]);
const { loadPyodide } = await import(pathToFileURL(path.join(root, "node_modules/pyodide/pyodide.mjs")));
const pyodide = await loadPyodide();

function copyTree(from, to, keep) {
  pyodide.FS.mkdirTree(to);
  for (const name of fs.readdirSync(from)) {
    if (keep(name)) pyodide.FS.writeFile(`${to}/${name}`, fs.readFileSync(path.join(from, name)));
  }
}
copyTree(path.join(root, "rules_py"), "/repo/rules_py", (name) => name.endsWith(".py"));
copyTree(path.join(root, "tests/fixtures/records"), "/fixtures", () => true);
copyTree(path.join(root, "tests/records"), "/repo/tests_records", (name) => name === "outcomes.py");

console.log(pyodide.runPython(`
import sys
sys.path[:0] = ["/repo", "/repo/tests_records"]
from outcomes import all_outcomes
all_outcomes("/fixtures")
`));
