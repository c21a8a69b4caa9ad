"""The attendance export (差勤資料) in CPython: dates and times in the forms offices meet, headers in any order
and by their synonyms (courses/attendance.yaml), people matched on the first key both files have, every row
not used listed with its place, and each person's verdict rules_py's own with their rows in their profile."""

import csv
import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rules_py
from rules_py.batch import attendance as att
from rules_py.batch.jobs import Attendance, prepare
from rules_py.batch import run
from rules_py.batch.table import APPLIED, assemble
from rules_py.batch.jobs import check_job
from rules_py.batch.template import attendance_template
from tests.batch import generate
from tests.batch.readback import read_ods, read_xlsx, table_cells

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2025, 10, 1)
PEOPLE = generate.people(30)
PLAN = generate.attendance_plan(PEOPLE)


def sheet(rows, encoding="utf-8-sig") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def entries(rows, kinds=None, columns=None):
    lay = att.layout("差勤.csv", sheet(rows), columns)
    return att.read_entries(lay, kinds)


@pytest.mark.parametrize("start, end, want", [
    (("2025-03-10 18:00",), ("2025-03-10 21:00",), ("2025-03-10 18:00", "2025-03-10 21:00")),
    (("2025/3/10", "1800"), ("2025/3/10", "2100"), ("2025-03-10 18:00", "2025-03-10 21:00")),
    (("114/03/10", "18:00:00"), ("114/03/10", "21:30:15"), ("2025-03-10 18:00", "2025-03-10 21:30:15")),
    (("1140310", "0830"), ("1140310", "24:00"), ("2025-03-10 08:30", "2025-03-11 00:00")),
    (("20250310",), ("114/03/11",), ("2025-03-10 00:00", "2025-03-12 00:00")),  # whole days, said so
    (("2025-03-10 18:00",), ("2025-03-11",), ("2025-03-10 18:00", "2025-03-11 00:00")),  # a cell at midnight
])
def test_dates_and_times_in_every_form(start, end, want):
    if len(start) == 2:
        rows = [["姓名", "假別", "起始日期", "起始時間", "結束日期", "結束時間"], ["甲", "加班", *start, *end]]
    else:
        rows = [["迄", "假別", "起", "姓名"], [end[0], "加班", start[0], "甲"]]  # any order
    (entry,) = entries(rows).usable
    assert tuple(entry.period()) == want
    assert entry.whole_day == (start == ("20250310",))


@pytest.mark.parametrize("cells, where", [
    (["甲", "加班", "2025/13/40", "2025-03-10 21:00"], "第 3 列「起」：沒有這一天「2025/13/40」"),
    (["甲", "加班", "明天", "2025-03-10 21:00"], "第 3 列「起」：無法讀出日期「明天」"),
    (["甲", "加班", "2025-03-10 25:00", "2025-03-10 21:00"], "第 3 列「起」：無法讀出時間「25:00」"),
    (["甲", "加班", "2025-03-10 21:00", "2025-03-10 18:00"], "第 3 列：結束 2025-03-10 18:00 不晚於開始"),
    (["甲", "", "2025-03-10 18:00", "2025-03-10 21:00"], "第 3 列：「假別」是空的"),
    (["", "加班", "2025-03-10 18:00", "2025-03-10 21:00"], "第 3 列：沒有填寫「姓名」"),
    (["甲", "加班", "", "2025-03-10 21:00"], "第 3 列「起」是空的"),
])
def test_a_bad_row_names_the_file_the_row_and_the_cell(cells, where):
    got = entries([["姓名", "假別", "起", "迄"], ["乙", "加班", "2025-03-10 18:00", "2025-03-10 21:00"], cells])
    assert len(got.usable) == 1
    (fault,) = got.faults
    assert fault.startswith("差勤資料「差勤.csv」") and where in fault, fault


