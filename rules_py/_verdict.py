"""The verdict of a check: the decisions (_decisions) applied to a record and a profile, as a plain tree of
courses, bundles and the reward, each with the rule that decided it and the facts it rested on.

No sentences and no JSON here: _sentences writes a verdict's words, _result its JSON (the result format),
_report its text. A check goes down once: decide(), then write.
"""

from datetime import date

from rules_py._calendar import covered_office, duty, expiry, suspended
from rules_py._decisions import Seen, bundle_leave, counting_row, course_done, off_duty, reward, short_credit
from rules_py._errors import InputError


class Verdict:
    """The whole check: what each course, bundle and the reward came to, and what matching found."""

    __slots__ = ("plan", "profile", "today", "covered", "courses", "bundles", "reward", "matches", "unmatched",
                 "eligible", "pending", "total", "expired", "expired_pending")

    def __init__(self, plan, profile, today, covered, courses, bundles, matches, unmatched):
        self.plan, self.profile, self.today, self.covered = plan, profile, today, covered
        self.courses = courses      # [CourseVerdict] in catalogue order
        self.bundles = bundles      # [BundleVerdict] in plan order
        self.matches = matches      # [Match] in row order: what matching says of a row
        self.unmatched = unmatched  # [Seen] rows that are no catalogue course
        self.eligible = sum(b.status == "eligible" for b in bundles)
        self.pending = sum(b.status == "review" for b in bundles)
        self.total = plan.leave_per_bundle * self.eligible  # before the cap
        # the eligible and review bundles whose leave can no longer be used (today is past its last day)
        self.expired = sum(b.status == "eligible" and b.expiry_flag == "expired" for b in bundles)
        self.expired_pending = sum(b.status == "review" and b.expiry_flag == "expired" for b in bundles)
        self.reward = None


class Match:
    """A row's matching that a warning tells: rule match.chosen | match.similar | match.unmatched | match.conflict."""

    __slots__ = ("rule", "seen", "course", "ratio")

    def __init__(self, rule, seen, course=None, ratio=None):
        self.rule, self.seen, self.course, self.ratio = rule, seen, course, ratio


class CourseVerdict:
    """One catalogue course against the record.

    done_rule: the course.* rule that decided status; row: the row it rests on (Seen) or None;
    off_duty_rule / off_duty / found: the offduty.* rule, its verdict and the working time found;
    earlier: (Seen, found) of an earlier pass not off duty (rule offduty.retake), or None;
    late: the first pass after the deadline, when the counted row is not off duty (offduty.retake_late), or None;
    started_early: the counted row began before the plan's period (course.started_before_period);
    time_off: [(start, end, leave start, leave end)]: office hours inside the span covered by hour-level
    leave (offduty.time_off);
    calendar: the calendar facts of the days that decided: (rule, day, suspension or ISO date, applies).
    """

    __slots__ = ("course", "status", "done_rule", "row", "off_duty_rule", "off_duty", "found", "earlier",
                 "late", "started_early", "time_off", "calendar", "upload_ok")

    def __init__(self, course):
        self.course = course
        self.status = self.done_rule = self.row = None
        self.off_duty_rule = self.off_duty = self.found = self.earlier = self.late = None
        self.started_early = False
        self.time_off = self.calendar = ()
        self.upload_ok = True


class BundleVerdict:
    """One bundle's leave: rule and status (bundle_leave), and what the status rests on."""

    __slots__ = ("bundle", "courses", "rule", "status", "done", "complete", "completed_on", "conflicts",
                 "expires_on", "expiry_flag", "days_left", "open_days")

    def __init__(self, bundle, courses):
        self.bundle, self.courses = bundle, courses
        self.expires_on = self.expiry_flag = self.days_left = None
        self.open_days = None  # days to the deadline, today included, while it has not passed


class RewardVerdict:
    """The commendation: rule and status (reward), and the courses each review rests on."""

    __slots__ = ("rule", "status", "incomplete", "pending", "short", "conflicts", "open_days")


def decide(plan, profile, rows, chosen=None, today: date | None = None) -> Verdict:
    work = duty(plan, profile)
    matches, unmatched, matched = [], [], {c: [] for c in plan.courses}
    for i, row in enumerate(rows):
        seen = Seen(row, plan, i)
        course = _match(plan, seen, chosen[i] if chosen else None, matches)
        if course is None:
            unmatched.append(seen)
        else:
            matched[course].append(seen)
    courses = {c: _course(plan, profile, work, c, matched[c]) for c in plan.courses}
    covered = profile.category in plan.covered
    open_days = _open_days(plan, today)
    bundles = [_bundle(plan, b, [courses[c] for c in b.courses], covered, today, open_days) for b in plan.bundles]
    verdict = Verdict(plan, profile, today, covered, list(courses.values()), bundles, matches, unmatched)
    verdict.reward = _reward(plan, bundles, verdict.courses, covered, open_days)
    return verdict


# -- matching ---------------------------------------------------------------------------------

