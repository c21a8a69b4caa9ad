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


# Where each sheet's rows go in odfpy's content.xml (see _ods).
_ROWS = "\ufffcrows-of-sheet-%d\ufffc"


def _ods(sheets: list) -> bytes:
    """odfpy writes the package (styles, manifest, meta) and content.xml with each table empty; each row is
    built as odfpy elements and written as XML at once (its toXml), then dropped. A whole sheet as one odfpy
    tree held 10,000 people's half a million cells at once (610 MB in CPython, against 220 MB this way), and
    odfpy's scan of that tree for the automatic styles in use took a third of the time. So a style that rows
    name must be a common style (document.styles, always written): that scan does not see the rows."""
    from odf.element import Text
    from odf.opendocument import OpenDocumentSpreadsheet  # only when a table is written as ODS
    from odf.table import Table

    document = OpenDocumentSpreadsheet()
    for index, sheet in enumerate(sheets):
        table = Table(name=sheet.title)
        table.appendChild(Text(_ROWS % index))
        document.spreadsheet.addElement(table)
    rows = [_ods_rows(sheet) for sheet in sheets]
    skeleton = document.contentxml

    def content() -> bytes:
        xml = skeleton().decode("utf-8")
        for index, text in enumerate(rows):
            xml = xml.replace(_ROWS % index, text, 1)
        return xml.encode("utf-8")

    document.contentxml = content  # what odfpy's write() puts in the package as content.xml
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def _ods_rows(sheet) -> str:
    """The sheet's header and rows as ODF table rows (XML text). Elements are made by qualified name, past
    odfpy's grammar checks (half the time): only the table's own elements and attributes, as odfpy names them."""
    from odf import teletype
    from odf.element import Element
    from odf.namespaces import OFFICENS, TABLENS, TEXTNS

    known = {"valuetype": (OFFICENS, "value-type"), "value": (OFFICENS, "value"),
             "numbercolumnsrepeated": (TABLENS, "number-columns-repeated")}  # by odfpy's keyword names

    def node(name: tuple, **attributes) -> Element:
        return Element(qname=name, qattributes={known[k]: v for k, v in attributes.items()}, check_grammar=False)

    out = io.StringIO()
    row_name, cell_name, p_name = (TABLENS, "table-row"), (TABLENS, "table-cell"), (TEXTNS, "p")
    for row in [sheet.header, *sheet.rows]:
        line = node(row_name)
        empty = 0  # a run of empty cells is one element
        for value in [*row, None]:
            if value == "":
                empty += 1
                continue
            if empty and value is not None:
                line.appendChild(node(cell_name, numbercolumnsrepeated=empty))
            empty = 0
            if value is None:  # the end of the row: trailing empty cells are left out
                break
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                # A number's value is its office:value; the cell's text is left to the reader's format.
                line.appendChild(node(cell_name, valuetype="float", value=value))
                continue
            cell = node(cell_name, valuetype="string")
            for text in str(value).split("\n"):
                paragraph = node(p_name)
                if "  " in text or "\t" in text:  # runs of spaces and tabs kept (text:s, text:tab)
                    teletype.addTextToElement(paragraph, text)
                else:
                    paragraph.addText(text, check_grammar=False)
                cell.appendChild(paragraph)
            line.appendChild(cell)
        line.toXml(3, out)
    return out.getvalue()


_WRITERS = {"ods": _ods, "xlsx": _xlsx, "csv": _csv, "json": _json}
