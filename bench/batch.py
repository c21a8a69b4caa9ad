"""The personnel office's batch (issues 11 and 22), in one run:

- 1,000 generated records with a roster, checked by the CLI (`--roster --out`, its worker processes), by bare
  workers (bench/batch_floor/: the site's rules_py in as many workers as the page starts, from the same
  snapshot, each given its share of the jobs in one message: the floor) and by the batch page. Budgets: the
  page at most 1.25x the floor and 2.5x the CLI. The page is timed from 開始檢核 to the table shown (its
  workers loaded first, as they are while the officer chooses the files), the CLI from its start to the table
  written as CSV (the people table; writing ODS is its own cost, paid on the page when 下載 ODS is pressed),
  the floor from handing out the jobs to the last answer (its preparing is not timed).
- 10,000 records with the roster, in the page (the city's largest agencies, or the 人事處 across agencies):
  the time, the longest main-thread task (PerformanceObserver longtask; budget 200 ms) while checking and
  while exporting, how often the progress bar moved, the peak memory of the page's renderer process (the
  page and its workers: their resident memory, polled; budget 600 MB) and the time of each export."""

import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import records
from bench.servers import serve, site_with

ROOT = Path(__file__).resolve().parent.parent
COUNT = 1000
SCALE = 10_000
ROW_COUNTS = range(10, 37)  # as bench/cli.py: sizes around the typical 23 rows
CATEGORIES = ("編制內公務人員", "約聘人員", "教師", "公務人員")
FLOOR_BUDGET, CLI_BUDGET = 1.25, 2.5
LONG_TASK_MS, MEMORY_MB = 200, 600
BATCH_MS = 900_000
FLOOR_PAGE = Path(__file__).resolve().parent / "batch_floor"

# Every main-thread task over 50 ms (the browser's long tasks), and each change of the progress bar.
_WATCH = """
(() => {
  const seen = window.__batchBench = { long: [], progress: [] };
  new PerformanceObserver((list) => list.getEntries().forEach((e) => seen.long.push([e.startTime, e.duration])))
    .observe({ type: "longtask", buffered: true });
  let last = null;
  setInterval(() => {
    const bar = document.getElementById("batch-progress");
    if (bar && bar.value !== last) { last = bar.value; seen.progress.push([performance.now(), bar.value]); }
  }, 50);
})();
"""


def inputs(folder: Path, count: int) -> list[str]:
    """count record files, and roster(count) naming them."""
    names = []
    for i in range(count):
        name = f"r{i:05d}.txt"
        (folder / name).write_text(records.varied_record_text(ROW_COUNTS[i % len(ROW_COUNTS)], i), encoding="utf-8")
        names.append(name)
    write_roster(folder, names)
    return names


def roster(names: list[str]) -> str:
    return f"名冊-{len(names)}.csv"


def write_roster(folder: Path, names: list[str]) -> None:
    lines = ["檔名,姓名,服務單位,人員類別,上班時間"]
    for i, name in enumerate(names):
        lines.append(f"{name},同仁{i:05d},單位{i % 9},{CATEGORIES[i % len(CATEGORIES)]},"
                     + ("輪班" if i % 5 == 0 else "08:00-12:00；13:30-17:30"))
    (folder / roster(names)).write_text("\n".join(lines) + "\n", encoding="utf-8-sig")


def _cli(folder: Path, names: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "rules_py", "check", *names, "--roster", roster(names),
                             "--out", "結果.csv"], cwd=folder, capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return seconds


def open_ready(page, base: str) -> None:
    """The batch page, every worker it will have ready (the pool has stopped growing, after the spreadsheet
    wheels) and the runtime kept offline: neither the workers' start nor the service worker's copying is timed."""
    page.goto(base + "batch/")
    page.wait_for_selector("#batch-status:not([data-state='loading'])", timeout=180_000)
    page.wait_for_selector("#batch[data-workers]", state="attached", timeout=180_000)
    page.wait_for_function("() => document.documentElement.dataset.offline === 'checker'", timeout=180_000)


def _choose(page, folder: Path, names: list[str], files: str, roster_input: str) -> None:
    page.set_input_files(files, [str(folder / n) for n in names])
    page.set_input_files(roster_input, str(folder / roster(names)))


def _workers(page) -> int:
    """As many as site_src/batch/pool.js grew to (its #batch[data-workers])."""
    return int(page.get_attribute("#batch", "data-workers"))


