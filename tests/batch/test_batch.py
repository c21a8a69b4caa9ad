"""rules_py.batch in CPython: every row is rules_py's own verdict for that person; rosters in every format;
hostile and bad files each become one row; the exports read back to the same cells; the CLI writes them."""

import io
import json
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

import rules_py
from rules_py.batch import check_job, export, prepare, roster_template, run
from rules_py.batch.roster import read_roster
from tests.batch import generate
from tests.batch.readback import read_csv, read_json, read_ods, read_xlsx, table_cells

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2025, 10, 1)
PEOPLE = generate.people(50)


def expected(person) -> dict:
    result = rules_py.check(person.data, person.profile, today=TODAY)
    return {"statuses": {b["id"]: b["leave"]["status"] for b in result["bundles"]},
            "leave_hours": result["leave_hours"], "leave_hours_expired": result["leave_hours_expired"],
            "reward": result["reward"]["status"]}


def shown(row) -> dict:
    return {"statuses": row["statuses"], "leave_hours": row["leave_hours"],
            "leave_hours_expired": row["leave_hours_expired"], "reward": row["reward"]}


@pytest.mark.parametrize("roster", sorted(generate.ROSTERS))
def test_every_row_is_rules_py_verdict_for_that_person(roster):
    files = [(p.file, p.data) for p in PEOPLE] + list(generate.HOSTILE.items())
    table = run(files, (roster, generate.ROSTERS[roster](PEOPLE)), TODAY)
    rows = {row["file"]: row for row in table.rows}
    for person in PEOPLE:
        row = rows[person.file]
        assert "error" not in row, row
        assert (row["person"], row["unit"]) == (person.name, person.unit)
        assert shown(row) == expected(person), person.file
    assert "壓縮炸彈" in rows["bomb.zip/紀錄.html"]["error"]
    assert rows["<img src=x onerror=alert(1)>.html"]["error"]
    assert len(table.rows) == len(PEOPLE) + 2


def test_a_big5_roster_and_typed_date_cells():
    import openpyxl

    persons = PEOPLE[:4]
    assert read_roster("r.csv", generate.roster_csv(persons, "cp950"))[3].name == persons[3].name
    book = openpyxl.Workbook()
    book.active.append(["姓名", "檔名", "留職停薪", "其他不上班日"])
    book.active.append(["甲", "a.html", "2025-03-03~2025-03-05", date(2025, 7, 11)])
    out = io.BytesIO()
    book.save(out)
    (row,) = read_roster("r.xlsx", out.getvalue())
    assert (row.file, row.name, row.profile) == ("a.html", "甲", {
        "unpaid_leave": [["2025-03-03", "2025-03-05"]], "days_off": ["2025-07-11"]})


def test_roster_faults_are_located_and_the_others_still_checked():
    person, other = PEOPLE[0], PEOPLE[1]
    roster = ("檔名,姓名,上班時間,留職停薪\n"
              f"{person.file},甲,08:00-12:00,明年\n{other.file},乙,25:00-26:00,\nmissing.html,丙,,\n,丁,,\n").encode()
    table = run([(person.file, person.data), (other.file, other.data)], ("名冊.csv", roster), TODAY)
    rows = {row["file"]: row for row in table.rows}
    assert rows[person.file]["error"].startswith("名冊第 2 列「留職停薪」")
    assert rows[other.file]["error"].startswith("名冊第 3 列「上班時間」")
    assert "名冊列出這個檔案，但沒有提供" in rows["missing.html"]["error"]
    assert rows["名冊.csv"]["error"] == "名冊第 5 列沒有填「檔名」"


def test_a_roster_without_its_file_column_says_so():
    table = run([(PEOPLE[0].file, PEOPLE[0].data)], ("名冊.csv", "姓名,單位\n甲,乙\n".encode()), TODAY)
    assert any("沒有「檔名」欄" in (row.get("error") or "") for row in table.rows)
    assert "名冊中沒有這個檔案" in table.rows[0]["defaults_note"] and table.rows[0]["notes"] == []


def test_duplicates_are_flagged_both_ways():
    person = PEOPLE[0]
    table = run([(person.file, person.data), ("copy/" + person.file + ".txt", person.data)], None, TODAY)
    assert all(row["duplicate"] for row in table.rows)
    assert all(any("可能重複" in n for n in row["notes"]) for row in table.rows)


