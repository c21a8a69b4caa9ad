"""The result of a check: the decisions (_decisions) applied to a record, and each told in its sentence.

The shape of the result is documented in rules_py/__init__.py.
"""

from datetime import date, timedelta

from rules_py._calendar import clock, duty, expiry, roc_date, roc_day, roc_moment, roc_span, roc_time, suspended
from rules_py._catalogue import fixed_reason, reason
from rules_py._decisions import Seen, bundle_leave, counting_row, course_done, off_duty, reward, short_credit
from rules_py._errors import InputError

_KIND_NAMES = {"office_hours": "上班", "on_duty": "在勤", "overtime": "加班", "official_leave": "公假",
               "business_trip": "公差", "unpaid_leave": "留職停薪"}
_BLANK = "（空白）"


def evaluate(plan, profile, rows, chosen=None, today: date | None = None) -> dict:
    work = duty(plan, profile)
    covered = profile.category in plan.covered
    warnings, unmatched, matched = [], [], {c: [] for c in plan.courses}
    for i, row in enumerate(rows):
        seen = Seen(row, plan, i)
        course = _match(plan, seen, chosen[i] if chosen else None, warnings)
        if course is None:
            unmatched.append(seen)
        else:
            matched[course].append(seen)

    checked = {c: _course(plan, profile, work, c, matched[c]) for c in plan.courses}
    category = {"id": profile.category, "name": plan.categories[profile.category], "covered": covered}
    covered_names = "、".join(plan.categories[c] for c in plan.categories if c in plan.covered)
    category["reason"] = fixed_reason(plan, "category.covered" if covered else "category.not_covered",
                                      category=category["name"], covered=covered_names)
    bundles = [_bundle(plan, b, [checked[c] for c in b.courses], covered, category["reason"], today, warnings)
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
        "office_hours": [_hours(a, b) for a, b in profile.office_hours],
        "district": profile.district,
        "assumed": _assumed(plan, profile),
        "bundles": bundles,
        "leave_hours": min(plan.leave_cap, total),
        "leave_hours_with_review": min(plan.leave_cap, plan.leave_per_bundle * (eligible + pending)),
        "reward": _reward(plan, bundles, checked, covered, category["reason"]),
        "courses": [_course_json(checked[c]) for c in plan.courses],
        "unmatched_rows": [_row_json(seen, _suggestions(plan, seen)) for seen in unmatched],
        "next_steps": _next_steps(plan) if eligible + pending else [],
        "warnings": warnings,
    }


# -- matching ---------------------------------------------------------------------------------

def _match(plan, seen, label, warnings):
    """The catalogue course of a row (None: no course), with the warnings its matching calls for."""
    row = seen.row
    course, how, other = plan.matcher.match(row.code, row.name)
    if label is not None:
        picked = plan.matcher.chosen(label)
        if picked is None:
            raise InputError(f"「{label}」不是課程清單上的課程代碼或課程名稱", f"rows[{seen.index}].chosen_course")
        if picked is not course or other is not None:
            warnings.append(reason(plan, "match.chosen", course=picked.name, clause=_clause(plan, picked),
                                   line=row.line, row_name=row.name))
        seen.how = "chosen"
        return picked
    if course is None:
        suggestions = plan.matcher.suggestions(row.name)
        if suggestions:
            best, ratio = suggestions[0]
            warnings.append(reason(plan, "match.similar", course=best.name, clause=_clause(plan, best),
                                   line=row.line, row_name=row.name, ratio=f"{ratio:.2f}"))
        else:
            warnings.append(reason(plan, "match.unmatched", line=row.line, row_name=row.name))
        return None
    seen.how, seen.other = how, other
    if other is not None:
        warnings.append(reason(plan, "match.conflict", course=course.name, clause=_clause(plan, course),
                               line=row.line, code=row.code, row_name=row.name, other=other.name))
    return course


def _clause(plan, course) -> str:
    """A match reason cites the clause of its course's own bundle (陸、一, 二 or 三)."""
    return next(b.clause for b in plan.bundles if b.id == course.bundle)


def _suggestions(plan, seen) -> list:
    return [{"bundle": c.bundle, "no": c.index, "name": c.name, "code": c.code, "similarity": round(ratio, 2)}
            for c, ratio in plan.matcher.suggestions(seen.row.name)]


# -- one catalogue course -----------------------------------------------------------------------

class _Checked:
    """One catalogue course against the record: its status, counting row, off-duty verdict, reasons."""

    __slots__ = ("course", "status", "row", "off_duty", "off_duty_reasons", "found", "reasons", "upload_ok")

    def __init__(self, course):
        self.course = course
        self.status = None
        self.row = None
        self.off_duty = None
        self.off_duty_reasons = []
        self.found = None
        self.reasons = []
        self.upload_ok = True


