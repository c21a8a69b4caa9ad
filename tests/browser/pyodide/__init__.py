"""Runs a function of ours inside Pyodide on Node (see run.mjs), for tests that compare it with CPython."""

import importlib.util
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_in_pyodide(module: str, function: str, argument: str, site_pyodide: Path | None = None,
                   packages: tuple = ()) -> str:
    """site_pyodide: a built site's pyodide/ folder, to start from its memory snapshot (see run.mjs);
    packages: pure-Python packages to import there too, copied from where this Python has them."""
    assert (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").exists(), "run `npm ci` first"
    assert shutil.which("node"), "Node.js is needed"
    with tempfile.TemporaryDirectory() as tmp:
        in_file, out_file = Path(tmp) / "in.txt", Path(tmp) / "out.txt"
        in_file.write_text(argument, encoding="utf-8")
        folders = [importlib.util.find_spec(name).submodule_search_locations[0] for name in packages]
        env = {**os.environ, "PYODIDE_PACKAGES": ":".join(folders)}
        done = subprocess.run(["node", str(ROOT / "tests" / "browser" / "pyodide" / "run.mjs"), module, function,
                               str(in_file), str(out_file), *([str(site_pyodide)] if site_pyodide else [])], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        return out_file.read_text(encoding="utf-8")
