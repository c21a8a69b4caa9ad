"""The CLI's throughput: records per second checking many generated records in one call."""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import records

ROOT = Path(__file__).resolve().parent.parent
# Record sizes cycle around the typical 23 rows; each record's times are moved too (varied_record_text),
# so that every one of the 10,000 is a different text.
ROW_COUNTS = range(10, 37)


def measure(count: int = 10_000) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        folder = Path(tmp)
        names, texts = [], set()
        for i in range(count):
            text = records.varied_record_text(ROW_COUNTS[i % len(ROW_COUNTS)], i)
            name = f"r{i:05d}.txt"
            (folder / name).write_text(text, encoding="utf-8")
            names.append(name)
            texts.add(text)
        # Into a file, as `> 結果.json` would: read back through a pipe, the ~400 MB of a batch cost this
        # process about 3 s of CPU on the same two cores, which is the bench's time, not the CLI's.
        output = folder / "out.json"
        with open(output, "wb") as out:
            start = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "rules_py", "check", *names, "--json"],
                                    cwd=folder, stdout=out, stderr=subprocess.PIPE, text=True,
                                    env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
            seconds = time.perf_counter() - start
        if result.returncode not in (0, 2):
            return {"error": result.stderr[-2000:], "seconds": seconds}
        answer = json.loads(output.read_bytes())
    checked = sum(1 for r in answer["records"] if "error" not in r)
    return {
        "records": count,
        "checked_without_error": checked,
        "rows_per_record": f"{ROW_COUNTS.start}–{ROW_COUNTS.stop - 1}",
        "distinct_texts": len(texts),
        "seconds": round(seconds, 3),
        "records_per_s": round(count / seconds),
    }
