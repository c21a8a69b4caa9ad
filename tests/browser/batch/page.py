"""Driving the batch page as an officer does, and what the tests compare it with (shared by tests/batch)."""

import base64
import subprocess
import sys
from datetime import date
from pathlib import Path

import rules_py
from rules_py.batch.table import review_points
from tests.batch import generate
from tests.support.tool_page import open_tool, wait_status_ready

ROOT = Path(__file__).resolve().parents[3]
READY_MS = 180_000   # several workers each load Pyodide, on a shared machine
BATCH_MS = 300_000


def open_batch(page, server):
    open_tool(page, server.url + "batch/", "batch")


def wait_ready(page):
    wait_status_ready(page, "batch-status", READY_MS)


def files(persons, hostile=True) -> list:
    chosen = [{"name": p.file, "mimeType": "application/octet-stream", "buffer": p.data} for p in persons]
    if hostile:
        chosen += [{"name": n, "mimeType": "application/octet-stream", "buffer": d} for n, d in generate.HOSTILE.items()]
    return chosen


def choose(page, persons, roster=None, hostile=True):
    page.set_input_files("#batch-files", files=files(persons, hostile))
    if roster:
        choose_roster(page, persons, roster)


def choose_roster(page, persons, roster: str):
    page.set_input_files("#batch-roster", files=[{"name": roster, "mimeType": "application/octet-stream",
                                                  "buffer": generate.ROSTERS[roster](persons)}])


def drop(page, chosen: list) -> None:
    """Drags chosen ([{name, buffer}], as files() gives) onto the drop zone as an officer drags them from a
    folder: a DataTransfer of File objects in the page, dragged over the zone and dropped on it."""
    given = [{"name": c["name"], "data": base64.b64encode(c["buffer"]).decode()} for c in chosen]
    transfer = page.evaluate_handle("""(given) => {
        const dt = new DataTransfer();
        for (const {name, data} of given) {
            dt.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name));
        }
        return dt;
    }""", given)
    for event in ("dragenter", "dragover"):
        page.dispatch_event("#batch-drop", event, {"dataTransfer": transfer})
    assert page.get_attribute("#batch-drop", "data-over") == "true"  # the zone shows it will take them
    page.dispatch_event("#batch-drop", "drop", {"dataTransfer": transfer})


def run(page):
    page.click("#batch-start")
    page.wait_for_selector("#batch[data-state='results']", timeout=BATCH_MS)


def rows(page) -> dict:
    """{data-person: the row's hooks} of the rows shown."""
    hooks = page.eval_on_selector_all("#batch-table-body tr", "els => els.map(e => ({...e.dataset}))")
    return {h["person"]: h for h in hooks}


def assert_rows_are_the_rules(page, persons) -> dict:
    """Each person's row holds rules_py.check's verdicts for their record and profile; returns rows(page)."""
    shown = rows(page)
    for person in persons:
        got = {k: v for k, v in shown[person.name].items() if k not in ("duplicate", "missing")}
        assert got == expected_hooks(person), person.file
    return shown


def expected_hooks(person) -> dict:
    result = rules_py.check(person.data, person.profile, today=date.today())
    hooks = {"person": person.name, "leaveHours": f"{result['leave_hours']:g}", "reward": result["reward"]["status"],
             "review": str(review_points(result))}
    hooks.update({f"leave{b['id'].capitalize()}": b["leave"]["status"] for b in result["bundles"]})
    return hooks


def download(page, button) -> bytes:
    with page.expect_download() as info:
        page.click(button)
    return Path(info.value.path()).read_bytes()


def cli_output(tmp_path: Path, persons, roster: str, fmt: str) -> bytes:
    """The CLI's file for the same input (records, hostile files, roster), in a folder of its own."""
    folder = tmp_path / f"cli-{fmt}"
    folder.mkdir()
    names = []
    for chosen in files(persons):
        (folder / chosen["name"]).write_bytes(chosen["buffer"])
        names.append(chosen["name"])
    (folder / roster).write_bytes(generate.ROSTERS[roster](persons))
    out = folder / f"結果.{fmt}"
    result = subprocess.run([sys.executable, "-m", "rules_py", "check", *names, "--roster", roster, "--out", out.name],
                            cwd=folder, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)})
    assert result.returncode in (0, 2), result.stderr
    return out.read_bytes()
