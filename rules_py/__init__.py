"""The 114 Kaohsiung e-learning plan's rules: leave (公假補休) and commendation (嘉獎) from a learning record.

Standard library only, so that the same code runs in CPython and in Pyodide.

The public API (everything else is private and may change):

    check(record, profile=None, *, plan=None, today=None, filename=None) -> dict
        record: the record as bytes/str (HTML, clipboard text or CSV; told apart by content) or a list of
        rows (RecordRow or mappings with RecordRow's field names). profile: a dict, or JSON/YAML text
        (see _profile). plan: a plan id, or None for the plan whose period holds the record's dates.
        today: when given, leave already past its last day is warned of. Raises InputError (zh-TW).
    check_json(request: str) -> str
        {"record": str} | {"record_base64": str} | {"rows": [...]}, plus optional "profile", "plan",
        "today", "filename" -> the result of check() as JSON, or {"error": {"message", "where"}}.
        Never raises: the browser's worker always gets an answer it can show.
    load_plans() -> dict            the compiled plans (rules_py/_data/plans.json), {plan id: plan data}
    use_plans(data | None)          check against other compiled plans (None: the packaged ones)
    read_profile(text) -> dict      a profile's YAML or JSON text as the mapping check() reads (InputError if not)
    InputError                      bad input: .message (zh-TW) and .where (request, record, profile.KEY[i], …)
    RuleGapError                    a case no rule decides: a fault of the rules, to report (CLI exit 1)
    rules_py.record                 the record parser: parse_record, RecordRow, rows_from_mappings

The catalogue of rules (for pages that cite rules, and for listing under each clause the rules on it):

    RULE_IDS                        every rule id, in the order the checker tries them
    rules_catalogue(plan=None) -> {rule id: {"clause", "anchor", "summary", "message"}}
        clause: the plan's clause label the rule rests on (陸、五, 附件2說明2; plan.yaml `rules:`);
        anchor: that clause's anchor on the plan page (clause-6-5, form-note-2); summary: what the rule
        says, one zh-TW sentence; message: the sentence a result carries, with {placeholders} for the
        facts of a case. plan: a plan id, or None for the latest plan. Every reason in a result has the
        same rule, clause and anchor as this catalogue's entry for its rule.

Facts shared with the site's build, so that the pages and the rules say them alike:

    normalise_name(name) -> str     the course-name normalisation the matching uses (see _match)
    clause_anchor(clause) -> str | None   the plan page's anchor for a clause label
    roc_date(date) -> str           a 民國 date as every message writes it (114 年 3 月 1 日)
    leave_expiry(completed_on, years) -> date   the leave's last day (民法第120條、第121條)

The result: plan {id, title, deadline, deadline_roc, leave_reason_text}; category {id, name, covered};
bundles [{id, name, required_hours, completed_hours, complete, completed_on, completed_on_roc,
leave {status, hours, expires_on, expires_on_roc, reasons}, form [{no, course, hours, start, end,
start_roc, end_roc}]}] in plan order; leave_hours; leave_hours_with_review; reward {status, name, reasons};
courses [{bundle, no, name, hours, code, status, start, end, off_duty, match, row, reasons}];
unmatched_rows; warnings. A reason (and a warning) is {rule, clause, anchor, message, course?}.

Where each idea lives: _check (check, check_json), _profile (the profile), _plan (the plans), _calendar
(working time, 民國 dates, expiry), _match (course names), _rules (the decisions), _catalogue (rule ids,
their sentences and clauses), _report (the CLI's text), _cli, record/ (reading the record).
"""

from rules_py._calendar import expiry as leave_expiry
from rules_py._calendar import roc_date
from rules_py._catalogue import RULE_IDS
from rules_py._catalogue import anchor_for as clause_anchor
from rules_py._check import check, check_json
from rules_py._errors import InputError, RuleGapError
from rules_py._match import normalise_name
from rules_py._plan import load_plans, use_plans
from rules_py._profile import read_profile

__version__ = "0.1.0"


def rules_catalogue(plan: str | None = None) -> dict:
    """{rule id: {clause, anchor, summary, message}} for the plan with this id (None: the latest plan)."""
    from rules_py._catalogue import rules_catalogue as catalogue
    from rules_py._plan import select_plan

    return catalogue(select_plan(plan, []))


__all__ = ["InputError", "RULE_IDS", "RuleGapError", "check", "check_json", "clause_anchor", "leave_expiry",
           "load_plans", "normalise_name", "read_profile", "roc_date", "rules_catalogue", "use_plans",
           "__version__"]
