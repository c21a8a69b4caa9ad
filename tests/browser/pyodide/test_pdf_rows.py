"""Records printed to PDF read in the site's own Pyodide on Node (pypdf from the site's lock, loaded after the
rules as the page loads it): the same rows, or the same message, as in CPython."""

import json
import subprocess

from rules_py import InputError
from rules_py.record import parse_record
from tests.browser.pyodide import ROOT

PDF = ROOT / "tests" / "fixtures" / "pdf"
FILES = ["chromium_60_portrait_header.pdf", "chromium_25_noto_header.pdf", "firefox_60_landscape_header.pdf",
         "scanned.pdf", "encrypted.pdf", "not_a_record.pdf"]


def _cpython(path):
    try:
        return {"rows": [repr(row) for row in parse_record(path.read_bytes())], "error": None}
    except InputError as error:
        return {"rows": None, "error": str(error)}


def test_pyodide_reads_the_pdfs_as_cpython_does(site_dir):
    done = subprocess.run(["node", str(ROOT / "tests" / "browser" / "pyodide" / "pdf_rows.mjs"), str(site_dir / "pyodide"),
                           *(str(PDF / name) for name in FILES)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    read = json.loads(done.stdout.strip().splitlines()[-1])
    for name in FILES:
        assert {"rows": read[name]["rows"], "error": read[name]["error"]} == _cpython(PDF / name), name
    assert read["chromium_60_portrait_header.pdf"]["rows"] and read["scanned.pdf"]["error"]
