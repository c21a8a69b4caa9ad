"""axe-core, WCAG 2.1 A and AA, zero violations in every state of the checker: loading, empty, error,
each question page, check your answers, and the result with its filled forms."""

import rules_py

from tests.checker.flow import RECORDS, axe, open_checker, paste, read_record, screenshot, to_result, wait_rules, wait_settled

RUNTIME = "**/pyodide/pyodide.asm.wasm"


def test_no_violations_in_any_state(browser, server):
    # Service workers off, so that the runtime's request reaches the route that holds it back.
    context = browser.new_context(locale="zh-TW", service_workers="block")
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
        screenshot(page, "0-loading")
        assert held, "the runtime's request was not held back"
        for route in held:
            route.continue_()
        wait_rules(page)
        found["empty"] = axe(page)
        screenshot(page, "1-record-empty")

        wait_settled(page, "#record-continue")
        assert page.is_visible("#error-summary")
        found["error"] = axe(page)
        screenshot(page, "1-record-error")

        paste(page, None, (RECORDS / "clipboard.txt").read_text(encoding="utf-8"))
        read_record(page)
        found["record table"] = axe(page)

        wait_settled(page, "#record-continue")
        page.click("#add-overtime")
        page.fill("#p-overtime-0-start", "2025-03-12T18:00")
        page.click("#profile-continue")  # an overtime period without its end: an error on the profile page
        assert page.is_visible("#error-summary")
        found["profile error"] = axe(page)
        screenshot(page, "2-profile-error")
        page.click("#list-overtime .edit-list__row button")
        found["profile"] = axe(page)
        screenshot(page, "2-profile")

        page.click("#profile-continue")
        found["answers"] = axe(page)
        screenshot(page, "3-answers")

        to_result(page)
        page.fill("#who-name", "王小明")
        found["result"] = axe(page)
        screenshot(page, "4-result-forms")
    finally:
        context.close()
    assert found == {state: [] for state in found}
    assert len(found) == 8
