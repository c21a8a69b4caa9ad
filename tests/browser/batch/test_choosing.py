"""The other ways an officer gives the batch its files, in real Chromium: dragged onto the drop zone, and a
whole folder (with a sub-folder and a file that is no record). Every row is rules_py's verdict."""

from tests.batch import generate
from tests.browser.batch.page import assert_rows_are_the_rules, choose_roster, drop, files, run

PEOPLE = generate.people(50)


def test_many_files_dropped_on_the_zone(batch_page):
    page = batch_page
    chosen = files(PEOPLE)
    drop(page, chosen)
    page.wait_for_function("n => document.getElementById('batch-chosen-summary').textContent.startsWith(`已選擇 ${n} 個檔案`)",
                           arg=len(chosen))
    assert page.get_attribute("#batch-drop", "data-over") is None  # the zone looks as before once dropped
    assert page.eval_on_selector_all("#batch-chosen-list li", "els => els.map(e => e.textContent)") == [
        c["name"] for c in chosen]
    choose_roster(page, PEOPLE, "名冊.csv")
    run(page)
    shown = assert_rows_are_the_rules(page, PEOPLE)
    assert {h["person"] for h in shown.values() if "error" in h} == {"bomb.zip/紀錄.html", "<img src=x onerror=alert(1)>.html"}


def test_dragging_away_clears_the_zone(batch_page):
    page = batch_page
    page.dispatch_event("#batch-drop", "dragover")
    assert page.get_attribute("#batch-drop", "data-over") == "true"
    page.dispatch_event("#batch-drop", "dragleave")
    assert page.get_attribute("#batch-drop", "data-over") is None
