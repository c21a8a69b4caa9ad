"""Step 1: courses/*/plan.yaml, loaded for the rules (the rules engineer replaces this first version)."""

import json
from pathlib import Path

import yaml

from pipeline import BuildError


def load_courses(courses_dir: Path) -> dict:
    plans = {}
    for path in sorted(courses_dir.glob("*/plan.yaml")):
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(plan, dict) or "id" not in plan:
            raise BuildError(f"{path}: id：缺少計畫代號")
        plans[plan["id"]] = plan
    return {"plans": plans}


def write_plans_json(data: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
