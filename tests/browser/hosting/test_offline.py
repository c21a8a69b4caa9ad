"""The service worker: docs pages never download Pyodide; after one visit the checker and the batch page work
with the network gone (the batch page across a new build too); a new build replaces the old cache."""

import json
import shutil
import time
from contextlib import contextmanager

import rules_py
from pipeline.offline import write_service_worker
from pipeline.serve import StaticServer
from tests.batch import generate
from tests.batch.readback import read_ods
from tests.browser.batch.page import assert_rows_are_the_rules, choose, download, open_batch, run, wait_ready
from tests.browser.privacy.crawl import READY_MS

RULES_READY = "() => document.getElementById('checker-status').dataset.state === 'ready'"


def _offline_copy(page, what: str) -> None:
    """Waits until sw-register.js reports what the service worker keeps: 'pages' or 'checker'."""
    page.wait_for_function(f"() => document.documentElement.dataset.offline === '{what}'", timeout=READY_MS)


def _poll(page, predicate: str, seconds: float = 60) -> None:
    """Like wait_for_function, for a predicate that must be awaited (the Cache and SW APIs are async)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(predicate):
        assert time.monotonic() < deadline, predicate
        page.wait_for_timeout(200)


def _caches(page) -> dict:
    return page.evaluate("""async () => {
        const found = {};
        for (const name of await caches.keys()) {
            found[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
        }
        return found;
    }""")


def test_docs_pages_download_no_pyodide(context, server):
    page = context.new_page()
    for path in ("", "privacy/"):
        page.goto(server.url + path)
        _offline_copy(page, "pages")
    page.wait_for_load_state("networkidle")

    assert [u for u in context.request_log.urls if "/pyodide/" in u] == []
    [cached] = _caches(page).values()
    assert server.url + "checker/" in cached and server.url + "privacy/" in cached  # the pages are kept
    assert [u for u in cached if "/pyodide/" in u] == []


def test_the_checker_works_offline_after_one_visit(browser, site_dir):
    context = browser.new_context(locale="zh-TW")
    try:
        with StaticServer(site_dir) as online:  # its own origin: a first visit, no service worker yet
            page = context.new_page()
            page.goto(online.url + "checker/")
            page.wait_for_function(RULES_READY, timeout=READY_MS)
            _offline_copy(page, "checker")
            page.close()
        # The server is gone and the browser is offline: only the service worker's cache is left.
        context.set_offline(True)
        page = context.new_page()
        page.goto(online.url + "checker/")
        page.wait_for_function(RULES_READY, timeout=READY_MS)
        if hasattr(rules_py, "check_json"):
            answer = page.evaluate("async (r) => JSON.parse(await window.RulesClient.check(r))",
                                   json.dumps({"rows": []}))
            assert isinstance(answer, dict) and answer
        page.goto(online.url + "privacy/")
        assert page.locator("h1").inner_text() == "隱私與安全"
    finally:
        context.close()


@contextmanager
def _visited_copy(browser, site_dir, tmp_path):
    """A copy of the site on its own server (the next build is made in it), visited once: its pages are kept."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    context = browser.new_context(locale="zh-TW")
    try:
        with StaticServer(copy) as server:
            page = context.new_page()
            page.goto(server.url)
            _offline_copy(page, "pages")
            yield copy, context, server, page
    finally:
        context.close()


def _next_build(site) -> None:
    """The next build changes one page: the home page gains <p id=build-2>第二版</p>."""
    home = site / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace("</article>", "<p id=build-2>第二版</p></article>"),
                    encoding="utf-8")
    write_service_worker(site)


def _taken_over(context, server, old: str) -> None:
    """No page of the old build left: the new one takes over and deletes the old cache."""
    outside = context.new_page()
    outside.goto(server.origin + "/")  # same origin, outside the site's scope
    _poll(outside, f"async () => {{ const k = await caches.keys(); return k.length === 1 && k[0] !== {json.dumps(old)}; }}")
    outside.close()


def test_a_new_build_replaces_the_old_cache(browser, site_dir, tmp_path):
    with _visited_copy(browser, site_dir, tmp_path) as (copy, context, server, page):
        [old] = _caches(page)
        _next_build(copy)

        # A visit finds the new service worker; it installs and waits while a page of the old build is open.
        page.reload()
        _poll(page, "async () => !!(await navigator.serviceWorker.getRegistration()).waiting")
        assert page.locator("#build-2").count() == 0  # the open page stays the old build
        page.close()
        _taken_over(context, server, old)
        context.set_offline(True)  # only the service worker's cache is left
        page = context.new_page()
        page.goto(server.url)
        assert page.locator("#build-2").inner_text() == "第二版"


