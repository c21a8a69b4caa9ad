"""The site ships rules_py precompiled to .pyc (issue 7), and Pyodide imports it without compiling."""

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_pyodide_imports_the_sites_wheel_without_compiling_any_source(site_dir):
    done = subprocess.run(["node", str(ROOT / "bench" / "pyc_used.mjs"), str(site_dir / "pyodide")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert "-cp3" in answer["wheel"], answer
    assert answer["loader"] == "SourcelessFileLoader", answer
    assert answer["rules_py_sources_compiled"] == []


def test_precompiling_leaves_the_runtime_files_as_pyodide_ships_them(site_dir):
    for name in ("python_stdlib.zip", "pyodide.asm.wasm"):
        shipped = ROOT / "node_modules" / "pyodide" / name
        assert (site_dir / "pyodide" / name).read_bytes() == shipped.read_bytes(), name
