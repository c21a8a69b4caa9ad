"""What a person sees first (issue 23), at a phone's and a desktop's size: the confirm step of a 24-row record
within 4 phone screens, no column of the record table hidden at 1280 px, dates that cannot be right flagged at
the confirm step, and a verdict whose first screen names each bundle's hours and last day."""

import pytest
import rules_py

from tests.browser.checker.flow import RECORDS, open_checker, paste, read_record, screenshot, to_result, wait_rules
from tests.support.viewports import DESKTOP, PHONE

PLAN = "kaohsiung-114"
SIZES = {"phone": PHONE, "desktop": DESKTOP}
RECORD = RECORDS / "clipboard.txt"

HIDDEN_WIDTH = """() => { const wrap = document.getElementById('record-table-wrap');
    return {hidden: wrap.scrollWidth - wrap.clientWidth, page: document.documentElement.scrollWidth - innerWidth}; }"""


@pytest.fixture(params=list(SIZES))
def sized(request, browser, server):
    size = request.param
    context = browser.new_context(locale="zh-TW", viewport=SIZES[size], is_mobile=size == "phone", has_touch=size == "phone")
    page = context.new_page()
    open_checker(page, server)
    wait_rules(page)
    yield size, page
    context.close()


def test_the_confirm_step_is_short_and_hides_no_column(sized):
    size, page = sized
    text = RECORD.read_text(encoding="utf-8")
    paste(page, None, text)
    read_record(page)
    rows = page.locator("#record-rows-body tr")
    assert rows.count() == 24
    height = page.evaluate("document.getElementById('step-record').getBoundingClientRect().height")
    assert height <= 4 * PHONE["height"], f"{size}: {height} px"
    # The rows that need a look are shown (here: the one course not in the catalogue); the rest on request.
    shown = page.eval_on_selector_all("#record-rows-body tr:not([hidden])", "trs => trs.map(t => t.dataset.how)")
    assert shown == ["unmatched"]
    assert page.inner_text("#record-rows-summary").startswith("共 24 列")
    assert page.inner_text("#record-show-all") == "檢視全部 24 列"
    assert page.get_attribute("#record-show-all", "aria-expanded") == "false"
    assert page.evaluate(HIDDEN_WIDTH) == {"hidden": 0, "page": 0}
    page.click("#record-show-all")
    assert page.get_attribute("#record-show-all", "aria-expanded") == "true"
    assert page.locator("#record-rows-body tr:not([hidden])").count() == 24
    assert page.evaluate(HIDDEN_WIDTH) == {"hidden": 0, "page": 0}
    screenshot(page, f"first-{size}-confirm-all")
    # One primary action: 繼續 once there are rows to confirm (讀取紀錄 before).
    primary = page.eval_on_selector_all("#step-record .button:not(.button--secondary)", "els => els.map(e => e.id)")
    assert primary == ["record-continue"]


def test_dates_that_cannot_be_right_are_flagged_at_the_confirm_step(sized):
    size, page = sized
    lines = (RECORDS / "seed_sample.txt").read_text(encoding="utf-8").splitlines()
    moved = {1: "2019", 2: "2030", 3: "2025-09-15"}  # before the period, in the future, after the deadline
    for i, year in moved.items():
        lines[i] = lines[i].replace("2025-01-01", year if "-" in year else f"{year}-01-01")
    paste(page, None, "\n".join(lines))
    read_record(page)
    flagged = page.eval_on_selector_all("#record-rows-body tr:not([hidden])", """trs => trs.map(t => [
        t.children[0].textContent, t.querySelector('[data-date-problem]')?.textContent || ''])""")
    said = dict(flagged)
    assert "計畫期間" in said["1"] and "今天" in said["2"] and "截止日" in said["3"], flagged
    assert all(not problem for line, problem in flagged if line not in ("1", "2", "3"))
    # Fixing the date in place takes the flag away at once.
    page.fill("#row-2-start", "2025-01-01T11:00")
    page.fill("#row-2-end", "2025-01-01T12:00")
    page.locator("#row-2-end").dispatch_event("change")
    assert page.locator("#record-rows-body tr").nth(2).locator("[data-date-problem]").count() == 0
    screenshot(page, f"first-{size}-dates")


def test_the_verdicts_first_screen_names_each_bundles_last_day(sized):
    size, page = sized
    text = RECORD.read_text(encoding="utf-8")
    answer = rules_py.check(text, plan=PLAN)
    paste(page, None, text)
    to_result(page)
    height = SIZES[size]["height"]
    for bundle in answer["bundles"]:
        line = page.locator(f"[data-deadline='{bundle['id']}']")
        box = line.bounding_box()
        assert 0 <= box["y"] and box["y"] + box["height"] <= height, (bundle["id"], box)
        leave = bundle["leave"]
        if leave["expires_on"]:
            assert f"補休 {leave['hours']} 小時" in line.inner_text()
            assert f"請於 {leave['expires_on_roc']}（含當日）前休畢" in line.inner_text()
    # The reasoning is folded away, and no note is said twice.
    assert page.locator("#result details.why").count() == len(answer["bundles"])
    assert page.locator("#result details.why[open]").count() == 0
    notes = page.eval_on_selector_all("#result .reasons__source", "els => els.map(e => e.textContent)")
    assert notes and len(notes) == len(set(notes))
    screenshot(page, f"first-{size}-verdict")
