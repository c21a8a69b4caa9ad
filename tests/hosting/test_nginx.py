"""The built site on nginx, configured with docs/hosting.md's snippet, under /elearn/."""

import gzip
import urllib.error
import urllib.request

import pytest

from pipeline.csp import worker_policy
from pipeline.snapshot import SNAPSHOT_NAME
from tests.hosting.nginx import NGINX, Nginx
from tests.privacy.crawl import READY_MS, page_urls
from tests.privacy.foreign import ForeignServer

HASHED_BUNDLE_GLOB = "assets/javascripts/bundle.*.min.js"


@pytest.fixture(scope="module")
def nginx(site_dir, tmp_path_factory):
    if not NGINX:
        pytest.fail("找不到 nginx：請安裝 Debian 套件 nginx（make test 以 root 執行時會自動安裝）。")
    with Nginx(site_dir, tmp_path_factory.mktemp("nginx")) as running:
        yield running


def _get(url: str, gzip_ok: bool = False):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request) as response:
        return response.status, response.headers, response.read()


def test_every_page_and_the_runtime_are_served(nginx, site_dir):
    for url in page_urls(site_dir, nginx.url):
        status, headers, _ = _get(url)
        assert (status, headers["Content-Type"]) == (200, "text/html"), url
        assert headers["Cache-Control"] == "no-cache", url
    _, headers, body = _get(nginx.url + "pyodide/pyodide.asm.wasm")
    assert headers["Content-Type"] == "application/wasm"
    assert body == (site_dir / "pyodide" / "pyodide.asm.wasm").read_bytes()
    _, headers, _ = _get(nginx.url + "pyodide/pyodide.mjs")
    assert headers["Content-Type"] == "text/javascript"
    wheel = next((site_dir / "pyodide").glob("*.whl")).name
    assert _get(nginx.url + "pyodide/" + wheel)[1]["Content-Type"] == "application/zip"
    # The rules' memory snapshot: gzip data the worker inflates itself, sent as it is (no Content-Encoding).
    _, headers, body = _get(nginx.url + "pyodide/" + SNAPSHOT_NAME, gzip_ok=True)
    assert headers["Content-Type"] == "application/octet-stream"
    assert "Content-Encoding" not in headers
    assert headers["Cache-Control"] == "no-cache"
    assert body == (site_dir / "pyodide" / SNAPSHOT_NAME).read_bytes()


def test_precompressed_files_are_sent_as_they_are(nginx, site_dir):
    for relative in ("pyodide/pyodide.asm.wasm", "pyodide/pyodide.asm.js", "search/search_index.json"):
        _, headers, body = _get(nginx.url + relative, gzip_ok=True)
        assert headers["Content-Encoding"] == "gzip", relative
        assert body == (site_dir / (relative + ".gz")).read_bytes(), relative  # the build's twin, not nginx's
        assert gzip.decompress(body) == (site_dir / relative).read_bytes(), relative


def test_cache_and_worker_policy_headers(nginx, site_dir):
    bundle = next(site_dir.glob(HASHED_BUNDLE_GLOB)).relative_to(site_dir).as_posix()
    _, headers, _ = _get(nginx.url + bundle)
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Security-Policy"] == worker_policy()
    for unversioned in ("sw.js", "checker/worker.js"):
        _, headers, _ = _get(nginx.url + unversioned)
        assert headers["Cache-Control"] == "no-cache", unversioned
        assert headers["Content-Security-Policy"] == worker_policy(), unversioned
    _, headers, _ = _get(nginx.url)
    assert "Content-Security-Policy" not in headers  # the page's policy is its <meta>, with the hashes


def test_the_checker_works_and_every_worker_is_bound_by_the_policy(nginx, browser):
    context = browser.new_context(locale="zh-TW")
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        page.goto(nginx.url + "checker/")
        page.wait_for_function("() => document.getElementById('checker-status').dataset.state === 'ready'",
                               timeout=READY_MS)
        # The service worker verifies each file's SHA-256: gzip_static's twins arrive as the same bytes.
        page.wait_for_selector("html[data-offline='checker']", state="attached", timeout=READY_MS)
        assert [u for u in requests if not u.startswith((nginx.origin + "/", "blob:", "data:"))] == []
        # With the hosting guide's header, Material's search worker (loaded from its own URL) is bound too.
        [search] = [w for w in page.workers if "/workers/search" in w.url]
        with ForeignServer() as foreign:
            outcome = search.evaluate("(url) => fetch(url).then(() => 'reached', (e) => 'blocked: ' + e)",
                                      foreign.url + "from-search-worker")
            assert outcome.startswith("blocked"), outcome
            assert foreign.hits == []
    finally:
        context.close()


def test_a_missing_url_gets_the_sites_404_page(nginx, site_dir):
    for missing in ("no-such-page/", "plans/no-such-plan/no-such-page.html"):
        with pytest.raises(urllib.error.HTTPError) as caught:
            _get(nginx.url + missing)
        assert caught.value.code == 404
        assert caught.value.read() == (site_dir / "404.html").read_bytes(), missing
