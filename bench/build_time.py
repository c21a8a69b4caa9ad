"""Build time: cold (no .build cache, no site/) and warm (everything cached), wall clock."""

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _build() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "build.py", "--out", "site"], cwd=ROOT, check=True,
                   capture_output=True)
    return round(time.perf_counter() - start, 2)


def measure() -> dict:
    for stale in (ROOT / ".build", ROOT / "site"):
        shutil.rmtree(stale, ignore_errors=True)
    cold = _build()
    warm = _build()
    return {"cold_s": cold, "warm_s": warm}