def _course(plan, profile, work, course, rows) -> _Checked:
    checked = _Checked(course)
    rule, checked.status, deciding, _ = course_done(course, rows, plan)
    if rule != "course.counted":
        checked.row = _shown_row(rule, deciding)
        checked.reasons = [_done_reason(plan, rule, course, checked.row)]
        return checked
    verdicts = [(r, off_duty(course, r, work, profile)) for r in deciding]
    (row, (why, verdict, found)), earlier = counting_row(verdicts)
    checked.row, checked.off_duty, checked.found = row, verdict, found
    checked.upload_ok = any(r.uploaded for r in deciding)
    calendar = _calendar_reasons(plan, profile, row, found)
    checked.off_duty_reasons = [_off_duty_reason(plan, course, row, why, found, calendar)]
    if earlier is not None:
        first, (_, _, first_found) = earlier
        checked.off_duty = "review"
        checked.off_duty_reasons.insert(0, reason(
            plan, "offduty.retake", course=course.name, first_line=first.row.line, first_end=first.end,
            first_why=_why_not(first_found), line=row.row.line, end=row.end,
            completed_on=row.end.date()))
    checked.reasons = [_done_reason(plan, rule, course, row)] + checked.off_duty_reasons + calendar
    return checked


def _shown_row(rule, deciding):
    if rule == "course.not_passed":
        return max(deciding, key=lambda r: r.end)
    return min(deciding, key=lambda r: r.end) if deciding else None


def _done_reason(plan, rule, course, row) -> dict:
    if rule in ("course.counted", "course.after_deadline"):
        facts = {"end": row.end, "deadline": plan.deadline}
    elif rule == "course.before_period":
        facts = {"end": row.end, "period_start": plan.period_start}
    elif rule == "course.not_passed":
        facts = {"line": row.row.line, "end": row.end, "status": row.row.status.strip() or _BLANK}
    else:
        return fixed_reason(plan, rule, course=course.name)  # no row: the same sentence in every check
    return reason(plan, rule, course=course.name, **facts)


def _off_duty_reason(plan, course, row, rule, found, calendar) -> dict:
    facts = {"span": roc_span(row.start, row.end)}
    if rule == "offduty.unpaid_leave":
        facts.update(leave_start=found["start"], leave_end=found["end"])
    elif rule == "offduty.overtime_leave":
        facts.update(kind=_KIND_NAMES[found["kind"]], other=roc_span(found["start"], found["end"]))
    elif rule == "offduty.no":
        which, when = ("開始", row.start) if found["at"] == "start" else ("結束", row.end)
        facts = {"which": which, "time": roc_time(when), "kind": _KIND_NAMES[found["kind"]],
                 "work": _work(found, when)}
    elif rule == "offduty.review":
        facts = {"start": roc_time(row.start), "end": roc_time(row.end), "kind": _KIND_NAMES[found["kind"]],
                 "work": _work(found, None)}
    if rule in ("offduty.yes", "offduty.no", "offduty.review"):
        facts["facts"] = "".join(r["message"] for r in calendar)
    return reason(plan, rule, course=course.name, **facts)


def _work(found, when) -> str:
    """The working time found: its clock times alone when it lies on the day just named."""
    start, end = found["start"], found["end"]
    if when is not None and start.date() == end.date() == when.date():
        return f"{clock(start)}～{clock(end)}"
    return roc_span(start, end)


def _why_not(found) -> str:
    """Why an earlier pass was not off duty, as a clause of a sentence."""
    kind, at = _KIND_NAMES[found["kind"]], found["at"]
    if found["kind"] == "unpaid_leave":
        return f"當時在{kind}期間（{roc_day(found['start'])}～{roc_day(found['end'])}）"
    span = roc_span(found["start"], found["end"])
    if at == "overlap":
        return f"當時與{kind}（{span}）重疊"
    if at == "between":
        return f"其間含有{kind}時間（{span}）"
    return f"{'開始' if at == 'start' else '結束'}時間落在{kind}時間（{span}）內"


# -- calendar facts -------------------------------------------------------------------------------

def _days(row, found) -> list:
    """The days whose calendar decided a row's verdict: its first and last day, and the working time's."""
    days = [row.start.date(), row.end.date()]
    if found is not None and found["kind"] in ("office_hours", "on_duty"):
        days.append(found["start"].date())
    return sorted(set(days))


