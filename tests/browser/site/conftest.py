"""Fixtures for the reading pages' browser tests, on top of tests/conftest.py (site/ built by build.py, served
under /elearn/, Debian's Chromium): a page in Taiwan's time zone that fails its test on any request to another origin."""

import pytest

from tests.conftest import RequestLog


@pytest.fixture(scope="session")
def base_url(server) -> str:
    return server.url


@pytest.fixture
def context(browser, server):
    ctx = browser.new_context(locale="zh-TW", timezone_id="Asia/Taipei")
    ctx.request_log = RequestLog(ctx)
    yield ctx
    foreign = ctx.request_log.foreign(server.origin)
    ctx.close()
    assert foreign == [], f"requests to another origin: {foreign}"
