"""Session fixtures for the site tests: the built site, a static server under /elearn/, headless Chromium."""

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from tests.site import site_build

PREFIX = "/elearn/"
CHROMIUM = dict(executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"])


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """SITE_DIR if given (a site/ that build.py made), otherwise a fresh build for this session."""
    if os.environ.get("SITE_DIR"):
        return Path(os.environ["SITE_DIR"])
    return site_build.build(tmp_path_factory.mktemp("site") / "site")


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves site/ under /elearn/ only, as an intranet server with a path prefix would."""

    def translate_path(self, path):
        if not urlsplit(path).path.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + path[len(PREFIX):])

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    handler = functools.partial(_SubPathHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}{PREFIX}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(**CHROMIUM)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh page that records every request; a test fails if any went to another origin."""
    context = browser.new_context(locale="zh-TW", timezone_id="Asia/Taipei")
    page = context.new_page()
    origin = base_url[: base_url.index(PREFIX)]
    foreign = []
    context.on("request", lambda req: None if req.url.startswith((origin, "data:", "blob:")) else foreign.append(req.url))
    yield page
    context.close()
    assert foreign == [], f"requests to another origin: {foreign}"


def reading_pages(site_dir: Path) -> list[str]:
    """Every built page except the checker (tested by its own suite), as URL paths under the prefix."""
    paths = []
    for html in sorted(site_dir.rglob("index.html")):
        rel = html.parent.relative_to(site_dir).as_posix()
        if rel.split("/")[0] in ("checker", "search", "assets"):
            continue
        paths.append("" if rel == "." else rel + "/")
    return paths
