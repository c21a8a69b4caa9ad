"""Time as the plan counts it: working time as intervals, 民國 dates, and the leave's expiry (民法第121條).

Working time is sorted half-open intervals [start, end) of seconds, built once per plan and profile: the
office hours on the official calendar's working days (make-up Saturdays included; holidays, whole-city
停止上班 days and the profile's days_off excluded), plus, on any day, the profile's on-duty, overtime,
official-leave and business-trip periods.
"""

from bisect import bisect_right
from datetime import date, datetime, timedelta

_DAY = 86400


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


def working_time(plan, profile) -> WorkingTime:
    key = profile.working_key()
    cache = plan.working_cache
    if key not in cache:
        if len(cache) > 64:  # a batch of many different profiles should not grow memory without end
            cache.clear()
        cache[key] = _build(plan, profile)
    return cache[key]


def _non_working_days(plan, profile) -> set:
    """The calendar's days off, whole-city 停止上班 days, and the profile's own days off."""
    cal = plan.calendar
    days = {date.fromisoformat(d) for d in cal["off_days"]}
    days.update(date.fromisoformat(s["date"]) for s in cal["suspensions"] if s["scope"] == "whole_city")
    return days | profile.days_off


def _build(plan, profile) -> WorkingTime:
    cal = plan.calendar
    first, last = date.fromisoformat(cal["first"]), date.fromisoformat(cal["last"])
    off = _non_working_days(plan, profile)
    intervals = []
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        if date.fromordinal(ordinal) in off:
            continue
        base = ordinal * _DAY
        intervals.extend((base + a, base + b) for a, b in profile.office_hours)
    intervals.extend((stamp(s), stamp(e)) for s, e, _ in profile.working_periods)
    return WorkingTime(intervals)


# -- dates as the plan and the form write them -------------------------------------------------

_ROC_OFFSET = 1911


def roc_date(day: date) -> str:
    return f"{day.year - _ROC_OFFSET} 年 {day.month} 月 {day.day} 日"


def roc_moment(moment: datetime) -> str:
    """As on the paper form: 114 年 3 月 1 日 9 時 0 分."""
    return f"{roc_date(moment)} {moment.hour} 時 {moment.minute} 分"


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
