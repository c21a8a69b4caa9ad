"""The words of a verdict (_verdict): each decision told as its reason, {rule, clause, anchor, message,
course?}, with the zh-TW sentence of its rule (_catalogue) filled with the facts of the case.

A new rule's sentence goes in _catalogue (its text) and here (which facts fill it).
"""

from datetime import date, timedelta

from rules_py._calendar import clock, roc_date, roc_day, roc_span, roc_time
from rules_py._catalogue import fixed_reason, reason

KIND_NAMES = {"office_hours": "上班", "on_duty": "在勤", "overtime": "加班", "official_leave": "公假",
              "business_trip": "公差", "unpaid_leave": "留職停薪"}
_BLANK = "（空白）"
_DAY = 86400


class Audience:
    """Whom the sentences speak to. The person (the checker): 您, and what they can change on the page. The
    personnel officer (the batch): the person named in the third person, each setting's origin (sources: {profile
    key: "名冊第 3 列「上班時間」"}, from rules_py.batch.jobs), and what to fill in the roster."""

    __slots__ = ("officer", "sources")

    def __init__(self, officer: bool = False, sources: dict | None = None):
        self.officer, self.sources = officer, sources or {}

    def say(self, what: str, **facts) -> str:
        return _WORDS[what][self.officer].format(**facts)

    def given(self, key: str) -> str:
        """Where a setting that was filled in came from."""
        return self.sources.get(key) or _WORDS["given"][self.officer]


PERSON = Audience()

# The words that differ by audience: (to the person, to the officer). Everything else is said alike.
_WORDS = {
    "whose": ("您的", ""),
    "who": ("您", "同仁"),
    "given": ("您填寫的", "個人設定"),
    "ask_similar": ("若確為同一門課程，請在紀錄表為這一列選擇該課程。", "若確為同一門課程，請由人事單位認定。"),
    "ask_category": ("若不是，請選擇您的人員類別。", "若不是，請在名冊填寫同仁的「人員類別」。"),
    "ask_hours": ("請依您的實際上班時間修改。", "若同仁的上班時間不同，請在名冊填寫「上班時間」。"),
    "ask_district": ("若您所在的區另有停止上班的日子，請填寫行政區。", "若同仁所在的區另有停止上班的日子，請在名冊填寫「行政區」。"),
    "district_unknown": ("若您在這些區上班，請填寫工作所在行政區，當日就不算上班時間；目前以照常上班計。",
                         "若同仁在這些區上班，請在名冊填寫「行政區」，當日就不算上班時間；目前以照常上班計。"),
    "village_missing": ("您在{district}上班，但沒有填寫村里：請確認您上班的村里是否在其中。",
                        "同仁在{district}上班，但名冊沒有填寫「村里」：請確認同仁上班的村里是否在其中。"),
    "village_unknown": ("您沒有填寫工作所在的村里，請確認：", "名冊沒有填寫同仁工作所在的「村里」，請確認："),
    "ask_village": ("請填寫村里。", "請在名冊填寫「村里」。"),
    "district_in": ("您的工作地{district}在其中，當日不是上班時間。", "工作地{district}在其中，當日不是上班時間。"),
    "district_out": ("您的工作地{district}不在其中，當日照常上班。", "工作地{district}不在其中，當日照常上班。"),
}


def hours_used(plan, profile, audience) -> str:
    """The office hours an off-duty reason rests on, and where they came from (the default, the person, the
    roster or a profile file): said in every such reason, so that none contradicts what was used."""
    hours = "、".join(hours_text(a, b) for a, b in profile.office_hours)
    if "office_hours" in profile.assumed:
        return f"上班時間以預設的 {hours} 計（沒有填上班時間）。"
    where = audience.given("office_hours")
    if not hours:
        return f"沒有固定上班時間，只以在勤時段計（{where}）。"
    return f"上班時間以 {hours} 計（{where}）。"


def category_reason(plan, category: str, covered: bool, audience=PERSON) -> dict:
    covered_names = "、".join(plan.categories[c] for c in plan.categories if c in plan.covered)
    return fixed_reason(plan, "category.covered" if covered else "category.not_covered",
                        category=plan.categories[category], covered=covered_names, whose=audience.say("whose"))


def _clause(plan, course) -> str:
    """A match reason cites the clause of its course's own bundle (陸、一, 二 or 三)."""
    return next(b.clause for b in plan.bundles if b.id == course.bundle)


# -- matching ---------------------------------------------------------------------------------------

