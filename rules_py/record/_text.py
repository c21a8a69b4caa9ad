"""Plain text (the clipboard's text flavour: tabs between cells, multi-line cells spilling over lines) and CSV -> rows of cells."""

import csv
import io
import re
from functools import lru_cache

from rules_py._errors import InputError
from rules_py.record._columns import header_fields

# A course row of the copied text begins with its No. and a tab: "3\t開放式\t…".
_ROW_START = re.compile(r"[ \u3000]*([0-9]{1,6})\t")
_ROW_BREAKS = re.compile(r"\n[ \u3000]*[0-9]{1,6}\t")  # the line break before such a line, in a whole text
# Any three column names hold one of these characters; other lines are not looked at as a header.
_HEADER_CHARS = re.compile("[課時通測問]")
_QUOTED_MULTILINE = re.compile(r'(?:^|\t)"[^"\t]*\n', re.MULTILINE)
# How many trailing cells a row may lack before the next "No.<tab>" line is still taken as a new row
# (editors strip the trailing tabs of empty upload cells).
_SHORT_ROW_SLACK = 2


def find_header(lines: list[str]) -> tuple[int, str, list[str | None]] | None:
    """(line index, delimiter, fields) of the first line that is the record's header."""
    for position, line in enumerate(lines):
        if not _HEADER_CHARS.search(line):
            continue
        if "\t" in line:
            fields = _tab_header(line)
            if fields:
                return position, "\t", fields
        elif line.count(",") >= 2:
            fields = header_fields(_csv_cells(line, position))
            if fields:
                return position, ",", fields
    return None


@lru_cache(maxsize=64)  # a batch's records share their header line
def _tab_header(line: str) -> tuple[str | None, ...] | None:
    fields = header_fields(line.split("\t"))
    return tuple(fields) if fields else None


def _csv_cells(line: str, position: int) -> list[str]:
    try:
        return next(csv.reader([line]), [])
    except csv.Error:
        raise InputError(f"CSV 第 {position + 1} 行格式錯誤，無法讀取") from None


def has_row_start(lines: list[str]) -> bool:
    return any(_ROW_START.match(line) for line in lines)


def text_rows(lines: list[str], ncols: int, numbered: bool = True) -> list[list[str]]:
    """Reassemble the copied rows: a cell's extra lines join that cell, the next tab opens the next cell.

    numbered: the first column is No., so a row starts at a "No.<tab>" line; otherwise a row starts at
    any line once the row before has all its cells.
    """
    whole = _whole_rows("\n" + "\n".join(lines), ncols) if numbered else None
    return whole if whole is not None else _line_rows(lines, ncols, numbered)


def _line_rows(lines: list[str], ncols: int, numbered: bool) -> list[list[str]]:
    """text_rows, line by line: any copy, however broken."""
    rows: list[list[str]] = []
    current: list[str] | None = None
    for line in lines:
        # Most lines go on a row's last cell: without a "No.<tab>" start, a numbered table's line starts no row.
        if (not numbered or _ROW_START.match(line)) and _starts_row(line, current, ncols, numbered, rows):
            current = line.split("\t")
            rows.append(current)
        elif current is None or (len(current) >= ncols and "\t" not in line):
            continue  # text around the table (a title, a note below it) is not part of any row
        else:
            first, *rest = line.split("\t")
            current[-1] += "\n" + first
            current.extend(rest)
    return rows


def _whole_rows(text: str, ncols: int) -> list[list[str]] | None:
    """text_rows of the usual copy (the lines joined, after a line break), where each "No.<tab>" line starts a
    row of exactly ncols cells whose last line has a tab: _line_rows would join each row's lines back as they
    are, so one split per row makes the same cells at a fraction of the cost. None for anything else (text
    below the table, a short row…), which _line_rows then reads (tests/records/test_fuzz.py: the same rows)."""
    breaks = [match.start() for match in _ROW_BREAKS.finditer(text)]
    breaks.append(len(text))
    rows = []
    for start, end in zip(breaks, breaks[1:]):
        row = text[start + 1:end]
        cells = row.split("\t")
        if len(cells) != ncols or row.rfind("\n") > row.rfind("\t"):
            return None
        rows.append(cells)
    return rows


def _starts_row(line: str, current: list[str] | None, ncols: int, numbered: bool, rows: list[list[str]]) -> bool:
    complete = current is None or len(current) >= ncols
    if not numbered:
        return complete and bool(line.strip())
    start = _ROW_START.match(line)
    if start is None:
        return False
    if complete:
        return True
    # A row that lost the tabs of its empty last cells ends where the next No. follows on from its own,
    # so that the fault is reported on that row instead of gluing two rows together.
    previous = _ROW_START.match(rows[-1][0] + "\t")
    return (previous is not None and int(start.group(1)) == int(previous.group(1)) + 1
            and len(current) >= ncols - _SHORT_ROW_SLACK)


def quoted_cells(lines: list[str]) -> bool:
    """Excel's tab-separated text (copied from a sheet, or saved as Unicode text) quotes multi-line cells."""
    text = "\n".join(lines)
    return '"' in text and _QUOTED_MULTILINE.search(text) is not None  # the pattern is slow to find no match


def csv_rows(lines: list[str], delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter, skipinitialspace=delimiter == ",")
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error:
        raise InputError(f"表頭之後第 {reader.line_num} 行格式錯誤（引號或欄位過長），無法讀取") from None
    return rows
