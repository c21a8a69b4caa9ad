"""Accessibility of the batch page: axe (WCAG 2.2 AA) at phone and desktop size in every state, the whole flow
from the keyboard, and the table printed on A4 landscape."""

import subprocess
from datetime import date

import pytest

from tests.batch import generate
from tests.browser.batch.page import choose, run
from tests.support.axe import axe

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PEOPLE = generate.people(12)


def states(page):
    """Each state of the page in turn: (name, reached)."""
    yield "choose"
    page.click("#batch-start")  # nothing chosen: the error summary
    yield "error"
    choose(page, PEOPLE, "名冊.ods")
    yield "chosen"
    page.click("#batch-start")
    page.wait_for_selector("#batch[data-state='run']")
    yield "run"
    page.wait_for_selector("#batch[data-state='results']", timeout=300_000)
    yield "results"
    page.check("#filter-review")
    page.click("#batch-table-head [data-sort='3']")
    yield "filtered"
    page.uncheck("#filter-review")
    page.click("#batch-table-body button[data-open]")
    page.wait_for_selector("#batch[data-state='detail']")
    yield "detail"
    page.click("#batch-clear")
    yield "cleared"


@pytest.mark.parametrize("size", sorted(SIZES))
def test_axe_in_every_state(batch_page, size):
    page = batch_page
    page.set_viewport_size(SIZES[size])
    found = {}
    for state in states(page):
        violations = axe(page)
        if violations:
            found[state] = violations
    assert found == {}


def focused(page):
    return page.evaluate("() => [document.activeElement.id, document.activeElement.dataset.open ?? null]")


def tab_to(page, test, limit=300):
    for _ in range(limit):
        if test(focused(page)):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached it (at {focused(page)})")


def test_keyboard_flow(batch_page):
    page = batch_page
    page.set_viewport_size(SIZES["desktop"])
    # A file chooser is the browser's own dialog: the files are given to it, everything else is keys.
    choose(page, PEOPLE[:4], "名冊.xlsx", hostile=False)
    page.focus("#batch-choose-title")
    tab_to(page, lambda f: f[0] == "batch-start")
    page.keyboard.press("Enter")
    page.wait_for_selector("#batch[data-state='results']", timeout=300_000)
    assert focused(page)[0] == "batch-results-title"
    tab_to(page, lambda f: f[0] == "filter-review")
    page.keyboard.press("Space")
    assert page.is_checked("#filter-review")
    page.keyboard.press("Space")
    tab_to(page, lambda f: f[1] is not None)
    opened = focused(page)[1]
    page.keyboard.press("Enter")
    page.wait_for_selector("#batch[data-state='detail']")
    assert focused(page)[0] == "batch-detail-title"
    tab_to(page, lambda f: f[0] == "detail-back")
    page.keyboard.press("Enter")
    assert focused(page)[1] == opened  # back on the row it came from


def test_the_table_prints_on_a4_landscape(batch_page, tmp_path):
    page = batch_page
    choose(page, PEOPLE[:4], "名冊.csv")
    run(page)
    page.check("#filter-review")
    pdf = tmp_path / "table.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    page.emulate_media(media="screen")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    width, height = (float(v) for v in size.split(":")[1].split("pts")[0].split(" x "))
    assert "(A4)" in size and width > height, size  # A4 (841.9 x 595.3 pt), wider than tall
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "選擇檔案" not in text
    # The printout says when, for which unit, the summary and which filter is on.
    flat = "".join(text.split())
    today = date.today()
    assert f"檢核日期：{today.year - 1911}年{today.month}月{today.day}日（{today.isoformat()}）" in flat
    assert "服務單位：全部（" in flat and "篩選：只看待審的人" in flat
    assert "".join(page.inner_text("#batch-summary").split()) in flat
    shown = page.eval_on_selector_all("#batch-table-body tr", "els => els.map(e => e.dataset.person)")
    assert shown and all(name in text for name in shown)
