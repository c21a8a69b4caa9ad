"""The result says what decided it: the district's 停止上班 day, the course the person picked for a near-match
row, what was assumed for an unanswered question, and leave that expires soon by the device's date."""

import datetime as dt

import rules_py

from tests.cases.runner import _record
from tests.browser.checker.flow import expected, import_inputs, open_checker, to_result, verdict, wait_rules
from tests.browser.checker.test_cases_in_page import CASES, PLAN, page_profile, page_rows

BY_NAME = {case["name"]: case for case in CASES}
TAIPEI = dt.timezone(dt.timedelta(hours=8))
TODAY = dt.date(2027, 2, 20)  # some of the cases' leave expires within 60 days of this day


def reasons(page, rule):
    return page.eval_on_selector_all(f"#result [data-rule='{rule}']", "els => els.map(e => e.textContent)")


def test_the_result_explains_itself(browser, server):
    context = browser.new_context(locale="zh-TW", timezone_id="Asia/Taipei")
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime(TODAY.year, TODAY.month, TODAY.day, 9, tzinfo=TAIPEI))
    try:
        open_checker(page, server)
        wait_rules(page)

        # In 杉林: the district-only 停止上班 day of 2025-07-11 is a day off, and the reason names it.
        case = BY_NAME["days/in 杉林 the district-only suspension is a day off"]
        import_inputs(page, rows=page_rows(case), profile=page_profile(case))
        assert page.input_value("#district") == "杉林區"
        to_result(page)
        want = rules_py.check(_record(case), case["profile"], plan=PLAN, today=TODAY)
        assert verdict(page) == expected(want)
        [district] = reasons(page, "calendar.district_suspension")
        assert "杉林區在其中" in district and "豪雨" in district
        # Where the calendar's facts come from: the rule's source, from the plan's catalogue of rules, said once.
        source = rules_py.rules_catalogue(PLAN)["calendar.district_suspension"]["source"]
        assert page.eval_on_selector_all("#result-sources li", "els => els.map(e => e.textContent)").count(source) == 1
        # No category was chosen: the result says which was assumed.
        assert "編制內公務人員" in page.text_content("[data-assumed='category']")
        # By the device's date, leave expires within 60 days: flagged on the bundle and warned.
        flags = {b["id"]: b["leave"]["expiry_flag"] for b in want["bundles"]}
        shown = page.eval_on_selector_all("#result [data-bundle]", "els => Object.fromEntries(els.map(e => [e.dataset.bundle, e.dataset.expiry]))")
        assert shown == {k: v or "" for k, v in flags.items()} and "expiring" in shown.values()
        assert reasons(page, "leave.expiring")
        assert "利用公餘時間參與數位學習" in page.text_content(".next-steps")  # 說明5, from the rules

        # A near-match row: the person picks the catalogue course in the record table.
        case = BY_NAME["exact_match/人權搜查客 I is not 人權搜查客 II"]
        rows = page_rows(case)
        [i] = [n for n, row in enumerate(rows) if row["recordName"].endswith("人權搜查客 I")]
        import_inputs(page, rows=rows, profile={"category": "civil_servant"})
        page.select_option(f"#row-{i}-course", "兩公約健康權課程：人權搜查客 II")
        to_result(page)
        chosen = BY_NAME["exact_match/the person picks the catalogue course for a near-match row"]
        assert verdict(page) == expected(rules_py.check(_record(chosen), plan=PLAN))
        [said] = reasons(page, "match.chosen")
        assert "人權搜查客 II" in said
        assert page.locator("[data-assumed='category']").count() == 0
    finally:
        context.close()
