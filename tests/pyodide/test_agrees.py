"""The case files give the same results inside Pyodide (Node, pinned npm runtime, offline) as under CPython."""

import json
import shutil
import subprocess
from pathlib import Path

from tests.cases.load import load_cases
from tests.cases.runner import run_cases_json

ROOT = Path(__file__).resolve().parents[2]


def test_pyodide_agrees_with_cpython_on_every_case(tmp_path):
    assert (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").exists(), "run `npm ci` first"
    assert shutil.which("node"), "Node.js is needed"
    cases = load_cases()
    cases_file, out_file = tmp_path / "cases.json", tmp_path / "out.json"
    cases_file.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(["node", str(ROOT / "tests" / "pyodide" / "run_cases.mjs"), str(cases_file), str(out_file)],
                          cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    in_pyodide = json.loads(out_file.read_text(encoding="utf-8"))
    in_cpython = json.loads(run_cases_json(json.dumps(cases, ensure_ascii=False)))
    assert [c["name"] for c in in_pyodide] == [c["name"] for c in in_cpython]
    for pyo, cpy in zip(in_pyodide, in_cpython):
        assert pyo == cpy, f"Pyodide and CPython disagree on {cpy['name']}"
    assert len(in_cpython) == len(cases) > 50
