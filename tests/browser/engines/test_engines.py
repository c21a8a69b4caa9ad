"""The checker and the batch page in every engine people hold: Chromium (Playwright), Firefox ESR
(puppeteer-core over WebDriver BiDi) and WebKitGTK (Selenium, under Xvfb), the same flows in each (flows.py).
One browser per engine for the module; each flow on an origin of its own."""

import pytest

from tests.browser.engines import flows
from pipeline.engines import ENGINES


@pytest.fixture(scope="module", params=list(ENGINES))
def engine(request, tmp_path_factory):
    scratch = tmp_path_factory.mktemp(request.param)
    # Chromium: the suites' own (one Playwright per process).
    driver = ENGINES["chromium"](scratch, request.getfixturevalue("browser")) if request.param == "chromium" \
        else ENGINES[request.param](scratch)
    yield driver
    driver.close()


@pytest.fixture
def driver(engine):
    engine.fresh()
    return engine


def test_the_checker_first_and_repeat_visit(driver, site_dir):
    flows.checker(driver, site_dir)


def test_the_fallback_start(driver, site_dir, tmp_path):
    flows.fallback(driver, site_dir, tmp_path)


def test_the_offline_verdict_after_one_visit(driver, site_dir):
    flows.offline(driver, site_dir)


def test_the_batch_page_with_a_roster(driver, site_dir):
    flows.batch(driver, site_dir)


def test_a_reload_leaves_no_unseen_file_chosen(driver, site_dir):
    flows.restored_files(driver, site_dir)
