"""Every case file's result, checked inside Pyodide (Node, pinned npm runtime, offline), fits the published
result format, validated there by the same pinned jsonschema as under CPython (tests/rules/test_schema.py)."""

import json

from tests.browser.pyodide import run_in_pyodide
from tests.cases.load import load_cases
from tests.cases.schema import VALIDATOR_PACKAGES


def test_every_case_result_in_pyodide_fits_the_schema():
    cases = json.dumps(load_cases(), ensure_ascii=False)
    outcomes = json.loads(run_in_pyodide("tests.cases.schema", "validate_cases_json", cases,
                                         packages=VALIDATOR_PACKAGES))
    assert [o for o in outcomes if o["errors"]] == []
    assert sum(o["checked"] for o in outcomes) > 50
