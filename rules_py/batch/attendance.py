"""The attendance export (差勤資料): one sheet for many people, one row per entry (who, what kind, from, to),
as an attendance system such as WebITR exports it. Its rows become each person's overtime, 公假, 公差,
在勤 and time_off, merged with any profile file of theirs.

The header names and the kinds are data (courses/attendance.yaml, compiled into _data/attendance.json).
A column the table does not know, or a kind it does not know, is asked of the officer before the check
(the page's question, the CLI's --attendance-columns / --attendance-kinds): never guessed.

    layout(name, data, columns)       the file's header and which column is which (page question, CLI)
    unknown_kinds(layout, kinds)      [(kind, rows)] the table does not know and nobody assigned
    read_entries(layout, kinds)       -> Entries: the usable rows, and a message per unusable one
    assign(entries, people)           each person's rows, by the first key both files have
    applied(...) / decided(...)       what the table and the detail view say about them
"""

import json
import os
import re
from collections import Counter
from datetime import datetime, time, timedelta
from functools import lru_cache

from rules_py import normalise_name
from rules_py.batch import limits
from rules_py._calendar import ROC_OFFSET
from rules_py.batch.sheet_read import read_rows
from rules_py.batch.typed_date import DATE_AT_START, leading_date

_DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "_data", "attendance.json")
WHO = ("employee_id", "id_number", "name")  # the order in which people are matched
SKIP = "skip"                              # an unknown kind the officer leaves out
SKIP_WORDS = ("skip", "不使用", "略過")
# The result's found.kind for each profile key (rules_py names the 公差 kind in the singular).
FOUND_KIND = {"overtime": "overtime", "official_leave": "official_leave", "business_trips": "business_trip",
              "on_duty": "on_duty"}
_TIME = re.compile(r"^(\d{1,2})(?::|時)?(\d{2})(?:(?::|分)(\d{2})秒?)?$")
_loaded: dict = {}


def vocabulary() -> dict:
    """{"columns": {field: [header, ...]}, "kinds": {key: {label, words}}}: read once (courses/ data)."""
    if not _loaded:
        _loaded.update(json.loads(__loader__.get_data(_DATA)))  # from the wheel's zip, too (rules_py/_plan.py)
    return _loaded


def label(field: str) -> str:
    """A column's standard name (the first in the table): the template's header, the question's label."""
    return vocabulary()["columns"][field][0]


def kind_label(key: str) -> str:
    return vocabulary()["kinds"][key]["label"]


@lru_cache(maxsize=65536)  # an export repeats its kinds and people on every row
def _fold(text: str) -> str:
    return normalise_name(text.lstrip("\ufeff"))


def _index(section: str, names) -> dict:
    """{folded name: id} of a vocabulary section, made once (an export may have tens of thousands of rows)."""
    key = f"_{section}_index"
    if key not in _loaded:
        _loaded[key] = {_fold(n): ident for ident, entry in vocabulary()[section].items() for n in names(entry)}
    return _loaded[key]


def _field_of(text: str) -> str | None:
    """A field by its standard name, any synonym, or its id (employee_id): what --attendance-columns names."""
    if text.strip() in vocabulary()["columns"]:
        return text.strip()
    return _index("columns", lambda names: names).get(_fold(text))


def kind_of(text: str) -> str | None:
    """The profile key of a kind word (加班 -> overtime), or None when the table does not know it."""
    if text.strip() in vocabulary()["kinds"]:
        return text.strip()
    return _index("kinds", lambda kind: kind["words"]).get(_fold(text))


class Layout:
    """file: its name; header: the header row's cells; line: its row number; rows: [(line, cells)];
    columns: {field: column index}; missing: [(field, what)] the required parts not found (what in zh-TW;
    field: the one to ask for)."""

    def __init__(self, file, header, line, rows, columns):
        self.file, self.header, self.line, self.rows, self.columns = file, header, line, rows, columns
        self.missing = _missing(columns)

    def cell(self, cells: list, field: str) -> str:
        i = self.columns.get(field)
        return cells[i].strip() if i is not None and i < len(cells) else ""


