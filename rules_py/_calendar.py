"""Time as the plan counts it: working time as intervals, 民國 dates, and the leave's expiry (民法第121條).

Working time is kept apart by kind, each as sorted half-open intervals [start, end) of seconds, built once
per plan and profile: 上班 is the office hours on the official calendar's working days (make-up Saturdays
included; holidays, whole-city 停止上班 days, the person's district's 停止上班 days and the profile's
days_off excluded), less hour-level leave (time_off); 在勤 is the profile's on-duty periods. 加班, 公假 and
公差 are not working time of this kind: any overlap with them disqualifies a course (see _decisions).

An office-hours block whose end is before its start (a night shift, "22:00-06:00") runs into the next
morning; it belongs to the day it starts on, so that day's calendar decides it. A stop for only some
villages (里) of the person's district, when the profile gives no village, leaves that day's office hours
in place and marks the day uncertain (Duty.uncertain): a course decided by them is for review.
"""

from bisect import bisect_right
from functools import lru_cache
from datetime import date, datetime, timedelta, timezone

from rules_py._errors import InputError

_DAY = 86400
_TAIWAN = timezone(timedelta(hours=8))


def stamp(moment: datetime) -> int:
    """Seconds on one axis for all dates (the proleptic ordinal day × 86400 + time of day)."""
    return moment.toordinal() * _DAY + moment.hour * 3600 + moment.minute * 60 + moment.second


def moment(seconds: int) -> datetime:
    day, rest = divmod(seconds, _DAY)
    return datetime.fromordinal(day) + timedelta(seconds=rest)


class WorkingTime:
    def __init__(self, intervals: list):
        merged: list = []
        for start, end in sorted(intervals):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def covering(self, t: int, end_point: bool = False):
        """The interval holding moment t: [s, e) for a start, (s, e] for an end (a course that ends
        exactly when work begins has no working moment)."""
        i = bisect_right(self.starts, t - 1 if end_point else t) - 1
        if i >= 0 and (self.starts[i] < t <= self.ends[i] if end_point else t < self.ends[i]):
            return self.starts[i], self.ends[i]
        return None

    def first_within(self, start: int, end: int):
        """The first interval that meets (start, end), if any."""
        i = bisect_right(self.ends, start)
        if i < len(self.starts) and self.starts[i] < end:
            return self.starts[i], self.ends[i]
        return None

    def all_within(self, start: int, end: int) -> list:
        """Every interval that meets (start, end), in order."""
        out = []
        i = bisect_right(self.ends, start)
        while i < len(self.starts) and self.starts[i] < end:
            out.append((self.starts[i], self.ends[i]))
            i += 1
        return out


class Duty:
    """A person's working time, kept apart by kind: 上班 (office hours on working days, less hour-level
    leave) and 在勤 (on-duty and rota periods). Never merged: a reason names the kind it found."""

    __slots__ = ("office", "on_duty", "kinds", "uncertain")

    def __init__(self, office: WorkingTime, on_duty: WorkingTime, uncertain: frozenset = frozenset()):
        self.office, self.on_duty = office, on_duty
        self.uncertain = uncertain  # ordinals of the days whose 停止上班 depends on a village not given
        # (kind, working time) to look in, 上班 first; a kind with no time at all (most profiles have no 在勤) is left out.
        self.kinds = tuple((kind, work) for kind, work in (("office_hours", office), ("on_duty", on_duty)) if work.starts)

    def uncertain_block(self, span) -> bool:
        """Whether a block of 上班 lies on a day whose 停止上班 depends on the village (the block's day is
        the one it starts on: a night shift runs past midnight)."""
        return bool(self.uncertain) and span[0] // _DAY in self.uncertain


def duty(plan, profile) -> Duty:
    key = profile.working_key()
    cache = plan.working_cache
    if key not in cache:
        if len(cache) > 64:  # a batch of many different profiles should not grow memory without end
            cache.clear()
        uncertain = frozenset(date.fromisoformat(d).toordinal() for d, s in plan.suspensions.items()
                              if suspended(s, profile.district, profile.village) is None)
        cache[key] = Duty(WorkingTime(_office_intervals(plan, profile)),
                          WorkingTime([(stamp(s), stamp(e)) for s, e in profile.on_duty]), uncertain)
    return cache[key]


def days_off(plan, profile) -> set:
    """The calendar's days off, whole-city 停止上班 days, the person's district's (and village's) 停止上班
    days, and the profile's own days off."""
    days = {date.fromisoformat(d) for d in plan.off_days}
    days.update(date.fromisoformat(d) for d, s in plan.suspensions.items()
                if suspended(s, profile.district, profile.village))
    return days | profile.days_off


def suspended(suspension: dict, district: str | None, village: str | None = None) -> bool | None:
    """Whether a 停止上班 day applies to a person working in this district and village: True, False, or
    None when it is for only some villages of the person's district and the village is not known."""
    if suspension["scope"] == "whole_city":
        return True
    if district not in suspension.get("districts", ()):
        return False
    villages = suspension.get("villages", {}).get(district)
    if villages is None:
        return True
    return None if village is None else village in villages