def test_headers_by_synonym_or_as_the_officer_maps_them():
    lay = att.layout("x.csv", sheet([["員工代號", "員工姓名", "差勤類別", "開始", "結束"]]))
    assert set(lay.columns) == {"employee_id", "name", "kind", "start", "end"} and lay.missing == []
    lay = att.layout("x.csv", sheet([["職編", "同仁", "差假種類", "自何時", "至何時"]]))
    assert [f for f, _ in lay.missing] == ["employee_id", "kind", "start", "end"]
    given = att.parse_columns("員工編號=職編，假別=差假種類,起始日期時間=自何時,end=至何時")
    assert att.layout("x.csv", sheet([["職編", "同仁", "差假種類", "自何時", "至何時"]]), given).missing == []
    taken_back = att.layout("x.csv", sheet([["姓名", "假別", "開始", "結束", "起始日期"]]), {"start": ""})
    assert "start" not in taken_back.columns and taken_back.columns["start_date"] == 4
    with pytest.raises(ValueError, match="標題列沒有「類別」欄"):
        att.layout("x.csv", sheet([["姓名"]]), {"kind": "類別"})
    with pytest.raises(ValueError, match="不認得的欄位「顏色」"):
        att.parse_columns("顏色=紅")


def test_kinds_from_the_table_unknown_ones_counted_and_assigned():
    rows = [["姓名", "假別", "起", "迄"]] + [["甲", k, "2025-03-10 18:00", "2025-03-10 21:00"]
                                             for k in ("加班", "出差", "輪值", "特休", "外出", "外出", "其他")]
    lay = att.layout("x.csv", sheet(rows))
    assert att.unknown_kinds(lay) == [("外出", 2), ("其他", 1)]
    got = att.read_entries(lay, att.parse_kinds("外出=公差,其他=不使用"))
    assert [e.key for e in got.usable] == ["overtime", "business_trips", "on_duty", "time_off", "business_trips",
                                           "business_trips"]
    assert got.left_out == 1 and got.faults == []
    assert any("不認得的假別「其他」" in f for f in att.read_entries(lay, {"外出": "time_off"}).faults)
    with pytest.raises(ValueError, match="應寫成 假別=種類"):
        att.parse_kinds("外出=散步")


def attendance(fmt="csv", rows=None) -> Attendance:
    data = generate.attendance_file(rows or generate.attendance_rows(PEOPLE, PLAN), fmt)
    return Attendance(f"差勤.{fmt}", data, att.parse_columns(",".join(f"{k}={v}" for k, v in
                                                                    generate.ATTENDANCE_COLUMNS.items())),
                      generate.UNKNOWN_KINDS)


@pytest.mark.parametrize("fmt", ["csv", "ods", "xlsx"])
def test_every_verdict_is_rules_py_with_the_persons_rows(fmt):
    files = [(p.file, p.data) for p in PEOPLE]
    batch = prepare(files, ("名冊.csv", generate.roster_with_ids(PEOPLE)), attendance=attendance(fmt))
    table = assemble(batch, [check_job(job) for job in batch.jobs])
    rows = {row["file"]: row for row in table.rows}
    flipped = set()
    for i, person in enumerate(PEOPLE):
        mine = [e for e in PLAN if e[0] == i]
        result = rules_py.check(person.data, generate.attendance_profile(person, mine))
        row = rows[person.file]
        assert row["statuses"] == {b["id"]: b["leave"]["status"] for b in result["bundles"]}, person.file
        assert [r["line"] for r in row["attendance"]] == [n + 2 for n, e in enumerate(PLAN) if e[0] == i]
        for _, word, _, _, _, bundle in mine:
            if bundle:
                before = rules_py.check(person.data, person.profile)
                assert {b["id"]: b["leave"]["status"] for b in before["bundles"]}[bundle] == "eligible"
                assert row["statuses"][bundle] == "ineligible"
                flipped.add(word)
                assert any(d["bundle"] == bundle and "重疊（差勤資料第" in d["text"] for d in row["decided"])
    assert flipped == {w for w, _ in generate.FLIPS}
    unmatched = [r for r in table.rows if r["file"] == f"差勤.{fmt}"]
    assert len(unmatched) == 1 and "E0999" in unmatched[0]["error"] and "對應不到任何人" in unmatched[0]["error"]
    people = dict(zip(table.people.header, table.people.rows[1]))
    assert people[APPLIED] == f"差勤資料「差勤.{fmt}」第 2、3 列"


