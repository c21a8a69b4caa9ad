"""Installable: a web app manifest linked from every page, icons made at build time from the project's own
files, kept by the service worker, and Chromium finds the site installable and opening offline."""

import json
import struct
from html.parser import HTMLParser
from urllib.parse import urljoin

from pipeline.app_manifest import MANIFEST, PNG_SIZES, icon_png, icon_svg
from pipeline.offline import precache_manifest
from tests.browser.privacy.crawl import READY_MS


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.manifests = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "manifest":
            self.manifests.append(attrs["href"])


def test_every_page_links_the_one_manifest(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    root = "http://site/elearn/"
    for html in pages:
        rel = html.relative_to(site_dir).as_posix()
        if rel.startswith(("assets/", "pyodide/")):
            continue
        links = _Links()
        links.feed(html.read_text(encoding="utf-8"))
        assert len(links.manifests) == 1, rel
        # Relative, so any sub-path works (404.html, sent at any depth, sets its <base> to the site's root).
        assert urljoin(root + rel, links.manifests[0]) == root + MANIFEST, rel


def test_the_manifest_and_its_icons(site_dir):
    manifest = json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["start_url"] == "./" and manifest["scope"] == "./" and manifest["display"] == "standalone"
    assert manifest["lang"] == "zh-TW" and manifest["name"].startswith("知識啟航")
    sizes = {}
    for icon in manifest["icons"]:
        assert "//" not in icon["src"] and not icon["src"].startswith("/")  # this site's own, under any sub-path
        data = (site_dir / icon["src"]).read_bytes()
        if icon["type"] == "image/png":
            assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
            width, height = struct.unpack(">II", data[16:24])
            assert icon["sizes"] == f"{width}x{height}"
            sizes[width] = data
        else:
            assert data.decode().startswith("<svg")
    assert set(sizes) == set(PNG_SIZES) and max(sizes) >= 512
    # Made from the project's own drawing and colour, the same every build.
    assert sizes[192] == icon_png(192, manifest["theme_color"])
    assert (site_dir / "assets/icons/icon.svg").read_text(encoding="utf-8") == icon_svg(manifest["theme_color"])


def test_the_service_worker_keeps_the_manifest_and_icons(site_dir):
    pages = precache_manifest(site_dir)["pages"]
    manifest = json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))
    assert {MANIFEST, *(icon["src"] for icon in manifest["icons"])} <= set(pages)


def test_chromium_finds_the_site_installable(context, server):
    page = context.new_page()
    page.goto(server.url + "checker/")
    page.wait_for_function("() => document.documentElement.dataset.offline", timeout=READY_MS)
    session = context.new_cdp_session(page)
    manifest = session.send("Page.getAppManifest")
    assert manifest["url"] == server.url + MANIFEST and manifest["errors"] == []
    errors = [e["errorId"] for e in session.send("Page.getInstallabilityErrors")["installabilityErrors"]]
    # A test's browser context is incognito, where nothing installs; a reader's browser is not.
    assert [e for e in errors if e != "in-incognito"] == []