def covered_office(plan, profile, start: datetime, end: datetime) -> list:
    """[(start, end, leave start, leave end)]: the office hours inside (start, end) that hour-level leave
    (time_off) took out, each with the leave that covered it, in time order."""
    t0, t1 = stamp(start), stamp(end)
    leave = [(stamp(a), stamp(b)) for a, b in profile.time_off if a < end and b > start]
    if not leave:
        return []
    off = days_off(plan, profile)
    first = max(start.toordinal() - 1, date.fromisoformat(plan.calendar["first"]).toordinal())  # -1: a night shift
    last = min(end.toordinal(), date.fromisoformat(plan.calendar["last"]).toordinal())
    out = []
    for ordinal in range(first, last + 1):
        if date.fromordinal(ordinal) in off:
            continue
        base = ordinal * _DAY
        for a, b in profile.office_hours:
            for la, lb in leave:
                piece = max(base + a, la, t0), min(base + b, lb, t1)
                if piece[0] < piece[1]:
                    out.append((*piece, la, lb))
    return [(moment(a), moment(b), moment(la), moment(lb)) for a, b, la, lb in sorted(out)]


def _office_intervals(plan, profile) -> list:
    first, last = date.fromisoformat(plan.calendar["first"]), date.fromisoformat(plan.calendar["last"])
    off = days_off(plan, profile)
    intervals = []
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        if date.fromordinal(ordinal) in off:
            continue
        base = ordinal * _DAY
        intervals.extend((base + a, base + b) for a, b in profile.office_hours)
    if profile.time_off:
        intervals = _minus(_merged(intervals), _merged((stamp(s), stamp(e)) for s, e in profile.time_off))
    return intervals


def _merged(intervals) -> list:
    """Sorted, disjoint intervals (a night shift may run into the next day's first block)."""
    out: list = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _minus(intervals: list, holes: list) -> list:
    """The parts of sorted, disjoint intervals outside the sorted holes (hour-level leave)."""
    out = []
    for start, end in intervals:
        for hole_start, hole_end in holes:
            if hole_end <= start or hole_start >= end:
                continue
            if hole_start > start:
                out.append((start, hole_start))
            start = max(start, hole_end)
            if start >= end:
                break
        if start < end:
            out.append((start, end))
    return out


def today_in_taiwan() -> date:
    return datetime.now(_TAIWAN).date()


def taiwan_time(moment: datetime, where: str) -> datetime:
    """A time with a UTC offset converted to Taiwan time (UTC+8); a plain time is Taiwan time already."""
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(_TAIWAN).replace(tzinfo=None)
    except (OverflowError, ValueError):
        raise InputError(f"時間 {moment.isoformat()} 換算成臺灣時間（UTC+8）後超出可用的日期範圍", where) from None


# -- dates as the plan and the form write them -------------------------------------------------

ROC_OFFSET = 1911  # 民國 1 年 is 1912


@lru_cache(maxsize=4096)  # a batch writes the same days into every record
def roc_date(day: date) -> str:
    return f"{day.year - ROC_OFFSET} 年 {day.month} 月 {day.day} 日"


@lru_cache(maxsize=4096)  # a check writes the same few days into many sentences
def roc_day(day: date) -> str:
    """A date as prose writes it: 114 年 3 月 1 日（2025-03-01）."""
    return f"{roc_date(day)}（{day.isoformat()}）"


_CLOCKS: dict = {}  # minute of the day -> "09:00": a check writes some sixty times into its sentences


def clock(moment: datetime) -> str:
    """09:00, or 09:00:30 when the seconds are not zero."""
    if moment.second:  # not strftime: it is the slowest part of a check's sentences
        return f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
    minute = moment.hour * 60 + moment.minute
    text = _CLOCKS.get(minute)
    if text is None:
        text = _CLOCKS[minute] = f"{moment.hour:02d}:{moment.minute:02d}"
    return text


def roc_time(moment: datetime) -> str:
    """A moment as prose writes it: 114 年 3 月 1 日（2025-03-01）09:00."""
    return f"{roc_day(moment.date())}{clock(moment)}"


def roc_span(start: datetime, end: datetime) -> str:
    """114 年 3 月 3 日（2025-03-03）08:00～12:00, or both moments in full across days."""
    if start.date() == end.date():
        return f"{roc_time(start)}～{clock(end)}"
    return f"{roc_time(start)}～{roc_time(end)}"


def roc_moment(moment: datetime) -> str:
    """As on the paper form: 114 年 3 月 1 日 9 時 0 分."""
    return roc_date(moment.date()) + _form_clock(moment.hour, moment.minute)


@lru_cache(maxsize=1440)  # one a minute of the day: cheaper than formatting two numbers
def _form_clock(hour: int, minute: int) -> str:
    return f" {hour} 時 {minute} 分"


@lru_cache(maxsize=4096)  # the same few completion days in a batch
def expiry(completed_on: date, years: int) -> date:
    """The last day of a period of `years` years counted from the day after completed_on.

    民法第120條第2項: the first day is not counted, so the period starts the next day; 第121條第2項: it
    ends the day before the corresponding day of the last year, or, when that month has no
    corresponding day, on the month's last day.
    """
    start = completed_on + timedelta(days=1)
    year = start.year + years
    try:
        return date(year, start.month, start.day) - timedelta(days=1)
    except ValueError:  # 2月29日 in a common year: the month's last day
        return date(year, start.month + 1, 1) - timedelta(days=1)
