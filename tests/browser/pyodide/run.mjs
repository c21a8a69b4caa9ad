// Calls one Python function inside Pyodide on Node, offline, with the pinned npm runtime (node_modules/pyodide):
//   node tests/browser/pyodide/run.mjs MODULE FUNCTION IN OUT [SITE_PYODIDE_DIR]
// rules_py/ (with its built _data/plans.json) and tests/ are copied into Pyodide's file system as they are,
// so Pyodide imports the very files CPython does; the working directory is the copy of the repository. FUNCTION takes IN's text and returns the text written to OUT.
// With SITE_PYODIDE_DIR (a built site's pyodide/), Pyodide starts as the checker's worker does: from that
// site's memory snapshot, with rules_py's wheel written back as a zip (site_src/checker/rules-wheel.js), and
// no other wheel (only tests/ is copied, and rules_py is the snapshot's).
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { loadPyodide } from "pyodide";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const [moduleName, functionName, inPath, outPath, sitePyodide] = process.argv.slice(2);
if (!outPath) {
  console.error("用法：node tests/browser/pyodide/run.mjs MODULE FUNCTION IN OUT");
  process.exit(2);
}

const pyodide = sitePyodide
  ? await loadPyodide({ indexURL: sitePyodide + "/",  // no wheel: the worker checks before installing it
                        _loadSnapshot: gunzipSync(readFileSync(join(sitePyodide, "rules-snapshot.bin"))) })
  : await loadPyodide({ indexURL: join(root, "node_modules", "pyodide") });
const home = "/repo";
const SKIP = new Set(["__pycache__", "artifacts"]);

function copyFolder(from, to) {
  pyodide.FS.mkdirTree(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    if (entry.isDirectory()) copyFolder(join(from, entry.name), `${to}/${entry.name}`);
    else if (entry.isFile()) pyodide.FS.writeFile(`${to}/${entry.name}`, readFileSync(join(from, entry.name)));
  }
}

function copyTree(relDir) {
  pyodide.FS.mkdirTree(`${home}/${relDir}`);
  for (const entry of readdirSync(join(root, relDir), { withFileTypes: true })) {
    const rel = `${relDir}/${entry.name}`;
    if (SKIP.has(entry.name)) continue;
    if (entry.isDirectory()) copyTree(rel);
    else if (entry.isFile()) pyodide.FS.writeFile(`${home}/${rel}`, readFileSync(join(root, rel)));
  }
}
if (sitePyodide) {
  // Imported before the snapshot was taken, not from a copy of the sources.
  if (!pyodide.runPython("import sys; 'rules_py' in sys.modules")) throw new Error("rules_py is not in the snapshot");
  // The worker's own module (a browser ES module in a .js file: imported as text, whatever Node's default).
  const wheelModule = readFileSync(join(root, "site_src", "checker", "rules-wheel.js"), "utf-8");
  const { restoreWheel } = await import("data:text/javascript," + encodeURIComponent(wheelModule));
  await restoreWheel(pyodide, (name) => readFileSync(join(sitePyodide, name)));
} else {
  copyTree("rules_py");
}
copyTree("tests");
// PYODIDE_PACKAGES: host folders of pure-Python packages (as CPython has them installed) to import too.
for (const dir of (process.env.PYODIDE_PACKAGES || "").split(":").filter(Boolean)) copyFolder(dir, `/packages/${basename(dir)}`);
pyodide.runPython(`import sys; sys.path.append("/packages")`);

pyodide.runPython(`import os, sys; sys.path.insert(0, "${home}"); os.chdir("${home}")`);
const run = pyodide.pyimport(moduleName)[functionName];
writeFileSync(outPath, run(readFileSync(inPath, "utf-8")));
