"""A spreadsheet wheel that cannot be fetched (offline, never kept): the page says so as soon as the first worker
finds out, after its rules are ready and before anything is chosen, rather than failing only when a roster is
read or a table written."""

from tests.browser.batch.page import READY_MS, open_batch


def test_a_missing_spreadsheet_wheel_is_said_at_once(browser, server):
    context = browser.new_context(locale="zh-TW", service_workers="block")
    try:
        context.route("**/pyodide/openpyxl-*.whl", lambda route: route.abort("internetdisconnected"))
        page = context.new_page()
        open_batch(page, server)
        page.wait_for_selector("#batch-status[data-state='error']", timeout=READY_MS)
        assert "openpyxl" in page.inner_text("#batch-status") and "網路" in page.inner_text("#batch-status")
    finally:
        context.close()