def test_zip_members_are_checked_and_tricks_refused():
    person = PEOPLE[1]
    nested = io.BytesIO()
    with zipfile.ZipFile(nested, "w") as archive:
        archive.writestr("inner.zip", b"PK")
        archive.writestr("/abs.html", person.data)
    table = run([("a.zip", generate.zip_escape(person.data)), ("b.zip", nested.getvalue()),
                 ("c.zip", b"not a zip")], None, TODAY)
    rows = {row["file"]: row for row in table.rows}
    assert "error" not in rows["a.zip/同仁/zipped.txt"]
    assert "「..」" in rows["a.zip/../../escape.html"]["error"]
    assert "壓縮檔裡的壓縮檔" in rows["b.zip/inner.zip"]["error"]
    assert "絕對路徑" in rows["b.zip/abs.html"]["error"]
    assert "損毀" in rows["c.zip"]["error"]


def test_a_profile_file_is_matched_by_name_and_gives_overtime():
    person = PEOPLE[1]
    overtime = [["2025-01-01 08:00", "2025-12-31 23:00"]]
    exported = {"format": "kaohsiung-elearn-checker/1", "record": None, "rows": [], "profile": {"overtime": overtime},
                "who": {"name": person.name, "unit": "X"}}
    files = [(person.file, person.data), ("someone.json", json.dumps(exported).encode())]
    table = run(files, ("名冊.csv", generate.roster_csv([person])), TODAY)
    (row,) = table.rows
    profile = dict(person.profile, overtime=overtime)
    assert shown(row) == {**expected(person), **_verdicts(rules_py.check(person.data, profile, today=TODAY))}


def _verdicts(result):
    return {"statuses": {b["id"]: b["leave"]["status"] for b in result["bundles"]},
            "leave_hours": result["leave_hours"], "leave_hours_expired": result["leave_hours_expired"],
            "reward": result["reward"]["status"]}


def test_expired_leave_is_its_own_column_and_its_bundle_marked():
    person = PEOPLE[1]  # every course, completed in 2025: by 2030 every bundle's leave has expired
    table = run([(person.file, person.data)], None, date(2030, 1, 1))
    header, (cells,) = table.people.header, table.people.rows
    result = rules_py.check(person.data, None, today=date(2030, 1, 1))
    expired = [b for b in result["bundles"] if b["leave"]["expiry_flag"] == "expired"]
    assert result["leave_hours"] == 0 and result["leave_hours_expired"] == 4 * len(expired) > 0
    assert (cells[header.index("補休時數合計")], cells[header.index("已逾期補休時數")]) == (0, 4 * len(expired))
    for b in expired:  # the 判定 says so; the last day stays a date
        last = date.fromisoformat(b["leave"]["expires_on"])
        assert cells[header.index(b["name"])] == "符合（已逾期）" and cells[header.index(f"{b['name']}補休期限")] == last
        (row,) = [r for r in table.bundles.rows if r[2] == b["name"]]
        assert (row[3], row[5]) == ("符合（已逾期）", last)


def test_roster_village_and_night_shift_columns():
    roster = "檔名,上班時間,行政區,村里\na.html,22:00-06:00,桃源,梅山\n".encode()
    (row,) = read_roster("r.csv", roster)
    assert row.error is None
    assert row.profile == {"office_hours": ["22:00-06:00"], "district": "桃源", "village": "梅山"}


def test_exports_read_back_to_the_same_cells():
    files = [(p.file, p.data) for p in PEOPLE[:12]] + list(generate.HOSTILE.items())
    table = run(files, ("名冊.xlsx", generate.roster_xlsx(PEOPLE[:14])), TODAY)
    cells = table_cells(table)
    assert read_ods(export(table.sheets(), "ods")) == cells
    assert read_xlsx(export(table.sheets(), "xlsx")) == cells
    assert read_json(export(table.sheets(), "json")) == cells
    assert read_csv(export(table.sheets(), "csv")) == cells["人員"]
    header = cells["人員"][0]
    for name in ("檔名", "姓名", "服務單位", "人員類別", "政策能力訓練", "市政議題訓練", "共通知能訓練", "補休時數合計",
                 "嘉獎", "待審事項"):
        assert name in header


def _ready_table():
    files = [(p.file, p.data) for p in PEOPLE[:10]] + list(generate.HOSTILE.items())
    return run(files, ("名冊.xlsx", generate.roster_xlsx(PEOPLE[:10])), TODAY)


