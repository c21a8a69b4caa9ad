"""No page of the built site loads anything from another origin, and no page breaks its own CSP."""

import shutil

from pipeline.offline import write_service_worker
from pipeline.serve import StaticServer

from tests.browser.privacy.crawl import crawl, page_urls


def test_every_page_loads_only_from_this_site(browser, server, site_dir):
    urls = page_urls(site_dir, server.url)
    context = browser.new_context(locale="zh-TW")
    try:
        findings = crawl(context, server.url, urls)
    finally:
        context.close()

    assert len(urls) >= 4, urls  # home, checker, privacy, 404 at least
    assert findings.foreign(server.origin) == []
    assert findings.violations == []
    assert findings.errors == []
    # The log holds the worker's and the service worker's requests too, else the crawl proves little.
    assert server.url + "pyodide/pyodide.asm.wasm" in findings.requests
    assert server.url + "sw.js" in findings.requests


def test_the_crawl_catches_a_foreign_load(browser, server, site_dir, tmp_path, foreign):
    """The guard is not vacuous: pages that load from another origin are caught, with or without a CSP."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    image = f'<img src="{foreign.url}pixel.png" alt="">'
    (copy / "bare.html").write_text(f"<!doctype html><title>x</title>{image}", encoding="utf-8")
    home = (copy / "index.html").read_text(encoding="utf-8")
    (copy / "index.html").write_text(home.replace("</body>", image + "</body>"), encoding="utf-8")
    write_service_worker(copy)  # as a build would: the service worker caches only this build's files

    with StaticServer(copy) as other:
        context = browser.new_context()
        try:
            findings = crawl(context, other.url, [other.url + "bare.html", other.url])
        finally:
            context.close()

    # Both attempts are in the log, the one the site's CSP blocked too ...
    assert findings.foreign(other.origin) == [foreign.url + "pixel.png"] * 2
    assert any(foreign.url + "pixel.png" in text for text in findings.violations)
    # ... and only the page without a CSP reached the other origin.
    assert foreign.hits == ["/pixel.png"]
