"""The batch page in real Chromium: 50 generated records of mixed formats, two hostile files, a roster in each
format. Every row is rules_py's verdict; the downloads hold the CLI's cells; no request is made."""

from datetime import date

import pytest

import rules_py

from rules_py.batch.roster import COLUMNS
from tests.batch import generate
from rules_py.batch.jobs import NO_ROSTER_ROW
from tests.browser.batch.page import (assert_rows_are_the_rules, choose, cli_output, download, expected_hooks, files,
                                      rows, run)
from tests.batch.readback import read_csv, read_ods, read_xlsx

PEOPLE = generate.people(50)


@pytest.mark.parametrize("roster", sorted(generate.ROSTERS))
def test_fifty_records_with_a_roster(batch_page, batch_context, roster, tmp_path):
    page = batch_page
    choose(page, PEOPLE, roster)
    before = len(batch_context.request_log.urls)
    run(page)
    assert batch_context.request_log.urls[before:] == [], "檢核期間不應發出任何請求"

    shown = assert_rows_are_the_rules(page, PEOPLE)
    hostile = [h for h in shown.values() if "error" in h]
    assert {h["person"] for h in hostile} == {"bomb.zip/紀錄.html", "<img src=x onerror=alert(1)>.html"}
    assert page.evaluate("() => window.__xss") is None

    cli = {fmt: cli_output(tmp_path, PEOPLE, roster, fmt) for fmt in ("ods", "xlsx", "csv")}
    assert read_ods(download(page, "#export-ods")) == read_ods(cli["ods"])
    assert read_xlsx(download(page, "#export-xlsx")) == read_xlsx(cli["xlsx"])
    assert read_csv(download(page, "#export-csv")) == read_csv(cli["csv"])
    assert read_ods(cli["ods"]) == read_xlsx(cli["xlsx"])


def test_a_row_opens_the_personal_checkers_result(batch_page):
    page = batch_page
    person = PEOPLE[1]
    choose(page, [person], "名冊.csv", hostile=False)
    run(page)
    page.click(f"#batch-table-body button[data-open]")
    page.wait_for_selector("#batch[data-state='detail']")
    assert page.evaluate("document.activeElement.id") == "batch-detail-title"
    bundles = page.eval_on_selector_all("#result [data-bundle]", "els => els.map(e => [e.dataset.bundle, e.dataset.leave])")
    hooks = expected_hooks(person)
    assert {f"leave{b.capitalize()}": s for b, s in bundles} == {k: v for k, v in hooks.items() if k.startswith("leave") and k != "leaveHours"}
    assert page.get_attribute("#result [data-leave-hours]", "data-leave-hours") == hooks["leaveHours"]
    assert page.is_visible("#forms") == any(s != "ineligible" for _, s in bundles)
    odt = download(page, "#forms-odt")  # the personal checker's editable forms, from the same worker
    assert odt[:2] == b"PK" and b"application/vnd.oasis.opendocument.text" in odt[:100]
    page.click("#detail-back")
    assert page.get_attribute("#batch", "data-state") == "results"
    assert page.evaluate("document.activeElement.dataset.open") is not None


def test_filters_and_sorting(batch_page):
    page = batch_page
    choose(page, PEOPLE[:20], "名冊.csv", hostile=False)
    run(page)
    everyone = rows(page)
    page.check("#filter-review")
    review = rows(page)
    assert review and len(review) < len(everyone)
    assert set(review) == {name for name, h in everyone.items() if int(h["review"]) > 0}  # what 待審事項 counts
    page.uncheck("#filter-review")
    page.select_option("#filter-unit", generate.UNITS[1])
    unit = rows(page)
    assert set(unit) == {p.name for p in PEOPLE[:20] if p.unit == generate.UNITS[1]}
    page.select_option("#filter-unit", "")
    page.check("#filter-expiring")
    expiring = {p.name for p in PEOPLE[:20] if any(
        b["leave"]["expiry_flag"] == "expiring" for b in rules_py.check(p.data, p.profile, today=date.today())["bundles"])}
    assert set(rows(page)) == expiring
    page.uncheck("#filter-expiring")
    page.click("#batch-table-head [data-sort='0']")
    names = list(rows(page))
    assert names == sorted(names, key=lambda n: n)  # 測試NN號: code point order is the zh-Hant order here
    assert page.get_attribute("#batch-table-head th:first-child", "aria-sort") == "ascending"


