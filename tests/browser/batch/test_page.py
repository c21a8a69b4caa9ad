"""The batch page in real Chromium: 50 generated records of mixed formats, two hostile files, a roster in each
format. Every row is rules_py's verdict; the downloads hold the CLI's cells; no request is made."""

from datetime import date

import pytest

import rules_py

from rules_py.batch.roster import COLUMNS
from tests.batch import generate
from tests.browser.batch.page import (assert_rows_are_the_rules, choose, cli_output, download, expected_hooks, rows,
                                      run)
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
    assert all("review" in (h.get("reward"), *(v for k, v in h.items() if k.startswith("leave") and k != "leaveHours"))
               for h in review.values())
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
