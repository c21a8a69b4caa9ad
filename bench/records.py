"""Synthetic learning records of N rows, made by the records fixture generator (clipboard text)."""

import functools
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "tests" / "fixtures" / "make_records.py"


def available() -> bool:
    return GENERATOR.exists()


@functools.cache
def record_text(rows: int) -> str:
    result = subprocess.run([sys.executable, str(GENERATOR), "--rows", str(rows)],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout
