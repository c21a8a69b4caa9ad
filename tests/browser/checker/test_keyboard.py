"""The whole flow with the keyboard only (Tab, arrows, typing, Enter), and the browser's back and forward buttons.
Focus lands on each step's heading."""

import rules_py

from tests.browser.checker.flow import (RECORDS, errors, expected, open_checker, paste, screenshot, step, to_result, verdict,
                                        wait_rules)


def focused(page):
    return page.evaluate("document.activeElement.id")


def tab_to(page, target, limit=150):
    for _ in range(limit):
        if focused(page) == target:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{target}")


def press_enter_and_wait(page, button):
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#{button}:not([data-busy])", state="attached")


def test_keyboard_only_from_record_to_result(page, server):
    record = (RECORDS / "clipboard.txt").read_text(encoding="utf-8")
    open_checker(page, server)
    wait_rules(page)

    tab_to(page, "record-paste")
    page.keyboard.insert_text(record)
    tab_to(page, "record-continue")
    press_enter_and_wait(page, "record-continue")
    assert focused(page) == "record-rows-title", errors(page)
    tab_to(page, "record-show-all")  # every row, and back to the rows that need a look
    page.keyboard.press("Enter")
    assert page.get_attribute("#record-show-all", "aria-expanded") == "true" and focused(page) == "record-show-all"
    assert page.locator("#record-rows-body tr:not([hidden])").count() == 24
    page.keyboard.press("Enter")
    assert page.get_attribute("#record-show-all", "aria-expanded") == "false"
    tab_to(page, "record-continue")
    press_enter_and_wait(page, "record-continue")
    assert step(page) == "profile" and focused(page) == "step-profile-title"

    tab_to(page, "category-civil_servant")
    page.keyboard.press("ArrowDown")
    assert focused(page) == "category-contract" and page.is_checked("#category-contract")
    tab_to(page, "district")  # 在哪一個行政區上班: the last district, 那瑪夏區, stopped work on 2025-07-11
    page.keyboard.press("End")
    assert page.input_value("#district") == "那瑪夏區"
    assert "那瑪夏區在其中，已套用" in page.inner_text("#suspensions-districts")
    tab_to(page, "period-lists-title")  # the other periods, folded: Enter opens them
    page.keyboard.press("Enter")
    tab_to(page, "add-days_off")
    page.keyboard.press("Enter")
    assert focused(page) == "p-days_off-0"
    # Chromium orders the date's segments by its own UI language (en-US under the test launch), not the page's.
    page.keyboard.type("03252025")
    assert page.input_value("#p-days_off-0") == "2025-03-25"
    screenshot(page, "2-profile-keyboard")
    tab_to(page, "profile-continue")
    page.keyboard.press("Enter")
    assert step(page) == "answers" and focused(page) == "step-answers-title"
    assert "2025-03-25" in page.inner_text("[data-answer='days_off']")
    assert page.inner_text("[data-answer='district'] dd").startswith("那瑪夏區")

    tab_to(page, "change-category")
    page.keyboard.press("Enter")
    assert step(page) == "profile" and focused(page) == "category-contract"
    tab_to(page, "profile-continue")
    page.keyboard.press("Enter")
    tab_to(page, "check")
    press_enter_and_wait(page, "check")
    assert step(page) == "result" and focused(page) == "step-result-title"
    want = rules_py.check(record, {"category": "contract", "district": "那瑪夏區", "days_off": ["2025-03-25"]}, plan="kaohsiung-114")
    assert verdict(page) == expected(want)

    tab_to(page, "who-name")
    page.keyboard.type("王小明")
    names = page.eval_on_selector_all("#forms-sheets [data-field='name']", "els => els.map(e => e.textContent)")
    assert names and set(names) == {"王小明"}
    screenshot(page, "4-result-keyboard")


def test_back_and_forward_buttons_move_between_steps(page, server):
    open_checker(page, server)
    wait_rules(page)
    paste(page, None, (RECORDS / "clipboard.txt").read_text(encoding="utf-8"))
    to_result(page)
    address = page.url
    for move, want in ((page.go_back, "answers"), (page.go_back, "profile"), (page.go_forward, "answers"),
                       (page.go_forward, "result")):
        move()
        page.wait_for_selector(f"#checker[data-step='{want}']", state="attached")
        assert focused(page) == f"step-{want}-title"
    assert page.url == address  # the steps live in the history's state, never in the address
