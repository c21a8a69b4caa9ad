"""Driving the checker page the way a person does, plus reading what it shows (shared by the checker tests)."""

import json
import re
from pathlib import Path

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
