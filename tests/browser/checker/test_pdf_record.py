"""A record printed to PDF, uploaded in the personal checker: pypdf loads from this site only then, the rows
rebuilt from the PDF are shown to confirm, and the verdict is the one CPython gives for the page it was
printed from."""

from pathlib import Path

import pytest

import rules_py
from rules_py.record import parse_record
from tests.fixtures.pdf import make
from tests.browser.checker.flow import errors, expected, open_checker, read_record, to_result, verdict, wait_rules

PDF = Path(__file__).resolve().parents[2] / "fixtures" / "pdf"
PLAN = "kaohsiung-114"


def _upload(page, name):
    page.set_input_files("#record-file", files=[{"name": name, "mimeType": "application/pdf",
                                                 "buffer": (PDF / name).read_bytes()}])


def _names_shown(page):
    return page.eval_on_selector_all("#record-rows-body tr", "trs => trs.map(tr => tr.children[1].textContent)")


def test_pypdf_comes_from_this_site_only_when_a_pdf_arrives(context, server):
    page = context.new_page()
    open_checker(page, server)
    wait_rules(page)
    assert not [url for url in context.request_log.urls if "pypdf" in url]
    _upload(page, "firefox_25_portrait_header.pdf")
    read_record(page)
    assert errors(page) == []
    fetched = [url for url in context.request_log.urls if "pypdf" in url]
    assert fetched and all(url.startswith(server.url + "pyodide/") for url in fetched)
    assert context.request_log.foreign(server.origin) == []


@pytest.mark.parametrize("name", ["chromium_60_portrait_header.pdf", "firefox_60_landscape_header.pdf",
                                  "chromium_25_noto_header.pdf"])
def test_a_printed_record_is_shown_to_confirm_and_gets_its_pages_verdict(checker, name):
    source = make.source(name)
    _upload(checker, name)
    read_record(checker)
    assert errors(checker) == []
    # The rows to confirm: those the rules read from the PDF (the same code as in CPython), one per course row.
    answer = rules_py.check((PDF / name).read_bytes(), plan=PLAN)
    shown = _names_shown(checker)
    assert len(shown) == len([c for c in answer["courses"] if c["row"]]) + len(answer["unmatched_rows"])
    read = {row.name for row in parse_record((PDF / name).read_bytes())}
    assert set(shown) <= read and "高雄市政府為民服務：從民眾需求出發的服務設計、流程改造與跨機關協作實務工作坊（進階班）" in shown
    to_result(checker)
    assert verdict(checker) == expected(rules_py.check(source, plan=PLAN))


@pytest.mark.parametrize("name, words", [("scanned.pdf", "沒有可讀取的文字"), ("encrypted.pdf", "密碼"),
                                         ("not_a_record.pdf", "找不到學習紀錄表格")])
def test_a_pdf_that_is_no_record_is_refused_with_its_own_message(checker, name, words):
    _upload(checker, name)
    read_record(checker)
    shown = errors(checker)
    assert len(shown) == 1 and shown[0].startswith(f"檔案「{name}」：") and words in shown[0]