def test_xlsx_opens_ready_to_read_dates_filters_and_widths():
    """Read back with openpyxl: a last day is a date cell (yyyy-mm-dd), each sheet has its filter row over all
    its rows, and each column is as wide as its content (the file names' column wider than the hours')."""
    import openpyxl

    table = _ready_table()
    book = openpyxl.load_workbook(io.BytesIO(export(table.sheets(), "xlsx")))
    for sheet, page in zip(table.sheets(), book.worksheets):
        last = openpyxl.utils.get_column_letter(len(sheet.header))
        assert page.auto_filter.ref == f"A1:{last}{len(sheet.rows) + 1}"
        dates = [c for row in page.iter_rows(min_row=2) for c in row if c.is_date]
        assert dates and all(c.number_format == "yyyy-mm-dd" for c in dates), sheet.title
        want = [v for row in sheet.rows for v in row if isinstance(v, date)]
        assert [c.value.date() for c in dates] == want
    people = book.worksheets[0]
    width = {name: people.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width
             for i, name in enumerate(table.people.header)}
    longest = max(len(r[0]) for r in table.people.rows)
    assert width["檔名"] >= longest and width["嘉獎"] < width["檔名"] and width["說明"] > width["嘉獎"]


def test_ods_opens_ready_to_read_dates_filters_and_widths():
    """Read back with odfpy: date cells (office:date-value, an ISO date style), a filter range with its buttons
    on each sheet, and a column width per column from its content."""
    from odf.number import DateStyle
    from odf.opendocument import load
    from odf.style import Style, TableColumnProperties
    from odf.table import DatabaseRange, Table, TableCell, TableColumn

    table = _ready_table()
    document = load(io.BytesIO(export(table.sheets(), "ods")))
    styles = {s.getAttribute("name"): s for s in document.automaticstyles.getElementsByType(Style)}
    assert [d.getAttribute("name") for d in document.automaticstyles.getElementsByType(DateStyle)] == ["iso-date"]
    ranges = {r.getAttribute("targetrangeaddress"): r.getAttribute("displayfilterbuttons")
              for r in document.spreadsheet.getElementsByType(DatabaseRange)}
    for sheet, page in zip(table.sheets(), document.spreadsheet.getElementsByType(Table)):
        cells = [c for c in page.getElementsByType(TableCell) if c.getAttribute("valuetype") == "date"]
        assert cells and all(styles[c.getAttribute("stylename")].getAttribute("datastylename") == "iso-date"
                             for c in cells)
        want = [v.isoformat() for row in sheet.rows for v in row if isinstance(v, date)]
        assert [c.getAttribute("datevalue") for c in cells] == want
        assert ranges[f"'{sheet.title}'.A1:'{sheet.title}'.{chr(64 + len(sheet.header))}{len(sheet.rows) + 1}"] == "true"
        columns = page.getElementsByType(TableColumn)
        widths = [float(styles[c.getAttribute("stylename")].getElementsByType(TableColumnProperties)[0]
                        .getAttribute("columnwidth")[:-2]) for c in columns]
        assert len(widths) == len(sheet.header) and len(set(widths)) > 3, widths


@pytest.mark.parametrize("fmt", ["ods", "xlsx"])
def test_the_roster_template_reads_as_a_roster(fmt):
    (row,) = read_roster(f"t.{fmt}", roster_template(fmt))
    assert (row.file, row.name, row.error) == ("王小明.html", "王小明", None)
    assert row.profile["office_hours"] == ["08:00-12:00", "13:30-17:30"]


@pytest.mark.parametrize("fmt", ["ods", "xlsx", "csv", "json"])
def test_cli_writes_the_same_cells(tmp_path, fmt):
    persons = PEOPLE[:8]
    for p in persons:
        (tmp_path / p.file).write_bytes(p.data)
    (tmp_path / "名冊.ods").write_bytes(generate.roster_ods(persons))
    out = tmp_path / f"結果.{fmt}"
    result = subprocess.run([sys.executable, "-m", "rules_py", "check", *(p.file for p in persons),
                             "--roster", "名冊.ods", "--out", out.name, "--today", TODAY.isoformat()],
                            cwd=tmp_path, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    table = run([(p.file, p.data) for p in persons], ("名冊.ods", generate.roster_ods(persons)), TODAY)
    cells = table_cells(table)
    data = out.read_bytes()
    got = {"ods": read_ods, "xlsx": read_xlsx, "json": read_json}.get(fmt, lambda d: {"人員": read_csv(d)})(data)
    assert got == (cells if fmt != "csv" else {"人員": cells["人員"]})


def test_cli_says_which_files_are_unusable_and_exits_2(tmp_path):
    (tmp_path / "bad.txt").write_text("不是紀錄", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "rules_py", "check", "bad.txt", "nope.html", "--out", "o.csv"],
                            cwd=tmp_path, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    assert "bad.txt：" in result.stderr and "nope.html：找不到檔案" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "o.csv").exists()


