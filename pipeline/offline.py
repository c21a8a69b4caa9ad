"""The service worker (site/sw.js) and its precache manifest: a versioned offline copy of this build.

The manifest names every file with the start of its SHA-256; the cache's name comes from the manifest's
own hash, so any change to any file makes a new cache and the old one is deleted (see offline_sw.js).
"""

import hashlib
import json
from pathlib import Path

from pipeline.page_wheels import page_wheel_files

REV_LENGTH = 16
# Cached only once the checker is used: Pyodide and the rules wheel.
RUNTIME_DIR = "pyodide/"
# Cached when used: Material's search word splitters for ~30 languages (1.3 MB; zh needs few of them),
# and the wheels the page loads on demand (page_wheel_files). The manifest's "wheels" names those wheels
# ({package: path}), so that a page can ask for the ones it loads to be kept with the runtime.
LAZY_DIR = "assets/javascripts/lunr/"
SW_NAME = "sw.js"
_TEMPLATE = Path(__file__).with_name("offline_sw.js")
# Not worth keeping offline: source maps, the .gz twins (the server picks those), the sitemap.
_SKIPPED_SUFFIXES = (".map", ".gz", ".xml")


def _rev(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:REV_LENGTH]


def _url_path(relative: str) -> str:
    """The URL a browser asks for: a directory's index.html is asked for as the directory."""
    if relative == "index.html":
        return "./"
    return relative[: -len("index.html")] if relative.endswith("/index.html") else relative


def precache_manifest(site_dir: Path) -> dict:
    groups = {"pages": {}, "runtime": {}, "lazy": {}}
    wheels = page_wheel_files(site_dir)
    lazy_wheels = set(wheels.values())
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if not path.is_file() or relative == SW_NAME or relative.endswith(_SKIPPED_SUFFIXES):
            continue
        lazy = relative.startswith(LAZY_DIR) or relative in lazy_wheels
        group = "lazy" if lazy else "runtime" if relative.startswith(RUNTIME_DIR) else "pages"
        groups[group][_url_path(relative)] = _rev(path)
    version = hashlib.sha256(json.dumps(groups, sort_keys=True).encode()).hexdigest()[:REV_LENGTH]
    return {"version": version, **groups, "wheels": wheels}


def write_service_worker(site_dir: Path) -> Path:
    """Writes site_dir/sw.js (at the site's root, so its scope is the site's sub-path)."""
    manifest = precache_manifest(site_dir)
    target = site_dir / SW_NAME
    target.write_text(f"const MANIFEST = {json.dumps(manifest, indent=1)};\n\n" + _TEMPLATE.read_text(encoding="utf-8"),
                      encoding="utf-8")
    return target
