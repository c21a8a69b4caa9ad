"""A spreadsheet's first sheet as rows of text cells: CSV (UTF-8, UTF-8 with BOM, Big5), ODS (odfpy), XLSX
(openpyxl). The libraries are imported here, only when such a file is read (rules_py itself is stdlib-only).

Every reader stops at a number of rows (a roster's limits.MAX_ROSTER_ROWS unless told) and MAX_ROSTER_COLUMNS
columns, and ODS/XLSX (zip files)
are checked like any .zip before a library opens them. ValueError (zh-TW) when the file can't be read."""

import csv
import io
from datetime import date, datetime, time

from rules_py.batch import limits
from rules_py.batch.sources import zip_members

ROWS, COLUMNS = limits.MAX_ROSTER_ROWS + 1, limits.MAX_ROSTER_COLUMNS  # + 1: the header row


def read_rows(name: str, data: bytes, max_rows: int = ROWS, max_bytes: int = limits.MAX_ROSTER_BYTES) -> list[list[str]]:
    """At most max_rows rows (the header's included): a caller that must not lose rows asks for one more."""
    if len(data) > max_bytes:
        raise ValueError(f"檔案太大，上限為 {max_bytes // (1024 * 1024)} MB")
    lower = name.lower()
    if lower.endswith(".ods"):
        return _ods(data, max_rows)
    if lower.endswith(".xlsx"):
        return _xlsx(data, max_rows)
    return _csv(data, max_rows)


def cell_text(value) -> str:
    """A typed cell as the text a person would have typed: dates ISO, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv(data: bytes, max_rows: int) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp950"):  # cp950: Big5 as Windows writes it
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError("無法辨識文字編碼（請存成 UTF-8 或 Big5 的 CSV）")
    if "\x00" in text:
        raise ValueError("這不是文字檔（含有空字元）")
    rows = []
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            rows.append([cell.strip() for cell in row[:COLUMNS]])
            if len(rows) >= max_rows:
                break
    except csv.Error as exc:
        raise ValueError(f"CSV 格式錯誤（{exc}）") from None
    return rows


def _container(data: bytes) -> None:
    try:
        zip_members(data, max_total=limits.MAX_ZIP_BYTES)
    except ValueError as exc:
        raise ValueError(f"試算表檔案無法開啟：{exc}") from None


def _xlsx(data: bytes, max_rows: int) -> list[list[str]]:
    _container(data)
    import openpyxl  # only for a roster in XLSX

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise ValueError("XLSX 檔已損毀或不是 Excel 活頁簿") from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for values in sheet.iter_rows(max_col=COLUMNS, values_only=True):
            rows.append([cell_text(v) for v in values])
            if len(rows) >= max_rows:
                break
        return rows
    except Exception:
        raise ValueError("XLSX 檔的工作表無法讀取") from None
    finally:
        book.close()


def _ods(data: bytes, max_rows: int) -> list[list[str]]:
    _container(data)
    from odf import teletype  # only for a roster in ODS
    from odf.opendocument import load
    from odf.table import Table, TableRow
    from odf.text import P

    try:
        document = load(io.BytesIO(data))
        tables = document.spreadsheet.getElementsByType(Table)
    except Exception:
        raise ValueError("ODS 檔已損毀或不是試算表") from None
    if not tables:
        raise ValueError("ODS 檔裡沒有工作表")
    rows = []
    for row in tables[0].getElementsByType(TableRow):
        cells = []
        for cell in row.childNodes:
            if len(cells) >= COLUMNS:
                break
            repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1) if cell.qname[1] != "covered-table-cell" \
                else 1
            value = _ods_value(cell, teletype, P)
            cells += [value] * min(repeat, COLUMNS - len(cells))
        while cells and not cells[-1]:
            cells.pop()
        repeat = int(row.getAttribute("numberrowsrepeated") or 1)
        # A sheet ends with one empty row "repeated" a million times: empty rows are not multiplied.
        rows += [cells] * (min(repeat, max_rows - len(rows)) if cells else 1)
        if len(rows) >= max_rows:
            break
    return rows


def _ods_value(cell, teletype, paragraph) -> str:
    kind = cell.getAttribute("valuetype")
    if kind == "date":
        return cell_text(datetime.fromisoformat(cell.getAttribute("datevalue")))
    if kind == "time":  # PT08H30M00S
        text = cell.getAttribute("timevalue") or ""
        hours, _, rest = text.removeprefix("PT").partition("H")
        return f"{int(hours or 0):02d}:{int(rest.partition('M')[0] or 0):02d}"
    if kind in ("float", "percentage", "currency"):
        return cell_text(float(cell.getAttribute("value")))
    return "\n".join(teletype.extractText(p) for p in cell.getElementsByType(paragraph)).strip()
