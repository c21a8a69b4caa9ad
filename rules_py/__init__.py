"""The 114 Kaohsiung e-learning plan's rules: leave (公假補休) and commendation (嘉獎) from a learning record.

Standard library only, so that the same code runs in CPython and in Pyodide.

    check(record, profile=None, *, plan=None, today=None, filename=None) -> dict
        record: the record as bytes/str (HTML, clipboard text or CSV; told apart by content) or a list of
        rows (RecordRow or mappings with RecordRow's field names). profile: a dict, or JSON/YAML text
        (see _profile). plan: a plan id, or None for the plan whose period holds the record's dates.
        today: when given, leave already past its last day is warned of. Raises InputError (zh-TW).
    check_json(request: str) -> str
        {"record": str} | {"record_base64": str} | {"rows": [...]}, plus optional "profile", "plan",
        "today", "filename" -> the result of check() as JSON, or {"error": {"message", "where"}}.
        Never raises: the browser's worker always gets an answer it can show.
    load_plans() -> dict            the compiled plans (rules_py/_data/plans.json)
    use_plans(data | None)          check against other compiled plans (None: the packaged ones)

The result: plan {id, title, deadline, deadline_roc, leave_reason_text}; category {id, name, covered};
bundles [{id, name, required_hours, completed_hours, complete, completed_on, completed_on_roc,
leave {status, hours, expires_on, expires_on_roc, reasons}, form [{no, course, hours, start, end,
start_roc, end_roc}]}] in plan order; leave_hours; leave_hours_with_review; reward {status, name, reasons};
courses [{bundle, no, name, hours, code, status, start, end, off_duty, match, row, reasons}];
unmatched_rows; warnings. A reason (and a warning) is {rule, clause, anchor, message, course?};
the rule ids are in _rule_ids.RULE_IDS.
"""

from rules_py._check import check, check_json
from rules_py._errors import InputError
from rules_py._plan import use_plans
from rules_py._plans import load_plans

__version__ = "0.1.0"

__all__ = ["InputError", "check", "check_json", "load_plans", "use_plans", "__version__"]