def test_the_decided_course_and_row_are_in_the_bundles_sheet():
    files = [(p.file, p.data) for p in PEOPLE[:2]]
    table = run(files, ("名冊.csv", generate.roster_with_ids(PEOPLE[:2])))
    assert all(APPLIED in table.people.header for _ in "x")
    batch = prepare(files, ("名冊.csv", generate.roster_with_ids(PEOPLE[:2])), attendance=attendance())
    table = assemble(batch, [check_job(job) for job in batch.jobs])
    reasons = [r[-1] for r in table.bundles.rows if r[0] == PEOPLE[1].file and r[3] == "不符合"]
    start = PLAN[0][3]
    span = f"{start.year - 1911}/{start:%m/%d %H:%M}–{PLAN[0][4]:%H:%M}"
    assert any(f"[差勤資料] 「" in r and f"與 {span} 加班重疊（差勤資料第 2 列）" in r for r in reasons), reasons


def test_matched_on_the_first_key_both_files_have_and_namesakes_never_guessed():
    a, b = PEOPLE[1], PEOPLE[3]
    files = [(a.file, a.data), (b.file, b.data)]
    twins = [dict(p.cells, 姓名="王小明") for p in (a, b)]
    roster = sheet([list(generate.HEADER)] + [[c[h] for h in generate.HEADER] for c in twins])
    rows = [["姓名", "假別", "起", "迄"], ["王小明", "加班", "2025-03-04 19:00", "2025-03-04 21:00"]]
    batch = prepare(files, ("名冊.csv", roster), attendance=Attendance("差勤.csv", sheet(rows)))
    assert all(job["attendance"] == [] for job in batch.jobs)
    assert all("有同名的人，無法判斷" in " ".join(job["notes"]) for job in batch.jobs)
    (problem,) = batch.problems
    assert "對應到 2 人" in problem.message and a.file in problem.message and b.file in problem.message
    # With 員工編號 on both sides, the namesakes are told apart.
    roster = sheet([[*generate.HEADER, "員工編號"]] + [[*(c[h] for h in generate.HEADER), f"E{i}"]
                                                       for i, c in enumerate(twins)])
    rows = [["員工編號", "姓名", "假別", "起", "迄"], ["e1", "王小明", "加班", "2025-03-04 19:00", "2025-03-04 21:00"]]
    batch = prepare(files, ("名冊.csv", roster), attendance=Attendance("差勤.csv", sheet(rows)))
    assert [len(job["attendance"]) for job in batch.jobs] == [0, 1] and batch.problems == []


def test_without_a_roster_the_profile_files_name_matches_the_record_and_the_attendance():
    person = PEOPLE[1]
    record = (f"{person.name}.html", person.data)
    profile = b'{"format": "kaohsiung-elearn-checker/1", "profile": {}, "who": {"name": "%s"}}' % person.name.encode()
    rows = [["姓名", "假別", "起", "迄"], [person.name, "加班", "2025-03-04 19:00", "2025-03-04 21:00"]]
    batch = prepare([record, ("補休檢核資料.json", profile)], attendance=Attendance("差勤.csv", sheet(rows)))
    (job,) = batch.jobs
    assert job["profile_file"] == "補休檢核資料.json" and len(job["attendance"]) == 1 and batch.problems == []


def test_two_profile_files_for_one_record_are_both_named_and_neither_used():
    person = PEOPLE[1]
    copies = [(f"{n}.json", b'{"format": "kaohsiung-elearn-checker/1", "profile": {"category": "teacher"}, '
                            b'"who": {"name": "%s"}}' % person.name.encode()) for n in ("甲", "乙")]
    roster = sheet([list(generate.HEADER), [person.cells[h] for h in generate.HEADER]])
    batch = prepare([(person.file, person.data), *copies], ("名冊.csv", roster))
    (job,) = batch.jobs
    assert job["profile_file"] is None and batch.problems == []
    assert any("有 2 個設定檔對應到這份紀錄（「甲.json」「乙.json」）" in n for n in job["notes"])


