"""Every way a record gets in, run for real in the page, with the verdict CPython gives for the same input."""

import rules_py

from tests.browser.checker.flow import RECORDS, errors, expected, paste, read_record, screenshot, step, to_result, verdict

PLAN = "kaohsiung-114"


def rows_shown(page):
    return page.eval_on_selector_all("#record-rows-body tr", """trs => trs.map(tr => ({
        how: tr.dataset.how, course: tr.querySelector('select').value,
        name: tr.children[1].textContent, note: tr.querySelector('.note').textContent}))""")


def test_paste_with_both_flavours_reads_the_html(checker):
    html = (RECORDS / "clipboard.html").read_text(encoding="utf-8")
    text = (RECORDS / "clipboard.txt").read_text(encoding="utf-8")
    paste(checker, html, text)
    assert checker.input_value("#record-paste") == text  # the person sees the text they copied
    read_record(checker)
    assert errors(checker) == []
    shown = rows_shown(checker)
    answer = rules_py.check(html, plan=PLAN)
    assert len(shown) == len([c for c in answer["courses"] if c["row"]]) + len(answer["unmatched_rows"])
    assert {r["how"] for r in shown} >= {"code", "unmatched"}
    unmatched = [r for r in shown if r["how"] == "unmatched"]
    assert unmatched and all(r["course"] == "" and "不是本計畫的課程" in r["note"] for r in unmatched)
    listed = {r["line"] for c in answer["courses"] if (r := c["row"])} | {r["line"] for r in answer["unmatched_rows"]}
    others = [line for line in range(1, max(listed) + 1) if line not in listed]
    if others:  # further rows of a course (retakes): said, not silently dropped
        assert f"第 {'、'.join(map(str, others))} 列是同一門課程的其他紀錄" in checker.inner_text("#record-rows-summary")
    assert checker.evaluate("document.activeElement.id") == "record-rows-title"
    screenshot(checker, "1-record-table")
    to_result(checker)
    assert verdict(checker) == expected(answer)
    screenshot(checker, "4-result")


def test_text_only_paste(checker):
    text = (RECORDS / "clipboard.txt").read_text(encoding="utf-8")
    paste(checker, None, text)
    read_record(checker)
    to_result(checker)
    assert verdict(checker) == expected(rules_py.check(text, plan=PLAN))


def test_similar_name_is_shown_as_a_suggestion(checker):
    """A near match is another course until the person picks the catalogue course (issue 10)."""
    text = (RECORDS / "seed_sample.txt").read_text(encoding="utf-8").replace(
        "智在高雄~智慧城市任你行 (PKCG114100128)", "智在高雄 智慧城市任妳行")
    paste(checker, None, text)
    read_record(checker)
    shown = rows_shown(checker)
    similar = [r for r in shown if r["how"] == "similar"]
    # A near match is only a suggestion: the row counts as no course until the person picks it.
    assert len(similar) == 1 and similar[0]["course"] == "", shown
    assert "相近" in similar[0]["note"] and "智在高雄~智慧城市任你行" in similar[0]["note"]
    assert "名稱相近" in checker.inner_text("#record-rows-summary")
    checker.select_option(f"#row-{shown.index(similar[0])}-course", "智在高雄~智慧城市任你行")
    to_result(checker)
    assert "智在高雄~智慧城市任你行" in checker.text_content("#result [data-rule='match.chosen']")


def test_uploaded_big5_csv(checker):
    data = (RECORDS / "record_big5.csv").read_bytes()
    checker.set_input_files("#record-file", files=[{"name": "紀錄.csv", "mimeType": "text/csv", "buffer": data}])
    read_record(checker)
    assert errors(checker) == []
    to_result(checker)
    assert verdict(checker) == expected(rules_py.check(data, plan=PLAN))


def test_uploaded_saved_page(checker):
    data = (RECORDS / "platform_page.html").read_bytes()
    checker.set_input_files("#record-file", files=[{"name": "學習紀錄.html", "mimeType": "text/html", "buffer": data}])
    to_result(checker)
    assert verdict(checker) == expected(rules_py.check(data, plan=PLAN))


def add_by_hand(page, course, start, end):
    page.select_option("#hand-course", course)
    page.fill("#hand-start", start)
    page.fill("#hand-end", end)
    page.check("#hand-upload")
    page.click("#hand-add")


def test_rows_entered_by_hand(checker):
    plan = rules_py.load_plans()[PLAN]
    policy = next(b for b in plan["bundles"] if b["id"] == "policy")
    rows = []
    for i, course in enumerate(policy["courses"]):
        start, end = f"2025-03-0{1 + i % 2}T{10 + i}:00", f"2025-03-0{1 + i % 2}T{10 + i}:50"
        add_by_hand(checker, course["name"], start, end)
        rows.append({"name": course["name"], "code": course.get("code"), "start": start + ":00", "end": end + ":00",
                     "status": plan["parameters"]["passed_status"]["value"],
                     "upload_status": plan["parameters"]["upload_success_status"]["value"]})
    assert errors(checker) == []
    assert [r["how"] for r in rows_shown(checker)] == ["hand"] * len(rows)
    to_result(checker)
    got = verdict(checker)
    assert got == expected(rules_py.check(rows, plan=PLAN))
    assert got["bundles"]["policy"] in ("eligible", "review")


def test_a_correction_reaches_the_rules(checker):
    """Choosing the course for a row that matched nothing makes it count on the next check."""
    original = (RECORDS / "clipboard.txt").read_text(encoding="utf-8")
    garbled = original.replace("雙軸轉型淨零港都\n(PCENTER114100556)", "一門看不出來的課")
    assert garbled != original
    assert rules_py.check(garbled, plan=PLAN)["bundles"][0]["leave"]["status"] == "ineligible"
    paste(checker, None, garbled)
    read_record(checker)
    index = [r["name"] for r in rows_shown(checker)].index("一門看不出來的課")
    checker.select_option(f"#row-{index}-course", "雙軸轉型淨零港都")
    to_result(checker)
    assert verdict(checker) == expected(rules_py.check(original, plan=PLAN))
    assert checker.get_attribute("#result [data-bundle='policy']", "data-leave") == "eligible"
