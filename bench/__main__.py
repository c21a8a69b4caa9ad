"""python -m bench [--runs 7] [--levers] [--skip-build] [--scale 10000]: run everything, write the results,
print the table. (--runs 1 --scale 500 checks that it all runs; its figures are not for publishing.)"""

import argparse
import json
import os
import time
from pathlib import Path

from bench import batch, build_time, cli, machine, readme, report, runs

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
LATEST_MD = ROOT / "bench" / "LATEST.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="cold loads of each page (median; 5 or more to publish)")
    parser.add_argument("--levers", action="store_true", help="also load the levers' variant builds")
    parser.add_argument("--skip-build", action="store_true", help="use site/ as built (no build timing)")
    parser.add_argument("--scale", type=int, default=batch.SCALE, help="records of the city-sized batch (0: none)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    from playwright.sync_api import sync_playwright

    from pipeline.chromium import launch

    result = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "runs": args.runs,
              "load_average": [round(os.getloadavg()[0], 2)]}
    result["build"] = {"skipped": True} if args.skip_build \
        else build_time.measure()
    print("build:", result["build"], flush=True)
    result["cli"] = cli.measure()
    print("cli:", result["cli"], flush=True)
    result["pyc"] = machine.pyc_used(ROOT / "site")
    print("pyc:", result["pyc"], flush=True)
    variants = {}
    if args.levers:
        from bench import levers

        variants = levers.build_variants(ROOT / "site")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            result["machine"] = machine.describe(browser.version)
            result["pages"] = runs.measure(browser, ROOT / "site", args.runs, variants)
            result["batch"] = batch.measure(browser, ROOT / "site", scale=args.scale)
            print("batch:", result["batch"], flush=True)
        finally:
            browser.close()
    result["load_average"].append(round(os.getloadavg()[0], 2))
    result["budgets"] = report.budgets(result)
    table = report.markdown(result)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    LATEST_MD.write_text("# 效能測量（make bench 最近一次）\n\n" + table, encoding="utf-8")
    readme.update(table)
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
