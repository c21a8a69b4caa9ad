"""Synthetic learning records of N rows, made by the records fixture generator (clipboard text)."""

import functools
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "tests" / "fixtures" / "make_records.py"
_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")


@functools.cache
def record_text(rows: int) -> str:
    result = subprocess.run([sys.executable, str(GENERATOR), "--rows", str(rows)],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout


def varied_record_text(rows: int, variant: int) -> str:
    """record_text(rows) with every date and time moved by the same amount, which `variant` picks (up to
    ten days and two hours): a batch of such records holds as many distinct texts, periods and verdicts
    as people, so nothing the rules cache between records makes a batch look faster than it is."""
    shift = timedelta(days=variant % 11, minutes=(variant * 7) % 120)

    def moved(match):
        return (datetime.strptime(match.group(), "%Y-%m-%d %H:%M:%S") + shift).strftime("%Y-%m-%d %H:%M:%S")

    return _TIME.sub(moved, record_text(rows))
