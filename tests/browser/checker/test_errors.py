"""Errors: the GOV.UK summary (focused, linking to the field), what was typed kept, rules' messages shown
in zh-TW without a traceback, a huge paste refused at once, record fields shown as text, no WebAssembly."""

import base64
import json
import re
import time

import pytest
import rules_py
from rules_py.record import MAX_RECORD_BYTES

from tests.browser.checker.flow import (ROOT, RECORDS, errors, expected, open_checker, paste, read_record, step, to_result,
                                        verdict, wait_settled)

CHECKER_JS = ROOT / "site_src" / "checker"


def focused(page):
    return page.evaluate("document.activeElement.id")


def test_nothing_given_shows_the_summary_and_its_link_focuses_the_field(checker):
    wait_settled(checker, "#record-continue")
    assert errors(checker) == ["請貼上學習紀錄、上傳檔案，或自行新增至少一門課程。"]
    assert focused(checker) == "error-summary"
    assert checker.get_attribute("#record-paste", "aria-invalid") == "true"
    assert "record-paste-error" in checker.get_attribute("#record-paste", "aria-describedby")
    url = checker.url
    checker.click("#error-summary a")
    assert focused(checker) == "record-paste"
    assert checker.url == url  # no fragment written into the address bar


def test_a_record_the_rules_refuse_keeps_what_was_pasted(checker):
    text = (RECORDS / "bad_missing_columns.txt").read_text(encoding="utf-8")
    paste(checker, None, text)
    read_record(checker)
    shown = errors(checker)
    assert len(shown) == 1 and shown[0].startswith("貼上的文字：") and "缺少欄位" in shown[0]
    assert "Traceback" not in checker.inner_text("body")
    assert checker.input_value("#record-paste") == text
    assert step(checker) == "record"


@pytest.mark.parametrize("name, data", [
    ("照片.bin", (RECORDS / "bad_binary.bin").read_bytes()),
    ("學習紀錄.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
])
def test_an_uploaded_file_gets_the_rules_own_message(checker, name, data):
    """The page hands the file's bytes to rules_py (one decoder) and shows what it says, naming the file."""
    checker.set_input_files("#record-file", files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}])
    wait_settled(checker, "#record-continue")
    answer = json.loads(rules_py.check_json(json.dumps({"record_base64": base64.b64encode(data).decode(), "filename": name})))
    assert errors(checker) == [f"檔案「{name}」：{answer['error']['message']}"]
    checker.click("#error-summary a")
    assert focused(checker) == "record-file"


def test_a_cut_off_pdf_is_named_as_one(checker):
    checker.set_input_files("#record-file", files=[{"name": "紀錄.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n"}])
    wait_settled(checker, "#record-continue")
    assert "這個 PDF 檔不完整" in errors(checker)[0]


def test_a_10_mb_paste_is_refused_at_once_and_the_page_stays_responsive(checker):
    started = time.monotonic()
    checker.evaluate("""() => {
        const big = '課程'.repeat(5 * 1024 * 1024);  // 10 M characters, 30 MB of UTF-8
        const data = new DataTransfer();
        data.setData('text/plain', big);
        document.getElementById('record-paste').dispatchEvent(
            new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
    }""")
    assert checker.evaluate("1 + 1") == 2
    assert time.monotonic() - started < 5
    shown = errors(checker)
    assert len(shown) == 1 and "紀錄太大" in shown[0] and f"上限為 {MAX_RECORD_BYTES // 1048576} MB" in shown[0]
    assert checker.input_value("#record-paste") == ""  # the paste never reached the field


def test_the_page_limit_is_the_rules_limit(checker):
    """The page reads the limit from the build's data, which takes it from rules_py."""
    shown = checker.evaluate("fetch('plans.json').then((r) => r.json()).then((d) => d.limits.max_record_bytes)")
    assert shown == MAX_RECORD_BYTES
    assert "MAX_RECORD_BYTES" not in "".join(p.read_text(encoding="utf-8") for p in CHECKER_JS.glob("*.js"))


def test_a_profile_error_from_the_rules_points_at_the_field_and_keeps_the_answers(checker):
    paste(checker, None, (RECORDS / "seed_sample.txt").read_text(encoding="utf-8"))
    read_record(checker)
    wait_settled(checker, "#record-continue")
    checker.fill("#p-office_hours-0-start", "12:00")
    checker.fill("#p-office_hours-0-end", "08:00")
    checker.click("#profile-continue")
    wait_settled(checker, "#check")
    assert step(checker) == "profile"
    shown = errors(checker)
    assert len(shown) == 1 and "上班時段" in shown[0]
    assert focused(checker) == "error-summary"
    checker.click("#error-summary a")
    assert focused(checker) == "p-office_hours-0-start"
    assert checker.input_value("#p-office_hours-0-start") == "12:00"
    assert checker.input_value("#p-office_hours-0-end") == "08:00"


