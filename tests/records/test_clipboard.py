"""Copying the record table in real headless Chromium gives what the committed clipboard fixtures hold."""

from pathlib import Path

from rules_py.record import parse_record

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
from tests.fixtures import make_records


def test_a_fresh_copy_in_chromium_reads_like_the_committed_one(browser):
    clip_html, clip_text = make_records.capture_clipboard(browser, FIXTURES / "records" / "platform_page.html")
    assert clip_text == (FIXTURES / "records" / "clipboard.txt").read_text("utf-8")
    page_rows = parse_record((FIXTURES / "records" / "platform_page.html").read_bytes())
    assert parse_record(clip_html) == parse_record(clip_text) == page_rows