def _missing(columns: dict) -> list:
    needs = []
    if not any(f in columns for f in WHO):
        needs.append((WHO[0], f"對應人員的欄（{'、'.join(label(f) for f in WHO)} 其中之一）"))
    if "kind" not in columns:
        needs.append(("kind", f"「{label('kind')}」欄"))
    for part, day in (("start", "start_date"), ("end", "end_date")):
        if part not in columns and day not in columns:
            needs.append((part, f"「{label(part)}」欄（或「{label(day)}」欄）"))
    return needs


def missing_text(lay: Layout) -> str:
    return "、".join(what for _, what in lay.missing)


def _pairs(spec: str, shape: str):
    """(left, right) of each 「左=右」 in a comma-separated answer; ValueError (zh-TW) when one is not so."""
    for item in re.split(r"[,，；;]", spec or ""):
        left, sep, right = (part.strip() for part in item.partition("="))
        if not item.strip():
            continue
        if not sep or not left or not right:
            raise ValueError(f"「{item.strip()}」應寫成 {shape}")
        yield left, right


def parse_columns(spec: str) -> dict:
    """「姓名=員工姓名,假別=類別」 -> {"name": "員工姓名", "kind": "類別"}; ValueError (zh-TW) naming the fault."""
    given = {}
    for ours, theirs in _pairs(spec, f"欄位=檔案中的欄名，例如 {label('name')}=員工姓名"):
        field = _field_of(ours)
        if field is None:
            names = "、".join(label(f) for f in vocabulary()["columns"])
            raise ValueError(f"不認得的欄位「{ours}」（可用：{names}）")
        given[field] = theirs
    return given


def parse_kinds(spec: str) -> dict:
    """「外出=公差,值勤=on_duty,其他=不使用」 -> {"外出": "business_trips", "值勤": "on_duty", "其他": "skip"}."""
    kinds = "、".join(f"{k}（{v['label']}）" for k, v in vocabulary()["kinds"].items())
    shape = f"假別=種類，種類為 {kinds} 或「不使用」"
    given = {}
    for theirs, ours in _pairs(spec, shape):
        key = SKIP if ours in SKIP_WORDS else kind_of(ours)
        if key is None:
            raise ValueError(f"「{theirs}={ours}」應寫成 {shape}")
        given[theirs] = key
    return given


def layout(name: str, data: bytes, columns: dict | None = None) -> Layout:
    """The file read, its header found (the first non-empty row) and its columns recognised by the table's
    names, any order; columns: {field: header text, or "" for none} the officer gave, over the table's.
    ValueError (zh-TW)."""
    rows = read_rows(name, data, limits.MAX_ATTENDANCE_ROWS + 2, limits.MAX_ATTENDANCE_BYTES)
    if len(rows) > limits.MAX_ATTENDANCE_ROWS + 1:  # never some rows only: the officer splits the file
        raise ValueError(f"超過 {limits.MAX_ATTENDANCE_ROWS:,} 列，請依期間或單位分成幾個檔案")
    start = next((i for i, row in enumerate(rows) if any(c.strip() for c in row)), None)
    if start is None:
        raise ValueError("差勤資料是空的")
    header = [c.strip().lstrip("\ufeff") for c in rows[start]]
    while not header[-1]:  # a sheet may give empty cells to its last column (XLSX's dimension)
        header.pop()
    found = {}
    for i, text in enumerate(header):
        field = _field_of(text) if text else None
        if field is not None and field not in found:
            found[field] = i
    for field, text in (columns or {}).items():
        if not text:  # the officer says the file has no such column (the page's 「沒有這一欄」)
            found.pop(field, None)
            continue
        at = [i for i, h in enumerate(header) if _fold(h) == _fold(text)]
        if not at:
            raise ValueError(f"標題列沒有「{text}」欄（標題列：{'、'.join(h for h in header if h)}）")
        found = {f: i for f, i in found.items() if i != at[0]}  # one column fills one field
        found[field] = at[0]
    body = [(n, row) for n, row in enumerate(rows[start + 1:], start=start + 2) if any(c.strip() for c in row)]
    return Layout(name, header, start + 1, body, found)


