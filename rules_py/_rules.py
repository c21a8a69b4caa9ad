"""The plan's rules: which courses count, bundles, off-duty verdicts, leave per bundle, the commendation.

Each decision is a table of (rule id, condition, outcome) tried in order; when no row of a table
applies, RuleGapError is raised instead of guessing.
"""

from datetime import datetime, timedelta

from rules_py._calendar import expiry, moment, roc_date, roc_moment, stamp, working_time
from rules_py._catalogue import reason
from rules_py._errors import RuleGapError


def _decide(table, subject: str, question: str):
    """table: ((rule id, whether it applies, outcome), ...) in order of precedence."""
    for rule, applies, outcome in table:
        if applies:
            return rule, outcome
    raise RuleGapError(f"沒有任何規則能判定「{subject}」{question}")


_RANK = {"yes": 0, "review": 1, "no": 2}  # which passing row serves the person best


class _Checked:
    """One catalogue course against the record: its status, chosen row, off-duty verdict, reasons."""

    __slots__ = ("course", "status", "row", "off_duty", "off_duty_reason", "reasons", "upload_ok")

    def __init__(self, course):
        self.course = course
        self.status = None
        self.row = None
        self.off_duty = None
        self.off_duty_reason = None
        self.reasons = []
        self.upload_ok = True


class _Seen:
    """A record row with what the rules and the result read of it, worked out once."""

    __slots__ = ("row", "start", "end", "t_start", "t_end", "iso_start", "iso_end", "shown_start", "shown_end",
                 "passed", "uploaded", "how")

    def __init__(self, row, plan):
        self.row, self.start, self.end = row, row.start, row.end
        self.t_start, self.t_end = stamp(row.start), stamp(row.end)
        self.iso_start, self.iso_end = row.start.isoformat(), row.end.isoformat()
        # as messages write them: 2025-03-01 09:00:00
        self.shown_start, self.shown_end = self.iso_start.replace("T", " "), self.iso_end.replace("T", " ")
        self.passed = row.status.strip() == plan.passed_status
        self.uploaded = row.upload_status.strip() == plan.upload_success
        self.how = None  # code | name | similar, once matched



def evaluate(plan, profile, rows) -> dict:
    work = working_time(plan, profile)
    covered = profile.category in plan.covered
    deadline_end = datetime.combine(plan.deadline + timedelta(days=1), datetime.min.time())
    warnings, unmatched, matched = [], [], {c: [] for c in plan.courses}
    for row in rows:
        course, how, ratio = plan.matcher.match(row.code, row.name)
        row = _Seen(row, plan)
        if course is None:
            unmatched.append(row)
            warnings.append(reason(plan, "match.unmatched", line=row.row.line, row_name=row.row.name))
            continue
        row.how = how
        matched[course].append(row)
        if how == "similar":
            warnings.append(reason(plan, "match.similar", course=course.name, line=row.row.line,
                                   row_name=row.row.name, ratio=f"{ratio:.2f}"))

    facts = _Facts(plan, profile, work, deadline_end)
    checked = {c: facts.course(c, matched[c]) for c in plan.courses}
    category = {"id": profile.category, "name": plan.categories[profile.category], "covered": covered}
    category_reason = reason(plan, "category.covered" if covered else "category.not_covered",
                             category=category["name"], covered=facts.covered_names)

    bundles = [_bundle(plan, b, [checked[c] for c in b.courses], covered, category_reason)
               for b in plan.bundles]
    eligible = sum(b["leave"]["status"] == "eligible" for b in bundles)
    pending = sum(b["leave"]["status"] == "review" for b in bundles)
    total = plan.leave_per_bundle * eligible
    if total > plan.leave_cap:
        warnings.append(reason(plan, "leave.cap", total=total, cap=plan.leave_cap))
    return {
        "plan": {"id": plan.id, "title": plan.title, "deadline": plan.deadline.isoformat(),
                 "deadline_roc": roc_date(plan.deadline), "leave_reason_text": plan.leave_reason_text},
        "category": category,
        "bundles": bundles,
        "leave_hours": min(plan.leave_cap, total),
        "leave_hours_with_review": min(plan.leave_cap, plan.leave_per_bundle * (eligible + pending)),
        "reward": _reward(plan, bundles, checked, covered, category_reason),
        "courses": [_course_json(checked[c]) for c in plan.courses],
        "unmatched_rows": [_row_json(row) for row in unmatched],
        "warnings": warnings,
    }


