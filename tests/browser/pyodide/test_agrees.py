"""The case files give the same results inside Pyodide (Node, pinned npm runtime, offline) as under CPython."""

import json

from tests.cases.load import load_cases
from tests.cases.runner import run_cases_json
from tests.browser.pyodide import run_in_pyodide


def test_pyodide_agrees_with_cpython_on_every_case():
    cases = json.dumps(load_cases(), ensure_ascii=False)
    in_pyodide = json.loads(run_in_pyodide("tests.cases.runner", "run_cases_json", cases))
    in_cpython = json.loads(run_cases_json(cases))
    assert [c["name"] for c in in_pyodide] == [c["name"] for c in in_cpython]
    for pyo, cpy in zip(in_pyodide, in_cpython):
        assert pyo == cpy, f"Pyodide and CPython disagree on {cpy['name']}"
    assert len(in_cpython) > 50