def test_a_file_that_is_no_attendance_export_is_one_row():
    batch = prepare([(PEOPLE[0].file, PEOPLE[0].data)], attendance=Attendance("差勤.xlsx", b"not a zip"))
    (problem,) = batch.problems
    assert problem.name == "差勤.xlsx" and problem.message.startswith("差勤資料無法使用：")


@pytest.mark.parametrize("fmt", ["ods", "xlsx"])
def test_the_template_reads_back_with_every_column_known(fmt):
    lay = att.layout(f"t.{fmt}", attendance_template(fmt))
    assert lay.missing == [] and att.unknown_kinds(lay) == []
    got = att.read_entries(lay)
    assert [e.key for e in got.usable] == ["overtime", "business_trips"] and got.faults == []


def cli(tmp_path, *extra):
    for p in PEOPLE:
        (tmp_path / p.file).write_bytes(p.data)
    (tmp_path / "名冊.csv").write_bytes(generate.roster_with_ids(PEOPLE))
    (tmp_path / "差勤.xlsx").write_bytes(generate.attendance_file(generate.attendance_rows(PEOPLE, PLAN), "xlsx"))
    return subprocess.run([sys.executable, "-m", "rules_py", "check", *(p.file for p in PEOPLE), "--roster",
                           "名冊.csv", "--attendance", "差勤.xlsx", "--today", TODAY.isoformat(), *extra], cwd=tmp_path, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT)})


def test_cli_asks_for_what_it_cannot_tell_then_writes_the_same_cells(tmp_path):
    asked = cli(tmp_path, "--out", "結果.ods")
    assert asked.returncode == 2 and not (tmp_path / "結果.ods").exists()
    assert "認不出" in asked.stderr and "職編、同仁、差假種類、自何時、至何時" in asked.stderr
    columns = ",".join(f"{k}={v}" for k, v in generate.ATTENDANCE_COLUMNS.items())
    asked = cli(tmp_path, "--out", "結果.ods", "--attendance-columns", columns)
    assert asked.returncode == 2 and "「外出」1 列" in asked.stderr and "--attendance-kinds" in asked.stderr
    done = cli(tmp_path, "--out", "結果.json", "--attendance-columns", columns, "--attendance-kinds", "外出=公差")
    assert done.returncode == 2 and "E0999" in done.stderr  # the row matching nobody is listed
    cli(tmp_path, "--out", "結果.ods", "--attendance-columns", columns, "--attendance-kinds", "外出=business_trips")
    cli(tmp_path, "--out", "結果.xlsx", "--attendance-columns", columns, "--attendance-kinds", "外出=公差")
    batch = prepare([(p.file, p.data) for p in PEOPLE], ("名冊.csv", generate.roster_with_ids(PEOPLE)),
                    TODAY, attendance=Attendance("差勤.xlsx", (tmp_path / "差勤.xlsx").read_bytes(),
                                                 att.parse_columns(columns), generate.UNKNOWN_KINDS))
    table = assemble(batch, [check_job(job) for job in batch.jobs])
    assert read_ods((tmp_path / "結果.ods").read_bytes()) == table_cells(table)
    assert read_xlsx((tmp_path / "結果.xlsx").read_bytes()) == table_cells(table)


def test_cli_refuses_answers_without_the_file(tmp_path):
    got = subprocess.run([sys.executable, "-m", "rules_py", "check", "x.html", "--out", "o.ods",
                          "--attendance-kinds", "外出=公差"], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT)})
    assert got.returncode == 2 and "要與 --attendance" in got.stderr


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
moments = st.one_of(
    st.text(max_size=20),
    st.builds(lambda y, m, d, sep, t: f"{y}{sep}{m:02d}{sep}{d:02d}{t}", st.integers(0, 2100), st.integers(0, 13),
              st.integers(0, 32), st.sampled_from(["-", "/", ".", ""]),
              st.sampled_from(["", " 18:00", " 1800", " 24:00", " 25:61", "T08:30:00", " 8:5"])))
headers = st.permutations(["員工編號", "姓名", "假別", "起", "迄", "備註"])


