"""Opening a page that runs the rules (the checker, the batch page) and waiting for its rules, as a person does."""


def open_tool(page, url: str, root: str) -> None:
    """url loaded, and its script running: the page marks its root element data-ready."""
    page.goto(url)
    page.wait_for_selector(f"#{root}[data-ready]")


# Waits use selectors, not wait_for_function: the pages' CSP (no 'unsafe-eval') forbids the latter's eval.
def wait_status_ready(page, status: str, timeout_ms: int) -> None:
    """Until the status line leaves "loading"; it must then say "ready" (its text says why not)."""
    page.wait_for_selector(f"#{status}:not([data-state='loading'])", timeout=timeout_ms)
    assert page.get_attribute(f"#{status}", "data-state") == "ready", page.inner_text(f"#{status}")
