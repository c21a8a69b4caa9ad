"""What the person takes away: the filled forms printed on A4 (checked with pdftotext), the .ics file, and
their inputs kept only when they ask (remember, export/import, clear); nothing personal in the URL."""

import datetime
import json
import re
import subprocess

import pytest
import rules_py

from tests.browser.checker.flow import (ARTIFACTS, RECORDS, assert_calendar, open_checker, paper_time, paste, read_record, step, to_result,
                                wait_rules)

PLAN = "kaohsiung-114"
KEY = "kaohsiung-elearn-checker"


@pytest.fixture(scope="module")
def answer():
    return rules_py.check((RECORDS / "clipboard.txt").read_text(encoding="utf-8"), plan=PLAN)


def at_result(page):
    paste(page, None, (RECORDS / "clipboard.txt").read_text(encoding="utf-8"))
    to_result(page)


def test_the_printed_forms_hold_the_courses_and_times_one_a4_page_each(checker, answer, tmp_path):
    at_result(checker)
    checker.fill("#who-unit", "高雄市政府人事處")
    checker.fill("#who-name", "王小明")
    forms = [b for b in answer["bundles"] if b["leave"]["status"] in ("eligible", "review")]
    assert checker.eval_on_selector_all("#forms-sheets .leave-form", "els => els.map(e => e.dataset.bundle)") == \
        [b["id"] for b in forms]
    # 列印申請表 sets this class and opens the print dialog; headless Chromium cannot close that dialog,
    # so the test sets the class itself and prints to PDF.
    checker.evaluate("document.body.classList.add('print-forms')")
    pdf = tmp_path / "forms.pdf"
    pdf.write_bytes(checker.pdf(format="A4", print_background=True))
    checker.evaluate("document.body.classList.remove('print-forms')")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "forms.pdf").write_bytes(pdf.read_bytes())
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+%d\b" % len(forms), info), info
    assert "(A4)" in info
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    for bundle, text in zip(forms, pages):
        flat = " ".join(text.split())
        assert "高雄市政府人事處" in flat and "王小明" in flat
        for row in bundle["form"]:
            assert row["course"][:10] in flat, row["course"]
            assert paper_time(row["start"]) in flat and paper_time(row["end"]) in flat, row
    assert "步驟" not in " ".join(pages)  # nothing of the checker's own page is printed


def test_print_button_asks_to_print_the_forms_alone(browser, server):
    context = browser.new_context(locale="zh-TW")
    page = context.new_page()
    try:
        open_checker(page, server)
        wait_rules(page)
        at_result(page)
        page.evaluate("() => { window.printed = false; addEventListener('beforeprint', () => { window.printed = true; }); }")
        page.click("#forms-print")
        assert page.evaluate("window.printed") is True
        assert page.evaluate("document.body.classList.contains('print-forms')")
    finally:
        context.close()


def test_calendar_file(checker, answer):
    at_result(checker)
    with checker.expect_download() as info:
        checker.click("#ics-download")
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    assert download.url.startswith("blob:")
    assert_calendar(open(download.path(), "rb").read(), answer)
    hint = checker.inner_text("#ics-hint")
    alarm_days = rules_py.load_plans()[PLAN]["reminders"]["calendar_alarm_days"]
    assert all(f"{days} 天" in hint for days in alarm_days) and "提醒" in hint


def test_ics_escaping_and_folding(checker):
    escaped, folded = checker.evaluate("""() => import('./ics.js').then((m) => [
        m.escapeText('a,b;c\\\\d\\ne'), m.fold('SUMMARY:' + '補休'.repeat(40))])""")
    assert escaped == "a,b;c\\d\ne".replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")
    parts = folded.split("\r\n")
    assert len(parts) > 1 and all(p.startswith(" ") for p in parts[1:])
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == "SUMMARY:" + "補休" * 40


def stored(page):
    return page.evaluate("() => Object.fromEntries(Object.entries(localStorage))")


def test_remember_only_after_opting_in_and_clear_really_clears(browser, server):
    context = browser.new_context(locale="zh-TW")
    page = context.new_page()
    record = (RECORDS / "clipboard.txt").read_text(encoding="utf-8")
    try:
        open_checker(page, server)
        wait_rules(page)
        paste(page, None, record)
        to_result(page)
        page.fill("#who-name", "王小明")
        assert not any("王小明" in v or "雙軸轉型" in v for v in stored(page).values())
        rows = page.eval_on_selector_all("#record-rows-body tr", "trs => trs.length")
        page.check("#remember")
        saved = json.loads(stored(page)[KEY])
        assert saved["record"]["text"] == record and saved["who"]["name"] == "王小明"

        page.reload()
        page.wait_for_selector("#checker[data-ready]")
        assert page.is_checked("#remember")
        assert page.input_value("#record-paste") == record
        assert page.input_value("#who-name") == "王小明"
        assert page.eval_on_selector_all("#record-rows-body tr", "trs => trs.length") == rows > 0

        page.click("#clear")
        assert not any("王小明" in v or "雙軸轉型" in v for v in stored(page).values())
        assert KEY not in stored(page)
        assert page.input_value("#record-paste") == "" and page.input_value("#who-name") == ""
        assert not page.is_checked("#remember")
        page.reload()
        page.wait_for_selector("#checker[data-ready]")
        assert page.input_value("#record-paste") == ""
        assert page.eval_on_selector_all("#record-rows-body tr", "trs => trs.length") == 0
    finally:
        context.close()


