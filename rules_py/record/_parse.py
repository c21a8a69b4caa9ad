"""parse_record: the platform's learning record (學習紀錄) in any form staff have -> RecordRow list.

Forms, told apart by content alone:
  * HTML (the saved record page, or the clipboard's HTML of a copied table): the text starts with "<".
    The record table is the first table with a header row naming the record's columns; failing that, the
    first table whose rows have the platform's 12 cells and start with a number (a copy of body rows only).
  * Tab-separated text (the clipboard's plain text): the header line has tabs between column names, or
    there is no header and rows start with "No.<tab>" and have the platform's 12 columns in order.
    A multi-line cell spills over several lines; the lines are joined back into that cell.
  * CSV (UTF-8, UTF-8 with BOM or Big5): the header line has commas between column names. A CSV must
    have its header.
Columns are found by their header after NFKC and removing spaces, in any order; extra columns are ignored.
Blank rows and one-cell rows (「查無資料」, a pager) are not course rows. Any other row that cannot be
read is a fault, never dropped: InputError names the row (第 N 列, counted from the first course row),
the column and the value.
"""

from operator import itemgetter

from rules_py._errors import InputError
from rules_py.record._columns import COLUMNS, column_index, header_fields, platform_order
from rules_py.record._decode import MAX_RECORD_BYTES, to_text
from rules_py.record._fields import build_row, row_problem, single_line
from rules_py.record._html import has_table, html_tables
from rules_py.record._pdf import is_pdf, pdf_tables
from rules_py.record._text import csv_rows, find_header, has_row_start, quoted_cells, text_rows
from rules_py.record._row import RecordRow

__all__ = ["MAX_RECORD_BYTES", "parse_record", "read_record"]

# The record table: column positions, the header's width, and the rows below the header.
_Table = tuple[dict[str, int], int, list[list[str]]]

_NO_TABLE = "找不到學習紀錄表格：需要含 No.、課程類型、課程名稱、上課期間等欄位的表頭，或從平臺「學習紀錄」頁面整個複製的表格"


def parse_record(data: bytes | str, filename: str | None = None) -> list[RecordRow]:
    """The record's course rows in order. InputError (str(e) is "filename：problem") when unusable."""
    rows, problems = read_record(data, filename)
    if problems:
        raise InputError(problems[0]["message"], where=single_line(filename) if filename is not None else None)
    return rows


def read_record(data: bytes | str, filename: str | None = None) -> tuple[list[RecordRow], list[dict]]:
    """(the rows that can be read, the rows that cannot: row_problem's dicts), so that one bad row does not
    lose the others. InputError when the record as a whole cannot be read (no table, a row of other width)."""
    try:
        if is_pdf(data):
            return _course_rows(_record_table(pdf_tables(bytes(data)), "PDF 中"))
        return _parse(to_text(data))
    except InputError as error:
        if filename is None:
            raise
        raise InputError(error.message, where=single_line(filename)) from None


def _parse(text: str) -> tuple[list[RecordRow], list[dict]]:
    return _course_rows(_from_html(text) if text.lstrip().startswith("<") else _from_text(text))


def _looks_like_headerless(rows: list[list[str]]) -> bool:
    first = next((row for row in rows if any(cell.strip() for cell in row)), None)
    return first is not None and len(first) == len(COLUMNS) and first[0].strip().isdecimal()


def _from_html(text: str) -> _Table:
    if not has_table(text):
        raise InputError("網頁中沒有任何表格，找不到學習紀錄；請在平臺的「個人專區 → 學習紀錄」頁面儲存或複製")
    return _record_table(html_tables(text), "網頁中")


def _record_table(tables: list[list[list[str]]], where: str) -> _Table:
    """The record table among tables (rows of cells): the first with the record's header row, or else the
    first whose rows are the platform's 12 cells starting with a number."""
    for rows in tables:
        for position, row in enumerate(rows):
            fields = header_fields(row)
            if fields:
                return column_index(fields), len(fields), rows[position + 1:]
    for rows in tables:
        if _looks_like_headerless(rows):
            return platform_order(), len(COLUMNS), rows
    raise InputError(where + _NO_TABLE)


def _from_text(text: str) -> _Table:
    lines = text.splitlines()
    header = find_header(lines)
    if header is not None:
        position, delimiter, fields = header
        index, width, body = column_index(fields), len(fields), lines[position + 1:]
        numbered = fields[0] == "no"
    elif has_row_start(lines):  # rows copied without the header: the platform's 12 columns in order
        index, width, body, delimiter, numbered = platform_order(), len(COLUMNS), lines, "\t", True
    else:
        raise InputError(_NO_TABLE)
    if delimiter == "," or quoted_cells(body):
        return index, width, csv_rows(body, delimiter)
    return index, width, text_rows(body, width, numbered)


def _course_rows(table: _Table) -> tuple[list[RecordRow], list[dict]]:
    index, width, rows = table
    pick = itemgetter(*(index[field] for field, _ in COLUMNS))  # a row's cells in the order of COLUMNS
    records: list[RecordRow] = []
    problems: list[dict] = []
    for cells in rows:
        if _at_most_one_cell(cells):
            continue  # a blank row, or a one-cell message such as 「查無資料」 or 「共 7 筆」
        line = len(records) + len(problems) + 1
        if len(cells) < width or any(map(str.strip, cells[width:])):
            # Cells out of place: the table itself is misread, not one row.
            raise InputError(f"第 {line} 列有 {len(cells)} 欄，應有 {width} 欄，無法對應欄位")
        picked = pick(cells)
        try:
            records.append(build_row(line, picked))
        except InputError as error:  # this row's fields: the others are still read
            problems.append(row_problem(line, picked, error))
    if not records and not problems:
        raise InputError("學習紀錄表格只有表頭，沒有任何課程列")
    return records, problems


def _at_most_one_cell(cells: list[str]) -> bool:
    filled = filter(str.strip, cells)  # lazily: a course row stops at its second cell
    return next(filled, None) is None or next(filled, None) is None