def test_a_new_build_offers_to_reload_now(browser, site_dir, tmp_path):
    """「網站已更新」: the reader need not close every tab; 立即重新載入 switches to the new build at once."""
    with _visited_copy(browser, site_dir, tmp_path) as (copy, context, server, page):
        assert page.locator("#site-update").count() == 0  # a first visit stores the site: nothing to offer
        _next_build(copy)
        other = context.new_page()  # a second tab of the old build: it is offered the update, not reloaded
        other.goto(server.url + "privacy/")
        page.reload()
        page.wait_for_selector("#site-update", timeout=READY_MS)
        assert "網站已更新" in page.locator("#site-update [role=status]").inner_text()
        assert page.locator("#build-2").count() == 0
        with page.expect_event("load", timeout=READY_MS):
            page.click("#site-update-reload")
        assert page.locator("#build-2").inner_text() == "第二版"
        assert page.locator("#site-update").count() == 0
        other.wait_for_selector("#site-update", timeout=READY_MS)
        assert other.locator("h1").inner_text() == "隱私與安全"  # not reloaded under the reader


def _make_odt(page) -> None:
    """Checks an empty record's rows and makes the ODT of a blank sheet in the page's worker."""
    request = page.evaluate("""async () => {
        const data = await (await fetch('../plans/kaohsiung-114/forms/leave-forms.json')).json();
        return JSON.stringify({forms: [{sheet: data.sheets.policy, rows: []}]});
    }""")
    size = page.evaluate("""async (r) => (await window.RulesClient.call(
        'rules_py.forms_odt', 'leave_forms_odt_in_pyodide', [r])).length""", request)
    assert size > 1000


def test_the_odt_forms_work_offline_once_made_online(browser, site_dir):
    """odfpy is kept (the "lazy" group) once a page under the service worker has used it."""
    context = browser.new_context(locale="zh-TW")
    try:
        with StaticServer(site_dir) as online:
            page = context.new_page()
            page.goto(online.url + "checker/")
            _offline_copy(page, "checker")  # the first visit installs the service worker
            page.reload()  # now under it
            page.wait_for_function(RULES_READY, timeout=READY_MS)
            _make_odt(page)
            _poll(page, """async () => (await caches.keys()).length > 0 && (await Promise.all((await caches.keys())
                .map(async (n) => (await (await caches.open(n)).keys()).some((r) => r.url.includes('/odfpy-')))))
                .some(Boolean)""")
            page.close()
        context.set_offline(True)
        page = context.new_page()
        page.goto(online.url + "checker/")
        page.wait_for_function(RULES_READY, timeout=READY_MS)
        _make_odt(page)
    finally:
        context.close()


def _batch_offline(context, server) -> None:
    """With the network gone: the batch page's workers start (Pyodide and its spreadsheet wheels), an XLSX
    roster is read (openpyxl), the rows are rules_py's and the table downloads as ODS (odfpy)."""
    context.set_offline(True)
    page = context.new_page()
    open_batch(page, server)
    wait_ready(page)
    persons = generate.people(3)
    choose(page, persons, "名冊.xlsx", hostile=False)
    run(page)
    assert_rows_are_the_rules(page, persons)
    [people, _] = read_ods(download(page, "#export-ods")).values()
    assert len(people) == 1 + len(persons)


def test_the_batch_page_works_offline_after_one_visit(browser, site_dir):
    """An officer who opened the batch page once can check a batch offline: Pyodide and the wheels the page
    loads are kept once its rules are ready, as the checker's runtime is."""
    context = browser.new_context(locale="zh-TW", accept_downloads=True)
    try:
        with StaticServer(site_dir) as online:  # a first visit: the page is not under the service worker
            page = context.new_page()
            open_batch(page, online)
            wait_ready(page)
            _offline_copy(page, "checker")
            page.close()
        _batch_offline(context, online)
    finally:
        context.close()


def test_the_batch_page_stays_offline_across_a_new_build(browser, site_dir, tmp_path):
    """The new build keeps what the old one kept for the batch page: the runtime and its wheels."""
    with _visited_copy(browser, site_dir, tmp_path) as (copy, context, server, page):
        open_batch(page, server)
        wait_ready(page)
        _offline_copy(page, "checker")
        [old] = _caches(page)
        _next_build(copy)
        page.goto(server.url)  # finds the new service worker, which installs and waits
        _poll(page, "async () => !!(await navigator.serviceWorker.getRegistration()).waiting")
        page.close()
        _taken_over(context, server, old)
        _batch_offline(context, server)
