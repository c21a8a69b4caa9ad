"""Builds rules_py/_data/plans.json from courses/ once per session (it is git-ignored)."""

from pathlib import Path

from pipeline.courses import load_courses, write_plans_json

ROOT = Path(__file__).resolve().parent.parent


def pytest_sessionstart(session):
    write_plans_json(load_courses(ROOT / "courses"), ROOT / "rules_py" / "_data" / "plans.json")
