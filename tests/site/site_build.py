"""Builds the site for the site tests: the reading pages from courses/, then `mkdocs build`.

Until build.py runs the whole pipeline in the test set-up, this is the development loop too:
    .venv/bin/python -m tests.site.site_build [out_dir]
Set SITE_DIR to test an already built site/ instead (e.g. after `python build.py`).
"""

import subprocess
import sys
from pathlib import Path

import yaml

from pipeline.pages import write_pages

ROOT = Path(__file__).resolve().parents[2]
COURSES = ROOT / "courses"


def load_plans(courses_dir: Path = COURSES) -> dict:
    """{"plans": {id: plan}} as build.py passes it (there, from pipeline.courses.load_courses)."""
    plans = {}
    for path in sorted(courses_dir.glob("*/plan.yaml")):
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
        plans[plan["id"]] = plan
    return {"plans": plans}


def build(out_dir: Path) -> Path:
    write_pages(load_plans(), COURSES, ROOT / "site_src" / "generated")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    subprocess.run([str(mkdocs), "build", "--quiet", "--site-dir", str(out_dir)], cwd=ROOT, check=True)
    return out_dir


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"))
