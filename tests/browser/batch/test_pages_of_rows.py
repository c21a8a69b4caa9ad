"""A batch larger than one page of the table (100 rows): the rows come a page at a time (上一頁／下一頁), every
person is on one of the pages with the rules' verdicts, filters and sorting start again from the first page,
a printed table holds every row, and a person's detail, checked again when it is opened, is the rules' result
for that record."""

from datetime import date

import rules_py

from tests.batch import generate
from tests.browser.batch.page import assert_rows_are_the_rules, choose, rows, run

PEOPLE = generate.people(130)
PAGE_ROWS = 100


def pages_of_rows(page) -> dict:
    """rows(page) of every page of the table, turning with 下一頁 from the first."""
    shown = rows(page)
    while page.is_enabled("#batch-page-next"):
        page.click("#batch-page-next")
        shown.update(rows(page))
    return shown


def test_a_batch_larger_than_a_page(batch_page):
    page = batch_page
    choose(page, PEOPLE, "名冊.csv", hostile=False)
    run(page)
    assert len(rows(page)) == PAGE_ROWS
    assert page.is_visible("#batch-pages") and page.is_disabled("#batch-page-previous")
    assert page.inner_text("#batch-shown") == f"顯示 {len(PEOPLE)}／{len(PEOPLE)} 列，這一頁是第 1–{PAGE_ROWS} 列。"

    page.click("#batch-page-next")
    assert len(rows(page)) == len(PEOPLE) - PAGE_ROWS and page.is_disabled("#batch-page-next")
    assert page.evaluate("document.activeElement.id") == "batch-table-wrap"  # the table, not a disabled button
    page.click("#batch-page-previous")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")  # what the browser does before printing
    assert len(rows(page)) == len(PEOPLE)
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert len(rows(page)) == PAGE_ROWS
    everyone = pages_of_rows(page)
    assert len(everyone) == len(PEOPLE)
    for person in PEOPLE:  # each person's row is the rules' verdict, whichever page it is on
        assert everyone[person.name]["leaveHours"] == f"{rules_py.check(person.data, person.profile, today=date.today())['leave_hours']:g}"

    page.select_option("#filter-unit", generate.UNITS[0])  # a filter shows its first page
    in_unit = [p for p in PEOPLE if p.unit == generate.UNITS[0]]
    assert set(rows(page)) == {p.name for p in in_unit} and page.is_hidden("#batch-pages")
    assert_rows_are_the_rules(page, in_unit)
    page.select_option("#filter-unit", "")

    last = PEOPLE[-1]  # on the second page: its detail is checked again, in the first worker
    page.click("#batch-page-next")
    page.click(f"#batch-table-body tr[data-person='{last.name}'] button[data-open]")
    page.wait_for_selector("#batch[data-state='detail']")
    result = rules_py.check(last.data, last.profile, today=date.today())
    assert page.get_attribute("#result [data-leave-hours]", "data-leave-hours") == f"{result['leave_hours']:g}"
