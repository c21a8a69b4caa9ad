"""The record parser gives the same rows and the same messages in Pyodide as in CPython (every fixture)."""

import json

from tests.browser.pyodide import ROOT, run_in_pyodide
from tests.records.outcomes import all_outcomes

FIXTURES = "tests/fixtures/records"


def test_pyodide_reads_every_fixture_like_cpython():
    in_pyodide = json.loads(run_in_pyodide("tests.records.outcomes", "all_outcomes", FIXTURES))
    in_cpython = json.loads(all_outcomes(str(ROOT / FIXTURES)))
    assert in_pyodide == in_cpython
    assert len(in_cpython["platform_page.html"]["rows"]) == 25
    assert "error" in in_cpython["bad_impossible_date.txt"]