def _match(plan, seen, label, matches):
    """The catalogue course of a row (None: no course), with what a warning must say of its matching."""
    row = seen.row
    course, how, other = plan.matcher.match(row.code, row.name)
    if label is not None:
        picked = plan.matcher.chosen(label)
        if picked is None:
            raise InputError(f"「{label}」不是課程清單上的課程代碼或課程名稱", f"rows[{seen.index}].chosen_course")
        if picked is not course or other is not None:
            matches.append(Match("match.chosen", seen, picked))
        seen.how = "chosen"
        return picked
    if course is None:
        suggestions = plan.matcher.suggestions(row.name)
        if suggestions:
            best, ratio = suggestions[0]
            matches.append(Match("match.similar", seen, best, ratio))
        else:
            matches.append(Match("match.unmatched", seen))
        return None
    seen.how, seen.other = how, other
    if other is not None:
        matches.append(Match("match.conflict", seen, course))
    return course


# -- one catalogue course -----------------------------------------------------------------------

def _course(plan, profile, work, course, rows) -> CourseVerdict:
    checked = CourseVerdict(course)
    checked.done_rule, checked.status, deciding, late = course_done(course, rows, plan)
    if checked.done_rule != "course.counted":
        checked.row = _shown_row(checked.done_rule, deciding)
        return checked
    verdicts = [(r, off_duty(course, r, work, profile)) for r in deciding]
    (row, (why, verdict, found)), earlier = counting_row(verdicts)
    checked.row, checked.off_duty_rule, checked.off_duty, checked.found = row, why, verdict, found
    checked.upload_ok = any(r.uploaded for r in deciding)
    checked.started_early = row.start < plan.period_begin
    checked.calendar = _calendar_facts(plan, profile, row, found)
    if verdict != "no" and profile.time_off:
        checked.time_off = covered_office(plan, profile, row.start, row.end)
    if earlier is not None:
        checked.off_duty = "review"
        checked.earlier = (earlier[0], earlier[1][2])
    if verdict != "yes" and late:
        checked.late = min(late, key=lambda r: r.end)
    return checked


def _shown_row(rule, deciding):
    if rule == "course.not_passed":
        return max(deciding, key=lambda r: r.end)
    return min(deciding, key=lambda r: r.end) if deciding else None


def _days(plan, row, found) -> list:
    """The days whose calendar decided a row's verdict: every day of its span (the days strictly inside it
    too: a whole-city stop on the Monday of a Sunday-to-Tuesday span is why it is off duty), and the working
    time's. Only days the calendar says something of: there are few, so they are looked through."""
    first, last = row.start.date(), row.end.date()
    days = {day for day in plan.fact_days if first <= day <= last}
    if found is not None and found["kind"] in ("office_hours", "on_duty"):
        days.add(found["start"].date())
    return sorted(days)


def _calendar_facts(plan, profile, row, found) -> list:
    """What the calendar says of the days that decided a row's verdict (補行上班日, 停止上班…), in order:
    (rule, day, suspension or ISO date, whether a district-only 停止上班 applies: True | False | None unknown:
    no district, or a stop for some villages of the person's district and no village)."""
    out = []
    for day in _days(plan, row, found):
        if day not in plan.fact_days:
            continue
        iso = day.isoformat()
        suspension = plan.suspensions.get(iso)
        if suspension is not None:
            if suspension["scope"] == "whole_city":
                out.append(("calendar.suspension", day, suspension, True))
            else:
                applies = None if profile.district is None else suspended(suspension, profile.district,
                                                                          profile.village)
                out.append(("calendar.district_suspension", day, suspension, applies))
        if plan.day_notes.get(iso) and (suspension is None or suspension["scope"] != "whole_city"):
            out.append(("calendar.day", day, iso, None))
    return out


# -- one bundle, the reward -------------------------------------------------------------------------

def _open_days(plan, today):
    """While the deadline has not passed (today on or before it): the days left, today included; else None."""
    if today is None or today > plan.deadline:
        return None
    return (plan.deadline - today).days + 1


def _bundle(plan, bundle, courses, covered, today, open_days) -> BundleVerdict:
    b = BundleVerdict(bundle, courses)
    b.done = [c for c in courses if c.status == "counted"]
    b.complete = len(b.done) == len(courses)
    b.conflicts = [c for c in b.done if c.row.other is not None]
    b.completed_on = max(c.row.end for c in b.done).date() if b.complete else None
    b.open_days = open_days
    b.rule, b.status = bundle_leave(bundle, covered, b.complete, {c.off_duty for c in b.done}, bool(b.conflicts),
                                    open_days is not None)
    if b.status in ("eligible", "review"):
        b.expires_on = expiry(b.completed_on, plan.leave_valid_years)
        if today is not None:
            _expiry_flag(plan, b, today)
    return b


def _expiry_flag(plan, b, today) -> None:
    """Leave already past its last day, or within the plan's warning window of it."""
    days_left = (b.expires_on - today).days
    b.days_left = days_left if days_left >= 0 else None
    if days_left < 0:
        b.expiry_flag = "expired"
    elif days_left < plan.expiry_warning_days:
        b.expiry_flag = "expiring"


def _reward(plan, bundles, courses, covered, open_days) -> RewardVerdict:
    r = RewardVerdict()
    r.open_days = open_days
    r.incomplete = [b for b in bundles if not b.complete]
    counted = [c for c in courses if c.status == "counted"]
    r.pending = [c for c in counted if not c.upload_ok]
    r.short = [c for c in counted if short_credit(c.course, c.row.row)]
    r.conflicts = [c for c in counted if c.row.other is not None]
    r.rule, r.status = reward(plan, covered, [b.bundle.name for b in r.incomplete], r.pending, r.short, r.conflicts,
                              open_days is not None)
    return r