class _Facts:
    """What the rules look at, computed once per check."""

    def __init__(self, plan, profile, work, deadline_end):
        self.plan, self.work, self.deadline_end = plan, work, deadline_end
        self.deadline_text = plan.deadline.isoformat()
        self.covered_names = "、".join(plan.categories[c] for c in plan.categories if c in plan.covered)
        self.unpaid = [(datetime.combine(a, datetime.min.time()),
                        datetime.combine(b + timedelta(days=1), datetime.min.time())) for a, b in profile.unpaid_leave]

    # -- one row's off-duty verdict -----------------------------------------------------------
    def off_duty(self, course, row) -> tuple:
        """(verdict, rule, what it found): the reason's text is made only for the row that counts."""
        start, end = row.t_start, row.t_end
        unpaid = next(((a, b) for a, b in self.unpaid if row.start < b and row.end > a), None) if self.unpaid else None
        at_start = self.work.covering(start)
        at_end = self.work.covering(end, end_point=True)
        between = self.work.first_within(start, end)
        table = (
            ("offduty.unpaid_leave", unpaid is not None, "no"),
            ("offduty.no", at_start is not None or at_end is not None, "no"),
            ("offduty.review", between is not None, "review"),
            ("offduty.yes", between is None, "yes"),
        )
        rule, verdict = _decide(table, course.name, "是否在公餘時間")
        return verdict, rule, (unpaid, at_start, at_end, between)

    def off_duty_reason(self, course, row, rule: str, found: tuple) -> dict:
        unpaid, at_start, at_end, between = found
        start, end = row.shown_start, row.shown_end
        facts = {"start": start, "end": end}
        if rule == "offduty.unpaid_leave":
            facts.update(leave_start=unpaid[0].date(), leave_end=(unpaid[1] - timedelta(days=1)).date())
        elif rule == "offduty.no":
            which, t, span = ("開始", start, at_start) if at_start else ("結束", end, at_end)
            facts = {"which": which, "time": t, "work_start": moment(span[0]), "work_end": moment(span[1])}
        elif rule == "offduty.review":
            facts.update(work_start=moment(between[0]), work_end=moment(between[1]))
        return reason(self.plan, rule, course=course.name, **facts)

    # -- one catalogue course -----------------------------------------------------------------
    def course(self, course, matched) -> _Checked:
        plan = self.plan
        checked = _Checked(course)
        rows = matched
        passing, late, early, in_time = [], [], [], []
        for r in rows:
            if r.passed:
                passing.append(r)
                if r.end >= self.deadline_end:
                    late.append(r)
                elif r.start.date() < plan.period_start:
                    early.append(r)
                else:
                    in_time.append(r)
        table = (
            ("course.counted", bool(in_time), "counted"),
            ("course.after_deadline", bool(late), "after_deadline"),
            ("course.before_period", bool(early), "before_period"),
            ("course.not_passed", bool(rows) and not passing, "not_passed"),
            ("course.missing", not rows, "missing"),
        )
        rule, checked.status = _decide(table, course.name, "是否完成")
        deadline = plan.deadline
        if rule == "course.counted":
            if len(in_time) == 1:
                row, (verdict, why, found) = in_time[0], self.off_duty(course, in_time[0])
            else:
                (verdict, why, found), row = min(((self.off_duty(course, r), r) for r in in_time),
                                                 key=lambda v: (_RANK[v[0][0]], v[1].end))
            why = self.off_duty_reason(course, row, why, found)
            checked.row, checked.off_duty, checked.off_duty_reason = row, verdict, why
            checked.upload_ok = any(r.uploaded for r in in_time)
            checked.reasons = [reason(plan, rule, course=course.name, end=row.shown_end, deadline=self.deadline_text), why]
            return checked
        if rule == "course.after_deadline":
            checked.row = min(late, key=lambda r: r.end)
            facts = {"end": checked.row.end, "deadline": deadline}
        elif rule == "course.before_period":
            checked.row = min(early, key=lambda r: r.end)
            facts = {"start": checked.row.start, "period_start": plan.period_start}
        elif rule == "course.not_passed":
            checked.row = max(rows, key=lambda r: r.end)
            facts = {"line": checked.row.row.line, "end": checked.row.end, "status": checked.row.row.status}
        else:
            facts = {}
        checked.reasons = [reason(plan, rule, course=course.name, **facts)]
        return checked


