"""The flows every engine runs, each written once on the Driver interface (pipeline/engines.py), with the
page helpers the Chromium suites use. Each flow serves the site on an origin of its own, so no state carries
between flows (a fresh context in Chromium and Firefox, one long session in WebKit)."""

import shutil
from contextlib import contextmanager
from pathlib import Path

import rules_py
from pipeline.engines import WAIT_MS
from pipeline.serve import StaticServer
from pipeline.snapshot import SNAPSHOT_NAME
from tests.batch import generate
from tests.batch.readback import read_ods
from tests.browser.batch.page import assert_rows_are_the_rules, choose, open_batch, run
from tests.browser.checker.flow import (RECORDS, assert_calendar, assert_odt_forms, expected, open_checker,
                                        to_result, verdict)
from tests.browser.test_rules_start import _link_or_copy, _truncated
from tests.support.axe import axe
from tests.support.tool_page import wait_status_ready

PLAN = "kaohsiung-114"
# Longer than the Chromium suites' waits: WebKit's start without the snapshot is several times Chromium's,
# and the machine may be shared.
READY_MS = WAIT_MS
RECORD = (RECORDS / "clipboard.txt").read_text(encoding="utf-8")
OFFLINE_COPY = "(what) => document.documentElement.dataset.offline === what"
# Window errors the site's own code doesn't cause: the theme's (MkDocs Material's bundle holds the site's only
# ResizeObserver, which Firefox and WebKit report as looping when the result step lays out).
THEIRS = {"ResizeObserver loop completed with undelivered notifications."}
# Window errors, kept from when the page is open (WebKit's console can't be read through its driver).
_WATCH_ERRORS = """() => { if (!window.__errors) { window.__errors = [];
    addEventListener('error', (e) => window.__errors.push(String(e.message))); } }"""


def _ready(driver, server) -> dict:
    """Opens the checker and waits for its rules: how they started."""
    open_checker(driver, server)
    driver.evaluate(_WATCH_ERRORS)
    wait_status_ready(driver, "checker-status", READY_MS)
    return driver.evaluate("() => window.RulesClient.ready")


def _answer(driver) -> None:
    """The checker's verdict on the record typed in, through its steps; it must be CPython's."""
    driver.fill("#record-paste", RECORD)
    to_result(driver)
    assert verdict(driver) == expected(rules_py.check(RECORD, plan=PLAN)), driver.name


def _no_errors(driver) -> None:
    errors = [e for e in driver.evaluate("() => window.__errors") if e not in THEIRS]
    assert errors == [], (driver.name, errors)


def checker(driver, site_dir: Path) -> None:
    """First and repeat visit, each from the snapshot, each with CPython's verdict; axe on the empty step and
    the result; the .ics and ODT files of the result."""
    answer = rules_py.check(RECORD, plan=PLAN)
    with StaticServer(site_dir) as server:
        for visit in ("first", "repeat"):
            ready = _ready(driver, server)
            assert ready["start"] == "snapshot", (visit, ready)
            if visit == "first":
                assert axe(driver) == [], "empty step"
            _answer(driver)
            _no_errors(driver)
        assert axe(driver) == [], "result"
        name, data = driver.download("#ics-download")
        assert name.endswith(".ics")
        assert_calendar(data, answer)
        name, data = driver.download("#forms-odt")
        assert name == "補休申請表.odt"
        assert_odt_forms(data, answer)
        _no_errors(driver)


def fallback(driver, site_dir: Path, tmp_path: Path) -> None:
    """A snapshot cut off half-way: the rules start the ordinary way, with the same verdict."""
    site = tmp_path / "site"
    shutil.copytree(site_dir, site, copy_function=_link_or_copy)
    snapshot = site / "pyodide" / SNAPSHOT_NAME
    data = snapshot.read_bytes()
    snapshot.unlink()  # a new file, never written through a hard link into the built site
    snapshot.write_bytes(_truncated(data))
    with StaticServer(site) as server:
        ready = _ready(driver, server)
        assert ready["start"] == "fresh", ready
        _answer(driver)


def offline(driver, site_dir: Path) -> None:
    """After one visit the server is gone: the service worker's copy gives the checker and its verdict."""
    with StaticServer(site_dir) as server:
        _ready(driver, server)
        driver.wait(OFFLINE_COPY, "checker")
    ready = _ready(driver, server)
    assert ready["start"] == "snapshot", ready
    _answer(driver)


def batch(driver, site_dir: Path) -> None:
    """Three records with an XLSX roster: every row is rules_py's, and the ODS export reads back."""
    persons = generate.people(3)
    with StaticServer(site_dir) as server:
        open_batch(driver, server)
        wait_status_ready(driver, "batch-status", READY_MS)
        choose(driver, persons, "名冊.xlsx", hostile=False)
        run(driver)
        assert_rows_are_the_rules(driver, persons)
        name, data = driver.download("#export-ods")
        assert name.endswith(".ods")
        [people, _] = read_ods(data).values()
        assert len(people) == 1 + len(persons)


@contextmanager
def _reloaded(driver, url: str, root: str):
    driver.goto(url)
    driver.wait_for_selector(f"#{root}[data-ready]")
    yield
    driver.reload()
    driver.wait_for_selector(f"#{root}[data-ready]")


def restored_files(driver, site_dir: Path) -> None:
    """A reload leaves no chosen file behind in a file input that the page does not know of (Firefox put
    the last choice back without telling the page)."""
    chosen = "(s) => document.querySelector(s).files.length"
    with StaticServer(site_dir) as server:
        with _reloaded(driver, server.url + "checker/", "checker"):
            driver.set_input_files("#record-file", [RECORDS / "clipboard.txt"])
        assert driver.evaluate(chosen, "#record-file") == 0
        persons = generate.people(2)
        with _reloaded(driver, server.url + "batch/", "batch"):
            choose(driver, persons, hostile=False)
            driver.wait_for_selector("#batch-chosen-list li")
        assert driver.evaluate(chosen, "#batch-files") == 0
