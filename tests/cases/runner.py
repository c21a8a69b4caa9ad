"""Runs case files (already read into JSON-ready dicts) through rules_py and returns what happened.

The same module runs under CPython (tests/rules/test_cases.py) and inside Pyodide on Node
(tests/browser/pyodide/run.mjs), so it uses only the standard library and rules_py.

A case gives its record in one of these ways:
- `record`: raw record text; `record_b64`: raw record bytes (the test side reads `record_file`);
- `rows`: row mappings (fields of rules_py's RecordRow);
- `base: all_courses`: every catalogue course of the plan once, passed and uploaded, one after another from
  `base_start` (default 2025-03-01 00:00:00, a Saturday), changed by `edit` ({catalogue name: fields}),
  `drop` ([catalogue names]) and `add` ([rows]).
Rows written in a case default to status 已通過 and upload status 成功, and `course: <catalogue name>`
fills in the name and the code.
"""

import base64
import json
from datetime import date, datetime, timedelta

import rules_py

_ROW_DEFAULTS = {"status": "已通過", "upload_status": "成功"}
_BASE_START = "2025-03-01 00:00:00"
_DEFAULT_PLAN = "kaohsiung-114"


def run_cases(cases: list) -> list:
    return [run_case(case) for case in cases]


def run_cases_json(cases_json: str) -> str:
    return json.dumps(run_cases(json.loads(cases_json)), ensure_ascii=False, sort_keys=True)


def run_case(case: dict) -> dict:
    try:
        today = date.fromisoformat(case["today"]) if "today" in case else None
        result = rules_py.check(_record(case), case.get("profile", case.get("profile_text")),
                                plan=case.get("plan"), filename=case.get("filename"), today=today)
    except rules_py.InputError as exc:
        return {"name": case["name"], "error": {"message": exc.message, "where": exc.where}}
    return {"name": case["name"], "error": None, "actual": summarise(result), "result": result}


def summarise(result: dict) -> dict:
    """The parts of a result that case files state expectations about."""
    reasons = [result["category"]["reason"]] + [r for b in result["bundles"] for r in rules_py.leave_reasons(result, b)]
    reasons += result["reward"]["reasons"]
    reasons += [r for c in result["courses"] for r in c["reasons"]]
    messages: dict = {}
    for r in reasons + result["warnings"] + result["next_steps"]:
        messages.setdefault(r["rule"], []).append(r["message"])
    return {
        "bundles": {b["id"]: {"status": b["leave"]["status"], "hours": b["leave"]["hours"],
                              "expires_on": b["leave"]["expires_on"], "complete": b["complete"],
                              "completed_on": b["completed_on"], "completed_hours": b["completed_hours"],
                              "expiry_flag": b["leave"]["expiry_flag"], "days_left": b["leave"]["days_left"],
                              "form_usable": b["form_usable"]}
                    for b in result["bundles"]},
        "messages": messages,
        "assumed": [a["key"] for a in result["assumed"]],
        "next_steps": [s["rule"] for s in result["next_steps"]],
        "suggestions": {str(r["line"]): [s["name"] for s in r["suggestions"]] for r in result["unmatched_rows"]},
        "leave_hours": result["leave_hours"],
        "leave_hours_with_review": result["leave_hours_with_review"],
        "leave_hours_expired": result["leave_hours_expired"],
        "office_hours": result["office_hours"],
        "reward": result["reward"]["status"],
        "rules": sorted({r["rule"] for r in reasons}),
        "warnings": sorted({w["rule"] for w in result["warnings"]}),
        "unmatched": len(result["unmatched_rows"]),
        "courses": {c["name"]: {"status": c["status"], "off_duty": c["off_duty"], "start": c["start"],
                                "end": c["end"], "match": c["match"],
                                "found": c["found"]["kind"] if c["found"] else None} for c in result["courses"]},
    }


def _record(case: dict):
    if "record" in case:
        return case["record"]
    if "record_b64" in case:
        return base64.b64decode(case["record_b64"])
    plan = rules_py.load_plans().get(case.get("plan") or _DEFAULT_PLAN)  # an unknown plan: check() refuses it
    courses = [c for b in plan["bundles"] for c in b["courses"]] if plan else []
    catalogue = {c["name"]: c for c in courses}
    rows = _base(courses, case) if case.get("base") == "all_courses" else []
    rows += [_with_defaults(row, catalogue) for row in case.get("rows", []) + case.get("add", [])]
    return [dict(row, line=i) for i, row in enumerate(rows, start=1)]


def _base(courses: list, case: dict) -> list:
    cursor = datetime.fromisoformat(case.get("base_start", _BASE_START))
    edits, drop = case.get("edit", {}), set(case.get("drop", []))
    unknown = (set(edits) | drop) - {c["name"] for c in courses}
    if unknown:
        raise KeyError(f"case {case['name']}: not catalogue names: {sorted(unknown)}")
    rows = []
    for course in courses:
        end = cursor + timedelta(hours=course["hours"])
        row = {"name": course["name"], "code": course.get("code"), "start": cursor.isoformat(" "),
               "end": end.isoformat(" "), "credit_hours": course["hours"], **_ROW_DEFAULTS}
        cursor = end
        if course["name"] not in drop:
            rows.append({**row, **edits.get(course["name"], {})})
    return rows


def _with_defaults(row: dict, catalogue: dict) -> dict:
    row = {**_ROW_DEFAULTS, **row}
    if "course" in row:
        course = catalogue[row.pop("course")]
        row.setdefault("name", course["name"])
        row.setdefault("code", course.get("code"))
    return row
