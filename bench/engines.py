"""Every engine the tests drive (Chromium, Firefox, WebKit; pipeline/engines.py): the checker's rules ready on
a first and a repeat visit, against the same engine's own floor (loadPyodide() on the page's thread,
bench/floor/main.html), and the batch page: ready (its first worker's rules answer), and its spreadsheet wheels
installed after that. Budget: WebKit's batch page ready within 2x Chromium's, in the same run (issue 21).

Before the batch page the machine is let go quiet (at most QUIET_MAX_S): the checker page just left may still
be warming its worker, which in WebKit ran on for seconds after the next page opened and made that page's
restore take 1.5 to 7 s from one round to the next.

    python -m bench.engines [--rounds 3]     (make bench runs it too)

Times are the page's own clock (performance.now(), from navigation start), read as a poll sees the status
change (a few ms late, the same in every engine). Each round is a fresh origin, so the first visit is cold."""

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from bench.servers import floor_root, serve
from pipeline.engines import ENGINES

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 2.0
POLL_S = 0.02
# The status line's state and the page's clock, once it has left "loading".
_SETTLED = """(id) => { const s = document.getElementById(id);
    return !!s && s.dataset.state !== 'loading' && {state: s.dataset.state, at: performance.now()}; }"""
_FLOOR = "() => window.__floorReady && {state: document.getElementById('floor-status').dataset.state, at: window.__floorReady}"
_INSTALLED = "() => document.getElementById('batch').dataset.installed && {state: 'ready', at: performance.now()}"
QUIET_MAX_S = 20
QUIET_BUSY = 0.25  # the machine's CPU busy fraction over half a second, below which it counts as quiet


def _busy(interval_s: float = 0.5) -> float:
    def sample():
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return sum(fields), fields[3] + fields[4]  # total, idle + iowait
    total, idle = sample()
    time.sleep(interval_s)
    total2, idle2 = sample()
    return 1 - (idle2 - idle) / max(total2 - total, 1)


def _quiet() -> float:
    """Waits until the machine is quiet (or QUIET_MAX_S); the seconds waited."""
    start = time.monotonic()
    while _busy() > QUIET_BUSY and time.monotonic() - start < QUIET_MAX_S:
        pass
    return round(time.monotonic() - start, 1)


def _at(driver, condition: str, arg=None) -> float:
    got = driver.wait(condition, arg, poll_s=POLL_S)
    if got["state"] != "ready":
        raise RuntimeError(f"{driver.name}: {arg or 'floor'} is {got['state']}")
    return got["at"]


def _round(driver, site: Path, floor: Path) -> dict:
    row = {}
    with serve(floor) as base:
        driver.fresh()
        for visit in ("first", "repeat"):
            driver.goto(base + "floor/main.html")
            row[f"floor_{visit}_ms"] = _at(driver, _FLOOR)
    with serve(site) as base:
        driver.fresh()
        for visit in ("first", "repeat"):
            driver.goto(base + "checker/")
            row[f"checker_{visit}_ms"] = _at(driver, _SETTLED, "checker-status")
            row[f"checker_{visit}_start"] = driver.evaluate("() => window.RulesClient.ready")["start"]
            # The repeat visit comes from the service worker's copy, as a person's does.
            driver.wait("() => document.documentElement.dataset.offline === 'checker'")
        driver.goto(base + "privacy/")  # a page without rules, while the machine goes quiet
        row["quiet_s"] = _quiet()
        driver.goto(base + "batch/")
        row["batch_ms"] = _at(driver, _SETTLED, "batch-status")
        row["batch_installed_ms"] = _at(driver, _INSTALLED)
    return row


def _summary(rows: list[dict]) -> dict:
    out = {}
    for key in rows[0]:
        values = [row[key] for row in rows]
        if key == "quiet_s":  # each round's wait, as it was
            out[key] = values
            continue
        out[key] = round(statistics.median(values)) if key.endswith("_ms") else sorted(set(values))
        if key.endswith("_ms"):
            out[key + "_all"] = [round(v) for v in values]
    for visit in ("first", "repeat"):
        out[f"checker_{visit}_x_floor"] = round(out[f"checker_{visit}_ms"] / out[f"floor_{visit}_ms"], 2)
    return out


def measure(site: Path, rounds: int = 3) -> dict:
    result = {}
    with floor_root(site / "pyodide") as floor, tempfile.TemporaryDirectory(prefix="bench-engines-") as tmp:
        for name, engine in ENGINES.items():
            driver = engine(Path(tmp) / name)
            try:
                result[name] = _summary([_round(driver, site, floor) for _ in range(rounds)])
            finally:
                driver.close()
            print(f"engines: {name}", result[name], flush=True)
    ratio = result["webkit"]["batch_ms"] / result["chromium"]["batch_ms"]
    result["budget"] = {"webkit_batch_ready_x_chromium": round(ratio, 2), "at_most": BUDGET, "ok": ratio <= BUDGET}
    return result


HEADER = ("引擎", "規則就緒：第一次（ms）", "再次造訪", "下限 loadPyodide()：第一次", "再次", "第一次 ÷ 下限",
          "再次 ÷ 下限", "批次頁就緒", "試算表套件裝好")
COLUMNS = ("checker_first_ms", "checker_repeat_ms", "floor_first_ms", "floor_repeat_ms", "checker_first_x_floor",
           "checker_repeat_x_floor", "batch_ms", "batch_installed_ms")


def markdown(result: dict) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "| --- |" + " ---: |" * len(COLUMNS)]
    lines += ["| " + " | ".join([name] + [str(result[name][c]) for c in COLUMNS]) + " |" for name in ENGINES]
    budget = result["budget"]
    lines.append(f"\nWebKit 批次頁就緒 ÷ Chromium：{budget['webkit_batch_ready_x_chromium']}"
                 f"（上限 {budget['at_most']}，{'通過' if budget['ok'] else '未通過'}）")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    result = measure(ROOT / "site", args.rounds)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "engines.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(markdown(result))
    return 0 if result["budget"]["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
