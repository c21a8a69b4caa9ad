"""One table row's cells -> RecordRow: the course code, the period (上課期間) and the hours, checked."""

import re
import unicodedata
from datetime import datetime
from functools import lru_cache

from rules_py._calendar import ROC_OFFSET
from rules_py._errors import InputError
from rules_py.record._columns import HEADER_OF
from rules_py.record._row import RecordRow

# After NFKC, so full-width digits, ：, ／ and ～ are already ASCII. Years of three digits are ROC years.
_DATETIME = r"(\d{3,4})[-/.](\d{1,2})[-/.](\d{1,2})\s*T?\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?"
_PERIOD = re.compile(rf"\s*{_DATETIME}\s*(?:~|〜|-|–|—|至|到)\s*{_DATETIME}\s*", re.ASCII)
# A course code is letters then digits (PCENTER114100556), in parentheses of either width at the end.
_CODE_TAIL = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9_-]*)?\s*\)\s*", re.ASCII)
_SHOWN_CHARS = 40


def shown(value: str) -> str:
    """A cell value fit for a one-line message."""
    flat = single_line(value)
    return flat if len(flat) <= _SHOWN_CHARS else flat[:_SHOWN_CHARS] + "…"


class RowContext:
    """Where a row is, for messages: 「第 3 列（No. 3）」."""

    def __init__(self, line: int, no: str):
        self.line, self.no = line, no

    def error(self, field: str, problem: str) -> InputError:
        line, no = self.line, self.no
        label = f"第 {line} 列" + (f"（No. {shown(no)}）" if no and no != str(line) else "")
        return InputError(f"{label}「{HEADER_OF[field]}」{problem}")


_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def _folded(value: str) -> str:
    """Each run of _SPACES as one space. Each of them a space first, by str.replace: on Chinese text the pattern
    (or str.translate) costs ten times as much, and a run of two or more, left for the pattern, is rare."""
    for space in "\t\r\n\f\v":
        value = value.replace(space, " ")
    return _SPACES.sub(" ", value) if "  " in value else value


def single_line(value: str) -> str:
    """Line breaks and runs of ASCII spaces become one space; other spaces (U+3000) are the name's own."""
    return _folded(value).strip()


