"""A second year's plan on disk, for the tests that add a year through data alone."""

import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml

COURSES = Path(__file__).resolve().parents[2] / "courses"


def calendar_csv(year: int, holiday: date | None = None) -> bytes:
    """An office calendar as DGPA publishes it (UTF-8 with BOM): weekends off, plus one holiday."""
    lines = ["西元日期,星期,是否放假,備註"]
    day = date(year, 1, 1)
    while day.year == year:
        off = day.weekday() >= 5 or day == holiday
        note = "示範假日" if day == holiday else ""
        lines.append(f"{day:%Y%m%d},{'一二三四五六日'[day.weekday()]},{2 if off else 0},{note}")
        day += timedelta(days=1)
    return b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8")


def copy_with_plan_115(courses: Path) -> Path:
    """courses/ copied to `courses`, plus kaohsiung-115: the 114 plan a year later, two bundles, 13 hours."""
    shutil.copytree(COURSES, courses)
    plan = yaml.safe_load((COURSES / "114" / "plan.yaml").read_text(encoding="utf-8"))
    plan.update(id="kaohsiung-115", roc_year=115, short_title="測試計畫 115")
    params = plan["parameters"]
    params["period"].update(start=date(2026, 1, 1), end=date(2026, 12, 31))
    params["deadline"]["value"] = date(2026, 8, 31)
    params["calendar"] = {"office_calendar": "../calendars/test-115.csv", "clause": params["calendar"]["clause"]}
    plan["bundles"] = plan["bundles"][:2]
    plan["bundles"][1]["courses"] = plan["bundles"][1]["courses"][:2]
    plan["bundles"][1]["hours"] = sum(c["hours"] for c in plan["bundles"][1]["courses"])
    clauses = yaml.safe_load((COURSES / "114" / "clauses.yaml").read_text(encoding="utf-8"))
    clauses["plan"] = "kaohsiung-115"
    (courses / "115").mkdir()
    for name, data in (("plan.yaml", plan), ("clauses.yaml", clauses)):
        (courses / "115" / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (courses / "calendars" / "test-115.csv").write_bytes(calendar_csv(2026))
    return courses
