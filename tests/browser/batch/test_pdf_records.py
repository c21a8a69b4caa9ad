"""Records printed to PDF among the batch page's files: each gets the verdict of the page it was printed from
(checked by rules_py in CPython), and a scan gets its own message; the rest of the batch is checked as usual."""

from datetime import date
from pathlib import Path

import rules_py
from rules_py.batch.table import review_points
from tests.browser.batch.page import rows, run
from tests.fixtures.pdf import make

PDF = Path(__file__).resolve().parents[2] / "fixtures" / "pdf"
PRINTS = ["chromium_60_landscape.pdf", "firefox_60_portrait.pdf", "chromium_25_noto_header.pdf",
          "firefox_25_portrait_header.pdf"]


def _hooks(data: bytes) -> dict:
    result = rules_py.check(data, None, today=date.today())
    hooks = {"leaveHours": f"{result['leave_hours']:g}", "reward": result["reward"]["status"],
             "review": str(review_points(result))}  # data-review, as every row has (uxbatch)
    hooks.update({f"leave{b['id'].capitalize()}": b["leave"]["status"] for b in result["bundles"]})
    return hooks


def test_pdf_records_get_the_verdict_of_their_page(batch_page):
    page = batch_page
    given = {**{name: (PDF / name).read_bytes() for name in [*PRINTS, "scanned.pdf"]},
             "record_25.html": make.source("record_25")}
    page.set_input_files("#batch-files", files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}
                                                for name, data in given.items()])
    run(page)
    shown = rows(page)
    for name in PRINTS:
        got = {key: value for key, value in shown[name].items() if key not in ("person", "duplicate", "missing")}
        assert got == _hooks(make.source(name)), name
    assert shown["record_25.html"]["leaveHours"] == shown["chromium_25_noto_header.pdf"]["leaveHours"]
    assert "沒有可讀取的文字" in shown["scanned.pdf"]["error"]