def match_warning(plan, match, audience=PERSON) -> dict:
    row = match.seen.row
    if match.rule == "match.chosen":
        return reason(plan, "match.chosen", course=match.course.name, clause=_clause(plan, match.course),
                      line=row.line, row_name=row.name, who=audience.say("who"))
    if match.rule == "match.similar":
        return reason(plan, "match.similar", course=match.course.name, clause=_clause(plan, match.course),
                      line=row.line, row_name=row.name, ratio=f"{match.ratio:.2f}", ask=audience.say("ask_similar"))
    if match.rule == "match.unmatched":
        return reason(plan, "match.unmatched", line=row.line, row_name=row.name)
    return conflict_reason(plan, match.course, match.seen)


def conflict_reason(plan, course, seen) -> dict:
    row = seen.row
    return reason(plan, "match.conflict", course=course.name, clause=_clause(plan, course),
                  line=row.line, code=row.code, row_name=row.name, other=seen.other.name)


# -- one course ---------------------------------------------------------------------------------

class CourseWords:
    """A course's reasons: whether it is done (and why it counts when begun before the period), its off-duty
    reasons (the bundle's leave cites these), and its calendar facts; `all` in the order the result gives them."""

    __slots__ = ("done", "off_duty", "calendar", "all")

    def __init__(self, done, off_duty, calendar):
        self.done, self.off_duty, self.calendar = done, off_duty, calendar
        self.all = done + off_duty + calendar


def course_words(plan, profile, c, audience=PERSON, hours: str = "") -> CourseWords:
    """hours: hours_used() for this profile (made once per check)."""
    done = [_done_reason(plan, c.done_rule, c.course, c.row)]
    if c.done_rule != "course.counted":
        return CourseWords(done, [], [])
    row, found = c.row, c.found
    if c.started_early:
        done.append(reason(plan, "course.started_before_period", course=c.course.name, start=row.start,
                           end=row.end, period_start=plan.period_start))
    calendar = [_calendar_fact(plan, profile, fact, audience) for fact in c.calendar]
    off_duty = [_off_duty_reason(plan, profile, c.course, row, c.off_duty_rule, found, calendar, audience, hours)]
    off_duty += [reason(plan, "offduty.time_off", course=c.course.name, office=roc_span(a, b), leave=roc_span(la, lb),
                        whose=audience.say("whose"), hours=hours) for a, b, la, lb in c.time_off]
    if c.earlier is not None:
        first, first_found = c.earlier
        off_duty.insert(0, reason(
            plan, "offduty.retake", course=c.course.name, first_line=first.row.line, first_end=first.end,
            first_why=_why_not(first_found), line=row.row.line, end=row.end, completed_on=row.end.date()))
    if c.late is not None:
        off_duty.append(reason(plan, "offduty.retake_late", course=c.course.name, line=c.late.row.line,
                               end=c.late.end, deadline=plan.deadline, first_line=row.row.line))
    return CourseWords(done, off_duty, calendar)


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


def _off_duty_reason(plan, profile, course, row, rule, found, calendar, audience, hours) -> dict:
    facts = {"span": roc_span(row.start, row.end)}
    if rule == "offduty.unpaid_leave":
        facts.update(leave_start=found["start"], leave_end=found["end"])
    elif rule == "offduty.overtime_leave":
        facts.update(kind=KIND_NAMES[found["kind"]], other=roc_span(found["start"], found["end"]))
    elif rule in ("offduty.no", "offduty.village"):
        which, when = ("開始", row.start) if found["at"] == "start" else ("結束", row.end)
        facts = {"which": which, "time": roc_time(when), "kind": KIND_NAMES[found["kind"]],
                 "work": _work(found, when)}
        if rule == "offduty.village":  # the block's day is a stop for some villages of the person's district
            stop = plan.suspensions[found["start"].date().isoformat()]
            facts.update(district=profile.district, villages="、".join(stop["villages"][profile.district]),
                         village_unknown=audience.say("village_unknown"))
    elif rule == "offduty.review":
        blocks = found["blocks"]
        facts = {"start": roc_time(row.start), "end": roc_time(row.end),
                 "kind": "、".join(dict.fromkeys(KIND_NAMES[kind] for kind, _, _ in blocks)),
                 "work": _blocks_text(blocks)}
    if rule in ("offduty.yes", "offduty.no", "offduty.village", "offduty.review"):
        facts["facts"] = "".join(r["message"] for r in calendar)
        facts["hours"] = hours
    return reason(plan, rule, course=course.name, **facts)


def _work(found, when) -> str:
    """The working time found: its clock times alone when it lies on the day just named."""
    start, end = found["start"], found["end"]
    if when is not None and start.date() == end.date() == when.date():
        return f"{clock(start)}～{clock(end)}"
    return roc_span(start, end)


