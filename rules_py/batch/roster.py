"""The roster (名冊): one row per person, its header in zh-TW in any order; only 檔名 is required.

Each row gives the person's name and unit, and the profile keys the roster holds (category, office hours,
unpaid leave, other days off, district, village). A cell that can't be read makes that person's row say why;
the other people are still checked."""

import re

from rules_py.batch.sheet_read import read_rows
from rules_py.batch.typed_date import FORMS, leading_date

FILE = "檔名"
# The roster's columns: header -> the field it fills (profile keys are the rules' own names).
COLUMNS = {
    FILE: "file",
    "姓名": "name",
    "員工編號": "employee_id",
    "身分證字號": "id_number",
    "服務單位": "unit",
    "人員類別": "category",
    "上班時間": "office_hours",
    "留職停薪": "unpaid_leave",
    "其他不上班日": "days_off",
    "行政區": "district",
    "村里": "village",
}
PROFILE_KEYS = ("category", "office_hours", "unpaid_leave", "days_off", "district", "village")
WHO_KEYS = ("employee_id", "id_number")  # who the person is in other files (the attendance export)
SHIFT_WORK = "輪班"               # 上班時間 for shift workers: no fixed office hours
EXAMPLE = {                      # the template's example row
    FILE: "王小明.html", "姓名": "王小明", "員工編號": "A0001", "身分證字號": "", "服務單位": "高雄市政府人事處",
    "人員類別": "編制內公務人員",
    "上班時間": "08:00-12:00；13:30-17:30", "留職停薪": "2025-03-10~2025-03-20", "其他不上班日": "2025-07-11",
    "行政區": "苓雅區", "村里": "",
}
_ITEMS = re.compile(r"[；;\n、]")
_RANGE = re.compile(r"\s*(?:~|～|〜|至|到|–|—|\s-\s)\s*")


class RosterRow:
    """line: the row's number in the sheet (as the officer sees it); profile: the roster's profile keys;
    error: why the row can't be used (zh-TW), or None; who: {employee_id, id_number} as given."""
    __slots__ = ("line", "file", "name", "unit", "profile", "error", "who")

    def __init__(self, line: int, file: str, name: str, unit: str, profile: dict, error: str | None, who=None):
        self.line, self.file, self.name, self.unit = line, file, name, unit
        self.profile, self.error, self.who = profile, error, who or {}

    def where(self, key: str) -> str:
        header = next(h for h, field in COLUMNS.items() if field == key)
        return f"名冊第 {self.line} 列「{header}」"


def read_roster(name: str, data: bytes) -> list[RosterRow]:
    """The roster's people; ValueError (zh-TW) when the file as a whole can't be used."""
    rows = read_rows(name, data)
    start = next((i for i, row in enumerate(rows) if any(row)), None)
    if start is None:
        raise ValueError("名冊是空的")
    header = [cell.strip().lstrip("\ufeff") for cell in rows[start]]
    if FILE not in header:
        raise ValueError(f"名冊第 {start + 1} 列（標題列）沒有「{FILE}」欄；可用的欄名：{'、'.join(COLUMNS)}")
    positions = {COLUMNS[h]: i for i, h in reversed(list(enumerate(header))) if h in COLUMNS}
    people = []
    for number, row in enumerate(rows[start + 1:], start=start + 2):
        cells = {field: (row[i].strip() if i < len(row) else "") for field, i in positions.items()}
        if not any(cells.values()):
            continue
        people.append(_person(number, cells))
    return people


def _person(line: int, cells: dict) -> RosterRow:
    profile, error = {}, None
    if not cells["file"]:
        error = f"名冊第 {line} 列沒有填「{FILE}」"
    for key in PROFILE_KEYS:
        text = cells.get(key, "")
        if not text or error:
            continue
        try:
            profile[key] = _PARSE[key](text)
        except ValueError as exc:
            header = next(h for h, field in COLUMNS.items() if field == key)
            error = f"名冊第 {line} 列「{header}」：{exc}"
    who = {key: cells[key] for key in WHO_KEYS if cells.get(key)}
    return RosterRow(line, cells["file"], cells.get("name", ""), cells.get("unit", ""), profile, error, who)


def _items(text: str) -> list[str]:
    return [item.strip() for item in _ITEMS.split(text) if item.strip()]


def iso_date(text: str) -> str:
    """2025-03-10, 2025/3/10, 114/3/10 (民國), 114年3月10日, 1140310 -> 2025-03-10; ValueError otherwise."""
    day, rest = leading_date(text)
    if rest:
        raise ValueError(f"無法讀出日期「{text.strip()}」，請寫成 {FORMS}")
    return day.isoformat()


def _office_hours(text: str) -> list[str]:
    if text.strip() == SHIFT_WORK:
        return []
    return _items(text)


def _periods(text: str) -> list[list[str]]:
    periods = []
    for item in _items(text):
        parts = _RANGE.split(item)
        if len(parts) == 1:
            parts = parts * 2  # one day
        if len(parts) != 2:
            raise ValueError(f"無法讀出期間「{item}」，請寫成 2025-03-10~2025-03-20，多段以「；」分隔")
        periods.append([iso_date(p) for p in parts])
    return periods


def _days(text: str) -> list[str]:
    return [iso_date(item) for item in _items(text)]


_PARSE = {
    "category": str.strip,
    "office_hours": _office_hours,
    "unpaid_leave": _periods,
    "days_off": _days,
    "district": str.strip,
    "village": str.strip,
}
