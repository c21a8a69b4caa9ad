"""Fixtures shared by every test: the built site, served under a sub-path, and a real Chromium; the test tiers."""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from pipeline.chromium import launch
from pipeline.engines import scratch_env
from pipeline.courses import refresh_rules_data
from pipeline.serve import StaticServer

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
TESTS = ROOT / "tests"

# The slow tier, marked `browser`: tests that need the built site/ in a real Chromium, nginx, Pyodide on Node,
# or a whole MkDocs build. They live under tests/browser/; any test elsewhere that asks for the browser or the
# built site is marked too.
# `make test-fast` runs everything else (pytest -m "not browser"); `make test` runs both.
BROWSER_TIER = ("browser",)
BROWSER_FIXTURES = {"browser", "site_dir"}

# Hypothesis: the full fuzzing in `make test`, a smaller sample in the fast tier (HYPOTHESIS_PROFILE=fast).
_FUZZ = dict(deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
settings.register_profile("full", max_examples=10_000, **_FUZZ)
settings.register_profile("fast", max_examples=200, **_FUZZ)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "full"))


def pytest_collection_modifyitems(config, items):
    for item in items:
        rel = item.path.relative_to(TESTS).as_posix()
        in_tier = any(rel == entry or rel.startswith(entry + "/") for entry in BROWSER_TIER)
        if in_tier or BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


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
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    home = tmp_path_factory.mktemp("chromium-home")
    with sync_playwright() as playwright:
        chromium = launch(playwright, env=scratch_env(home, home / "downloads"))  # never the real home
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
