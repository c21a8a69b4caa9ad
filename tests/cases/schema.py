"""Validates every case file's result against the published result format (rules_py/result.schema.json).

The same module runs under CPython (tests/rules/test_schema.py) and inside Pyodide on Node
(tests/browser/pyodide/test_schema.py), with the same pinned jsonschema (pyproject.toml's `dev` extra).
"""

import json
from pathlib import Path

import rules_py
from tests.cases.runner import run_cases

SCHEMA = Path(rules_py.__file__).resolve().parent / "result.schema.json"
# The packages jsonschema 4.17 imports, which Pyodide's tests copy from the environment as they are.
VALIDATOR_PACKAGES = ("jsonschema", "pyrsistent", "attr", "attrs")


def validator(definition: str | None = None):
    """A validator of a result, or of one of the schema's $defs (batch: the multi-record --json)."""
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    if definition is not None:
        schema = {**schema, "$ref": f"#/$defs/{definition}"}
    return Draft202012Validator(schema)


def errors(check, document) -> list:
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in check.iter_errors(document))


def validate_cases_json(cases_json: str) -> str:
    """[{name, checked, errors}] for every case: checked is False for a case whose input is refused."""
    check = validator()
    out = []
    for outcome in run_cases(json.loads(cases_json)):
        result = outcome.get("result")
        out.append({"name": outcome["name"], "checked": result is not None,
                    "errors": errors(check, result) if result is not None else []})
    return json.dumps(out, ensure_ascii=False)
