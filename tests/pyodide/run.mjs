// Calls one Python function inside Pyodide on Node, offline, with the pinned npm runtime (node_modules/pyodide):
//   node tests/pyodide/run.mjs MODULE FUNCTION IN OUT
// rules_py/ (with its built _data/plans.json) and tests/ are copied into Pyodide's file system as they are,
// so Pyodide imports the very files CPython does; the working directory is the copy of the repository. FUNCTION takes IN's text and returns the text written to OUT.
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const [moduleName, functionName, inPath, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error("用法：node tests/pyodide/run.mjs MODULE FUNCTION IN OUT");
  process.exit(2);
}

const pyodide = await loadPyodide({ indexURL: join(root, "node_modules", "pyodide") });
const home = "/repo";
const SKIP = new Set(["__pycache__", "artifacts"]);

function copyTree(relDir) {
  pyodide.FS.mkdirTree(`${home}/${relDir}`);
  for (const entry of readdirSync(join(root, relDir), { withFileTypes: true })) {
    const rel = `${relDir}/${entry.name}`;
    if (SKIP.has(entry.name)) continue;
    if (entry.isDirectory()) copyTree(rel);
    else if (entry.isFile()) pyodide.FS.writeFile(`${home}/${rel}`, readFileSync(join(root, rel)));
  }
}
copyTree("rules_py");
copyTree("tests");

pyodide.runPython(`import os, sys; sys.path.insert(0, "${home}"); os.chdir("${home}")`);
const run = pyodide.pyimport(moduleName)[functionName];
writeFileSync(outPath, run(readFileSync(inPath, "utf-8")));
