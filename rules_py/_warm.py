"""A check that runs the rules' common paths, to warm them up: the latest plan's own catalogue, every course
passed on a weekday evening of its period (one of them during overtime), plus one row that is no course,
as the platform's clipboard text. Run before the memory snapshot is taken (Python's caches), and again in
the browser after a restore: the browser compiles Python's hot code fully only once it has run a while, and
a person's first check would otherwise pay for that (issue 13: "a verdict after ready")."""

import json
from datetime import datetime, time, timedelta

from rules_py._check import check_json
from rules_py._plan import all_plans
from rules_py.record._columns import COLUMNS

_EVENING = time(19)
_NOT_A_COURSE = "不在課程清單上的課程"


def warm_up() -> None:
    check_json('{"record": ""}')  # the refusals, too
    check_json('{"rows": []}')
    check_json(_request())


def _request() -> str:
    plan = max(all_plans().values(), key=lambda p: p.period_end)
    lines = ["\t".join(header for _, header in COLUMNS)]
    day = plan.period_start
    for no, course in enumerate(plan.courses, 1):
        day = _weekday(day)
        start = datetime.combine(day, _EVENING)
        lines.append(_row(plan, no, f"{course.name}\n({course.code})" if course.code else course.name,
                          start, start + timedelta(hours=course.hours)))
        day += timedelta(days=1)
    start = datetime.combine(_weekday(day), _EVENING)
    lines.append(_row(plan, len(plan.courses) + 1, _NOT_A_COURSE, start, start + timedelta(hours=1)))
    first = datetime.combine(_weekday(plan.period_start), _EVENING)
    overtime = [[first.isoformat(), (first + timedelta(minutes=30)).isoformat()]]
    return json.dumps({"record": "\n".join(lines), "profile": {"overtime": overtime},
                       "today": plan.deadline.isoformat()}, ensure_ascii=False)


def _weekday(day):
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _row(plan, no: int, name: str, start: datetime, end: datetime) -> str:
    """A passed and uploaded row, in the plan's own words for both (courses/: passed_status, upload_success_status)."""
    seconds = int((end - start).total_seconds())
    reading = f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:00"
    hours = seconds / 3600
    return "\t".join((str(no), "開放式", name, f"{start:%Y-%m-%d %H:%M:%S}~\n{end:%Y-%m-%d %H:%M:%S}", reading, "100",
                      "已填", "課程測驗：75 分(含)以上", plan.passed_status, f"{hours:.1f}", plan.upload_success,
                      f"{end + timedelta(days=1):%Y-%m-%d %H:%M:%S}"))
