"""The plan's decisions, one function each. They build no output: each returns the rule id that decided,
the outcome and what it found; _verdict applies them to a record, and _sentences and _result write them.

Each decision is a table of (rule id, whether it applies, outcome) tried in order of precedence; when no
row applies, RuleGapError is raised instead of guessing.
"""

from datetime import datetime, time

from rules_py._calendar import moment, stamp
from rules_py._errors import RuleGapError

_RANK = {"yes": 0, "review": 1, "no": 2}  # which passing row serves the person best
_MIDNIGHT = time()


def decide(table, subject: str, question: str) -> tuple:
    """table: ((rule id, whether it applies, outcome), ...) in order of precedence -> (rule id, outcome)."""
    for rule, applies, outcome in table:
        if applies:
            return rule, outcome
    raise RuleGapError(f"沒有任何規則能判定「{subject}」{question}")


class Seen:
    """A record row with what the rules read of it, worked out once."""

    __slots__ = ("row", "start", "end", "iso_start", "iso_end", "t_start", "t_end", "passed", "uploaded", "how",
                 "other", "index")

    def __init__(self, row, plan, index: int):
        self.row, self.start, self.end, self.index = row, row.start, row.end, index
        self.iso_start, self.iso_end = row.start.isoformat(), row.end.isoformat()  # the output writes them twice
        self.t_start, self.t_end = stamp(row.start), stamp(row.end)
        self.passed = row.status.strip() == plan.passed_status
        self.uploaded = row.upload_status.strip() == plan.upload_success
        self.how = None    # code | name | alias | chosen, once matched
        self.other = None  # the course its name is, when its code is another course's


def course_done(course, rows: list, plan) -> tuple:
    """Whether a catalogue course is done.

    陸、五: 「於 114 年 8 月 31 日前利用公餘時間…至「e⁺平臺」完成下列規定課程者」 (passed, by the deadline,
    the deadline's day included); 伍: the plan's period. 陸、五 and 陸、六 reward completing a course, so a
    course completed inside the period counts even when it began before it (the result says so, rule
    course.started_before_period); one completed before the period began is not this year's.
    Rules: course.counted, course.after_deadline, course.before_period, course.not_passed, course.missing.
    -> (rule, status, the rows it rests on: the rows in time, late, early, or all of them; the passes
    after the deadline, whatever decided).
    """
    deadline_end, period_begin = plan.deadline_end, plan.period_begin
    passing = [r for r in rows if r.passed]
    late, early, in_time = [], [], []
    for r in passing:  # one pass, each row into one list, in the rows' order
        if r.end >= deadline_end:
            late.append(r)
        elif r.end <= period_begin:
            early.append(r)
        else:
            in_time.append(r)
    rule, status = decide((
        ("course.counted", bool(in_time), "counted"),
        ("course.after_deadline", bool(late), "after_deadline"),
        ("course.before_period", bool(early), "before_period"),
        ("course.not_passed", bool(rows) and not passing, "not_passed"),
        ("course.missing", not rows, "missing"),
    ), course.name, "是否完成")
    return rule, status, {"course.counted": in_time, "course.after_deadline": late,
                          "course.before_period": early}.get(rule, rows), late


def off_duty(course, row, duty, profile) -> tuple:
    """Whether a row's study period is 公餘時間 (off duty).

    附件2說明2: 「其中公餘時間係指非上班、在勤或輪值時間，且上開時間內不得申請任何加班、公(差)假」;
    陸、五: 「所附學習紀錄起迄時間均應為公餘時間」 and 「留職停薪期間完成規定時數者，因無利用公餘時間事實，
    不予適用」; 附件2說明3: 「該紀錄起迄時間均應為公餘時間」 (only the start and end must be off duty, so
    working time between them is for the personnel office to judge).
    A start or end in 上班 on a day that is a 停止上班 day only for some villages of the person's district,
    the village not given, is for review (offduty.village): the person is asked to confirm.
    Rules: offduty.unpaid_leave, offduty.overtime_leave, offduty.no, offduty.village, offduty.review,
    offduty.yes.
    -> (rule, verdict yes | no | review, found {kind, start, end, at} or None).
    """
    # The usual profile has no leave or claims: no generator to run then.
    unpaid = profile.unpaid_leave and next(
        ((a, b) for a, b in profile.unpaid_leave if row.start.date() <= b and row.end > datetime.combine(a, _MIDNIGHT)),
        None)
    claimed = profile.claimed and next(
        ((a, b, key) for a, b, key in profile.claimed if row.start < b and row.end > a), None)
    at_start = _covering(duty, row.t_start, end_point=False)
    at_end = None
    if at_start is None or _uncertain(duty, at_start):
        at_end = _covering(duty, row.t_end, end_point=True)
        if at_start is not None and (at_end is None or _uncertain(duty, at_end)):
            at_end = None  # the start decides: both lie on days that depend on the village
    at = at_start if at_end is None else at_end
    between = _within(duty, row.t_start, row.t_end)
    rule, verdict = decide((
        ("offduty.unpaid_leave", bool(unpaid), "no"),
        ("offduty.overtime_leave", bool(claimed), "no"),
        ("offduty.no", at is not None and not _uncertain(duty, at), "no"),
        ("offduty.village", at is not None, "review"),
        ("offduty.review", between is not None, "review"),
        ("offduty.yes", between is None, "yes"),
    ), course.name, "是否在公餘時間")
    if rule == "offduty.unpaid_leave":
        found = {"kind": "unpaid_leave", "start": unpaid[0], "end": unpaid[1], "at": "overlap"}
    elif rule == "offduty.overtime_leave":
        found = {"kind": _CLAIMED_KIND[claimed[2]], "start": claimed[0], "end": claimed[1], "at": "overlap"}
    elif rule in ("offduty.no", "offduty.village"):
        kind, span = at
        found = {"kind": kind, "start": moment(span[0]), "end": moment(span[1]), "at": "start" if at is at_start else "end"}
    elif rule == "offduty.review":
        kind, span = between
        found = {"kind": kind, "start": moment(span[0]), "end": moment(span[1]), "at": "between",
                 "blocks": [(k, moment(a), moment(b)) for k, (a, b) in _all_within(duty, row.t_start, row.t_end)]}
    else:
        found = None
    return rule, verdict, found


