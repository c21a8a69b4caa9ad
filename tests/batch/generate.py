"""A personnel office's batch, generated: records of mixed formats for many people, hostile files, and the
roster in CSV, ODS and XLSX. Each person's profile is written here in rules_py's own form, so that a test
can check the record with rules_py directly and compare with what the batch (page or CLI) says."""

import io
import zipfile

from tests.fixtures import make_records as records

UNITS = ("人事處", "工務局", "社會局", "教育局")
CATEGORIES = (("編制內公務人員", "civil_servant"), ("約聘人員", "contract"), ("教師", "teacher"),
              ("公務人員", "civil_servant"), ("技工", "worker"))
HEADER = ("檔名", "姓名", "服務單位", "人員類別", "上班時間", "留職停薪", "其他不上班日", "行政區", "村里")
# (file suffix, writer of rows, encoding): the forms a record reaches an office in.
FORMATS = (
    (".html", records.platform_page, "utf-8"),
    (".txt", records.clipboard_text, "utf-8"),
    (".csv", records.record_csv, "utf-8-sig"),
    (".csv", records.record_csv, "cp950"),
)


class Person:
    def __init__(self, i: int):
        self.name = f"測試{i:02d}號"
        self.unit = UNITS[i % len(UNITS)]
        label, category = CATEGORIES[i % len(CATEGORIES)]
        suffix, write, encoding = FORMATS[i % len(FORMATS)]
        self.file = f"p{i:02d}{suffix}"
        rows = records.ROWS if i % 2 else records.ROWS[: 6 + (i * 7) % (len(records.ROWS) - 5)]
        self.data = write(rows).encode(encoding)
        self.cells = {"檔名": self.file, "姓名": self.name, "服務單位": self.unit, "人員類別": label,
                      "上班時間": "", "留職停薪": "", "其他不上班日": "", "行政區": "", "村里": ""}
        self.profile = {"category": category}
        if i % 6 == 1:
            self.cells["上班時間"] = "輪班"
            self.profile["office_hours"] = []
        elif i % 6 == 2:
            self.cells["上班時間"] = "07:30-11:30；13:00-17:00"
            self.profile["office_hours"] = ["07:30-11:30", "13:00-17:00"]
        elif i % 6 == 3:  # a night shift, into the next morning
            self.cells["上班時間"] = "22:00-06:00"
            self.profile["office_hours"] = ["22:00-06:00"]
        if i % 5 == 3:
            self.cells["留職停薪"] = "2025-03-03~2025-03-05；114/07/07"
            self.profile["unpaid_leave"] = [["2025-03-03", "2025-03-05"], ["2025-07-07", "2025-07-07"]]
        if i % 7 == 4:
            self.cells["其他不上班日"] = "2025-03-04；2025-08-31"
            self.profile["days_off"] = ["2025-03-04", "2025-08-31"]
        if i % 4 == 1:  # a district with its own 停止上班 days
            self.cells["行政區"] = "杉林區"
            self.profile["district"] = "杉林區"
        elif i % 8 == 3:  # a district with a 停止上班 day for some of its villages only
            self.cells["行政區"], self.cells["村里"] = "桃源區", "梅山"
            self.profile["district"], self.profile["village"] = "桃源區", "梅山"


def people(count: int = 50) -> list[Person]:
    return [Person(i) for i in range(count)]


def zip_bomb() -> bytes:
    """A .zip whose one member unpacks 1,000 times larger than it is packed."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("紀錄.html", b"\0" * (8 * 1024 * 1024))
    return out.getvalue()


def zip_escape(inner: bytes) -> bytes:
    """A .zip whose member's name climbs out of the archive, beside one good record."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("../../escape.html", inner)
        archive.writestr("同仁/zipped.txt", inner)
    return out.getvalue()


HOSTILE_HTML = ('<html><body><img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'
                '<table><tr><td><a href="https://example.invalid/x">x</a></td></tr></table></body></html>').encode()
HOSTILE = {"bomb.zip": zip_bomb(), "<img src=x onerror=alert(1)>.html": HOSTILE_HTML}


def roster_rows(persons) -> list[list[str]]:
    return [list(HEADER)] + [[p.cells[h] for h in HEADER] for p in persons]


def roster_csv(persons, encoding: str = "utf-8-sig") -> bytes:
    import csv

    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(roster_rows(persons))
    return out.getvalue().encode(encoding)


