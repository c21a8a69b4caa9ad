"""The personnel office's batch (issue 11): 1,000 generated records with a roster, checked by the CLI
(`--roster --out`, its worker processes) and by the batch page (its workers), in the same run.
Budget: the page takes at most 1.5x the CLI's time: the page from 開始檢核 to the table shown (its workers
loaded first, as they are while the officer chooses the files), the CLI from its start to the table written
as CSV (the people table; writing ODS is its own cost, paid on the page only when 下載 ODS is pressed)."""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import records
from bench.servers import serve

ROOT = Path(__file__).resolve().parent.parent
COUNT = 1000
ROW_COUNTS = range(10, 37)  # as bench/cli.py: sizes around the typical 23 rows
CATEGORIES = ("編制內公務人員", "約聘人員", "教師", "公務人員")
BUDGET = 1.5
BATCH_MS = 900_000


def inputs(folder: Path, count: int) -> list[str]:
    names, roster = [], ["檔名,姓名,服務單位,人員類別,上班時間"]
    for i in range(count):
        name = f"r{i:04d}.txt"
        (folder / name).write_text(records.varied_record_text(ROW_COUNTS[i % len(ROW_COUNTS)], i), encoding="utf-8")
        names.append(name)
        roster.append(f"{name},同仁{i:04d},單位{i % 9},{CATEGORIES[i % len(CATEGORIES)]},"
                      + ("輪班" if i % 5 == 0 else "08:00-12:00；13:30-17:30"))
    (folder / "名冊.csv").write_text("\n".join(roster) + "\n", encoding="utf-8-sig")
    return names


def _cli(folder: Path, names: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "rules_py", "check", *names, "--roster", "名冊.csv",
                             "--out", "結果.csv"], cwd=folder, capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return seconds


def open_ready(page, base: str) -> None:
    """The batch page, its workers ready and the runtime kept offline (the service worker's copying is not timed)."""
    page.goto(base + "batch/")
    page.wait_for_selector("#batch-status:not([data-state='loading'])", timeout=180_000)
    page.wait_for_function("() => document.documentElement.dataset.offline === 'checker'", timeout=180_000)


def _page(browser, site: Path, folder: Path, names: list[str]) -> tuple[float, int]:
    with serve(site) as base:
        context = browser.new_context(locale="zh-TW")
        try:
            page = context.new_page()
            open_ready(page, base)
            page.set_input_files("#batch-files", [str(folder / n) for n in names])
            page.set_input_files("#batch-roster", str(folder / "名冊.csv"))
            start = time.perf_counter()
            page.click("#batch-start")
            page.wait_for_selector("#batch[data-state='results']", timeout=BATCH_MS)
            seconds = time.perf_counter() - start
            checked = page.eval_on_selector_all("#batch-table-body tr:not([data-error])", "els => els.length")
            workers = page.evaluate("() => Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 4))")
            return seconds, checked, workers
        finally:
            context.close()


def measure(browser, site: Path = ROOT / "site", count: int = COUNT) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        folder = Path(tmp)
        names = inputs(folder, count)
        cli_s = _cli(folder, names)
        page_s, checked, workers = _page(browser, site, folder, names)
    return {"records": count, "cli_s": round(cli_s, 2), "page_s": round(page_s, 2), "page_checked": checked,
            "page_workers": workers, "ratio": round(page_s / cli_s, 2)}


def budget_row(result: dict | None) -> tuple:
    """(measure, value, budget, ok) for bench/report.py's table."""
    label = f"批次檢核：{COUNT:,} 份紀錄加名冊，網頁／命令列（同一輪）"
    if not result or "ratio" not in result:
        return label, "—", f"≤ {BUDGET} 倍", None
    value = f"{result['page_s']:.1f} s／{result['cli_s']:.1f} s = {result['ratio']:.2f} 倍（網頁 {result['page_workers']} 個 worker）"
    return label, value, f"≤ {BUDGET} 倍", result["ratio"] <= BUDGET