class Entry:
    """One usable row: line, who {field: text}, kind (its text), key (the profile key), start, end
    (datetimes), whole_day (no time given: the whole days, said so)."""
    __slots__ = ("line", "who", "kind", "key", "start", "end", "whole_day")

    def __init__(self, line, who, kind, key, start, end, whole_day):
        self.line, self.who, self.kind, self.key = line, who, kind, key
        self.start, self.end, self.whole_day = start, end, whole_day

    def period(self) -> list:
        return [_shown(self.start), _shown(self.end)]

    def plain(self) -> dict:
        """As a job carries it (to the workers and back)."""
        start, end = self.period()
        return {"line": self.line, "kind": self.kind, "key": self.key, "start": start, "end": end,
                "span": span_text(start, end), "whole_day": self.whole_day}


class Entries:
    """usable: [Entry]; faults: [message] of rows not used (a bad cell, an unknown kind); left_out: rows the
    officer chose to leave out."""

    def __init__(self, usable, faults, left_out):
        self.usable, self.faults, self.left_out = usable, faults, left_out


def unknown_kinds(lay: Layout, kinds: dict | None = None) -> list:
    """[(kind text, rows)] of kinds neither the table nor the officer's answers know, most rows first."""
    kinds = kinds or {}
    counts = Counter()
    for _, cells in lay.rows:
        text = lay.cell(cells, "kind")
        if text and kind_of(text) is None and text not in kinds:
            counts[text] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def read_entries(lay: Layout, kinds: dict | None = None) -> Entries:
    """Every row as an Entry, or a message naming the file, the row and the cell (zh-TW)."""
    if lay.missing:
        raise ValueError(f"差勤資料「{lay.file}」找不到{missing_text(lay)}")
    kinds = kinds or {}
    usable, faults, left_out = [], [], 0
    for line, cells in lay.rows:
        where = f"差勤資料「{lay.file}」第 {line} 列"
        text = lay.cell(cells, "kind")
        key = kinds.get(text) or kind_of(text) if text else None
        if key == SKIP:
            left_out += 1
            continue
        try:
            if not text:
                raise ValueError(f"「{_header(lay, 'kind')}」是空的")
            if key is None:
                raise ValueError(f"不認得的假別「{text}」，沒有使用")
            who = {f: lay.cell(cells, f) for f in WHO if f in lay.columns}
            if not any(who.values()):
                raise ValueError("沒有填寫" + "、".join(f"「{_header(lay, f)}」" for f in who))
            start, start_timed = _moment(lay, cells, "start", where)
            end, end_timed = _moment(lay, cells, "end", where)
        except _CellError as exc:
            faults.append(str(exc))
            continue
        except ValueError as exc:
            faults.append(f"{where}：{exc}")
            continue
        # Dates alone: whole days, the last one included. One side's date alone is that day's 00:00 (a typed
        # spreadsheet cell at midnight reads as its date).
        whole_day = not (start_timed or end_timed)
        if whole_day:
            end += timedelta(days=1)
        if end <= start:
            faults.append(f"{where}：結束 {_shown(end)} 不晚於開始 {_shown(start)}")
            continue
        usable.append(Entry(line, who, text, key, start, end, whole_day))
    return Entries(usable, faults, left_out)


class _CellError(ValueError):
    pass


def _header(lay: Layout, field: str) -> str:
    return lay.header[lay.columns[field]] or label(field)


