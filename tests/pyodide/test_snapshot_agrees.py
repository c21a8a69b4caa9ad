"""The checker's memory snapshot (site/pyodide/rules-snapshot.bin) gives the same answers as CPython on every
case file, and so the same as an ordinary Pyodide start (test_agrees.py)."""

import json

from tests.cases.load import load_cases
from tests.cases.runner import run_cases_json
from tests.pyodide import run_in_pyodide


def test_the_snapshot_agrees_with_cpython_on_every_case(site_dir):
    cases = json.dumps(load_cases(), ensure_ascii=False)
    from_snapshot = json.loads(run_in_pyodide("tests.cases.runner", "run_cases_json", cases, site_dir / "pyodide"))
    in_cpython = json.loads(run_cases_json(cases))
    assert [c["name"] for c in from_snapshot] == [c["name"] for c in in_cpython]
    for snap, cpy in zip(from_snapshot, in_cpython):
        assert snap == cpy, f"the snapshot and CPython disagree on {cpy['name']}"
    assert len(in_cpython) > 50
