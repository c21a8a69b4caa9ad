"""A checker page kept open for a whole test module, where reusing one page is sound (one Pyodide load)."""

import pytest

from tests.browser.checker.flow import open_checker, wait_rules


@pytest.fixture(scope="module")
def shared_checker(browser, server):
    context = browser.new_context(locale="zh-TW", accept_downloads=True)
    page = context.new_page()
    open_checker(page, server)
    wait_rules(page)
    yield page
    context.close()


@pytest.fixture
def checker(shared_checker):
    """The shared page, cleared (清除我的資料) and back on step 1."""
    shared_checker.click("#clear")
    assert shared_checker.get_attribute("#checker", "data-step") == "record"
    return shared_checker