def _suspension_fact(plan, profile, day, suspension) -> dict:
    if suspension["scope"] == "whole_city":
        return fixed_reason(plan, "calendar.suspension", day=day, cause=suspension["cause"])
    district = profile.district
    if district is None:
        how = "若您在這些區上班，請在個人設定填寫工作所在行政區（district），當日就不算上班時間；目前以照常上班計。"
    elif suspended(suspension, district):
        how = f"您的工作地{district}在其中，當日不是上班時間。"
    else:
        how = f"您的工作地{district}不在其中，當日照常上班。"
    return fixed_reason(plan, "calendar.district_suspension", day=day, districts="、".join(suspension["districts"]),
                        cause=suspension["cause"], how=how)


def _calendar_reasons(plan, profile, row, found) -> list:
    """What the calendar says of the days that decided a row's verdict (補行上班日, 停止上班…)."""
    out = []
    for day in _days(row, found):
        if day not in plan.fact_days:
            continue
        iso = day.isoformat()
        suspension = plan.suspensions.get(iso)
        if suspension is not None:
            out.append(_suspension_fact(plan, profile, day, suspension))
        note = plan.day_notes.get(iso)
        if note and (suspension is None or suspension["scope"] != "whole_city"):
            kind = "放假日" if iso in plan.off_days else "上班日"
            out.append(fixed_reason(plan, "calendar.day", day=day, kind=kind, note=note))
    return out


# -- one bundle, the reward -------------------------------------------------------------------------

def _bundle(plan, bundle, courses, covered, category_reason, today, warnings) -> dict:
    done = [c for c in courses if c.status == "counted"]
    complete = len(done) == len(courses)
    verdicts = {c.off_duty for c in done}
    conflicts = [c for c in done if c.row.other is not None]
    completed_on = max(c.row.end for c in done).date() if complete else None
    rule, status = bundle_leave(bundle, covered, complete, verdicts, bool(conflicts), False)
    reasons = []
    if rule == "category.not_covered":
        reasons.append(category_reason)  # nothing else matters for a person the plan does not cover
    elif rule == "bundle.incomplete":
        missing = [c for c in courses if c.status != "counted"]
        which = "、".join(f"「{c.course.name}」" for c in missing) + f"沒有在 {roc_day(plan.deadline)}（含當日）前完成"
        reasons.append(fixed_reason(plan, rule, bundle=bundle.name, missing=len(missing), which=which))
        reasons += [r for c in missing for r in c.reasons]
    else:
        reasons.append(fixed_reason(plan, "bundle.complete", bundle=bundle.name, count=len(courses),
                                    hours=bundle.hours, deadline=plan.deadline, completed_on=completed_on))
        if status == "eligible":
            reasons.append(fixed_reason(plan, rule, bundle=bundle.name, hours=plan.leave_per_bundle))
        else:
            wanted = "no" if status == "ineligible" else "review"
            reasons += [r for c in done if c.off_duty == wanted for r in c.off_duty_reasons]
            if status == "review":
                reasons += [_conflict_reason(plan, c) for c in conflicts]
    leave = {"status": status, "hours": 0, "expires_on": None, "expires_on_roc": None, "expiry_flag": None,
             "days_left": None, "reasons": reasons}
    form = []
    if status in ("eligible", "review"):
        expires_on = expiry(completed_on, plan.leave_valid_years)
        leave.update(hours=plan.leave_per_bundle, expires_on=expires_on.isoformat(), expires_on_roc=roc_date(expires_on))
        reasons.append(fixed_reason(plan, "leave.expiry", next_day=completed_on + timedelta(days=1),
                                    years=plan.leave_valid_years, expires_roc=roc_date(expires_on),
                                    expires_iso=expires_on.isoformat()))
        if today is not None:
            _expiry_flag(plan, bundle, leave, expires_on, today, warnings)
        form = form_rows([(c.course, c.row) for c in courses])
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


def _conflict_reason(plan, checked) -> dict:
    row = checked.row.row
    return reason(plan, "match.conflict", course=checked.course.name, clause=_clause(plan, checked.course),
                  line=row.line, code=row.code, row_name=row.name, other=checked.row.other.name)


def _expiry_flag(plan, bundle, leave, expires_on, today, warnings) -> None:
    """Leave already past its last day, or within the plan's warning window of it (both said in warnings)."""
    days_left = (expires_on - today).days
    leave["days_left"] = days_left if days_left >= 0 else None
    facts = {"bundle": bundle.name, "expires_roc": roc_date(expires_on), "expires_iso": expires_on.isoformat()}
    if days_left < 0:
        leave["expiry_flag"] = "expired"
        warnings.append(reason(plan, "leave.expired", today=today, **facts))
    elif days_left < plan.expiry_warning_days:
        leave["expiry_flag"] = "expiring"
        warnings.append(reason(plan, "leave.expiring", days=days_left + 1, **facts))