def test_export_then_import_in_a_fresh_page(browser, server, answer):
    context = browser.new_context(locale="zh-TW", accept_downloads=True)
    try:
        page = context.new_page()
        open_checker(page, server)
        wait_rules(page)
        paste(page, None, (RECORDS / "clipboard.txt").read_text(encoding="utf-8"))
        read_record(page)
        page.click("#record-continue")
        page.check("#category-contract")
        with page.expect_download() as info:
            page.click("#export")
        exported = open(info.value.path(), "rb").read()
        page.close()

        fresh = context.new_page()
        open_checker(fresh, server)
        wait_rules(fresh)
        fresh.set_input_files("#import", files=[{"name": "我的資料.json", "mimeType": "application/json", "buffer": exported}])
        fresh.wait_for_selector("#keeping-status:has-text('已匯入')")
        assert fresh.eval_on_selector_all("#record-rows-body tr", "trs => trs.length") > 0
        assert stored(fresh) == {} or KEY not in stored(fresh)  # imported, not remembered
        to_result(fresh)
        expected = rules_py.check((RECORDS / "clipboard.txt").read_text(encoding="utf-8"),
                                  {"category": "contract"}, plan=PLAN)
        assert fresh.get_attribute("[data-leave-hours]", "data-leave-hours") == str(expected["leave_hours"])
        assert fresh.url == server.url + "checker/"  # no query string, no fragment, ever
    finally:
        context.close()


def test_a_file_that_is_not_an_export_is_refused(checker):
    checker.set_input_files("#import", files=[{"name": "x.json", "mimeType": "application/json", "buffer": b"[1, 2]"}])
    checker.wait_for_selector("#error-summary:not([hidden])")
    assert "不是本工具匯出的資料檔" in checker.inner_text("#error-summary")
    assert step(checker) == "record"


def test_every_reason_links_to_its_clause_on_the_plan_page(checker):
    at_result(checker)
    links = checker.eval_on_selector_all("#result a.reasons__clause", "els => els.map(a => a.getAttribute('href'))")
    assert links and all(not href.startswith(("/", "http")) for href in links)  # relative: any sub-path works
    missing = checker.evaluate("""async (links) => {
        const missing = [];
        for (const href of new Set(links)) {
            const url = new URL(href, location.href);
            const page = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
            if (!page.getElementById(url.hash.slice(1))) missing.push(href);
        }
        return missing;
    }""", links)
    assert missing == []


def test_what_remains_names_the_courses_their_hours_and_the_days_left(checker):
    from datetime import date

    text = (RECORDS / "seed_sample.txt").read_text(encoding="utf-8")
    answer = rules_py.check(text, plan=PLAN)
    paste(checker, None, text)
    to_result(checker)
    left = [c for c in answer["courses"] if c["bundle"] == "policy" and c["status"] != "counted"]
    shown = checker.text_content("[data-bundle='policy'] .remaining")
    for course in left:
        assert f"{course['name']}（{course['hours']} 小時）" in shown
    days = (date.fromisoformat(answer["plan"]["deadline"]) - date.today()).days
    assert (f"還有 {days} 天" if days >= 0 else f"已過 {-days} 天") in shown
    assert "人事單位決定" in checker.inner_text(".final-decision")
    # The rules' next steps (說明2, 說明5), only when some leave can be applied for.
    next_steps = checker.eval_on_selector_all(".next-steps [data-rule]", "els => els.map(e => e.dataset.rule)")
    assert next_steps == [step["rule"] for step in answer["next_steps"]]


def test_the_export_carries_the_name_that_the_batch_page_matches_on(checker):
    """The exported file holds who.name and is named for the person: the batch check matches it to 王小明's
    record by that name (rules_py.batch, tests/batch/test_attendance.py), however many such files there are."""
    at_result(checker)
    checker.fill("#who-name", "王小明")
    with checker.expect_download() as info:
        checker.click("#export")
    assert info.value.suggested_filename == "補休檢核資料（王小明）.json"
    exported = json.loads(open(info.value.path(), "rb").read())
    assert exported["who"]["name"] == "王小明"
    from rules_py.batch import prepare

    record = (RECORDS / "clipboard.txt").read_bytes()
    batch = prepare([("王小明.txt", record), (info.value.suggested_filename, json.dumps(exported).encode())])
    assert batch.jobs[0]["profile_file"] == "補休檢核資料（王小明）.json" and batch.problems == []