def _page(browser, base: str, folder: Path, names: list[str]) -> tuple[float, int, int]:
    context = browser.new_context(locale="zh-TW")
    try:
        page = context.new_page()
        open_ready(page, base)
        _choose(page, folder, names, "#batch-files", "#batch-roster")
        start = time.perf_counter()
        page.click("#batch-start")
        page.wait_for_selector("#batch[data-state='results']", timeout=BATCH_MS)
        seconds = time.perf_counter() - start
        checked = page.evaluate("() => document.getElementById('batch-shown').textContent")
        return seconds, checked, _workers(page)
    finally:
        context.close()


def _floor(browser, base: str, folder: Path, names: list[str], workers: int) -> dict:
    context = browser.new_context(locale="zh-TW")
    try:
        page = context.new_page()
        page.goto(base + "bench-batch-floor/")
        page.evaluate("(n) => window.floorStart(n)", workers)
        _choose(page, folder, names, "#files", "#roster")
        answer = page.evaluate("() => window.floorRun()")
        return {"s": round(answer["ms"] / 1000, 2), "checked": answer["checked"]}
    finally:
        context.close()


class _Memory:
    """The summed resident memory of the browser's renderer processes (the page's, with its workers' threads,
    and the spare one Chromium keeps), polled from /proc: pids through CDP SystemInfo.getProcessInfo."""

    def __init__(self, browser):
        info = browser.new_browser_cdp_session().send("SystemInfo.getProcessInfo")
        self.pids = [p["id"] for p in info["processInfo"] if p["type"] == "renderer"]
        self.peak, self.peak_by_pid, self._stop = 0, {}, threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def rss(self) -> dict:
        sizes = {}
        for pid in self.pids:
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes[pid] = int(line.split()[1]) * 1024
        return sizes

    def _poll(self):
        while not self._stop.wait(0.2):
            sizes = self.rss()
            self.peak = max(self.peak, sum(sizes.values()))
            for pid, size in sizes.items():
                self.peak_by_pid[pid] = max(self.peak_by_pid.get(pid, 0), size)

    def mark(self) -> int:
        """The peak so far, in MB (then the next phase's peak starts afresh)."""
        peak, self.peak = self.peak, 0
        return round(peak / 2**20)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_):
        self._stop.set()
        self._thread.join()


def _long_tasks(page, since: float, until: float) -> dict:
    """The long tasks between since and until: the longest, how many over the budget and over 50 ms, and
    when each of those over the budget began (ms after since)."""
    tasks = [(t, d) for t, d in page.evaluate("() => window.__batchBench.long") if since <= t <= until]
    return {"longest_ms": round(max((d for _, d in tasks), default=0)), "over_50ms": len(tasks),
            "over_budget_at_ms": [[round(t - since), round(d)] for t, d in tasks if d > LONG_TASK_MS]}


def _scale(browser, base: str, folder: Path, names: list[str]) -> dict:
    context = browser.new_context(locale="zh-TW", accept_downloads=True)
    try:
        context.add_init_script(_WATCH)
        page = context.new_page()
        open_ready(page, base)
        _choose(page, folder, names, "#batch-files", "#batch-roster")
        with _Memory(browser) as memory:
            out = {"idle_memory_mb": round(sum(memory.rss().values()) / 2**20)}  # the workers ready, no batch
            since = page.evaluate("performance.now()")
            start = time.perf_counter()
            page.click("#batch-start")
            page.wait_for_selector("#batch[data-state='results']", timeout=BATCH_MS)
            seconds = time.perf_counter() - start
            until = page.evaluate("performance.now()")
            progress = [t for t, _ in page.evaluate("() => window.__batchBench.progress") if since <= t <= until]
            out |= {"records": len(names), "s": round(seconds, 1), "shown": page.inner_text("#batch-shown"),
                   "checking": _long_tasks(page, since, until), "progress_moves": len(progress),
                   "progress_longest_still_ms": round(max((b - a for a, b in zip(progress, progress[1:])), default=0)),
                   "exports_s": {}}
            out["peak_memory_mb"] = memory.mark()
            export_since = page.evaluate("performance.now()")
            for fmt in ("ods", "xlsx", "csv"):
                start = time.perf_counter()
                with page.expect_download(timeout=BATCH_MS) as download:
                    page.click(f"#export-{fmt}")
                size = os.path.getsize(download.value.path())
                out["exports_s"][fmt] = round(time.perf_counter() - start, 1)
                out.setdefault("export_bytes", {})[fmt] = size
            out["exporting"] = _long_tasks(page, export_since, page.evaluate("performance.now()"))
            out["peak_memory_exporting_mb"] = memory.mark()
        out["renderers_peak_mb"] = sorted((round(v / 2**20) for v in memory.peak_by_pid.values()), reverse=True)
        return out
    finally:
        context.close()