def _reward(plan, bundles, checked, covered, category_reason) -> dict:
    incomplete = [b["name"] for b in bundles if not b["complete"]]
    counted = [c for c in checked.values() if c.status == "counted"]
    pending = [c for c in counted if not c.upload_ok]
    short = [c for c in counted if short_credit(c.course, c.row.row)]
    conflicts = [c for c in counted if c.row.other is not None]
    rule, status = reward(plan, covered, incomplete, pending, short, conflicts, False)
    reasons = []
    if rule == "category.not_covered":
        reasons.append(category_reason)
    elif rule == "reward.incomplete":
        reasons.append(fixed_reason(plan, rule, deadline=plan.deadline, reward=plan.reward_name,
                                    bundles="、".join(f"「{n}」" for n in incomplete)))
    else:
        reasons.append(fixed_reason(plan, "reward.complete", deadline=plan.deadline, reward=plan.reward_name,
                                    bundles="、".join(f"「{b['name']}」" for b in bundles)))
        reasons += [reason(plan, "reward.upload_pending", course=c.course.name,
                           status=c.row.row.upload_status.strip() or _BLANK, success=plan.upload_success,
                           reward=plan.reward_name) for c in pending]
        reasons += [reason(plan, "reward.credit_hours", course=c.course.name, line=c.row.row.line,
                           credit=_BLANK if c.row.row.credit_hours is None else f"{c.row.row.credit_hours:g} 小時",
                           hours=c.course.hours, reward=plan.reward_name) for c in short]
        reasons += [_conflict_reason(plan, c) for c in conflicts]
    return {"status": status, "name": plan.reward_name, "reasons": reasons}


# -- what was assumed, what to do next --------------------------------------------------------------

def _assumed(plan, profile) -> list:
    out = []
    if "category" in profile.assumed:
        name = plan.categories["civil_servant"]
        out.append({"key": "category", "value": "civil_servant",
                    "message": f"沒有填人員類別，以「{name}」檢核；若不是，請選擇您的人員類別。"})
    if "office_hours" in profile.assumed:
        hours = "、".join(_hours(a, b) for a, b in profile.office_hours)
        out.append({"key": "office_hours", "value": [_hours(a, b) for a, b in profile.office_hours],
                    "message": f"沒有填上班時間，以辦公日曆上班日的 {hours} 檢核（{plan.office_hours_source}）。"})
    if "district" in profile.assumed and plan.has_district_suspensions:
        out.append({"key": "district", "value": None,
                    "message": "沒有填工作所在行政區：只有全市停止上班的日子不算上班時間；若您所在的區另有停止上班的"
                               "日子，請填寫行政區。"})
    return out


def _next_steps(plan) -> list:
    """附件2說明2 and 說明5: how the leave is taken and recorded."""
    return [fixed_reason(plan, "next.unit", unit=plan.leave_unit_hours),
            fixed_reason(plan, "next.record", kind=plan.leave_record_kind, reason=plan.leave_reason_text)]


# -- JSON of courses, rows and the form -----------------------------------------------------------

def _hours(a: int, b: int) -> str:
    return f"{a // 3600:02d}:{a % 3600 // 60:02d}-{b // 3600:02d}:{b % 3600 // 60:02d}"


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
        "found": _found_json(c.found),
        "reasons": c.reasons,
    }


def _found_json(found):
    if found is None:
        return None
    return {"kind": found["kind"], "kind_name": _KIND_NAMES[found["kind"]], "start": found["start"].isoformat(),
            "end": found["end"].isoformat(), "at": found["at"]}


def _row_json(seen, suggestions=None) -> dict:
    row = seen.row
    out = {
        "line": row.line, "no": row.no, "name": row.name, "code": row.code,
        "start": seen.iso_start, "end": seen.iso_end,
        "status": row.status, "credit_hours": row.credit_hours,
        "upload_status": row.upload_status, "upload_time": row.upload_time,
    }
    if suggestions is not None:
        out["suggestions"] = suggestions
    return out


def form_rows(courses_and_rows) -> list:
    """[(course, its counting row as Seen)] in catalogue order -> the rows of the application form
    (公餘時間完成數位學習補休申請表), times as on the paper form."""
    return [
        {
            "no": course.index,
            "course": course.name,
            "hours": course.hours,
            "start": seen.iso_start,
            "end": seen.iso_end,
            "start_roc": roc_moment(seen.start),
            "end_roc": roc_moment(seen.end),
        }
        for course, seen in courses_and_rows
    ]
