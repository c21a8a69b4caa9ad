"""The plans compiled from courses/ by build.py (one JSON file inside the package), as objects."""

import json
import os
from datetime import date, datetime, time, timedelta

from rules_py._errors import InputError
from rules_py._match import Matcher

# A plain path next to this module: importlib.resources costs more to import than the whole checker.
_DATA = os.path.join(os.path.dirname(__file__), "_data", "plans.json")


_LOADED: dict = {}


def load_plans() -> dict:
    """Read once and kept (so a start from the memory snapshot has them without the file); read-only."""
    if not _LOADED:
        try:
            # Through the module's loader: a file beside it, or a member of the wheel that Pyodide imports as a zip.
            _LOADED.update(json.loads(__loader__.get_data(_DATA))["plans"])
        except OSError:
            raise InputError("找不到計畫資料 rules_py/_data/plans.json，請先執行 python build.py。") from None
    return _LOADED


# Plain classes, not dataclasses: importing dataclasses (and inspect) costs more than the whole checker in
# Pyodide. Courses are compared by identity: they are dict keys in every check.
class Course:
    __slots__ = ("bundle", "index", "topic", "name", "hours", "code", "aliases")

    def __init__(self, bundle: str, index: int, topic, name: str, hours: float, code, aliases: tuple):
        self.bundle = bundle
        self.index = index      # 1-based position in the bundle (the form's 編號)
        self.topic = topic
        self.name = name
        self.hours = hours
        self.code = code
        self.aliases = aliases


class Bundle:
    __slots__ = ("id", "name", "hours", "clause", "courses")

    def __init__(self, id: str, name: str, hours: float, clause: str, courses: tuple):
        self.id, self.name, self.hours, self.clause, self.courses = id, name, hours, clause, courses


class Plan:
    def __init__(self, data: dict):
        self.id = data["id"]
        self.title = data["title"]
        p = data["parameters"]
        self.period_start = date.fromisoformat(p["period"]["start"])
        self.period_end = date.fromisoformat(p["period"]["end"])
        self.deadline = date.fromisoformat(p["deadline"]["value"])
        # The first moment after the deadline's day (the day itself counts): worked out once, not per course.
        self.deadline_end = datetime.combine(self.deadline + timedelta(days=1), time())
        self.period_begin = datetime.combine(self.period_start, time())  # a course ending by then is not this year's
        self.leave_per_bundle = p["leave_hours_per_bundle"]["value"]
        self.leave_cap = p["leave_hours_cap"]["value"]
        self.leave_valid_years = p["leave_valid_years"]["value"]
        self.reward_name = p["reward"]["value"]
        self.covered = frozenset(p["covered_categories"]["value"])
        self.passed_status = p["passed_status"]["value"]
        self.upload_success = p["upload_success_status"]["value"]
        self.default_office_hours = p["default_office_hours"]["value"]
        self.leave_reason_text = p["leave_reason_text"]["value"]
        self.leave_record_kind = p["leave_record_kind"]["value"]
        self.leave_unit_hours = p["leave_unit_hours"]["value"]
        self.office_hours_source = p["default_office_hours"].get("source")
        self.calendar_source = p["calendar"].get("source")
        self.expiry_warning_days = data["reminders"]["expiry_warning_days"]
        self.reminders_source = data["reminders"]["source"]
        self.rule_clauses = data["rules"]
        self.anchors = data["clauses"]
        self.calendar = data["calendar"]
        self.districts = tuple(data["calendar"].get("districts", ()))
        self.suspensions = {s["date"]: s for s in data["calendar"]["suspensions"]}  # by ISO date
        self.day_notes = data["calendar"]["notes"]                                    # by ISO date
        self.off_days = frozenset(data["calendar"]["off_days"])                       # ISO dates
        # The days the calendar says something of (停止上班, a note): other days need no look-up by ISO date.
        self.fact_days = frozenset(date.fromisoformat(d) for d in (*self.suspensions, *self.day_notes))
        self.has_district_suspensions = any(s["scope"] != "whole_city" for s in self.suspensions.values())
        self.categories = {c["id"]: c["name"] for c in data["categories"]}
        self.category_labels = {}
        for c in data["categories"]:
            for label in (c["id"], c["name"], *c["aliases"]):
                self.category_labels[label] = c["id"]
        self.bundles = tuple(
            Bundle(b["id"], b["name"], b["hours"], b["clause"], tuple(
                Course(b["id"], i, c.get("topic"), c["name"], c["hours"], c.get("code"), tuple(c.get("aliases", ())))
                for i, c in enumerate(b["courses"], start=1)))
            for b in data["bundles"])
        self.courses = tuple(c for b in self.bundles for c in b.courses)
        self.matcher = Matcher(self.courses, data["matching"]["similarity_threshold"])
        self.working_cache: dict = {}  # working-time intervals per profile (see _calendar)
        self.reason_cache: dict = {}  # sentences whose facts are this plan's own or a day's (see _catalogue)


_PLANS: dict[str, Plan] = {}


def use_plans(data: dict | None) -> None:
    """Check against these compiled plans ({"plans": {...}} as pipeline.courses builds them);
    None goes back to the packaged rules_py/_data/plans.json."""
    _PLANS.clear()
    if data is not None:
        _PLANS.update((plan_id, Plan(d)) for plan_id, d in data["plans"].items())


def all_plans() -> dict[str, Plan]:
    if not _PLANS:
        _PLANS.update((plan_id, Plan(d)) for plan_id, d in load_plans().items())
    return _PLANS


def select_plan(plan_id: str | None, row_days: list[date]) -> Plan:
    """The named plan; else the one whose period holds most of the record's days (ties: the latest)."""
    plans = all_plans()
    if plan_id is not None:
        if plan_id not in plans:
            raise InputError(f"沒有代號為 {plan_id} 的計畫（可用：{'、'.join(plans)}）", "plan")
        return plans[plan_id]

    def fit(plan: Plan):
        return sum(plan.period_start <= d <= plan.period_end for d in row_days), plan.period_end

    return max(plans.values(), key=fit)
