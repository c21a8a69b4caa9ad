"""python -m rules_py check: exit codes, stdin, the one-line error, the JSON shape."""

import json
import os
import subprocess
import sys
from pathlib import Path

import rules_py
from rules_py import _cli

ROOT = Path(__file__).resolve().parents[2]
RECORDS = ROOT / "tests" / "fixtures" / "records"
BUNDLE_KEYS = {"id", "name", "required_hours", "completed_hours", "complete", "completed_on", "completed_on_roc",
               "leave", "form", "form_usable"}
LEAVE_KEYS = {"status", "hours", "expires_on", "expires_on_roc", "expiry_flag", "days_left", "reasons"}
COURSE_KEYS = {"key", "bundle", "no", "name", "hours", "code", "status", "start", "end", "off_duty", "match", "row", "found", "reasons"}


def cli(*args, stdin: bytes | None = None):
    done = subprocess.run([sys.executable, "-m", "rules_py", "check", *map(str, args)], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=60)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def test_json_shape():
    code, out, err = cli(RECORDS / "clipboard.html", "--json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert set(result) == {"format_version", "plan", "category", "office_hours", "district", "village", "assumed", "bundles",
                           "leave_hours", "leave_hours_with_review", "leave_hours_expired", "reward", "courses",
                           "unmatched_rows", "next_steps", "warnings"}
    assert [b["id"] for b in result["bundles"]] == ["policy", "municipal", "common"]
    for bundle in result["bundles"]:
        assert set(bundle) == BUNDLE_KEYS and set(bundle["leave"]) == LEAVE_KEYS
        for reason in rules_py.leave_reasons(result, bundle):
            assert {"rule", "clause", "anchor", "message"} <= set(reason)
    assert set(result["reward"]) == {"status", "name", "reasons"}
    assert all(set(c) == COURSE_KEYS for c in result["courses"])
    policy = result["bundles"][0]
    assert policy["leave"]["expires_on_roc"] == "116 年 3 月 4 日"
    assert policy["form"][0]["start_roc"] == "114 年 1 月 1 日 8 時 0 分"


def test_readable_report_by_default():
    code, out, err = cli(RECORDS / "record_big5.csv")
    assert code == 0 and err == ""
    assert "可補休時數：8 小時" in out and "【政策能力訓練】" in out and "申請表：" in out


def test_stdin():
    code, out, _ = cli("-", "--json", stdin=(RECORDS / "clipboard.txt").read_bytes())
    assert code == 0 and json.loads(out)["leave_hours"] == 8


def test_several_records_give_a_list_and_a_summary():
    code, out, _ = cli(RECORDS / "clipboard.txt", RECORDS / "seed_sample.txt", "--json")
    assert code == 0
    data = json.loads(out)
    assert [r["file"].rsplit("/", 1)[-1] for r in data["records"]] == ["clipboard.txt", "seed_sample.txt"]
    summary = data["summary"]
    assert summary["records"] == 2 and summary["checked"] == 2 and summary["leave_hours_total"] == 8
    assert summary["reward"] == {"eligible": 0, "review": 1, "ineligible": 1}
    assert summary["leave"]["policy"] == {"eligible": 1, "review": 0, "ineligible": 1}


def test_ineligible_verdict_still_exits_zero():
    code, out, _ = cli(RECORDS / "seed_sample.txt", "--json")
    assert code == 0 and json.loads(out)["reward"]["status"] == "ineligible"


def _one_line_error(code, out, err, name):
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"{name}：")
    return err


def test_unusable_record(tmp_path):
    for bad in ("bad_empty.txt", "bad_binary.bin", "bad_no_table.html", "bad_missing_columns.txt",
                "bad_impossible_date.txt", "bad_end_before_start.txt"):
        _one_line_error(*cli(RECORDS / bad), str(RECORDS / bad))


