"""The 404 page under a sub-path (/elearn/), at depth 1 and 2: styled, in zh-TW, links into the site, axe-clean."""

import pytest

from tests.support.axe import axe

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("missing", ["no-such-page/", "plans/no-such-plan/no-such-page.html"])
def test_a_missing_url_gets_the_styled_404_page(browser, server, missing, size):
    context = browser.new_context(locale="zh-TW", viewport=size)
    try:
        page = context.new_page()
        response = page.goto(server.url + missing)
        assert response.status == 404
        assert page.locator("article h1").inner_text() == "找不到這個網頁"
        # Material's stylesheet and the site's own are applied: the header is Material's indigo bar.
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") != "rgba(0, 0, 0, 0)"
        assert page.evaluate("[...document.styleSheets].filter(s => s.href).length") >= 3
        links = page.eval_on_selector_all("article a", "els => els.map(a => a.href)")
        assert links == [server.url, server.url + "checker/"]
        nav = page.eval_on_selector_all(".md-nav a[href]", "els => els.map(a => a.href)")
        assert nav and all(url.startswith(server.url) for url in nav)
        assert axe(page) == []
    finally:
        context.close()