def _bundle(plan, bundle, courses, covered, category_reason) -> dict:
    done = [c for c in courses if c.status == "counted"]
    complete = len(done) == len(courses)
    verdicts = {c.off_duty for c in done}
    completed_on = max(c.row.end for c in done).date() if complete else None
    table = (
        ("category.not_covered", not covered, "ineligible"),
        ("bundle.incomplete", not complete, "ineligible"),
        ("offduty.no", "no" in verdicts, "ineligible"),
        ("offduty.review", "review" in verdicts, "review"),
        ("leave.eligible", verdicts == {"yes"}, "eligible"),
    )
    rule, status = _decide(table, bundle.name, "的補休")
    reasons = [category_reason]
    if rule == "category.not_covered":
        pass  # nothing else matters for a person the plan does not cover
    elif rule == "bundle.incomplete":
        missing = [c for c in courses if c.status != "counted"]
        reasons.append(reason(plan, rule, bundle=bundle.name, missing=len(missing), deadline=plan.deadline))
        reasons += [r for c in missing for r in c.reasons]
    else:
        reasons.append(reason(plan, "bundle.complete", bundle=bundle.name, count=len(courses),
                              hours=bundle.hours, deadline=plan.deadline, completed_on=completed_on))
        if status == "eligible":
            reasons.append(reason(plan, rule, bundle=bundle.name, hours=plan.leave_per_bundle))
        else:
            wanted = "no" if status == "ineligible" else "review"
            reasons += [c.off_duty_reason for c in done if c.off_duty == wanted]
    leave = {"status": status, "hours": 0, "expires_on": None, "expires_on_roc": None, "reasons": reasons}
    form = []
    if status in ("eligible", "review"):
        expires_on = expiry(completed_on, plan.leave_valid_years)
        leave.update(hours=plan.leave_per_bundle, expires_on=expires_on.isoformat(), expires_on_roc=roc_date(expires_on))
        reasons.append(reason(plan, "leave.expiry", next_day=completed_on + timedelta(days=1),
                              years=plan.leave_valid_years, expires_on=expires_on))
        form = form_rows([(c.course, c.row.row) for c in courses])
    return {
        "id": bundle.id,
        "name": bundle.name,
        "required_hours": bundle.hours,
        "completed_hours": sum(c.course.hours for c in done),
        "complete": complete,
        "completed_on": completed_on.isoformat() if completed_on else None,
        "completed_on_roc": roc_date(completed_on) if completed_on else None,
        "leave": leave,
        "form": form,
    }


def _reward(plan, bundles, checked, covered, category_reason) -> dict:
    incomplete = [b["name"] for b in bundles if not b["complete"]]
    pending = [c for c in checked.values() if c.status == "counted" and not c.upload_ok]
    table = (
        ("category.not_covered", not covered, "ineligible"),
        ("reward.incomplete", bool(incomplete), "ineligible"),
        ("reward.upload_pending", bool(pending), "review"),
        ("reward.complete", not pending, "eligible"),
    )
    rule, status = _decide(table, plan.reward_name, "是否符合")
    reasons = [category_reason]
    if rule == "reward.incomplete":
        reasons.append(reason(plan, rule, deadline=plan.deadline, reward=plan.reward_name,
                              bundles="、".join(f"「{n}」" for n in incomplete)))
    elif covered:
        reasons.append(reason(plan, "reward.complete", deadline=plan.deadline, reward=plan.reward_name,
                              bundles="、".join(f"「{b['name']}」" for b in bundles)))
        reasons += [reason(plan, rule, course=c.course.name, status=c.row.row.upload_status or "（空白）",
                           success=plan.upload_success, reward=plan.reward_name) for c in pending]
    return {"status": status, "name": plan.reward_name, "reasons": reasons}


def _course_json(c: _Checked) -> dict:
    seen = c.row
    return {
        "bundle": c.course.bundle,
        "no": c.course.index,
        "name": c.course.name,
        "hours": c.course.hours,
        "code": c.course.code,
        "status": c.status,
        "start": seen.iso_start if seen else None,
        "end": seen.iso_end if seen else None,
        "off_duty": c.off_duty,
        "match": seen.how if seen else None,
        "row": _row_json(seen) if seen else None,
        "reasons": c.reasons,
    }


def _row_json(seen: _Seen) -> dict:
    row = seen.row
    return {
        "line": row.line, "no": row.no, "name": row.name, "code": row.code,
        "start": seen.iso_start, "end": seen.iso_end,
        "status": row.status, "credit_hours": row.credit_hours,
        "upload_status": row.upload_status, "upload_time": row.upload_time,
    }


def form_rows(courses_and_rows) -> list:
    """[(course, its counting row)] in catalogue order -> the rows of the application form
    (公餘時間完成數位學習補休申請表), times as on the paper form."""
    return [
        {
            "no": course.index,
            "course": course.name,
            "hours": course.hours,
            "start": row.start.isoformat(),
            "end": row.end.isoformat(),
            "start_roc": roc_moment(row.start),
            "end_roc": roc_moment(row.end),
        }
        for course, row in courses_and_rows
    ]
