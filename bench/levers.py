"""The levers' variant builds of the checker, loaded in the same rounds as the site itself:

- `source-wheel`: the site with the pure rules_py wheel (.py) in place of the precompiled one (.pyc);
- `no-warm-up`: the worker without its warm-up checks before "ready";
- `wheel-after-runtime`: the wheel loaded after loadPyodide() instead of with its `packages` option;
- `client-in-head`: rules-client.js (which starts the worker) moved before the page's stylesheets;
- `no-service-worker`: the checker page without the offline copy's registration (issue 6);
- `pyodide-<version>`: the site on another Pyodide release, installed with
  `npm install --prefix <dir> pyodide@<version>` (BENCH_PYODIDE_PREFIX), pure wheel (its Python differs).
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from bench.machine import pyodide_version
from pipeline.runtime import install_runtime

ROOT = Path(__file__).resolve().parent.parent


def _pure_wheel() -> Path:
    """The wheel build.py made last (before the runtime step precompiled the site's copy)."""
    return max((ROOT / ".build" / "wheel").glob("*/rules_py-*-py3-none-any.whl"), key=lambda p: p.stat().st_mtime)


def _copy_site(site: Path) -> Path:
    root = Path(tempfile.mkdtemp(prefix="bench-variant-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    shutil.copytree(site, root / "site", ignore=shutil.ignore_patterns("pyodide"))
    return root / "site"


def _edit(site: Path, relative: str, edit) -> Path:
    """A copy of the site with one file of the checker edited (its .gz twin dropped)."""
    variant = _copy_site(site)
    shutil.copytree(site / "pyodide", variant / "pyodide")
    path = variant / relative
    before = path.read_text(encoding="utf-8")
    after = edit(before)
    if after == before:
        raise RuntimeError(f"{relative} no longer has what this variant edits")
    path.write_text(after, encoding="utf-8")
    path.with_name(path.name + ".gz").unlink(missing_ok=True)
    return variant


def _without_warm_up(js: str) -> str:
    return "\n".join(line for line in js.splitlines() if "rules.check_json('{" not in line)


def _wheel_after_runtime(js: str) -> str:
    return js.replace('packages: ["rules-py"] });', '});\n  await pyodide.loadPackage("rules-py");')


_CLIENT = '<script src="rules-client.js"></script>'


def _client_in_head(html: str) -> str:
    """rules-client.js before the stylesheets (after the CSP meta, which must cover its worker):
    a script after them waits for them to load."""
    first_css = html.index('<link rel="stylesheet"')
    return html[:first_css] + _CLIENT + html[first_css:].replace(_CLIENT, "", 1)


def _without_service_worker(html: str) -> str:
    return html.replace('<script src="../assets/sw-register.js"></script>', "")


def build_variants(site: Path) -> dict[str, Path]:
    pure = _pure_wheel()
    variants = {"no-warm-up": _edit(site, "checker/worker.js", _without_warm_up),
                "wheel-after-runtime": _edit(site, "checker/worker.js", _wheel_after_runtime),
                "client-in-head": _edit(site, "checker/index.html", _client_in_head),
                "no-service-worker": _edit(site, "checker/index.html", _without_service_worker)}
    if next((site / "pyodide").glob("rules_py-*-cp3*-none-any.whl"), None):
        variant = _copy_site(site)
        install_runtime(pure, variant, precompile=False)
        variants["source-wheel"] = variant
    prefix = os.environ.get("BENCH_PYODIDE_PREFIX")
    if prefix:
        other = Path(prefix) / "node_modules" / "pyodide"
        variant = _copy_site(site)
        install_runtime(pure, variant, node_pyodide=other, precompile=False)
        variants[f"pyodide-{pyodide_version(other)}"] = variant
    return variants
