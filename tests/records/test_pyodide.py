"""The record parser gives the same rows and the same messages in Pyodide as in CPython (every fixture)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from outcomes import all_outcomes

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("run_in_pyodide.mjs")


def test_pyodide_reads_every_fixture_like_cpython():
    if shutil.which("node") is None or not (ROOT / "node_modules" / "pyodide").is_dir():
        pytest.skip("Pyodide is not installed: run npm ci")
    done = subprocess.run(["node", str(RUNNER), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    in_pyodide = json.loads(done.stdout)
    in_cpython = json.loads(all_outcomes(str(ROOT / "tests" / "fixtures" / "records")))
    assert in_pyodide == in_cpython
    assert len(in_cpython["platform_page.html"]["rows"]) == 25
    assert "error" in in_cpython["bad_impossible_date.txt"]
