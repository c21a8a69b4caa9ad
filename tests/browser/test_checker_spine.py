"""The checker page runs rules_py in Pyodide in a worker, loading every file from this site only."""

RULES_READY_MS = 120_000


def test_checker_answers_from_python_in_the_browser(page, context, server):
    page.goto(server.url + "checker/")
    status = page.locator("#checker-status")
    page.wait_for_function(
        "() => document.getElementById('checker-status').dataset.state !== 'loading'", timeout=RULES_READY_MS)
    assert status.get_attribute("data-state") == "ready", status.inner_text()
    assert status.get_attribute("data-plans") == "kaohsiung-114"

    urls = context.request_log.urls
    # The worker's own requests are in the log: the runtime and our wheel.
    assert any(u.endswith("/elearn/pyodide/pyodide.asm.wasm") for u in urls), urls
    assert any("/elearn/pyodide/rules_py-" in u and u.endswith(".whl") for u in urls), urls
    assert context.request_log.foreign(server.origin) == []