@FUZZ
@given(headers, st.lists(st.tuples(st.text(max_size=8), st.text(max_size=8),
                                   st.sampled_from(["加班", "公假", "出差", "特休", "外出", ""]), moments, moments,
                                   st.text(max_size=8)), max_size=8), st.sampled_from(["utf-8-sig", "cp950"]))
def test_fuzzed_exports_give_entries_or_located_faults(header, body, encoding):
    try:
        data = sheet([header, *body], encoding)
    except UnicodeEncodeError:
        return
    try:
        lay = att.layout("f.csv", data)
    except ValueError as exc:  # the file as a whole (a NUL in it: no text file)
        assert any("\x00" in cell for row in body for cell in row) and str(exc)
        return
    got = att.read_entries(lay, {"外出": att.SKIP})
    nonempty = [r for r in body if any(c.strip() for c in r)]
    assert len(got.usable) + len(got.faults) + got.left_out == len(nonempty)
    assert all(f.startswith("差勤資料「f.csv」第 ") for f in got.faults)
    assert all(e.end > e.start for e in got.usable)


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["a.csv", "a.ods", "a.xlsx"]))
def test_fuzzed_bytes_are_read_or_refused_in_words(data, name):
    try:
        lay = att.layout(name, data)
    except ValueError as exc:
        assert str(exc)
        return
    if not lay.missing:
        att.read_entries(lay)
    batch = prepare([(PEOPLE[0].file, PEOPLE[0].data)], attendance=Attendance(name, data))
    assert len(batch.jobs) == 1


def test_the_vocabulary_is_checked_where_it_is_written(tmp_path):
    from pipeline.courses import COURSES, CoursesError, load_attendance

    text = (COURSES / "attendance.yaml").read_text(encoding="utf-8")
    (tmp_path / "attendance.yaml").write_text(text.replace("words: [公假]", "words: [公假, 加班]"), encoding="utf-8")
    with pytest.raises(CoursesError, match=r"attendance.yaml 第 \d+ 行: kinds.official_leave.words：「加班」重複"):
        load_attendance(tmp_path)
    (tmp_path / "attendance.yaml").write_text(text.replace("  kind: [", "  kinds_typo: [x]\n  kind: ["), encoding="utf-8")
    with pytest.raises(CoursesError, match="不認得的項目"):
        load_attendance(tmp_path)


def test_an_export_past_the_row_limit_is_refused_not_cut(monkeypatch):
    from rules_py.batch import limits

    monkeypatch.setattr(limits, "MAX_ATTENDANCE_ROWS", 3)
    rows = [["姓名", "假別", "起", "迄"]] + [["甲", "加班", "2025-03-10 18:00", "2025-03-10 21:00"]] * 3
    assert len(entries(rows).usable) == 3
    with pytest.raises(ValueError, match="超過 3 列"):
        entries(rows + rows[1:2])


def test_an_attendance_export_given_as_the_roster_is_told_where_it_belongs():
    data = attendance_template("xlsx")
    batch = prepare([(PEOPLE[0].file, PEOPLE[0].data), ("差勤.xlsx", data)])
    (problem,) = batch.problems
    assert problem.name == "差勤.xlsx" and "這是差勤資料，不是名冊" in problem.message


def test_an_on_duty_row_that_decides_a_course_is_named():
    person = PEOPLE[1]  # 輪班: no office hours, so only the 值班 row makes 08:00 working time
    roster = sheet([list(generate.HEADER), [person.cells[h] for h in generate.HEADER]])
    rows = [["姓名", "假別", "起", "迄"], [person.name, "值班", "114/01/01 07:00", "114/01/01 08:30"]]
    table = run_with(person, roster, rows)
    (row,) = table.rows
    assert any(d["text"].endswith("開始時在 114/01/01 07:00–08:30 值班時間內（差勤資料第 2 列）") for d in row["decided"]), \
        row["decided"]


def run_with(person, roster, rows):
    batch = prepare([(person.file, person.data)], ("名冊.csv", roster), attendance=Attendance("差勤.csv", sheet(rows)))
    return assemble(batch, [check_job(job) for job in batch.jobs])