# Line breaks other than "\n" (str.splitlines splits on these too); without them, "\n" alone splits lines.
_OTHER_BREAKS = re.compile("[\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_LINE_SPACES = re.compile(r"[ \t]+")


def cell_lines(value: str) -> list[str]:
    """The cell's lines, each single_line, blank ones dropped."""
    if _OTHER_BREAKS.search(value):
        return list(filter(None, map(single_line, value.splitlines())))
    # The usual cell: one pass over the whole cell rather than one per line (same result).
    return list(filter(None, map(str.strip, _LINE_SPACES.sub(" ", value).split("\n"))))


_SEP = "\x1f"  # not one of _SPACES, so no run of spaces reaches across two cells


def _single_lines(values: tuple[str, ...]) -> list[str]:
    """single_line of each value, in one pass rather than one per cell."""
    parts = _folded(_SEP.join(values)).split(_SEP)
    if len(parts) != len(values):  # a cell holds the separator itself
        return [single_line(value) for value in values]
    return [part.strip() for part in parts]


@lru_cache(maxsize=4096)  # a batch's records name the same catalogue courses
def split_name(name: str) -> tuple[str, str | None]:
    """'雙軸轉型淨零港都 (PCENTER114100556)' (already one line) -> ('雙軸轉型淨零港都', 'PCENTER114100556')."""
    normalised = unicodedata.normalize("NFKC", name)
    match = _CODE_TAIL.fullmatch(normalised, max(normalised.rfind("("), 0))
    code = match and match.group(1)
    if match is None or (code and not any(map(str.isdigit, code))):
        return name, None  # no parentheses at the end, or words in them such as (A)
    # Cut the original (not the NFKC copy) so the name keeps its own characters, e.g. Ⅱ.
    cut = max(name.rfind("("), name.rfind("（"))
    if cut < 0:  # the parenthesis came from a compatibility character such as ⒜
        return name, None
    return name[:cut].strip(), code.upper() if code else None


def _nfkc(cell: str) -> str:
    """NFKC, skipped for the usual ASCII cell (NFKC leaves ASCII as it is)."""
    return cell if cell.isascii() else unicodedata.normalize("NFKC", cell)


def _datetime(groups: tuple[str, ...], ctx: RowContext, raw: str) -> datetime:
    year, month, day, hour, minute = map(int, groups[:5])
    second = int(groups[5] or 0)  # seconds may be left out
    if year < 1000:
        year += ROC_OFFSET
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        text = f"{year:04d}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}:{second:02d}"
        raise ctx.error("period", f"的日期時間不存在：{text}（原文：{shown(raw)}）") from None


_ASCII_SPACE = " \t\n\r\f\v"  # what \s is under re.ASCII


def _platform_moment(text: str) -> datetime | None:
    """2025-01-01 08:00:00 exactly as the platform writes it, read by datetime.fromisoformat (a C function, where
    _PERIOD and _datetime cost half a row's parsing); None for anything else, which _PERIOD then reads."""
    if (len(text) != 19 or text[4] != "-" or text[7] != "-" or text[10] not in " T" or text[13] != ":"
            or text[16] != ":" or text[0] == "0" or not text.isascii()):  # a year 0xxx is a 民國 year
        return None
    try:
        return datetime.fromisoformat(text)  # its other fields must be ASCII digits
    except ValueError:  # a date or time that does not exist: _datetime says so
        return None


def parse_period(cell: str, ctx: RowContext) -> tuple[datetime, datetime]:
    if not cell.strip():
        raise ctx.error("period", "是空的，需要起迄時間")
    first, tilde, second = cell.partition("~")
    if tilde:
        start, end = _platform_moment(first.strip(_ASCII_SPACE)), _platform_moment(second.strip(_ASCII_SPACE))
        if start is not None and end is not None and start <= end:
            return start, end
    text = _nfkc(cell)
    # The pattern allows spaces wherever single_line would fold them, so the text usually matches as it is.
    match = _PERIOD.fullmatch(text) or _PERIOD.fullmatch(single_line(text))
    if match is None:
        raise ctx.error("period", f"看不懂：{shown(cell)}（應為 2025-01-01 08:00:00~ 2025-01-01 09:00:00）")
    groups = match.groups()
    start, end = _datetime(groups[:6], ctx, cell), _datetime(groups[6:], ctx, cell)
    if end < start:
        raise ctx.error("period", f"的結束時間 {end:%Y-%m-%d %H:%M:%S} 早於開始時間 {start:%Y-%m-%d %H:%M:%S}")
    return start, end


def parse_hours(cell: str, ctx: RowContext) -> float | None:
    text = _nfkc(cell).strip()
    if text in ("", "-", "--"):
        return None
    try:
        hours = float(text)
    except ValueError:
        raise ctx.error("credit_hours", f"不是數字：{shown(cell)}") from None
    if not 0 <= hours < 1000:  # also refuses nan and inf
        raise ctx.error("credit_hours", f"不是合理的時數：{shown(cell)}")
    return hours


def build_row(line: int, cells: tuple[str, ...]) -> RecordRow:
    """cells: the raw text of the twelve cells (lines joined by newlines), in the order of COLUMNS."""
    (no, course_type, name, period, reading_time, exam, survey, conditions, status, hours, upload_status,
     upload_time) = cells
    no, course_type, name, reading_time, exam, survey, status, upload_status, upload_time = _single_lines(
        (no, course_type, name, reading_time, exam, survey, status, upload_status, upload_time))
    ctx = RowContext(line, no)
    name, code = split_name(name)
    if not name:
        raise ctx.error("name", "是空的")
    start, end = parse_period(period, ctx)
    return RecordRow(line, no, course_type, name, code, start, end, reading_time, exam, survey,
                     _conditions(conditions), status, parse_hours(hours, ctx), upload_status, upload_time)


def row_problem(line: int, cells: tuple[str, ...], error: InputError) -> dict:
    """A row whose fields cannot be read (a date that does not exist, an end before its start, hours that are
    not a number), kept with what can be read, so that the person fixes or removes it where it stands."""
    no, _, name, period, *_, status, hours, upload_status, upload_time = cells
    no, status, upload_status, upload_time = _single_lines((no, status, upload_status, upload_time))
    name, code = split_name(single_line(name))
    try:
        credit_hours = parse_hours(hours, RowContext(line, no))
    except InputError:
        credit_hours = None
    return {"line": line, "no": no, "name": name, "code": code, "period": shown(period), "status": status,
            "credit_hours": credit_hours, "upload_status": upload_status, "upload_time": upload_time,
            "message": error.message}


@lru_cache(maxsize=4096)  # each course has its own few 通過條件, the same in every record
def _conditions(cell: str) -> str:
    return "\n".join(cell_lines(cell))
