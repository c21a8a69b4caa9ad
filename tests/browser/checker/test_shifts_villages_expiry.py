"""The page shows what issue 20 added: usable leave apart from expired leave (and no form for an expired
bundle), the village question for a district whose 停止上班 day was for some villages only, and night-shift
office hours."""

import datetime as dt

import rules_py

from tests.cases.runner import _record
from tests.browser.checker.flow import (expected, import_inputs, open_checker, step, to_result, verdict,
                                        wait_rules, wait_settled)
from tests.browser.checker.test_cases_in_page import CASES, PLAN, page_profile, page_rows

BY_NAME = {case["name"]: case for case in CASES}
TAIPEI = dt.timezone(dt.timedelta(hours=8))


def reasons(page, rule):
    return page.eval_on_selector_all(f"#result [data-rule='{rule}']", "els => els.map(e => e.textContent)")


def to_profile(page):
    for _ in range(2):
        if step(page) == "record":
            wait_settled(page, "#record-continue")
    assert step(page) == "profile"


def on(page, day):
    page.clock.set_fixed_time(dt.datetime(day.year, day.month, day.day, 9, tzinfo=TAIPEI))


def test_expired_leave_villages_and_night_shifts(browser, server):
    context = browser.new_context(locale="zh-TW", timezone_id="Asia/Taipei")
    page = context.new_page()
    try:
        open_checker(page, server)
        wait_rules(page)

        # Two bundles' leave expired by the device's date: the total counts only the usable one, the expired
        # hours are said apart, and the expired bundles say why they have no form.
        case = BY_NAME["expiry/expired leave is not counted as usable, and is reported on its own"]
        today = dt.date.fromisoformat(case["today"])
        on(page, today)
        import_inputs(page, rows=page_rows(case), profile=page_profile(case))
        to_result(page)
        want = rules_py.check(_record(case), plan=PLAN, today=today)
        assert verdict(page) == expected(want) and want["leave_hours"] == 4
        total = page.locator("[data-leave-hours]")
        assert total.get_attribute("data-leave-hours-expired") == "8" and "另 8 小時已逾期" in total.text_content()
        for bundle in ("policy", "municipal"):
            section = page.locator(f"#result [data-bundle='{bundle}']")
            assert section.get_attribute("data-expiry") == "expired"
            assert "補休期限已過" in section.locator("h3").text_content()
            assert section.locator(".form-expired").count() == 1
        assert page.locator("#result [data-bundle='common'] .form-expired").count() == 0
        assert page.locator("#forms-sheets .leave-form").count() == 1  # the usable bundle's only

        # 桃源區: 2025-08-14 stopped work in three villages only. The profile step asks for the village and
        # names them; with none given, the course that day is for review; with 梅山, it is off duty.
        case = BY_NAME["villages/in 桃源 with no village, a course in office hours that day is for review, naming the villages"]
        on(page, dt.date(2025, 9, 1))
        import_inputs(page, rows=page_rows(case), profile=page_profile(case))
        to_profile(page)
        assert page.is_visible("#village-field")
        assert "梅山里、拉芙蘭里、復興里" in page.text_content("#village-hint")
        to_result(page)
        assert verdict(page) == expected(rules_py.check(_record(case), case["profile"], plan=PLAN))
        assert verdict(page)["bundles"]["policy"] == "review"
        asked = reasons(page, "offduty.village")  # under the bundle and under the course
        assert asked and all("梅山里、拉芙蘭里、復興里" in said and "請確認" in said for said in asked)
        assert "村里" in page.text_content("[data-assumed='village']")
        import_inputs(page, rows=page_rows(case), profile=page_profile(case))
        to_profile(page)
        page.fill("#village", "梅山")
        page.dispatch_event("#village", "change")
        assert "桃源區梅山里在其中" in page.text_content("#suspensions-districts")
        page.click("#profile-continue")
        assert "梅山" in page.text_content("[data-answer='village']")
        to_result(page)
        settled = BY_NAME["villages/in 桃源's 梅山里 the day is off"]
        assert verdict(page) == expected(rules_py.check(_record(settled), settled["profile"], plan=PLAN))
        assert verdict(page)["bundles"]["policy"] == "eligible"

        # A night shift, 22:00-06:00: accepted, shown as running into the next morning, and decided by it.
        case = BY_NAME["night_shift/a course inside the night shift that starts on a working day is working time"]
        import_inputs(page, rows=page_rows(case), profile=page_profile(case))
        to_profile(page)
        assert [page.input_value("#p-office_hours-0-start"), page.input_value("#p-office_hours-0-end")] == ["22:00", "06:00"]
        page.click("#profile-continue")
        assert "22:00-06:00（夜班，至次日 06:00）" in page.text_content("[data-answer='office_hours']")
        to_result(page)
        assert verdict(page) == expected(rules_py.check(_record(case), case["profile"], plan=PLAN))
        said = reasons(page, "offduty.no")
        assert said and all("22:00～114 年 3 月 5 日（2025-03-05）06:00" in text for text in said)
    finally:
        context.close()
