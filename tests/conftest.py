"""Fixtures shared by every test: the built site, served under a sub-path, and a real Chromium."""

from pathlib import Path

import pytest

from tests.support.browser import launch
from pipeline.courses import refresh_rules_data
from pipeline.serve import StaticServer

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"


def pytest_sessionstart(session):
    """rules_py/_data/plans.json is git-ignored: the build's own step keeps it up to date (rewritten only on change)."""
    refresh_rules_data()


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "checker" / "index.html").exists():
        pytest.fail("site/ 尚未建置：請用 make test（它會先執行 python build.py）。")
    return SITE


@pytest.fixture(scope="session")
def server(site_dir):
    with StaticServer(site_dir, prefix="/elearn/") as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


class RequestLog:
    """Every request a browser context makes, the page's and its workers' alike."""

    def __init__(self, context):
        self.urls: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))

    def foreign(self, origin: str) -> list[str]:
        return [u for u in self.urls if not (u.startswith(origin + "/") or u.startswith(("data:", "blob:")))]


@pytest.fixture
def context(browser):
    ctx = browser.new_context(locale="zh-TW")
    ctx.request_log = RequestLog(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()
