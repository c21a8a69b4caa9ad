"""axe-core, WCAG 2.2 AA, zero violations in every state of the checker, at phone and desktop size: loading
(and a check waiting for the rules), empty, error, each question page, check your answers, the result with its forms."""

import pytest
import rules_py

from tests.browser.checker.flow import RECORDS, axe, open_checker, paste, read_record, screenshot, to_result, wait_rules, wait_settled
from tests.support.viewports import AXE_SIZES as SIZES

RUNTIME = "**/pyodide/pyodide.asm.wasm"
PLAN = "kaohsiung-114"


@pytest.mark.parametrize("size", list(SIZES))
def test_no_violations_in_any_state(browser, server, size):
    # Service workers off, so that the runtime's request reaches the route that holds it back.
    context = browser.new_context(locale="zh-TW", service_workers="block", viewport=SIZES[size],
                                  is_mobile=size == "phone", has_touch=size == "phone")
    held = []
    context.route(RUNTIME, lambda route: held.append(route))  # the page stays loading while axe looks
    page = context.new_page()
    found = {}
    try:
        open_checker(page, server)
        page.wait_for_timeout(200)
        assert page.get_attribute("#checker-status", "data-state") == "loading"
        assert page.is_visible("#checker-progress")
        found["loading"] = axe(page)
        screenshot(page, f"{size}-0-loading")

        # While the rules load, the inputs work; 送出檢核 waits for the rules, then checks.
        course = rules_py.load_plans()[PLAN]["bundles"][0]["courses"][0]["name"]
        page.select_option("#hand-course", course)
        page.fill("#hand-start", "2025-03-01T10:00")
        page.fill("#hand-end", "2025-03-01T11:00")
        page.click("#hand-add")
        page.click("#record-continue")
        page.wait_for_selector("#step-profile:not([hidden])")
        page.click("#profile-continue")
        page.click("#check")
        page.wait_for_selector("#check-wait:not([hidden])")
        assert page.get_attribute("#checker-status", "data-state") == "loading"
        found["waiting to check"] = axe(page)
        assert held, "the runtime's request was not held back"
        for route in held:
            route.continue_()
        page.wait_for_selector("#step-result:not([hidden])", timeout=120_000)
        rows = [{"name": course, "start": "2025-03-01T10:00:00", "end": "2025-03-01T11:00:00",
                 "status": "已通過", "upload_status": ""}]
        assert page.get_attribute("[data-leave-hours]", "data-leave-hours") == \
            str(rules_py.check(rows, plan=PLAN)["leave_hours"])
        page.click("#clear")
        wait_rules(page)
        found["empty"] = axe(page)
        screenshot(page, f"{size}-1-record-empty")

        wait_settled(page, "#record-continue")
        assert page.is_visible("#error-summary")
        found["error"] = axe(page)
        screenshot(page, f"{size}-1-record-error")

        # A row that cannot be read and dates outside the plan, each marked where it stands.
        lines = (RECORDS / "bad_impossible_date.txt").read_text(encoding="utf-8").splitlines()
        other = (RECORDS / "seed_sample.txt").read_text(encoding="utf-8").splitlines()[2]  # another course
        paste(page, None, "\n".join(lines + ["3" + other[1:].replace("2025-01-01", "2030-01-01")]))
        read_record(page)
        assert page.locator("[data-date-problem]").count() == 2
        found["record rows to fix"] = axe(page)
        screenshot(page, f"{size}-1-record-rows-to-fix")

        paste(page, None, (RECORDS / "clipboard.txt").read_text(encoding="utf-8"))
        read_record(page)
        found["record table"] = axe(page)
        page.click("#record-show-all")
        found["record table, every row"] = axe(page)

        wait_settled(page, "#record-continue")
        assert page.locator("#sessions select").count() > 0  # the sessions near working time, each asked about
        page.click("#period-lists-title")
        page.click("#add-overtime")
        page.fill("#p-overtime-0-start", "2025-03-12T18:00")
        page.click("#profile-continue")  # an overtime period without its end: an error on the profile page
        assert page.is_visible("#error-summary")
        found["profile error"] = axe(page)
        screenshot(page, f"{size}-2-profile-error")
        page.click("#list-overtime .edit-list__row button")
        found["profile"] = axe(page)
        screenshot(page, f"{size}-2-profile")

        page.click("#profile-continue")
        found["answers"] = axe(page)
        screenshot(page, f"{size}-3-answers")

        to_result(page)
        page.fill("#who-name", "王小明")
        found["result"] = axe(page)
        page.eval_on_selector_all("#result details", "els => els.forEach(e => { e.open = true; })")
        found["result, reasoning open"] = axe(page)
        screenshot(page, f"{size}-4-result-forms")
    finally:
        context.close()
    assert found == {state: [] for state in found}
    assert len(found) == 12
