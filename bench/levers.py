"""The levers' variant builds of the checker, loaded in the same rounds as the site itself:

- `no-snapshot`: the worker boots Python and imports rules_py itself (startRules({snapshot: false}));
- `worker-compiles`: the page does not compile Pyodide's WebAssembly for the worker (issue 13: a worker
  gets no compiled-code cache, so a repeat visit compiles it all again);
- `no-service-worker`: the checker page without the offline copy's registration (issue 6): repeat visits
  from the browser's HTTP cache alone.
(The earlier levers — warm-up, wheel after the runtime, client in <head>, source wheel, Pyodide 314 —
measured the ordinary start, which the snapshot replaced; their findings are in README's 效能 section.)
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from bench.servers import _link_or_copy
from pipeline.offline import write_service_worker


def _edit(site: Path, relative: str, edit) -> Path:
    """A copy of the site (hard links where possible) with one file of the checker edited (its .gz twin
    dropped) and its own service worker (whose manifest names the edited file's hash)."""
    root = Path(tempfile.mkdtemp(prefix="bench-variant-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    variant = root / "site"
    shutil.copytree(site, variant, copy_function=_link_or_copy)
    path = variant / relative
    before = path.read_text(encoding="utf-8")
    after = edit(before)
    if after == before:
        raise RuntimeError(f"{relative} no longer has what this variant edits")
    path.unlink()  # a new file, never written through a hard link into the site
    path.write_text(after, encoding="utf-8")
    path.with_name(path.name + ".gz").unlink(missing_ok=True)
    (variant / "sw.js").unlink()
    (variant / "sw.js.gz").unlink(missing_ok=True)
    write_service_worker(variant)
    return variant


def _without_snapshot(js: str) -> str:
    return js.replace("startRules()", "startRules({ snapshot: false })")


def _worker_compiles(js: str) -> str:
    return js.replace("compiledRuntime(indexURL).then(", "Promise.resolve(null).then(")


def _without_service_worker(html: str) -> str:
    return html.replace('<script src="../assets/sw-register.js" type="module"></script>', "")


def build_variants(site: Path) -> dict[str, Path]:
    return {"no-snapshot": _edit(site, "checker/rules.js", _without_snapshot),
            "worker-compiles": _edit(site, "checker/rules-client.js", _worker_compiles),
            "no-service-worker": _edit(site, "checker/index.html", _without_service_worker)}