def _moment(lay: Layout, cells, part: str, where: str) -> tuple:
    """(datetime, whether a time was given) from one date-and-time column, or a date and a time column."""
    field = part if part in lay.columns else f"{part}_date"
    text = lay.cell(cells, field)
    clock = lay.cell(cells, f"{part}_time")
    if not text:
        raise _CellError(f"{where}「{_header(lay, field)}」是空的")
    try:
        day, at = _date_time(text)
    except ValueError as exc:
        raise _CellError(f"{where}「{_header(lay, field)}」：{exc}") from None
    if clock:
        try:
            day, at = _date_time(clock) if DATE_AT_START.match(clock) else (day, _clock(clock))  # a time column may hold the date too
        except ValueError as exc:
            raise _CellError(f"{where}「{_header(lay, f'{part}_time')}」：{exc}") from None
    return datetime.combine(day, time()) + (at or timedelta()), at is not None


@lru_cache(maxsize=65536)  # the same days and times come back on many rows
def _date_time(text: str) -> tuple:
    """'2025-03-10 18:00', '114/03/10', '1140310 1800' -> (date, time of day as a timedelta, or None)."""
    day, rest = leading_date(text)
    rest = rest.lstrip("T").strip()
    return day, _clock(rest) if rest else None


@lru_cache(maxsize=4096)
def _clock(text: str) -> timedelta:
    """18:00, 1800, 18:00:00 (and 24:00, the day's end) -> the time of day."""
    match = _TIME.match(text.strip())
    hours, minutes, seconds = (int(g or 0) for g in match.groups()) if match else (99, 0, 0)
    if hours > 24 or minutes > 59 or seconds > 59 or (hours == 24 and (minutes or seconds)):
        raise ValueError(f"無法讀出時間「{text.strip()}」，請寫成 18:00、1800 或 18:00:00")
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def _shown(moment: datetime) -> str:
    """As the profile takes it: 2025-03-10 18:00 (its seconds only when it has some)."""
    return moment.isoformat(sep=" ", timespec="seconds" if moment.second else "minutes")


def _key(field: str, text: str) -> str:
    """Who, compared: names as names are (spaces and width ignored); an ID without case, and a numeric
    one without the leading zeros a spreadsheet drops."""
    folded = _fold(text)
    if field != "name" and folded.isdigit():
        return folded.lstrip("0") or "0"
    return folded


def match_key(lay: Layout, people: list) -> str | None:
    """The first of WHO that the file has a column for and some person has a value for."""
    return next((f for f in WHO if f in lay.columns and any(p.get(f) for p in people)), None)


def assign(lay: Layout, entries: Entries, people: list) -> tuple:
    """people: [{employee_id?, id_number?, name, label}] (the jobs, in order) -> ({person index: [Entry]},
    [message] of rows matching nobody or more than one, {person index: note} for those who could not be told apart)."""
    field = match_key(lay, people)
    index: dict = {}
    for i, person in enumerate(people):
        if field and person.get(field):
            index.setdefault(_key(field, person[field]), []).append(i)
    found, unmatched, ambiguous, notes = {}, {}, {}, {}
    for entry in entries.usable:
        value = entry.who.get(field, "") if field else ""
        owners = index.get(_key(field, value), []) if value else []
        if len(owners) == 1:
            found.setdefault(owners[0], []).append(entry)
        elif owners:
            ambiguous.setdefault((value, tuple(owners)), []).append(entry.line)
        else:
            unmatched.setdefault(tuple(entry.who.items()), []).append(entry.line)
    messages = []
    for who, lines in unmatched.items():
        named = "、".join(f"{_header(lay, f)}「{v}」" for f, v in who if v)
        why = (f"名冊與資料檔裡沒有這個{_header(lay, field)}" if field
               else "名冊與資料檔都沒有可對應的欄（員工編號、身分證字號或姓名）")
        messages.append(f"差勤資料「{lay.file}」第 {_lines(lines)} 列（{named}）對應不到任何人（{why}），沒有套用")
    for (value, owners), lines in ambiguous.items():
        who = "、".join(f"「{people[i]['label']}」" for i in owners)
        messages.append(f"差勤資料「{lay.file}」第 {_lines(lines)} 列的{_header(lay, field)}「{value}」對應到 {len(owners)} 人"
                        f"（{who}），無法判斷是哪一位，沒有套用；請在名冊填上員工編號或身分證字號")
        for i in owners:
            notes[i] = (f"差勤資料第 {_lines(lines)} 列的{_header(lay, field)}「{value}」有同名的人，無法判斷是否屬於這位，"
                        "沒有套用")
    return found, messages, notes


