"""One batch page kept open per test module (its workers load Pyodide once), with every request logged."""

import pytest

from tests.browser.batch.page import READY_MS, open_batch, wait_ready
from tests.conftest import RequestLog


@pytest.fixture(scope="module")
def batch_context(browser):
    context = browser.new_context(locale="zh-TW", accept_downloads=True)
    context.request_log = RequestLog(context)
    yield context
    context.close()


@pytest.fixture(scope="module")
def shared_batch(batch_context, server):
    page = batch_context.new_page()
    open_batch(page, server)
    wait_ready(page)
    # The service worker's copy of the runtime and wheels is made once the rules are ready: let it finish
    # first (no request may be made during a batch).
    page.wait_for_function("() => document.documentElement.dataset.offline === 'checker'", timeout=READY_MS)
    # The other workers start after the first, one at a time (pool.js): a batch waits for them all here.
    page.wait_for_selector("#batch[data-workers]", state="attached", timeout=READY_MS)
    yield page


@pytest.fixture
def batch_page(shared_batch):
    """The shared page, cleared (清除) and back on choosing files."""
    shared_batch.click("#batch-clear")
    assert shared_batch.get_attribute("#batch", "data-state") == "choose"
    return shared_batch
