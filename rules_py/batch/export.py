"""A table's sheets written as a file: ODS (odfpy; the government's standard editable format), XLSX
(XlsxWriter), CSV in UTF-8 with BOM (so that Excel reads it as UTF-8; the people sheet only) and JSON.
Numbers stay numbers, text stays text; a cell holding several lines keeps them (reasons, one per line)."""

import csv
import io
import json

FORMATS = {  # extension -> MIME type (the page's download, the CLI's --out)
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "json": "application/json",
}
# Characters a spreadsheet would take as the start of a formula: such text is written with a leading
# apostrophe in CSV (OWASP's CSV-injection advice); ODS and XLSX cells are typed as text, so never run.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export(sheets: list, fmt: str) -> bytes:
    """sheets: [Sheet(title, header, rows)]; fmt: one of FORMATS."""
    if fmt not in FORMATS:
        raise ValueError(f"不支援的輸出格式「{fmt}」（可用：{'、'.join(FORMATS)}）")
    return _WRITERS[fmt](sheets)


def _csv(sheets: list) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    sheet = sheets[0]
    writer.writerow(sheet.header)
    for row in sheet.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def _csv_cell(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _json(sheets: list) -> bytes:
    data = {sheet.title: [dict(zip(sheet.header, row)) for row in sheet.rows] for sheet in sheets}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def _xlsx(sheets: list) -> bytes:
    import xlsxwriter  # only when a table is written as XLSX

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    for sheet in sheets:
        page = book.add_worksheet(sheet.title)
        page.write_row(0, 0, sheet.header, bold)
        page.freeze_panes(1, 0)
        page.set_landscape()
        page.set_paper(9)  # A4
        page.fit_to_pages(1, 0)
        page.repeat_rows(0)
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    page.write_number(r, c, value, wrap)
                elif value != "":
                    page.write_string(r, c, str(value), wrap)
        page.set_column(0, len(sheet.header) - 1, 14)
    book.close()
    return out.getvalue()


def _ods(sheets: list) -> bytes:
    from odf import teletype
    from odf.opendocument import OpenDocumentSpreadsheet  # only when a table is written as ODS
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    for sheet in sheets:
        table = Table(name=sheet.title)
        for row in [sheet.header, *sheet.rows]:
            line = TableRow()
            empty = 0  # a run of empty cells is one element (odfpy builds each element slowly)
            for value in [*row, None]:
                if value == "":
                    empty += 1
                    continue
                if empty and value is not None:
                    line.addElement(TableCell(numbercolumnsrepeated=empty))
                empty = 0
                if value is None:  # the end of the row: trailing empty cells are left out
                    break
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    # A number's value is its office:value; the cell's text is left to the reader's format.
                    line.addElement(TableCell(valuetype="float", value=value))
                    continue
                cell = TableCell(valuetype="string")
                for text in str(value).split("\n"):
                    if "  " in text or "\t" in text:  # runs of spaces and tabs kept (text:s, text:tab)
                        paragraph = P()
                        teletype.addTextToElement(paragraph, text)
                    else:
                        paragraph = P(text=text)
                    cell.addElement(paragraph)
                line.addElement(cell)
            table.addElement(line)
        document.spreadsheet.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


_WRITERS = {"ods": _ods, "xlsx": _xlsx, "csv": _csv, "json": _json}