_CLAIMED_KIND = {"overtime": "overtime", "official_leave": "official_leave", "business_trips": "business_trip"}


def _covering(duty, t: int, end_point: bool):
    """(kind, interval) of the working time that holds moment t, 上班 before 在勤."""
    for kind, work in duty.kinds:
        span = work.covering(t, end_point=end_point)
        if span is not None:
            return kind, span
    return None


def _uncertain(duty, found) -> bool:
    """Whether the 上班 found lies on a day whose 停止上班 depends on the person's village (not given)."""
    return found[0] == "office_hours" and duty.uncertain_block(found[1])


def _all_within(duty, start: int, end: int) -> list:
    """[(kind, interval)] of every block of working time strictly between start and end, in time order."""
    return sorted(((kind, span) for kind, work in duty.kinds for span in work.all_within(start, end)),
                  key=lambda found: found[1])


def _within(duty, start: int, end: int):
    """(kind, interval) of the first working time strictly between start and end."""
    found = None
    for kind, work in duty.kinds:  # 上班 first: it wins a tie
        span = work.first_within(start, end)
        if span is not None and (found is None or span < found[1]):
            found = kind, span
    return found


def counting_row(verdicts: list) -> tuple:
    """The row that counts for a done course, among [(row, (rule, verdict, found))]: the one that serves
    the person best (off duty before review before not), then the earliest to end.

    附件2說明3: 「上開課程起迄時間均應請詳實登載…且該紀錄起迄時間均應為公餘時間」: a course first passed
    when not off duty and passed again later off duty is for the personnel office to judge.
    Rule: offduty.retake. -> (the counting row and its verdict, the earlier row not off duty or None).
    """
    if len(verdicts) == 1:  # the usual course, passed once
        return verdicts[0], None
    best = min(verdicts, key=lambda v: (_RANK[v[1][1]], v[0].other is not None, v[0].end))
    earlier = None
    if best[1][1] == "yes":
        earlier = min((v for v in verdicts if v[1][1] != "yes" and v[0].end < best[0].end),
                      key=lambda v: v[0].end, default=None)
    return best, earlier


def bundle_leave(bundle, covered: bool, complete: bool, verdicts: set, conflict: bool, still_open: bool) -> tuple:
    """The leave (公假補休) for one bundle.

    陸、五: 「「政策能力訓練」、「市政議題訓練」及「共通知能訓練」組裝課程，每完成1套，得申請補休4小時」,
    the study periods all off duty (see off_duty); 肆: only the categories the plan covers. still_open: the
    deadline has not passed (today is on or before it), so an incomplete bundle can still be finished.
    Rules: category.not_covered, bundle.in_progress, bundle.incomplete, offduty.no, offduty.review,
    match.conflict, leave.eligible. verdicts: the counted courses' off-duty verdicts.
    -> (rule, status eligible | review | ineligible).
    """
    return decide((
        ("category.not_covered", not covered, "ineligible"),
        ("bundle.in_progress", not complete and still_open, "ineligible"),
        ("bundle.incomplete", not complete, "ineligible"),
        ("offduty.no", "no" in verdicts, "ineligible"),
        ("offduty.review", "review" in verdicts, "review"),
        ("match.conflict", conflict, "review"),
        ("leave.eligible", verdicts == {"yes"}, "eligible"),
    ), bundle.name, "的補休")


def reward(plan, covered: bool, incomplete: list, upload_pending: list, short_credit: list, conflicts: list,
           still_open: bool) -> tuple:
    """The commendation (嘉獎).

    陸、六: 「於114年8月31日前至「e⁺平臺」完成「政策能力訓練」、「市政議題訓練」及「共通知能訓練」組裝課程
    各10小時(共計30小時)相關課程者，服務機關得依據終身學習入口網「同仁學習狀況明細」學習時數資料，核予嘉獎
    1次」: every bundle complete, on the credited hours as uploaded (a row whose 認證時數 is blank or below the
    course's hours, or whose upload did not succeed, is for the personnel office); 肆: covered categories.
    still_open: as for bundle_leave.
    Rules: category.not_covered, reward.in_progress, reward.incomplete, reward.upload_pending,
    reward.credit_hours, match.conflict, reward.complete. -> (rule, status eligible | review | ineligible).
    """
    return decide((
        ("category.not_covered", not covered, "ineligible"),
        ("reward.in_progress", bool(incomplete) and still_open, "ineligible"),
        ("reward.incomplete", bool(incomplete), "ineligible"),
        ("reward.upload_pending", bool(upload_pending), "review"),
        ("reward.credit_hours", bool(short_credit), "review"),
        ("match.conflict", bool(conflicts), "review"),
        ("reward.complete", True, "eligible"),
    ), plan.reward_name, "是否符合")


def short_credit(course, row) -> bool:
    """陸、六 (see reward): the row's 認證時數 is blank or below the catalogue's hours for the course."""
    return row.credit_hours is None or row.credit_hours < course.hours
