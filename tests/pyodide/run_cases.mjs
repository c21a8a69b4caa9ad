// Runs the case files inside Pyodide on Node, offline, with the pinned npm runtime (node_modules/pyodide).
//   node tests/pyodide/run_cases.mjs CASES.json OUT.json
// CASES.json: the cases as tests/cases/load.py reads them. OUT.json: tests/cases/runner.py's results.
// The rules_py package (with _data/plans.json, built beforehand) and the runner are copied into
// Pyodide's file system as they are: the same files CPython imports.
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const [casesPath, outPath] = process.argv.slice(2);
if (!casesPath || !outPath) {
  console.error("用法：node tests/pyodide/run_cases.mjs CASES.json OUT.json");
  process.exit(2);
}

const pyodide = await loadPyodide({ indexURL: join(root, "node_modules", "pyodide") });
const home = "/home/pyodide";

function copyPackage(relDir) {
  pyodide.FS.mkdirTree(`${home}/${relDir}`);
  for (const entry of readdirSync(join(root, relDir), { withFileTypes: true })) {
    const rel = `${relDir}/${entry.name}`;
    if (entry.isDirectory() && entry.name !== "__pycache__") copyPackage(rel);
    else if (entry.isFile() && /\.(py|json)$/.test(entry.name)) {
      pyodide.FS.writeFile(`${home}/${rel}`, readFileSync(join(root, rel)));
    }
  }
}
copyPackage("rules_py");
pyodide.FS.writeFile(`${home}/case_runner.py`, readFileSync(join(root, "tests", "cases", "runner.py")));

pyodide.runPython(`import sys; sys.path.insert(0, "${home}")`);
const run = pyodide.runPython("import case_runner; case_runner.run_cases_json");
writeFileSync(outPath, run(readFileSync(casesPath, "utf-8")));
