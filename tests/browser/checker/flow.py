"""Driving the checker page the way a person does, plus reading what it shows (shared by the checker tests)."""

import datetime
import json
import re
from pathlib import Path

import rules_py
from tests.support.odt import odt_text
from tests.support.axe import axe  # noqa: F401  (re-exported for the checker tests)
from tests.support.tool_page import open_tool, wait_status_ready

ROOT = Path(__file__).resolve().parents[3]
RECORDS = ROOT / "tests" / "fixtures" / "records"
ARTIFACTS = ROOT / "tests" / "artifacts" / "checker"
RULES_READY_MS = 120_000
EXPORT_FORMAT = "kaohsiung-elearn-checker/1"


def paper_time(iso: str) -> str:
    """114 年 3 月 1 日 9 時 0 分, as the paper form writes it (written here, not by the code under test)."""
    y, mo, d, h, mi = map(int, re.match(r"(\d+)-(\d+)-(\d+)[T ](\d+):(\d+)", iso).groups())
    return f"{y - 1911} 年 {mo} 月 {d} 日 {h} 時 {mi} 分"


def open_checker(page, server):
    open_tool(page, server.url + "checker/", "checker")


def wait_rules(page):
    wait_status_ready(page, "checker-status", RULES_READY_MS)


def paste(page, html=None, text=""):
    """A real paste event whose DataTransfer holds the clipboard's flavours, as a browser copy leaves them."""
    page.evaluate("""([html, text]) => {
        const data = new DataTransfer();
        if (html !== null) data.setData('text/html', html);
        data.setData('text/plain', text);
        const target = document.getElementById('record-paste');
        target.focus();
        target.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
    }""", [html, text])


def step(page):
    return page.get_attribute("#checker", "data-step")


def errors(page):
    """The error summary's messages (empty when it is hidden)."""
    if page.is_hidden("#error-summary"):
        return []
    return page.eval_on_selector_all("#error-summary li", "els => els.map(e => e.textContent)")


def wait_settled(page, button):
    """Clicks a button that runs the rules and waits until it has finished."""
    page.click(button)
    page.wait_for_selector(f"{button}:not([data-busy])", state="attached", timeout=RULES_READY_MS)


def read_record(page):
    """Step 1's 繼續 on a given record: the rules read it and the table comes back (or an error)."""
    wait_settled(page, "#record-continue")


def to_result(page):
    """From wherever the person is to the result: 繼續 (twice for a record not yet read), 繼續, 送出檢核."""
    for _ in range(2):  # a record not yet read is read first and shown for confirmation
        if step(page) == "record":
            wait_settled(page, "#record-continue")
    if step(page) == "profile":
        page.click("#profile-continue")
    assert step(page) == "answers", errors(page)
    wait_settled(page, "#check")
    assert step(page) == "result", errors(page)


def verdict(page) -> dict:
    """The result's stable hooks."""
    return page.evaluate("""() => ({
        bundles: Object.fromEntries([...document.querySelectorAll('#result [data-bundle]')]
            .map(e => [e.dataset.bundle, e.dataset.leave])),
        leave_hours: Number(document.querySelector('[data-leave-hours]').dataset.leaveHours),
        reward: document.querySelector('[data-reward]').dataset.reward,
    })""")


def expected(result: dict) -> dict:
    """The same hooks from rules_py's own answer under CPython."""
    return {"bundles": {b["id"]: b["leave"]["status"] for b in result["bundles"]},
            "leave_hours": result["leave_hours"], "reward": result["reward"]["status"]}


def assert_calendar(data: bytes, answer: dict) -> None:
    """The .ics file holds one all-day event on each leave's last day, folded and ended as RFC 5545 says."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "").split("\r\n")
    expiring = [b for b in answer["bundles"] if b["leave"]["expires_on"]]
    assert unfolded.count("BEGIN:VEVENT") == len(expiring) == unfolded.count("END:VEVENT")
    for bundle in expiring:
        day = bundle["leave"]["expires_on"].replace("-", "")
        assert f"DTSTART;VALUE=DATE:{day}" in unfolded
        assert any(line.startswith("SUMMARY:") and bundle["name"] in line for line in unfolded)
    assert all(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", line) for line in unfolded if line.startswith("DTSTAMP"))
    # Each last day reminds ahead, at 09:00 on the days the plan's data gives.
    alarm_days = rules_py.load_plans()[answer["plan"]["id"]]["reminders"]["calendar_alarm_days"]
    events = "\n".join(unfolded).split("BEGIN:VEVENT")[1:]
    for bundle, event in zip(expiring, events):
        last_day = datetime.date.fromisoformat(bundle["leave"]["expires_on"])
        alarms = event.split("BEGIN:VALARM")[1:]
        assert len(alarms) == len(alarm_days) and event.count("END:VALARM") == len(alarm_days)
        for days, alarm in zip(alarm_days, alarms):
            assert "ACTION:DISPLAY" in alarm and bundle["name"] in alarm and f"{days} 天後" in alarm
            d, h = map(int, re.search(r"^TRIGGER:-P(\d+)DT(\d+)H$", alarm, re.M).groups())
            fires = datetime.datetime.combine(last_day, datetime.time()) - datetime.timedelta(days=d, hours=h)
            assert fires == datetime.datetime.combine(last_day - datetime.timedelta(days=days), datetime.time(9))


def assert_odt_forms(data: bytes, answer: dict) -> dict:
    """The ODT holds one form per bundle that has leave to apply for, each course's times as on paper;
    returns its text (tests/support/odt.py)."""
    text = odt_text(data)
    forms = [b for b in answer["bundles"] if b["leave"]["status"] in ("eligible", "review")]
    assert len(text["headings"]) == len(forms) > 0
    rows = {row[1]: row for row in text["rows"]}
    for bundle in forms:
        for line in bundle["form"]:
            assert rows[line["course"]][3:] == [paper_time(line["start"]), paper_time(line["end"])], line
    return text


def import_inputs(page, rows=(), profile=None, record=None, who=None):
    """Loads inputs through the page's own import (the JSON file that 匯出我的資料 writes)."""
    data = {"format": EXPORT_FORMAT, "record": record, "read": False, "rows": list(rows),
            "profile": profile or {}, "who": who or {"unit": "", "name": ""}}
    page.set_input_files("#import", files=[{"name": "inputs.json", "mimeType": "application/json",
                                            "buffer": json.dumps(data, ensure_ascii=False).encode()}])
    page.wait_for_selector("#keeping-status:has-text('已匯入')")


# The page lays out some sections only near the view (content-visibility: auto), so for a picture of the whole
# page they are laid out, and then left to the page's CSS again. (The page's CSP refuses a screenshot's own style.)
_LAY_OUT_ALL = """(on) => document.querySelectorAll(on ? '*' : '[data-shot]').forEach((e) => {
    if (!on) { e.style.removeProperty('content-visibility'); delete e.dataset.shot; }
    else if (getComputedStyle(e).contentVisibility === 'auto') { e.style.contentVisibility = 'visible'; e.dataset.shot = ''; }
})"""


def screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.evaluate(_LAY_OUT_ALL, True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.evaluate(_LAY_OUT_ALL, False)