def _detail_of(page, person_name) -> dict:
    page.click(f"#batch-table-body tr[data-person='{person_name}'] button[data-open]")
    page.wait_for_selector("#batch[data-state='detail']")
    found = page.eval_on_selector_all("#result li[data-rule]", "els => els.map(e => [e.dataset.rule, e.textContent])")
    text = page.text_content("#batch-detail")
    page.click("#detail-back")
    return {"reasons": found, "text": text}


def test_the_detail_speaks_to_the_officer_and_names_the_hours_used(batch_page):
    """Roster 08:30-12:00: each office-hours reason in the detail says 08:30-12:00 and the roster cell, none the
    default; a record the roster lacks says the default was used. No sentence asks the officer to do what only
    the employee can (請依您的…, 請選擇您的…, 列印您的…)."""
    page = batch_page
    given, unlisted = generate.Person(1), generate.Person(3)
    given.cells["上班時間"] = "08:30-12:00"
    page.set_input_files("#batch-files", files=files([given, unlisted], hostile=False))
    page.set_input_files("#batch-roster", files=[{"name": "名冊.csv", "mimeType": "text/csv",
                                                  "buffer": generate.roster_csv([given])}])
    run(page)
    office_hours = ("offduty.yes", "offduty.no", "offduty.review")
    mine = _detail_of(page, given.name)
    used = [text for rule, text in mine["reasons"] if rule in office_hours]
    assert used and all("08:30-12:00" in t and "名冊第 2 列「上班時間」" in t and "預設" not in t for t in used)
    assert "本府一般辦公時間" not in mine["text"]
    default = _detail_of(page, unlisted.file)
    assert all("以預設的 08:00-12:00、13:30-17:30" in t for rule, t in default["reasons"] if rule in office_hours)
    for shown in (mine, default):
        assert not any(words in shown["text"] for words in ("請依您的實際上班時間修改", "請選擇您的人員類別", "列印您的學習紀錄"))
        assert "您" not in "".join(t for _, t in shown["reasons"])
    assert "請在名冊填寫同仁的「人員類別」" in default["text"] and "請同仁提供" in default["text"]


def test_the_table_says_why(batch_page):
    """不符合 names its reason in the row; a file that can't be checked is an error in words; the defaults note
    (no roster row) is said once above the table, not in each row's 說明."""
    page = batch_page
    persons = PEOPLE[:12]
    page.set_input_files("#batch-files", files=files(persons))
    page.set_input_files("#batch-roster", files=[{"name": "名冊.csv", "mimeType": "text/csv",
                                                  "buffer": generate.roster_csv(persons[:8])}])
    run(page)
    once = page.eval_on_selector_all("#batch-said-once li", "els => els.map(e => e.textContent)")
    assert once == [f"4 份紀錄：{NO_ROSTER_ROW}；這些列的人員類別標示「（預設）」。"]
    cells = page.eval_on_selector_all("#batch-table-body tr", """els => els.map(e => ({person: e.dataset.person,
        error: e.dataset.error || null, why: [...e.querySelectorAll('.why')].map(w => [w.dataset.why, w.textContent]),
        notes: e.lastElementChild.textContent, category: e.children[2].textContent,
        marked: e.querySelector('.row-error .row-error__label')?.textContent || null}))""")
    shown = {c["person"]: c for c in cells}
    assert all("名冊中沒有這個檔案" not in c["notes"] for c in cells)
    for i, person in enumerate(persons):
        result = rules_py.check(person.data, person.profile if i < 8 else None, today=date.today())
        ineligible = [b["id"] for b in result["bundles"] if b["leave"]["status"] == "ineligible"]
        got = shown[person.name if i < 8 else person.file]
        assert [b for b, _ in got["why"]] == ineligible and all(text for _, text in got["why"]), person.file
        assert got["category"].endswith("（預設）") == (i >= 8)
    assert any(c["why"] for c in cells)
    for name in generate.HOSTILE:
        row = next(c for c in cells if c["person"].startswith(name))
        assert row["error"] and row["marked"] == "無法檢核："
    color = page.eval_on_selector("#batch-table-body tr[data-error] .row-error", "e => getComputedStyle(e).color")
    assert color == "rgb(176, 0, 32)"  # the error red, not grey


