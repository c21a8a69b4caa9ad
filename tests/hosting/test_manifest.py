"""The service worker's precache manifest: what goes in which group, and a new version for any change."""

import json
import re
import shutil

from pipeline.offline import precache_manifest, write_service_worker


def test_groups_keep_pyodide_out_of_the_pages(site_dir):
    manifest = precache_manifest(site_dir)
    assert {"./", "checker/", "privacy/", "404.html"} <= set(manifest["pages"])
    assert {"pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip", "pyodide/pyodide-lock.json"} <= set(manifest["runtime"])
    assert any(p.endswith(".whl") for p in manifest["runtime"])
    # The wheels the page loads on demand are kept once used, not with the runtime.
    assert {"pyodide/odfpy-1.4.1-cp313-none-any.whl", "pyodide/defusedxml-0.7.1-cp313-none-any.whl"} <= set(manifest["lazy"])
    assert not [p for p in manifest["runtime"] if "odfpy" in p]
    assert not [p for p in manifest["pages"] if p.startswith("pyodide/") or p.endswith((".gz", ".map")) or p == "sw.js"]


def test_the_built_service_worker_carries_this_builds_manifest(site_dir):
    text = (site_dir / "sw.js").read_text(encoding="utf-8")
    written = json.loads(re.match(r"const MANIFEST = (.*?);\n\n", text, re.S).group(1))
    assert written == precache_manifest(site_dir)


def test_any_changed_file_makes_a_new_version(site_dir, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy, ignore=shutil.ignore_patterns("pyodide"))
    before = precache_manifest(copy)
    write_service_worker(copy)
    assert precache_manifest(copy) == before  # sw.js itself is not in its manifest
    (copy / "privacy" / "index.html").write_text("changed", encoding="utf-8")
    after = precache_manifest(copy)
    assert after["version"] != before["version"]
    assert after["pages"]["privacy/"] != before["pages"]["privacy/"]
    assert {k: v for k, v in after["pages"].items() if k != "privacy/"} == \
           {k: v for k, v in before["pages"].items() if k != "privacy/"}