def test_a_half_filled_period_is_caught_before_the_rules(checker):
    checker.click("#hand-add")
    assert set(errors(checker)) == {"請選擇課程", "請填寫開始時間", "請填寫結束時間"}
    checker.select_option("#hand-course", index=1)
    checker.fill("#hand-start", "2025-03-01T10:00")
    checker.fill("#hand-end", "2025-03-01T11:00")
    checker.click("#hand-add")
    wait_settled(checker, "#record-continue")
    checker.click("#period-lists-title")
    checker.click("#add-unpaid_leave")
    checker.fill("#p-unpaid_leave-0-start", "2025-03-10")
    checker.click("#profile-continue")
    assert errors(checker) == ["留職停薪期間第 1 筆：請填寫結束"]
    assert checker.input_value("#p-unpaid_leave-0-start") == "2025-03-10"


def test_record_fields_with_html_or_script_show_as_text(checker):
    evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    text = (RECORDS / "seed_sample.txt").read_text(encoding="utf-8").replace(
        "雙軸轉型淨零港都 (PCENTER114100556)", evil)
    paste(checker, None, text)
    read_record(checker)
    assert evil in checker.inner_text("#record-rows-body")
    to_result(checker)
    assert evil in checker.text_content("#result")  # the text, laid out or not (sections below the view are laid out only near it)
    assert checker.evaluate("window.__xss") is None
    assert checker.eval_on_selector_all("#checker img, #checker script", "els => els.length") == 0


def test_without_webassembly_a_clear_message(browser, server):
    context = browser.new_context(locale="zh-TW")
    context.add_init_script("delete window.WebAssembly;")  # what an old browser lacks
    page = context.new_page()
    try:
        page.goto(server.url + "checker/")
        page.wait_for_selector("#checker-status[data-state='error']")
        assert "不支援 WebAssembly" in page.inner_text("#checker-status")
        assert page.is_hidden("#checker") and page.is_hidden("#checker-progress")
    finally:
        context.close()


@pytest.mark.parametrize("name, bad, fixed", [
    ("bad_impossible_date.txt", "2025-02-30", ("2025-02-28T08:00", "2025-02-28T09:00")),
    ("bad_end_before_start.txt", "早於開始時間", ("2025-03-01T09:00", "2025-03-01T10:00")),
])
def test_a_row_that_cannot_be_read_is_kept_and_fixed_in_place(checker, name, bad, fixed):
    """One bad row does not reject the paste: the others are read, the bad one is marked, fixed where it stands."""
    text = (RECORDS / name).read_text(encoding="utf-8")
    paste(checker, None, text)
    read_record(checker)
    assert errors(checker) == []
    rows = checker.locator("#record-rows-body tr")
    lines = [int(line) for line in checker.eval_on_selector_all("#record-rows-body tr td:first-child", "tds => tds.map(t => t.textContent)")]
    [i] = [i for i in range(rows.count()) if rows.nth(i).locator("[data-date-problem]").count()]
    line = lines[i]
    assert len(text.splitlines()) - 1 == line == max(lines)  # the last row is the bad one; the rows before it are read
    assert bad in rows.nth(i).inner_text() and rows.nth(i).is_visible()
    assert checker.input_value(f"#row-{i}-start") == "" and checker.input_value(f"#row-{i}-end") == ""
    wait_settled(checker, "#record-continue")  # not yet: the row has no possible period
    assert step(checker) == "record"
    [said] = errors(checker)
    assert said.startswith(f"第 {line} 列") and bad in said and said.endswith("請改正開始與結束時間，或移除這一列。")
    checker.click("#error-summary a")
    assert focused(checker) == f"row-{i}-start"
    for part, value in zip(("start", "end"), fixed):
        checker.fill(f"#row-{i}-{part}", value)
        checker.locator(f"#row-{i}-{part}").dispatch_event("change")
    assert rows.nth(i).locator("[data-date-problem]").count() == 0
    to_result(checker)
    good = text.splitlines()
    good[line] = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d~ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d",
                         f"{fixed[0].replace('T', ' ')}:00~ {fixed[1].replace('T', ' ')}:00", good[line])
    assert verdict(checker) == expected(rules_py.check("\n".join(good), plan="kaohsiung-114"))
