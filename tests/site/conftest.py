"""Fixtures for the reading pages' tests, on top of tests/conftest.py (site/ built by build.py, served under
/elearn/, Debian's Chromium): a page in Taiwan's time zone that fails its test on any request to another origin."""

from pathlib import Path

import pytest

from pipeline.courses import load_courses
from tests.conftest import ROOT, RequestLog

COURSES = ROOT / "courses"
PLAN = "plans/kaohsiung-114/"
# Every reading page of the built site (the checker has its own suite), as paths under the prefix.
PAGES = ["", PLAN + "plan/", PLAN + "courses/", PLAN + "manual/", PLAN + "faq/", PLAN + "forms/",
         PLAN + "forms/policy/", PLAN + "forms/municipal/", PLAN + "forms/common/",
         "privacy/"]  # 隱私與安全 (issue 6)


def load_plans() -> dict:
    """What the MkDocs hook passes to site_pages()."""
    return load_courses(COURSES)


def reading_pages(site_dir: Path) -> list[str]:
    """Every built page except the checker's, as URL paths under the prefix."""
    paths = []
    for html in sorted(site_dir.rglob("index.html")):
        rel = html.parent.relative_to(site_dir).as_posix()
        if rel.split("/")[0] in ("checker", "batch", "search", "assets"):  # the tools have their own suites
            continue
        paths.append("" if rel == "." else rel + "/")
    return paths


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
