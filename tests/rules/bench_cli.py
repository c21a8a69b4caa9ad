"""Times the CLI on a personnel office's batch: N generated records (CSV, every catalogue course once,
at times that differ per record) checked in one call.

    python -m tests.rules.bench_cli [N] [--json]     # default 10000; prints records per second
"""

import csv
import io
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["No.", "課程類型", "課程名稱", "上課期間", "閱讀時數", "測驗", "問卷", "通過條件", "通過狀態", "認證時數",
          "終身學習時數上傳狀態", "終身學習時數上傳時間"]


def record(plan, n: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    cursor = datetime(2025, 1, 4, 6) + timedelta(days=n % 200, minutes=(n * 7) % 600)
    for no, course in enumerate(plan.courses, start=1):
        end = cursor + timedelta(hours=course.hours)
        name = f"{course.name}\n({course.code})" if course.code else course.name
        writer.writerow([no, "開放式", name, f"{cursor:%Y-%m-%d %H:%M:%S}~\n{end:%Y-%m-%d %H:%M:%S}", "01:00:00",
                         "100", "已填", "課程測驗：75 分(含)以上", "已通過", f"{course.hours:.1f}",
                         "成功" if (n + no) % 17 else "失敗", "2025-09-02 12:00:00"])
        cursor = end + timedelta(hours=(n + no) % 30)
    return out.getvalue()


def main(argv: list) -> None:
    sys.path.insert(0, str(ROOT))
    from pipeline.courses import load_courses, write_plans_json
    from rules_py._plan import all_plans

    write_plans_json(load_courses(ROOT / "courses"), ROOT / "rules_py" / "_data" / "plans.json")
    count = int(next((a for a in argv if a.isdigit()), 10000))
    plan = all_plans()["kaohsiung-114"]
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for n in range(count):
            files.append(Path(tmp) / f"r{n:05d}.csv")
            files[-1].write_text(record(plan, n), encoding="utf-8")
        command = [sys.executable, "-m", "rules_py", "check", *map(str, files), *(["--json"] if "--json" in argv else [])]
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(done.stderr.decode("utf-8", "replace")[-500:])
    print(f"{count} 份紀錄，{seconds:.1f} 秒，每秒 {count / seconds:.0f} 份")


if __name__ == "__main__":
    main(sys.argv[1:])
