"""The content security policy: on every page before any script, enforced by the browser, and binding
the checker's worker (and Python inside it) on a plain static server that sends no headers."""

import base64
import hashlib
import re
import urllib.request

from tests.privacy.crawl import READY_MS

EXPECTED = {
    "default-src": "'self'",
    "worker-src": "'self' blob:",
    "connect-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def _inline_scripts(html: str) -> list[str]:
    """Scripts without src whose type makes them run (Material's JSON config block does not)."""
    found = re.findall(r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", html, re.S)
    return [body for body in found if body.strip()]


def test_every_page_carries_the_policy_before_any_script(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= 4
    for page in pages:
        html = page.read_text(encoding="utf-8")
        metas = _META.findall(html)
        assert len(metas) == 1, page
        assert html.index("Content-Security-Policy") < html.index("<script"), page
        directives = dict(d.strip().split(" ", 1) for d in metas[0].split(";"))
        script_src = directives.pop("script-src").split()
        assert directives == EXPECTED, page
        assert script_src[:2] == ["'self'", "'wasm-unsafe-eval'"], page
        hashes = {f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                  for s in _inline_scripts(html)}
        assert hashes and set(script_src[2:]) == hashes, page  # every inline script, by hash, nothing else


def test_injected_inline_script_and_handler_do_not_run(page, server):
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    page.goto(server.url)
    ran = page.evaluate("""() => new Promise((resolve) => {
        window.__ran = [];
        document.body.append(Object.assign(document.createElement("script"), {textContent: "window.__ran.push('script')"}));
        document.body.insertAdjacentHTML("beforeend", '<img src="data:," onerror="window.__ran.push(\\'handler\\')" alt="">');
        setTimeout(() => resolve(window.__ran), 500);
    })""")
    assert ran == []
    assert len(violations) >= 2, violations


def test_the_worker_and_python_in_it_cannot_reach_another_origin(page, server, foreign):
    # The foreign server counts what reaches it, and would let any page read its answer (CORS *).
    urllib.request.urlopen(foreign.url + "control").read()
    assert foreign.hits == ["/control"]
    foreign.hits.clear()

    page.goto(server.url + "checker/")
    page.wait_for_function("() => document.getElementById('checker-status').dataset.state === 'ready'",
                           timeout=READY_MS)
    # The rules worker is the one started from a blob: URL (Material's search worker has its own URL).
    [worker] = [w for w in page.workers if w.url.startswith("blob:")]
    outcome = worker.evaluate("""async (url) => {
        self.__seen = [];
        self.addEventListener("securitypolicyviolation", (e) => self.__seen.push(e.violatedDirective + " " + e.blockedURI));
        return fetch(url + "from-worker").then(() => "reached", (e) => "blocked: " + e);
    }""", foreign.url)
    outcome = {"fromJs": outcome}
    # Python's own way out: pyodide.http.pyfetch, run by the rules' interpreter in that worker.
    outcome["fromPython"] = page.evaluate("""(url) => window.RulesClient.call("pyodide.http", "pyfetch", [url + "from-python"])
        .then(() => "reached", (e) => "blocked: " + e.message)""", foreign.url)
    outcome["seen"] = worker.evaluate("() => new Promise((resolve) => setTimeout(() => resolve(self.__seen), 100))")

    assert outcome["fromJs"].startswith("blocked"), outcome
    assert outcome["fromPython"].startswith("blocked"), outcome
    assert sorted(outcome["seen"]) == [f"connect-src {foreign.url}from-python", f"connect-src {foreign.url}from-worker"]
    assert foreign.hits == []


def test_material_search_works_under_the_policy(page, server):
    """Material's search (its worker, its result list) runs under the policy, and the query stays out of
    the URL and storage."""
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    page.goto(server.url)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Pyodide", delay=50)
    page.locator(".md-search-result__item").first.wait_for(timeout=READY_MS)
    assert violations == []
    assert "Pyodide" not in page.url
    assert page.evaluate("() => [localStorage.length, sessionStorage.length]") == [0, 0]