def roster_xlsx(persons) -> bytes:
    """Written with openpyxl (the page writes with XlsxWriter): another writer's file."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in roster_rows(persons):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def roster_ods(persons) -> bytes:
    """Written by the batch's own ODS writer (odfpy; empty cells as repeated runs, as LibreOffice writes them)."""
    from rules_py.batch.export import export
    from rules_py.batch.table import Sheet

    header, *rows = roster_rows(persons)
    return export([Sheet("名冊", header, rows)], "ods")


ROSTERS = {"名冊.csv": roster_csv, "名冊.ods": roster_ods, "名冊.xlsx": roster_xlsx}


# -- the attendance export (差勤資料) ---------------------------------------------------------------------
# Headers the table in courses/attendance.yaml does not know, as some system might write them: the page's
# question (and the CLI's --attendance-columns) maps them.
ODD_HEADERS = {"employee_id": "職編", "name": "同仁", "kind": "差假種類", "start": "自何時", "end": "至何時"}
ATTENDANCE_COLUMNS = {"員工編號": "職編", "姓名": "同仁", "假別": "差假種類", "起始日期時間": "自何時",
                      "結束日期時間": "至何時"}
# Each kind turns one bundle of one person from 符合 to 不符合 (and 外出, a kind the table does not know,
# is assigned to 公差 through the question).
FLIPS = (("加班", "overtime"), ("公假", "official_leave"), ("公差", "business_trips"), ("外出", "business_trips"))
UNKNOWN_KINDS = {"外出": "business_trips"}


def employee_id(i: int) -> str:
    return f"E{i:04d}"


def roster_with_ids(persons) -> bytes:
    """The roster in CSV with a 員工編號 column (its people matched to the attendance export by it)."""
    import csv

    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*HEADER, "員工編號"])
    for i, p in enumerate(persons):
        writer.writerow([*(p.cells[h] for h in HEADER), employee_id(i)])
    return out.getvalue().encode("utf-8-sig")


def attendance_plan(persons) -> list:
    """[(person index, kind word, profile key, start, end, bundle id)]: for the first persons with an eligible
    bundle, one entry per FLIPS that overlaps a counted course of that bundle, so that the bundle turns
    ineligible; plus entries that decide nothing (time off on another day)."""
    from datetime import datetime, timedelta

    import rules_py

    plan, flips = [], iter(FLIPS)
    for i, person in enumerate(persons):
        result = rules_py.check(person.data, person.profile)
        eligible = [b["id"] for b in result["bundles"] if b["leave"]["status"] == "eligible"]
        course = next((c for c in result["courses"] if c["bundle"] in eligible and c["off_duty"] == "yes"), None)
        if course is None:
            continue
        flip = next(flips, None)
        if flip is None:
            break
        start = datetime.fromisoformat(course["start"]) - timedelta(minutes=30)
        plan.append((i, flip[0], flip[1], start, start + timedelta(hours=1), course["bundle"]))
        plan.append((i, "事假", "time_off", datetime(2025, 11, 3, 9), datetime(2025, 11, 3, 12), None))
    return plan


def attendance_profile(person, entries) -> dict:
    """The person's profile as the batch should make it: the roster's, plus their attendance rows."""
    profile = {k: list(v) if isinstance(v, list) else v for k, v in person.profile.items()}
    for _, _, key, start, end, _ in entries:
        profile.setdefault(key, []).append([f"{start:%Y-%m-%d %H:%M}", f"{end:%Y-%m-%d %H:%M}"])
    return profile


def attendance_rows(persons, plan) -> list:
    """The export's rows under ODD_HEADERS, dates in the forms offices meet (民國 with slashes, ISO)."""
    header = [ODD_HEADERS[f] for f in ("employee_id", "name", "kind", "start", "end")]
    rows = [header]
    for n, (i, word, _, start, end, _) in enumerate(plan):
        when = (lambda t: f"{t.year - 1911}/{t:%m/%d %H:%M}") if n % 2 else (lambda t: f"{t:%Y-%m-%d %H:%M}")
        rows.append([employee_id(i), persons[i].name, word, when(start), when(end)])
    rows.append([employee_id(999), "不在名冊", "加班", "2025-03-04 18:00", "2025-03-04 20:00"])  # matches nobody
    return rows


def attendance_file(rows, fmt: str) -> bytes:
    """The export as CSV in Big5 (as Windows writes it), ODS (odfpy) or XLSX (openpyxl)."""
    if fmt == "csv":
        import csv

        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        return out.getvalue().encode("cp950")
    if fmt == "xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    from rules_py.batch.export import export
    from rules_py.batch.table import Sheet

    return export([Sheet("差勤", rows[0], rows[1:])], "ods")
