"""Spreadsheets read back with the libraries an officer's software stands for: odfpy for ODS, openpyxl for
XLSX (not the writers the page uses), into {sheet title: rows of cells}; a number as int when whole; a date
as a date (CSV and JSON, which have none, write it as ISO text: read back as a date)."""

import csv
import io
import json
import re
from datetime import date, datetime

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return date.fromisoformat(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _trim(rows):
    return [list(r) for r in rows if any(c != "" for c in r)]


def read_xlsx(data: bytes) -> dict:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: _trim([[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)])
            for sheet in book.worksheets}


def read_ods(data: bytes) -> dict:
    from odf import teletype
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    sheets = {}
    for table in load(io.BytesIO(data)).spreadsheet.getElementsByType(Table):
        rows = []
        for row in table.getElementsByType(TableRow):
            cells = []
            for cell in row.getElementsByType(TableCell):
                repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
                if cell.getAttribute("valuetype") == "float":
                    value = _cell(float(cell.getAttribute("value")))
                elif cell.getAttribute("valuetype") == "date":
                    value = date.fromisoformat(cell.getAttribute("datevalue")[:10])
                else:
                    value = "\n".join(teletype.extractText(p) for p in cell.getElementsByType(P))
                cells += [value] * repeat
            rows.append(cells)
        sheets[table.getAttribute("name")] = _trim(rows)
    return sheets


def read_csv(data: bytes) -> list:
    assert data.startswith(b"\xef\xbb\xbf"), "CSV 應以 UTF-8 BOM 開頭（Excel 才會以 UTF-8 開啟）"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return _trim([[_number(c) for c in r] for r in rows])


def _number(text: str):
    try:
        return int(text)
    except ValueError:
        try:
            return _cell(float(text))
        except ValueError:
            return _cell(text)


def read_json(data: bytes) -> dict:
    content = json.loads(data)
    return {title: [list(rows[0])] + [[_cell(v) for v in r.values()] for r in rows] if rows else []
            for title, rows in content.items()}


def table_cells(table) -> dict:
    """The batch table's own cells, as they should read back."""
    return {s.title: _trim([[_cell(v) for v in row] for row in [s.header, *s.rows]]) for s in table.sheets()}
