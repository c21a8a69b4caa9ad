"""The 114 Kaohsiung e-learning plan's rules: leave (公假補休) and commendation (嘉獎) from a learning record.

Standard library only, so that the same code runs in CPython and in Pyodide.

The public API (everything else is private and may change):

    check(record, profile=None, *, plan=None, today=None, filename=None, officer=False, sources=None,
          partial=False) -> dict
        record: the record as bytes/str (HTML, clipboard text or CSV; told apart by content) or a list of
        rows (RecordRow, or mappings with RecordRow's field names; see "Rows given as mappings" below).
        profile: a dict, or JSON/YAML text (bytes: UTF-8 or Big5), see "The profile" below. plan: a plan
        id, or None for the plan whose period holds the record's dates. today: a date; when given, leave
        already expired is left out of leave_hours (and counted in leave_hours_expired), leave expiring soon
        is flagged (see leave.expiry_flag), and on or before the deadline an incomplete bundle or commendation
        is "not done yet" (rules bundle.in_progress, reward.in_progress, with the days left), not final.
        officer: the sentences speak to a personnel officer (the batch) rather than to the person (您), and say
        what to fill in the roster; sources: {profile key: where it came from} (名冊第 3 列「上班時間」),
        named in the reasons that use it.
        Raises InputError (zh-TW).
        partial: a record given as bytes/str whose rows cannot all be read (a date that does not exist, an
        end before its start) is checked on the rows that can, and the result's record_problems lists
        the others (rules_py.record.read_record's problems); without it such a row is an InputError.
    check_json(request: str) -> str
        {"record": str} | {"record_base64": str} | {"rows": [...]}, plus optional "profile", "plan",
        "today" (YYYY-MM-DD), "filename", "partial_record" (check's partial) -> the result of check() as
        JSON, or {"error": {"message", "where"}}.
        Never raises: the browser's worker always gets an answer it can show.
    load_plans() -> dict            the compiled plans (rules_py/_data/plans.json), {plan id: plan data};
                                    read once, the same dict on every call: do not change it
    use_plans(data | None)          check against other compiled plans (None: the packaged ones)
    read_profile(text) -> dict      a profile's YAML or JSON text as the mapping check() reads (InputError if not)
    leave_reasons(result, bundle) -> list   a bundle's leave reasons whole: each {rule, see} replaced by the
                                    course's reason it refers to (see "The result")
    FORMAT_VERSION                  the result format's version (2), which every result carries as format_version
    InputError                      bad input: .message (zh-TW) and .where (request, record, profile.KEY[i], …)
    RuleGapError                    a case no rule decides: a fault of the rules, to report (CLI exit 1)
    rules_py.record                 the record parser: parse_record, read_record, RecordRow, rows_from_mappings,
                                    chosen_courses
    rules_py.form_sheet             the application form as data (blank from the build, fill_sheet with a
                                    result's bundle form rows): the printed page and the ODT are made from it
    rules_py.forms_odt              leave_forms_odt(sheets) -> .odt bytes (imports odfpy, the `page` extra)

The catalogue of rules (for pages that cite rules, and for listing under each clause the rules on it):

    RULE_IDS                        every rule id, in the order the checker tries them
    rules_catalogue(plan=None) -> {rule id: {"clause", "anchor", "summary", "message", "source"}}
        clause: the plan's clause label the rule rests on (陸、五, 附件2說明2; plan.yaml `rules:`);
        anchor: that clause's anchor on the plan page (clause-6-5, form-note-2); summary: what the rule
        says, one zh-TW sentence; message: the sentence a result carries, with {placeholders} for the
        facts of a case; source: for a rule that rests on a fact the plan does not state (office hours,
        the calendar, the expiry reminder), where that fact comes from (zh-TW), else None. plan: a plan
        id, or None for the latest plan. Every reason in a result has the clause and anchor of its rule's
        entry, except that match.chosen, match.conflict and match.similar cite the bundle clause of the
        course they name (陸、一, 二 or 三).

Facts shared with the site's build, so that the pages and the rules say them alike:

    normalise_name(name) -> str     the course-name normalisation the matching uses (see _match)
    clause_anchor(clause) -> str | None   the plan page's anchor for a clause label
    roc_date(date) -> str           a 民國 date as every message writes it (114 年 3 月 1 日)
    leave_expiry(completed_on, years) -> date   the leave's last day (民法第120條、第121條)

The profile (every key optional; a key not listed is refused, naming it):
    category        civil_servant | contract | teacher | worker | temporary, or the category's zh-TW name or
                    alias (編制內公務人員, 約聘僱人員, …). Absent: civil_servant, and `assumed` says so.
    office_hours    ["08:00-12:00", "13:30-17:30"] on the official calendar's working days; [] for shift
                    workers. A block whose end is before its start is a night shift into the next morning
                    ("22:00-06:00"): it belongs to the day it starts on, whose calendar decides it. Start and
                    end may not be equal. Absent: the plan's default office hours, and `assumed` says so.
    on_duty         [[start, end], ...] 在勤、輪值 (counts like 上班: a course may not start or end in it)
    overtime        [[start, end], ...] 加班   ┐ any overlap with a course's study period makes that course
    official_leave  [[start, end], ...] 公假   │ not off-duty time (附件2說明2: 「上開時間內不得申請任何加班、
    business_trips  [[start, end], ...] 公差   ┘ 公(差)假」)
    time_off        [[start, end], ...] hour-level leave (休假、事假、病假…): off duty, taken out of office hours
    unpaid_leave    [[first day, last day], ...] 留職停薪, days inclusive
    days_off        ["YYYY-MM-DD", ...] other days off (office hours do not apply)
    district        the 行政區 where the person works: 杉林 or 杉林區 (any of the city's districts, listed in
                    courses/); its district-only 停止上班 days (courses/114/suspensions.yaml) become days off.
                    An unknown name is an InputError at profile.district that lists the valid ones.
    village         the 村里 where the person works: 梅山 or 梅山里 (needs `district`). A 停止上班 day for only
                    some villages of a district (suspensions.yaml `villages`) is a day off for a person in one
                    of them; for a person in that district with no village, a course that the day's office
                    hours would decide is "review" (rule offduty.village), its reason naming the villages and
                    asking the person to confirm, and `assumed` says the village was not given.
  Times are "YYYY-MM-DD HH:MM[:SS]" in Taiwan time; a time with a UTC offset ("2025-02-28T16:00:00Z",
  "+08:00") is converted to Taiwan time (UTC+8), never read as local.

Rows given as mappings (check's record as a list, check_json's "rows"):
    {name, start, end, status, upload_status} required; code, credit_hours, line, no, course_type,
    reading_time, exam, survey, conditions, upload_time optional; and
    chosen_course   the person's choice of catalogue course for this row: the course's code, or its exact
                    catalogue name. The row then counts as that course (courses[i].match == "chosen"),
                    and a warning (rule match.chosen) says that the person chose it.
  start/end accept a UTC offset as above.

The result (format 2, published as JSON Schema draft 2020-12 in rules_py/result.schema.json; the tests
validate every case file's result against it, in CPython and in Pyodide):
    format_version  2 (FORMAT_VERSION). Format 1 had no version; its reasons carried `source`, and a bundle's
                    leave repeated its courses' reasons.
    plan {id, title, deadline, deadline_roc, leave_reason_text}
    category {id, name, covered, reason}: reason is the category's reason (category.covered or
                    category.not_covered), said once; bundles' and the reward's reasons repeat it only when
                    it decides them (not covered).
    office_hours    the office hours used, ["08:00-12:00", "22:00-06:00", ...] (a night shift as given)
    district        the district used (its name with 區), or null
    village         the village used (its name with 里), or null
    assumed         [{key, value, message}]: what was assumed for lack of input, in order: key "category"
                    (value "civil_servant"), "office_hours" (value the default hours), "district" (value
                    null; only when the plan has district-only 停止上班 days), "village" (value null; only
                    when the person's district has a 停止上班 day for some of its villages only). message:
                    one zh-TW sentence.
    bundles         [{id, name, required_hours, completed_hours, complete, completed_on, completed_on_roc,
                      leave {status, hours, expires_on, expires_on_roc, expiry_flag, days_left, reasons},
                      form [{no, course, hours, start, end, start_roc, end_roc}], form_usable}] in plan order.
                    leave.reasons: the bundle's own reasons, and for a course's reason (why a course is
                    missing, or not off duty) a reference to it, {rule, see: the course's key}, in the order
                    a person reads them; leave_reasons(result, bundle) gives them whole.
                    form_usable: whether the form can be used to apply: leave eligible or review, and not
                    expired (an expired bundle keeps its form rows, for the record, and says why in its
                    reasons, rule leave.expired).
                    leave.status: eligible | review | ineligible. expiry_flag (only when `today` is given and
                    the leave is eligible or review, else null): "expired" (today is after expires_on),
                    "expiring" (expires_on is within the plan's warning window, 60 days in courses/ data,
                    counting today), or null; days_left: days from today to expires_on inclusive of
                    expires_on (0 on the last day), or null.
    leave_hours     the leave that can still be used: eligible bundles whose leave has not expired (with
                    `today`), at most the plan's cap
    leave_hours_with_review   the same with the bundles for review
    leave_hours_expired       the hours of eligible bundles whose leave has expired (0 without `today`): the
                    report's headline reads 「可補休時數：8 小時（另 4 小時已逾期）」
    reward {status, name, reasons}
    courses         [{key, bundle, no, name, hours, code, status, start, end, off_duty, match, row, found, reasons}]
                    key: "<bundle id>.<no>" (policy.3), what a bundle's reasons refer to;
                    reasons: whether it is done, its off-duty reason, and the calendar facts of the days that
                    decided, every day of the span included (calendar.day: 補行上班日 and holidays;
                    calendar.suspension: 全市停止上班; calendar.district_suspension: a district-only or
                    village-only 停止上班 day, and how `district` and `village` apply it); offduty.time_off when
                    office hours inside the span were covered by hour-level leave (naming both); offduty.retake_late
                    when a later pass came after the deadline (naming its date). offduty.review names every
                    block of working time inside the span.
                    status: counted | missing | not_passed | after_deadline | before_period (completed
                    before the plan's period began; a course begun before it and completed inside it counts,
                    with rule course.started_before_period saying why);
                    off_duty: yes | no | review | null; match: code | name | alias | chosen | null;
                    found: what decided off_duty, or null: {kind, kind_name, start, end, at} with kind in
                    office_hours (上班) | on_duty (在勤) | overtime (加班) | official_leave (公假) |
                    business_trip (公差) | unpaid_leave (留職停薪), at in start | end | between | overlap.
                    A row whose code is one catalogue course's and whose name is another's counts as the
                    code's course (match "code"), with a warning naming both (rule match.conflict), and that
                    bundle's leave and the reward are review.
    unmatched_rows  [{line, no, name, code, start, end, status, credit_hours, upload_status, upload_time,
                      suggestions [{bundle, no, name, code, similarity}]}]: rows that are no catalogue
                    course. A near match is only a suggestion: the row does not count until the person
                    picks the course (chosen_course).
    next_steps      [{rule, clause, anchor, message}]: what to do with the leave (附件2說明2: 每次申請補休以
                    小時計; 說明5: 登載為「公假補休」, 事由「利用公餘時間參與數位學習」), when any leave is
                    eligible or review.
    warnings        [reason]: matching (match.*), leave.cap, and with `today` leave.expired / leave.expiring.
  A reason (and a warning, and a next step) is {rule, clause, anchor, message, course?}: course is the
  catalogue course it names. A rule that rests on a parameter the plan does not state (office hours, the
  calendar) has its `source` (a zh-TW sentence naming where the fact comes from) in rules_catalogue(), once,
  not in each reason. Prose writes dates as 民國 dates with the ISO date in
  parentheses: 114 年 3 月 1 日（2025-03-01）; expiry as 「請於 116 年 3 月 3 日（含當日）前休畢」.

The CLI: python -m rules_py check RECORD... [--profile FILE] [--plan ID] [--today YYYY-MM-DD] [--json]
    --json: one record's result; for two records or more, {format_version, rules_catalogue {plan id:
    rules_catalogue(plan)} (every plan's, once), records [result + file, or {file, error {message}}], summary}
    (the schema's $defs/batch). --today defaults to today in Taiwan (UTC+8). Exit 0 checked, 2 unusable input (one zh-TW line per
    fault), 1 a rule gap. A profile file may be UTF-8 or Big5; `check - --profile -` is refused.

Where each idea lives: _check (check, check_json), _profile (the profile), _plan (the plans), _calendar
(working time, 民國 dates, expiry), _match (course names), _decisions (each decision, as a table of rules),
_verdict (the decisions applied to a record: the verdict tree, no words), _sentences (a verdict's reasons in
words), _result (the result's JSON from the verdict), _catalogue (rule ids, their sentences and clauses),
_report (the CLI's text, from the result), _cli, record/ (reading the record).
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
from rules_py._result import FORMAT_VERSION, leave_reasons

__version__ = "0.1.0"


def rules_catalogue(plan: str | None = None) -> dict:
    """{rule id: {clause, anchor, summary, message, source}} for the plan with this id (None: the latest plan)."""
    from rules_py._catalogue import rules_catalogue as catalogue
    from rules_py._plan import select_plan

    return catalogue(select_plan(plan, []))


__all__ = ["FORMAT_VERSION", "InputError", "RULE_IDS", "RuleGapError", "check", "check_json", "clause_anchor",
           "leave_expiry", "leave_reasons", "load_plans", "normalise_name", "read_profile", "roc_date", "rules_catalogue", "use_plans",
           "__version__"]