def test_missing_files_and_duplicates_are_listed(batch_page):
    page = batch_page
    persons = PEOPLE[:3]
    page.set_input_files("#batch-files", files=[
        {"name": p.file, "mimeType": "text/plain", "buffer": p.data} for p in persons[:2]
    ] + [{"name": "again-" + persons[0].file, "mimeType": "text/plain", "buffer": persons[0].data}])
    page.set_input_files("#batch-roster", files=[{"name": "名冊.csv", "mimeType": "text/csv",
                                                  "buffer": generate.roster_csv(persons)}])
    run(page)
    shown = rows(page)
    assert shown[persons[2].name]["missing"] == "true"
    assert shown[persons[0].name]["duplicate"] == "true" and shown["again-" + persons[0].file]["duplicate"] == "true"


def test_cancel_keeps_what_was_checked(batch_page):
    page = batch_page
    choose(page, PEOPLE, None, hostile=False)
    # Cancel as soon as the first record is checked, from inside the page: a click from here could come after
    # the last record on a fast machine (the batch then has nothing left to cancel).
    page.evaluate("""() => {
      const watch = new MutationObserver(() => {
        if (document.getElementById("batch-progress").value >= 1) {
          watch.disconnect();
          document.getElementById("batch-cancel").click();
        }
      });
      watch.observe(document.getElementById("batch-current"), { childList: true, characterData: true, subtree: true });
    }""")
    page.click("#batch-start")
    page.wait_for_selector("#batch[data-state='results']", timeout=300_000)
    shown = rows(page)
    assert len(shown) == len(PEOPLE)
    cancelled = [h for h in shown.values() if h.get("error") == "沒有檢核（已取消）"]
    assert 0 < len(cancelled) < len(PEOPLE) and "已取消" in page.inner_text("#batch-summary")


@pytest.mark.parametrize("fmt", ["ods", "xlsx"])
def test_roster_templates(batch_page, fmt):
    data = download(batch_page, f"#template-{fmt}")
    sheets = read_ods(data) if fmt == "ods" else read_xlsx(data)
    (header, example), = sheets.values()
    assert header == list(COLUMNS) and example[0] == "王小明.html"  # every column the roster reads


def test_nothing_is_stored_unless_the_roster_is_remembered(batch_page):
    page = batch_page
    choose(page, PEOPLE[:2], "名冊.xlsx", hostile=False)
    run(page)
    stored = page.evaluate("() => ({local: Object.keys(localStorage), session: Object.keys(sessionStorage), cookies: document.cookie})")
    assert stored == {"local": [], "session": [], "cookies": ""}
    page.check("#remember-roster")
    page.wait_for_selector("#batch-keeping-status:has-text('已在這部裝置記住名冊')")
    assert page.evaluate("() => Object.keys(localStorage)") == ["kaohsiung-elearn-batch-roster"]
    page.click("#batch-clear")
    assert page.evaluate("() => Object.keys(localStorage)") == []
    assert page.inner_text("#batch-chosen-summary") == "尚未選擇任何檔案。"