def test_cli_usage_errors_are_in_words(tmp_path):
    result = subprocess.run([sys.executable, "-m", "rules_py", "check", "a.html", "--out", "o.pdf"],
                            cwd=tmp_path, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)})
    assert result.returncode == 2 and "副檔名" in result.stderr


def test_prepare_names_zip_members_and_skips_system_files():
    person = PEOPLE[0]
    batch = prepare([(person.file, person.data), ("folder/.DS_Store", b"x"), ("folder/Thumbs.db", b"x")])
    assert [job["file"] for job in batch.jobs] == [person.file]


def test_oversized_files_are_one_row_each(monkeypatch):
    from rules_py.batch import limits

    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(limits, "MAX_FILES", 2)
    person = PEOPLE[0]
    small = generate.zip_escape(b"x" * 10)
    table = run([("big.html", b"<" * 1001), *((f"{i}.txt", person.data[:900]) for i in range(3)), ("s.zip", small)],
                None, TODAY)
    rows = {row["file"]: row for row in table.rows}
    assert "檔案太大" in rows["big.html"]["error"]
    assert "一次最多檢核 2 份" in rows["s.zip/同仁/zipped.txt"]["error"]


def _all_reasons(result) -> list:
    # A bundle's reasons whole (result format 2 refers to its courses' reasons rather than repeating them).
    return [r for b in result["bundles"] for r in rules_py.leave_reasons(result, b)] + [
        r for c in result["courses"] for r in c["reasons"]] + result["warnings"] + result["reward"]["reasons"]


def _office_hours_reasons(result) -> list:
    return [r for r in _all_reasons(result) if r["rule"] in ("offduty.yes", "offduty.no", "offduty.review")]


def test_reasons_name_the_hours_used_and_where_they_came_from():
    """A roster giving 08:30-12:00: every office-hours reason says so and names the roster cell, never the default
    (which was not used); a record with no roster row says the default was used. Both speak to the officer."""
    given, unlisted = generate.Person(1), generate.Person(3)
    given.cells["上班時間"] = "08:30-12:00"
    batch = prepare([(given.file, given.data), (unlisted.file, unlisted.data)],
                    ("名冊.csv", generate.roster_csv([given])), TODAY)
    results = {job["file"]: check_job(job)["result"] for job in batch.jobs}
    used = _office_hours_reasons(results[given.file])
    assert used and all("上班時間以 08:30-12:00 計（名冊第 2 列「上班時間」）。" in r["message"] for r in used)
    assert all("預設" not in r["message"] and "source" not in r for r in used)
    default = _office_hours_reasons(results[unlisted.file])
    assert default and all("上班時間以預設的 08:00-12:00、13:30-17:30 計（沒有填上班時間）。" in r["message"]
                           for r in default)
    for result in results.values():
        words = [r["message"] for r in _all_reasons(result)] + [a["message"] for a in result["assumed"]]
        assert not any("您" in text for text in words), words
    asks = {a["key"]: a["message"] for a in results[unlisted.file]["assumed"]}
    assert asks["office_hours"].endswith("若同仁的上班時間不同，請在名冊填寫「上班時間」。")
    assert asks["category"].endswith("若不是，請在名冊填寫同仁的「人員類別」。")


def test_the_person_is_still_spoken_to_as_you():
    person = generate.Person(3)
    result = rules_py.check(person.data, None, today=TODAY)
    asks = {a["key"]: a["message"] for a in result["assumed"]}
    assert asks["category"].endswith("若不是，請選擇您的人員類別。") and asks["office_hours"].endswith("請依您的實際上班時間修改。")
    mine = rules_py.check(person.data, {"office_hours": ["08:30-12:00"]}, today=TODAY)
    assert all("上班時間以 08:30-12:00 計（您填寫的）。" in r["message"] for r in _office_hours_reasons(mine))
