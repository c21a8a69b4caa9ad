"""The published result format (rules_py/result.schema.json): every case's result fits it, its version is the
one results carry, and what it leaves out of a reason (source) or a bundle (its courses' reasons) is where it says."""

import json
import subprocess
import sys

import rules_py
from tests.cases.load import load_cases
from tests.cases.runner import run_case
from tests.cases.schema import SCHEMA, errors, validate_cases_json, validator
from tests.conftest import ROOT

CASES = load_cases()


def test_every_case_result_fits_the_schema():
    outcomes = json.loads(validate_cases_json(json.dumps(CASES, ensure_ascii=False)))
    assert [o for o in outcomes if o["errors"]] == []
    assert sum(o["checked"] for o in outcomes) > 50


def test_the_schema_names_the_version_results_carry():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$defs"]["result"]["properties"]["format_version"] == {"const": rules_py.FORMAT_VERSION}
    assert rules_py.check([])["format_version"] == rules_py.FORMAT_VERSION


def test_the_schema_refuses_the_old_shape():
    result = run_case(next(c for c in CASES if c["name"] == "baseline/all courses on a weekend"))["result"]
    check = validator()
    assert errors(check, result) == []
    old = json.loads(json.dumps(result))
    reason = old["courses"][0]["reasons"][1]
    reason["source"] = rules_py.rules_catalogue()[reason["rule"]]["source"]   # the source in every reason
    assert errors(check, old)
    old = json.loads(json.dumps(result))
    del old["format_version"]
    assert errors(check, old)


def test_a_bundle_refers_to_its_courses_reasons_and_leave_reasons_gives_them_whole():
    seen = 0
    for case in CASES:
        result = run_case(case).get("result")
        if result is None:
            continue
        keys = {c["key"]: c for c in result["courses"]}
        for bundle in result["bundles"]:
            whole = rules_py.leave_reasons(result, bundle)
            assert len(whole) == len(bundle["leave"]["reasons"])
            for given, read in zip(bundle["leave"]["reasons"], whole):
                assert given["rule"] == read["rule"] and "message" in read
                if "see" in given:
                    seen += 1
                    course = keys[given["see"]]
                    assert course["bundle"] == bundle["id"] and read in course["reasons"]
                    assert read.get("course") == course["name"]
    assert seen > 20


def test_a_multi_record_json_carries_the_catalogue_once():
    records = sorted((ROOT / "tests" / "fixtures" / "records").glob("record_*"))[:3]
    done = subprocess.run([sys.executable, "-m", "rules_py", "check", *map(str, records), "--today", "2026-12-02",
                           "--json"], cwd=ROOT, capture_output=True, timeout=120)
    batch = json.loads(done.stdout)
    assert errors(validator("batch"), batch) == []
    assert batch["rules_catalogue"] == {plan: rules_py.rules_catalogue(plan) for plan in rules_py.load_plans()}
    assert len(batch["records"]) == 3 and "source" not in done.stdout.decode("utf-8").split('"records"', 1)[1]
