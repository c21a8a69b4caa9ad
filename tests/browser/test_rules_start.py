"""How the rules worker starts: from the build's memory snapshot, or, when that file is missing or damaged,
the ordinary way, with the same answers either way."""

import gzip
import json
import os
import shutil
from pathlib import Path

import pytest

from pipeline.serve import StaticServer
from pipeline.snapshot import SNAPSHOT_NAME

RULES_READY_MS = 120_000
RECORD = Path(__file__).resolve().parents[1] / "fixtures" / "records" / "clipboard.txt"


def _ready_and_answer(page, url: str) -> tuple[dict, dict]:
    page.goto(url + "checker/")
    page.wait_for_selector("#checker-status:not([data-state='loading'])", timeout=RULES_READY_MS)
    ready = page.evaluate("() => window.RulesClient.ready")
    request = json.dumps({"record": RECORD.read_text(encoding="utf-8"), "today": "2025-06-01"}, ensure_ascii=False)
    answer = json.loads(page.evaluate("(request) => window.RulesClient.check(request)", request))
    return ready, answer


def _link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _truncated(snapshot: bytes) -> bytes:
    return snapshot[: len(snapshot) // 2]  # a download cut off half-way


def _another_build(snapshot: bytes) -> bytes:
    raw = bytearray(gzip.decompress(snapshot))
    raw[16:48] = bytes(32)  # the Pyodide build id in the snapshot's header
    return gzip.compress(bytes(raw), compresslevel=1)


@pytest.fixture(scope="module")
def from_snapshot(browser, server):
    context = browser.new_context(locale="zh-TW")
    try:
        yield _ready_and_answer(context.new_page(), server.url)
    finally:
        context.close()


def test_the_checker_starts_from_the_snapshot(from_snapshot):
    ready, answer = from_snapshot
    assert ready["start"] == "snapshot"
    assert ready["plans"] == ["kaohsiung-114"]
    assert answer.get("bundles"), answer


@pytest.mark.parametrize("damage", [_truncated, _another_build, None], ids=["truncated", "another-build", "missing"])
def test_a_damaged_snapshot_falls_back_to_the_ordinary_start(browser, site_dir, tmp_path, from_snapshot, damage):
    site = tmp_path / "site"
    shutil.copytree(site_dir, site, copy_function=_link_or_copy)
    snapshot = site / "pyodide" / SNAPSHOT_NAME
    data = snapshot.read_bytes()
    snapshot.unlink()  # a new file, never written through a hard link into the built site
    if damage is not None:
        snapshot.write_bytes(damage(data))
    context = browser.new_context(locale="zh-TW")
    try:
        with StaticServer(site, prefix="/elearn/") as server:
            ready, answer = _ready_and_answer(context.new_page(), server.url)
    finally:
        context.close()
    assert ready["start"] == "fresh"
    assert answer == from_snapshot[1]
