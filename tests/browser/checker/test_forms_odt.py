"""The filled forms as an editable ODT file: the checker makes it in its worker with odfpy, which only
then comes from the site's own lock (never at start-up, never from another origin)."""

import rules_py

from tests.browser.checker.flow import RECORDS, assert_odt_forms, open_checker, paste, to_result, wait_rules


def test_the_odt_download_holds_the_filled_forms_and_odfpy_comes_from_the_site(page, context, server):
    open_checker(page, server)
    wait_rules(page)
    record = (RECORDS / "clipboard.txt").read_text(encoding="utf-8")
    paste(page, None, record)
    to_result(page)
    assert not [u for u in context.request_log.urls if "odfpy" in u or "defusedxml" in u]  # not at start
    page.fill("#who-unit", "高雄市政府人事處")
    page.fill("#who-name", "王小明")

    with page.expect_download() as info:
        page.click("#forms-odt")
    download = info.value
    assert download.suggested_filename == "補休申請表.odt"
    assert download.url.startswith("blob:")
    text = assert_odt_forms(open(download.path(), "rb").read(), rules_py.check(record, plan="kaohsiung-114"))
    assert text["paragraphs"][0].startswith("服務單位：高雄市政府人事處") and text["paragraphs"][0].endswith("王小明")
    # The wheels came from this site's pyodide/ folder, and nothing from anywhere else.
    wheels = [u for u in context.request_log.urls if u.endswith(".whl")]
    assert any(u.startswith(server.url + "pyodide/odfpy-") for u in wheels), wheels
    assert any(u.startswith(server.url + "pyodide/defusedxml-") for u in wheels), wheels
    assert context.request_log.foreign(server.origin) == []
    assert page.is_hidden("#forms-error")


def test_when_odfpy_cannot_be_fetched_the_page_says_so_and_keeps_the_printed_forms(page, context, server):
    blocked = []
    context.route("**/pyodide/odfpy-*.whl", lambda route: blocked.append(route.request.url) or route.abort())
    open_checker(page, server)
    wait_rules(page)
    paste(page, None, (RECORDS / "clipboard.txt").read_text(encoding="utf-8"))
    to_result(page)
    page.click("#forms-odt")
    page.wait_for_selector("#forms-error:not([hidden])", timeout=60_000)
    assert "無法產生 ODT 檔" in page.inner_text("#forms-error")
    assert blocked  # the failure was the wheel's (as when offline before the first use)
    assert page.is_visible("#forms-print") and page.locator("#forms-sheets .leave-form").count() > 0