def _blocks_text(blocks) -> str:
    """Every block of working time, each day named once: 114 年 7 月 14 日（2025-07-14）08:00～12:00、13:30～17:30;
    a block across midnight (a night shift) with both its moments in full."""
    parts, day = [], None
    for _, start, end in blocks:
        if start.date() == end.date() == day:
            parts.append(f"{clock(start)}～{clock(end)}")
        else:
            parts.append(roc_span(start, end))
            day = start.date() if start.date() == end.date() else None
    return "、".join(parts)


def _why_not(found) -> str:
    """Why an earlier pass was not off duty, as a clause of a sentence."""
    kind, at = KIND_NAMES[found["kind"]], found["at"]
    if found["kind"] == "unpaid_leave":
        return f"當時在{kind}期間（{roc_day(found['start'])}～{roc_day(found['end'])}）"
    span = roc_span(found["start"], found["end"])
    if at == "overlap":
        return f"當時與{kind}（{span}）重疊"
    if at == "between":
        return f"其間含有{kind}時間（{span}）"
    return f"{'開始' if at == 'start' else '結束'}時間落在{kind}時間（{span}）內"


def _calendar_fact(plan, profile, fact, audience) -> dict:
    rule, day, what, applies = fact
    if rule == "calendar.suspension":
        return fixed_reason(plan, rule, day=day, cause=what["cause"])
    if rule == "calendar.day":
        kind = "放假日" if what in plan.off_days else "上班日"
        return fixed_reason(plan, rule, day=day, kind=kind, note=plan.day_notes[what])
    district, villages = profile.district, what.get("villages", {})
    where = district + (profile.village or "") if district in villages else district
    if district is None:
        how = audience.say("district_unknown")
    elif applies is None:
        how = audience.say("village_missing", district=district)
    else:
        how = audience.say("district_in" if applies else "district_out", district=where)
    named = "、".join(f"{d}（{'、'.join(villages[d])}）" if d in villages else d for d in what["districts"])
    return fixed_reason(plan, rule, day=day, districts=named, cause=what["cause"], how=how)


# -- one bundle, the reward -----------------------------------------------------------------------

def bundle_reasons(plan, b, words: dict, category: dict, cite, today=None) -> list:
    """A bundle's leave reasons; words: {CourseVerdict: CourseWords}; category: the category's reason;
    cite(course verdict, its reasons) -> what the bundle says of a course's reasons (the result refers to them)."""
    if b.rule == "category.not_covered":
        return [category]  # nothing else matters for a person the plan does not cover
    if b.rule in ("bundle.incomplete", "bundle.in_progress"):
        missing = [c for c in b.courses if c.status != "counted"]
        if b.rule == "bundle.in_progress":
            first = fixed_reason(plan, b.rule, bundle=b.bundle.name, missing=len(missing), courses=_names(missing),
                                 deadline=plan.deadline, days=b.open_days, hours=plan.leave_per_bundle)
        else:
            first = fixed_reason(plan, b.rule, bundle=b.bundle.name, missing=len(missing), which=_which(plan, missing))
        return [first] + [r for c in missing for r in cite(c, words[c].all)]
    reasons = [fixed_reason(plan, "bundle.complete", bundle=b.bundle.name, count=len(b.courses),
                            hours=b.bundle.hours, deadline=plan.deadline, completed_on=b.completed_on)]
    if b.status == "eligible":
        reasons.append(fixed_reason(plan, b.rule, bundle=b.bundle.name, hours=plan.leave_per_bundle))
    else:
        wanted = "no" if b.status == "ineligible" else "review"
        reasons += [r for c in b.done if c.off_duty == wanted for r in cite(c, words[c].off_duty)]
        if b.status == "review":
            reasons += [conflict_reason(plan, c.course, c.row) for c in b.conflicts]
    if b.expires_on is not None:
        reasons.append(fixed_reason(plan, "leave.expiry", next_day=b.completed_on + timedelta(days=1),
                                    years=plan.leave_valid_years, expires_roc=roc_date(b.expires_on),
                                    expires_iso=b.expires_on.isoformat()))
    if b.expiry_flag == "expired":  # why its form is not offered: the leave can no longer be taken
        reasons.append(expiry_warning(plan, b, today))
    return reasons


def _names(courses) -> str:
    return "、".join(f"「{c.course.name}」" for c in courses)


def _which(plan, missing) -> str:
    """Which courses a bundle lacks, and why: completed before the period began, or not done by the deadline."""
    early = [c for c in missing if c.status == "before_period"]
    late = [c for c in missing if c.status != "before_period"]
    parts = [f"{_names(early)}在辦理期間開始日 {roc_day(plan.period_start)}前就已完成"] if early else []
    if late:
        parts.append(f"{_names(late)}沒有在 {roc_day(plan.deadline)}（含當日）前完成")
    return "；".join(parts)


