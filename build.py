"""The one pipeline, in the order of build() below (the only place that numbers the steps):
courses/ -> rules data (rules_py/_data/plans.json) -> rules_py wheel -> mkdocs build (the pages from courses/
made in memory) -> the web app manifest and icons -> Pyodide runtime and the site's lock -> the rules' memory
snapshot -> CSP in every page -> service worker -> precompressed .gz twins.

    python build.py [--out site]
"""

import argparse
import sys
from pathlib import Path

from pipeline import BuildError
from pipeline.app_manifest import write_app_manifest
from pipeline.compress import compress_site
from pipeline.courses import refresh_rules_data
from pipeline.csp import apply_csp
from pipeline.offline import write_service_worker
from pipeline.page_wheels import fetch_page_wheels
from pipeline.runtime import install_runtime
from pipeline.site import build_site
from pipeline.snapshot import write_snapshot
from pipeline.wheel import build_wheel

ROOT = Path(__file__).resolve().parent
WORK = ROOT / ".build"


def build(out: Path) -> None:
    refresh_rules_data()  # the pages are made inside mkdocs build (pipeline/pages_hooks.py), in memory
    wheel = build_wheel(WORK)
    build_site(out)
    write_app_manifest(out)
    install_runtime(wheel, out, page_wheels=tuple(fetch_page_wheels(WORK)))
    write_snapshot(out, WORK)
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
