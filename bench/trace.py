"""Where the batch page's time goes: python -m bench.trace [--records 1000] [--out trace.json]

Runs one batch of bench/batch.py's records and roster in the page under a Chromium trace (CDP Tracing, every
process and thread: the page's main thread and its workers), then prints, per thread, the busy time and the
events that took it, and the page's longest main-thread tasks. The trace itself opens in chrome://tracing or
Perfetto. Not part of `make bench`: a trace slows what it watches; it says where, not how fast."""

import argparse
import collections
import json
import tempfile
import time
from pathlib import Path

from bench import batch
from bench.servers import serve

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "blink", "toplevel",
              "disabled-by-default-v8.gc"]
# Events nested in a task, whose own durations say what the task did.
WHAT = ("FunctionCall", "EventDispatch", "ParseHTML", "UpdateLayoutTree", "Layout", "Paint", "PrePaint",
        "Layerize", "MajorGC", "MinorGC", "V8.GC_SCAVENGER", "V8.GC_MARK_COMPACTOR", "HitTest",
        "v8.callFunction", "V8.DeserializeContext", "TimerFire", "FireAnimationFrame", "v8.compile",
        "HandlePostMessage", "ScheduleStyleRecalculation", "RunMicrotasks", "CommitLoad")


def run(browser, count: int, out: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-trace-") as tmp:
        folder = Path(tmp)
        names = batch.inputs(folder, count)
        with serve(ROOT / "site") as base:
            context = browser.new_context(locale="zh-TW")
            try:
                page = context.new_page()
                batch.open_ready(page, base)
                page.set_input_files("#batch-files", [str(folder / n) for n in names])
                page.set_input_files("#batch-roster", str(folder / batch.roster(names)))
                browser.start_tracing(page=None, path=str(out), categories=CATEGORIES)
                start = time.perf_counter()
                page.click("#batch-start")
                page.wait_for_selector("#batch[data-state='results']", timeout=batch.BATCH_MS)
                seconds = time.perf_counter() - start
                browser.stop_tracing()
            finally:
                context.close()
    return {"seconds": round(seconds, 2), **summarise(json.loads(out.read_text())["traceEvents"])}


def summarise(events: list) -> dict:
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events if e.get("ph") == "M" and e["name"] == "thread_name"}
    tasks = collections.defaultdict(list)
    what = collections.defaultdict(collections.Counter)
    for e in events:
        if e.get("ph") != "X" or "dur" not in e:
            continue
        thread = names.get((e["pid"], e["tid"]), "?")
        if not (thread == "CrRendererMain" or thread.startswith("DedicatedWorker")):
            continue
        key = f"{thread} {e['pid']}:{e['tid']}"
        if e["name"] in ("RunTask", "ThreadControllerImpl::RunTask"):
            tasks[key].append(e)
        elif e["name"] in WHAT:
            what[key][e["name"]] += e["dur"]
    out = {}
    for key, runs in tasks.items():
        runs = _outermost(runs)
        busy = sum(e["dur"] for e in runs)
        if busy < 50_000:  # threads that did next to nothing (another page's, the spare renderer)
            continue
        out[key] = {"busy_ms": round(busy / 1000), "tasks": len(runs),
                    "longest_ms": sorted((round(e["dur"] / 1000) for e in runs), reverse=True)[:5],
                    "inside_ms": {n: round(d / 1000) for n, d in what[key].most_common(10)}}
    return {"threads": out}


def _outermost(runs: list) -> list:
    """Tasks not nested in another (a nested RunTask is counted in its parent)."""
    runs = sorted(runs, key=lambda e: (e["ts"], -e["dur"]))
    kept, end = [], -1
    for e in runs:
        if e["ts"] >= end:
            kept.append(e)
            end = e["ts"] + e["dur"]
    return kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=batch.COUNT)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "batch-trace.json")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    from pipeline.chromium import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            print(json.dumps(run(browser, args.records, args.out), ensure_ascii=False, indent=1))
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