def expiry_warning(plan, b, today):
    """Leave already past its last day, or within the plan's warning window of it; else None."""
    if b.expiry_flag is None:
        return None
    facts = {"bundle": b.bundle.name, "expires_roc": roc_date(b.expires_on), "expires_iso": b.expires_on.isoformat()}
    if b.expiry_flag == "expired":
        return reason(plan, "leave.expired", today=today, hours=plan.leave_per_bundle, **facts)
    return reason(plan, "leave.expiring", days=b.days_left + 1, **facts)


def cap_warning(plan, total: int) -> dict:
    return reason(plan, "leave.cap", total=total, cap=plan.leave_cap)


def reward_reasons(plan, r, bundles, category: dict) -> list:
    if r.rule == "category.not_covered":
        return [category]
    if r.rule == "reward.incomplete":
        return [fixed_reason(plan, r.rule, deadline=plan.deadline, reward=plan.reward_name,
                             bundles="、".join(f"「{b.bundle.name}」" for b in r.incomplete))]
    if r.rule == "reward.in_progress":
        return [fixed_reason(plan, r.rule, deadline=plan.deadline, reward=plan.reward_name, days=r.open_days,
                             bundles="、".join(f"「{b.bundle.name}」" for b in r.incomplete))]
    reasons = [fixed_reason(plan, "reward.complete", deadline=plan.deadline, reward=plan.reward_name,
                            bundles="、".join(f"「{b.bundle.name}」" for b in bundles))]
    reasons += [reason(plan, "reward.upload_pending", course=c.course.name,
                       status=c.row.row.upload_status.strip() or _BLANK, success=plan.upload_success,
                       reward=plan.reward_name) for c in r.pending]
    reasons += [reason(plan, "reward.credit_hours", course=c.course.name, line=c.row.row.line,
                       credit=_BLANK if c.row.row.credit_hours is None else f"{c.row.row.credit_hours:g} 小時",
                       hours=c.course.hours, reward=plan.reward_name) for c in r.short]
    reasons += [conflict_reason(plan, c.course, c.row) for c in r.conflicts]
    return reasons


# -- what was assumed, what to do next --------------------------------------------------------------

def hours_text(a: int, b: int) -> str:
    """Office hours as the profile writes them: 08:00-12:00; a night shift, whose end is the next morning
    (past 24:00 on the axis), as 22:00-06:00."""
    if b > _DAY:
        b -= _DAY
    return f"{a // 3600:02d}:{a % 3600 // 60:02d}-{b // 3600:02d}:{b % 3600 // 60:02d}"


def assumed(plan, profile, audience=PERSON) -> list:
    """[{key, value, message}]: what was assumed for lack of input, and what to do about it."""
    out = []
    if "category" in profile.assumed:
        name = plan.categories["civil_servant"]
        out.append({"key": "category", "value": "civil_servant",
                    "message": f"沒有填人員類別，以「{name}」檢核；{audience.say('ask_category')}"})
    if "office_hours" in profile.assumed:
        hours = "、".join(hours_text(a, b) for a, b in profile.office_hours)
        out.append({"key": "office_hours", "value": [hours_text(a, b) for a, b in profile.office_hours],
                    "message": f"沒有填上班時間，以辦公日曆上班日的 {hours} 檢核（{plan.office_hours_source}）。"
                               f"{audience.say('ask_hours')}"})
    if "district" in profile.assumed and plan.has_district_suspensions:
        out.append({"key": "district", "value": None,
                    "message": f"沒有填工作所在行政區：只有全市停止上班的日子不算上班時間；{audience.say('ask_district')}"})
    days = [s for s in plan.suspensions.values() if profile.district in s.get("villages", {})]
    if "village" in profile.assumed and days:
        named = "；".join(f"{roc_day(date.fromisoformat(s['date']))}只有{'、'.join(s['villages'][profile.district])}"
                         for s in days)
        out.append({"key": "village", "value": None,
                    "message": f"沒有填工作所在村里：{profile.district}在 {named}停止上班；當日落在上班時間的課程，"
                               f"改由人事單位認定。{audience.say('ask_village')}"})
    return out


def next_steps(plan) -> list:
    """附件2說明2 and 說明5: how the leave is taken and recorded."""
    return [fixed_reason(plan, "next.unit", unit=plan.leave_unit_hours),
            fixed_reason(plan, "next.record", kind=plan.leave_record_kind, reason=plan.leave_reason_text)]