def measure(browser, site: Path = ROOT / "site", count: int = COUNT, scale: int = SCALE) -> dict:
    out = {"records": count}
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp, site_with(site, FLOOR_PAGE, "bench-batch-floor") as root, \
            serve(root) as base:
        folder = Path(tmp)
        names = inputs(folder, max(count, scale))
        few = names[:count]
        write_roster(folder, few)
        out["load_average"] = [round(os.getloadavg()[0], 2)]
        out["cli_s"] = round(_cli(folder, few), 2)
        page_s, shown, workers = _page(browser, base, folder, few)
        out.update(page_s=round(page_s, 2), page_shown=shown, page_workers=workers)
        out["floor"] = _floor(browser, base, folder, few, workers)
        out["ratio"] = round(page_s / out["cli_s"], 2)
        out["floor_ratio"] = round(page_s / out["floor"]["s"], 2)
        out["load_average"].append(round(os.getloadavg()[0], 2))
        if scale:
            out["scale"] = _scale(browser, base, folder, names[:scale])
            out["scale"]["load_average"] = round(os.getloadavg()[0], 2)
    return out


def budget_rows(result: dict | None) -> list[tuple]:
    """(measure, value, budget, ok) rows for bench/report.py's table."""
    label = f"批次檢核：{COUNT:,} 份紀錄加名冊（同一輪"
    if not result or "ratio" not in result:
        return [(label + "）", "—", f"≤ {FLOOR_BUDGET} 倍底線、≤ {CLI_BUDGET} 倍命令列", None)]
    load = "／".join(str(x) for x in result.get("load_average", []))
    floor = result["floor"]
    rows = [
        (f"{label}，負載 {load}）：網頁／裸 worker 底線",
         f"{result['page_s']:.1f} s／{floor['s']:.1f} s = {result['floor_ratio']:.2f} 倍（{result['page_workers']} 個 worker）",
         f"≤ {FLOOR_BUDGET} 倍", result["floor_ratio"] <= FLOOR_BUDGET),
        (f"{label}）：網頁／命令列", f"{result['page_s']:.1f} s／{result['cli_s']:.1f} s = {result['ratio']:.2f} 倍",
         f"≤ {CLI_BUDGET} 倍", result["ratio"] <= CLI_BUDGET),
    ]
    scale = result.get("scale")
    if scale:
        head = f"批次檢核：{scale['records']:,} 份紀錄加名冊（網頁，負載 {scale['load_average']}；沒有出勤檔）"
        rows += [
            (f"{head}：完成時間", f"{scale['s']:,.1f} s（{scale['shown']}進度列更新 {scale['progress_moves']:,} 次，"
                                  f"最久 {scale['progress_longest_still_ms']:,} ms 不動）", "", None),
            (f"{head}：檢核中最長的主執行緒工作", f"{scale['checking']['longest_ms']:,} ms"
                                             f"（超過 50 ms 的 {scale['checking']['over_50ms']} 個）",
             f"≤ {LONG_TASK_MS} ms", scale["checking"]["longest_ms"] <= LONG_TASK_MS),
            (f"{head}：記憶體峰值（所有 renderer 程序的常駐記憶體合計：頁面與其 worker，另有 Chromium 備用的一個）",
             f"檢核中 {scale['peak_memory_mb']:,} MB，下載總表時 {scale['peak_memory_exporting_mb']:,} MB"
             f"（檢核前，worker 就緒時 {scale['idle_memory_mb']:,} MB）"
             f"（各程序峰值 {'、'.join(f'{m:,}' for m in scale['renderers_peak_mb'])} MB）", f"≤ {MEMORY_MB} MB",
             max(scale["peak_memory_mb"], scale["peak_memory_exporting_mb"]) <= MEMORY_MB),
            (f"{head}：下載總表 ODS／XLSX／CSV",
             "／".join(f"{scale['exports_s'][f]:,.1f} s" for f in ("ods", "xlsx", "csv"))
             + f"（匯出時最長的主執行緒工作 {scale['exporting']['longest_ms']:,} ms）", "完成", True),
        ]
    return rows
