// Reads records printed to PDF in the built site's own Pyodide on Node, as the page does: rules_py at start,
// pypdf loaded afterwards from the site's lock (rules_py.record.load_pdf_reader), then parse_record.
//   node tests/browser/pyodide/pdf_rows.mjs SITE_PYODIDE_DIR FILE.pdf...
// Prints JSON: {file: {rows: [repr of each RecordRow] | null, error: message | null, seconds}}.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";

const [dir, ...files] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(`${dir}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: dir + "/", packages: ["rules-py"] });
const record = pyodide.pyimport("rules_py.record");
await record.load_pdf_reader();
const read = pyodide.runPython(`
def read(data):
    from rules_py.record import parse_record
    try:
        return [repr(row) for row in parse_record(bytes(data.to_py()))], None
    except Exception as error:
        return None, str(error)
read`);
const out = {};
for (const file of files) {
  const started = performance.now();
  const [rows, error] = read(new Uint8Array(readFileSync(file))).toJs();
  out[basename(file)] = { rows: rows ?? null, error: error ?? null, seconds: (performance.now() - started) / 1000 };
}
console.log(JSON.stringify(out));