def _lines(lines: list) -> str:
    return "、".join(str(n) for n in lines)


def merge(profile: dict | None, entries: list) -> dict:
    """The person's profile with the rows' periods added to its lists (the profile file's own stay)."""
    merged = dict(profile or {})
    for entry in entries:
        merged[entry.key] = [*merged.get(entry.key, []), entry.period()]
    return merged


def _roc(moment: datetime) -> str:
    return f"{moment.year - ROC_OFFSET}/{moment.month:02d}/{moment.day:02d} {moment:%H:%M}"


def span_text(start: str, end: str) -> str:
    """「114/03/10 18:00–21:00」 (the end's date only when it is another day)."""
    a, b = datetime.fromisoformat(start), datetime.fromisoformat(end)
    return f"{_roc(a)}–{b:%H:%M}" if a.date() == b.date() else f"{_roc(a)}–{_roc(b)}"


def applied(file: str | None, attendance_file: str | None, rows: list) -> str:
    """The table's 「套用的資料」 cell: 設定檔「王小明.json」；差勤資料「差勤.xlsx」第 3、5 列."""
    parts = [f"設定檔「{file}」"] if file else []
    if rows:
        whole = [r["line"] for r in rows if r["whole_day"]]
        parts.append(f"差勤資料「{attendance_file}」第 {_lines([r['line'] for r in rows])} 列"
                     + (f"（第 {_lines(whole)} 列未填時間，以整天計）" if whole else ""))
    return "；".join(parts)


def decided(result: dict, rows: list) -> list:
    """[(bundle id, sentence)]: each course whose 公餘時間 an attendance row decided, and which row
    (the result's found names the kind and the period that decided; the row is the one it came from)."""
    out = []
    for course in result.get("courses", ()):
        found = course.get("found")
        if not found:
            continue
        row = _row_for(found, rows)
        if row is None:
            continue
        span, kind = row["span"], row["kind"]
        if found["at"] == "overlap":
            what = f"與 {span} {kind}重疊"
        else:
            what = f"{ {'start': '開始時', 'end': '結束時', 'between': '上課期間'}[found['at']] }在 {span} {kind}時間內"
        out.append((course["bundle"], f"「{course['name']}」{what}（差勤資料第 {row['line']} 列）"))
    return out


def _row_for(found: dict, rows: list):
    """The attendance row that gave found's period: the same kind, the same period, else one that covers it."""
    same = [r for r in rows if FOUND_KIND.get(r["key"]) == found["kind"]]
    start, end = datetime.fromisoformat(found["start"]), datetime.fromisoformat(found["end"])
    for r in same:
        if (datetime.fromisoformat(r["start"]), datetime.fromisoformat(r["end"])) == (start, end):
            return r
    return next((r for r in same if datetime.fromisoformat(r["start"]) <= start
                 and datetime.fromisoformat(r["end"]) >= end), None)


TEMPLATE_FIELDS = ("employee_id", "name", "kind", "start_date", "start_time", "end_date", "end_time")
TEMPLATE_ROWS = (("A0001", "王小明", "加班", "2025-03-10", "18:00", "2025-03-10", "21:00"),
                 ("A0001", "王小明", "公差", "114/03/12", "08:30", "114/03/12", "17:30"))


def template_sheet() -> tuple:
    """(header, rows) of the attendance template: the standard names and two example rows."""
    return [label(f) for f in TEMPLATE_FIELDS], [list(r) for r in TEMPLATE_ROWS]