def test_ten_megabyte_paste(tmp_path):
    big = tmp_path / "paste.txt"
    big.write_bytes((RECORDS / "clipboard.txt").read_bytes() * (10 * 1024 * 1024 // 6000 + 1))
    _one_line_error(*cli(big), str(big))


def test_missing_file():
    err = _one_line_error(*cli("no-such-record.csv"), "no-such-record.csv")
    assert "找不到檔案" in err


def test_bad_profile_names_the_profile_file(tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text("category: 志工\n", encoding="utf-8")
    err = _one_line_error(*cli(RECORDS / "clipboard.txt", "--profile", profile), str(profile))
    assert "profile.category" in err


def test_profile_file_is_applied(tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text("category: teacher\n", encoding="utf-8")
    code, out, _ = cli(RECORDS / "clipboard.txt", "--profile", profile, "--json")
    assert code == 0 and json.loads(out)["leave_hours"] == 0


def test_unknown_plan():
    err = _one_line_error(*cli(RECORDS / "clipboard.txt", RECORDS / "clipboard.html", "--plan", "kaohsiung-999"), "--plan")
    assert "kaohsiung-999" in err and "kaohsiung-114" in err and "clipboard" not in err


def test_one_bad_record_among_good_ones_is_reported_and_exits_two():
    code, out, err = cli(RECORDS / "clipboard.txt", RECORDS / "bad_empty.txt", "--json")
    assert code == 2 and "Traceback" not in err
    data = json.loads(out)
    assert data["summary"]["unusable"] == 1 and "error" in data["records"][1]


def test_usage_errors_exit_two():
    done = subprocess.run([sys.executable, "-m", "rules_py"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and "用法" in done.stderr
    code, _, err = cli("--bogus")
    assert code == 2 and "--bogus" in err


def test_help_explains_the_options_and_exits_zero():
    code, out, err = cli("--help")
    assert (code, err) == (0, "")
    assert "用法" in out and "--profile" in out and "--json" in out and "結束代碼" in out


def test_a_batch_shared_among_cores_keeps_order_and_faults(tmp_path):
    good, bad = (RECORDS / "record_utf8.csv").read_bytes(), (RECORDS / "bad_missing_columns.txt").read_bytes()
    files = []
    for n in range(240):  # above the size where the CLI starts worker processes
        files.append(tmp_path / f"r{n:03d}.{'txt' if n == 123 else 'csv'}")
        files[-1].write_bytes(bad if n == 123 else good)
    code, out, err = cli(*files, "--json")
    assert code == 2 and err.strip() == f"{files[123]}：{err.split('：', 1)[1].strip()}" and "Traceback" not in err
    data = json.loads(out)
    assert [r["file"] for r in data["records"]] == [str(f) for f in files]
    assert data["summary"]["checked"] == 239 and data["summary"]["unusable"] == 1
    assert data["summary"]["leave_hours_total"] == 8 * 239


# rules_py's CLI with its number of worker processes fixed: 1 runs every record in this process.
_WITH_WORKERS = "import sys; from rules_py import _cli; _cli._workers = lambda count: {}; sys.exit(_cli.main())"


def _run_with_workers(workers: int, args: list, cwd: Path):
    done = subprocess.run([sys.executable, "-c", _WITH_WORKERS.format(workers), "check", *args], cwd=cwd,
                          capture_output=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return done.returncode, done.stdout, done.stderr


def test_a_pooled_batch_writes_the_same_bytes_as_one_process(tmp_path):
    samples = sorted(p for p in RECORDS.iterdir() if p.suffix in (".txt", ".csv", ".html"))
    names = []
    for n in range(_cli._PARALLEL_FROM + 37):  # good and unusable records of every form, many chunks
        sample = samples[n % len(samples)]
        names.append(f"r{n:03d}{sample.suffix}")
        (tmp_path / names[-1]).write_bytes(sample.read_bytes())
    for options in (["--json"], [], ["--json", "--today", "2025-09-01"]):
        serial = _run_with_workers(1, names + options, tmp_path)
        pooled = _run_with_workers(2, names + options, tmp_path)
        assert serial[0] == 2 and b"Traceback" not in serial[2]
        assert pooled == serial, options


def test_today_flags_expired_and_expiring_leave():
    code, out, _ = cli(RECORDS / "clipboard.txt", "--json", "--today", "2027-03-05")
    assert code == 0
    flags = {b["id"]: b["leave"]["expiry_flag"] for b in json.loads(out)["bundles"]}
    assert flags == {"policy": "expired", "municipal": None, "common": None}
    code, out, _ = cli(RECORDS / "clipboard.txt", "--today", "2027-03-04")
    assert "請於 116 年 3 月 4 日（含當日）前休畢（期限將至）" in out and "只剩 1 天" in out
    code, out, err = cli(RECORDS / "clipboard.txt", "--today", "明天")
    assert code == 2 and out == "" and err.startswith("--today 應為日期 YYYY-MM-DD，實際為 '明天'\n用法")


def test_today_defaults_to_today_in_taiwan():
    from datetime import datetime, timedelta, timezone

    code, out, _ = cli(RECORDS / "clipboard.txt", "--json")
    today = datetime.now(timezone(timedelta(hours=8))).date()
    leave = json.loads(out)["bundles"][0]["leave"]
    assert code == 0 and leave["days_left"] in (None, (datetime.fromisoformat(leave["expires_on"]).date() - today).days)


def test_report_says_what_it_assumed_and_the_next_steps():
    code, out, _ = cli(RECORDS / "clipboard.txt")
    assert code == 0 and "上班時間：08:00-12:00、13:30-17:30" in out
    assert "沒有填人員類別，以「編制內公務人員」檢核" in out and "【申請補休】" in out and "公假補休" in out
    assert out.count("屬於本計畫適用對象") == 1  # the category's reason once per report


def test_big5_profile_file(tmp_path):
    profile = tmp_path / "設定.yaml"
    profile.write_bytes("category: 教師   # 教師不適用\n".encode("big5"))
    code, out, _ = cli(RECORDS / "clipboard.txt", "--profile", profile, "--json")
    assert code == 0 and json.loads(out)["category"]["id"] == "teacher"


def test_record_and_profile_both_from_stdin_are_refused():
    code, out, err = cli("-", "--profile", "-", stdin=b"category: teacher\n")
    assert code == 2 and out == "" and "標準輸入" in err and "Traceback" not in err


def test_profile_crashes_found_by_hand_exit_zero(tmp_path):
    for text in ('overtime: [["2025-03-11T05:00:00Z", "2025-03-11 15:30"]]\n',
                 'unpaid_leave: [["2025-01-01", "9999-12-31"]]\n'):
        profile = tmp_path / "p.yaml"
        profile.write_text(text, encoding="utf-8")
        code, out, err = cli(RECORDS / "clipboard.txt", "--profile", profile, "--json")
        assert (code, err) == (0, "") and json.loads(out)["bundles"]


def test_a_workers_file_reaches_a_target_without_a_file_descriptor_too(tmp_path):
    import io

    path = tmp_path / "piece"
    path.write_bytes("「課程」".encode("utf-8") * 100_000)
    target = io.BytesIO()  # no fileno(): read and write instead of os.sendfile
    with open(path, "rb") as f:
        _cli._send(f, target)
    assert target.getvalue() == path.read_bytes()
