"""The one pipeline: courses/ data -> rules data -> pages -> wheel -> site/ -> Pyodide runtime
-> CSP in every page -> service worker -> precompressed .gz twins.

    python build.py [--out site]
"""

import argparse
import sys
from pathlib import Path

from pipeline import BuildError
from pipeline.compress import compress_site
from pipeline.courses import load_courses, write_plans_json
from pipeline.csp import apply_csp
from pipeline.offline import write_service_worker
from pipeline.pages import write_pages
from pipeline.runtime import install_runtime
from pipeline.site import build_site
from pipeline.wheel import build_wheel
from rules_py._record import MAX_RECORD_BYTES

ROOT = Path(__file__).resolve().parent
COURSES = ROOT / "courses"
PLANS_JSON = ROOT / "rules_py" / "_data" / "plans.json"
# The checker page reads the same plans before Pyodide is ready (course picker, office hours, deadline),
# and the rules' limits, so that it refuses what the rules would refuse without sending it.
CHECKER_PLANS_JSON = ROOT / "site_src" / "checker" / "plans.json"
GENERATED = ROOT / "site_src" / "plans"
WORK = ROOT / ".build"


def build(out: Path) -> None:
    data = load_courses(COURSES)
    write_plans_json(data, PLANS_JSON)
    write_plans_json({**data, "limits": {"max_record_bytes": MAX_RECORD_BYTES}}, CHECKER_PLANS_JSON)
    write_pages(data, COURSES, GENERATED)
    wheel = build_wheel(WORK)
    build_site(out)
    install_runtime(wheel, out)
    apply_csp(out)
    write_service_worker(out)
    compress_site(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the site into --out (default: site/).")
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    WORK.mkdir(exist_ok=True)
    try:
        build(args.out.resolve())
    except BuildError as error:
        print(f"建置失敗：{error}", file=sys.stderr)
        return 1
    print(f"網站已建置於 {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
