"""A table's sheets written as a file: ODS (odfpy; the government's standard editable format), XLSX
(XlsxWriter), CSV in UTF-8 with BOM (so that Excel reads it as UTF-8; the people sheet only) and JSON.
Numbers stay numbers, dates are dates (ISO format), text stays text; a cell holding several lines keeps them
(reasons, one per line). The spreadsheets open ready to read: each column as wide as its content (up to a
limit), the header row frozen with a filter button on each column."""

import csv
import io
import json
from datetime import date

FORMATS = {  # extension -> MIME type (the page's download, the CLI's --out)
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "json": "application/json",
}
# Characters a spreadsheet would take as the start of a formula: such text is written with a leading
# apostrophe in CSV (OWASP's CSV-injection advice); ODS and XLSX cells are typed as text, so never run.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_WIDEST = 60  # characters: a column of reasons wraps rather than running off the page
_DATE_FORMAT = "yyyy-mm-dd"  # as the page and the CSV write a date


def _widths(sheet) -> list:
    """Each column's width in characters (a CJK character counts two): its longest line, header included.
    A character's UTF-8 length stands for its width (1 byte: one; 3 bytes, CJK: two), which is fast enough
    for a city's table; a column already at the limit is not measured further."""
    widths = [0] * len(sheet.header)
    for row in [sheet.header, *sheet.rows]:
        for c, value in enumerate(row):
            if widths[c] >= _WIDEST or value == "":
                continue
            text = "0000-00-00" if isinstance(value, date) else str(value)
            for line in text.split("\n"):
                width = (len(line.encode()) + len(line)) // 2
                if width > widths[c]:
                    widths[c] = width
    return [min(max(w, 6) + 2, _WIDEST) for w in widths]


def _last_cell(sheet) -> str:
    """The sheet's used range's last cell, A1-style (Q13): the filter's range."""
    column, n = "", len(sheet.header)
    while n:
        n, rest = divmod(n - 1, 26)
        column = chr(65 + rest) + column
    return f"{column}{len(sheet.rows) + 1}"


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
    return json.dumps(data, ensure_ascii=False, indent=1, default=date.isoformat).encode("utf-8")


def _xlsx(sheets: list) -> bytes:
    import xlsxwriter  # only when a table is written as XLSX

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    day = book.add_format({"num_format": _DATE_FORMAT, "valign": "top"})
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
                elif isinstance(value, date):
                    page.write_datetime(r, c, value, day)
                elif value != "":
                    page.write_string(r, c, str(value), wrap)
        for c, width in enumerate(_widths(sheet)):
            page.set_column(c, c, width)
        page.autofilter(0, 0, len(sheet.rows), len(sheet.header) - 1)
    book.close()
    return out.getvalue()


# Where each sheet's rows go in odfpy's content.xml (see _ods).
_ROWS = "\ufffcrows-of-sheet-%d\ufffc"
_DAY_STYLE = "date-cell"  # a date cell's style: the date as _DATE_FORMAT


def _ods(sheets: list) -> bytes:
    """odfpy writes the package (styles, manifest, meta) and content.xml with each table's columns and no rows;
    each row is built as odfpy elements and written as XML at once (its toXml), then dropped, and put in its
    table's place. A whole sheet as one odfpy tree held 10,000 people's half a million cells at once (610 MB
    in CPython, against 220 MB this way), and odfpy's scan of that tree for the automatic styles in use took
    a third of the time: the styles the rows name are added to what that scan finds (used_styles)."""
    from odf.element import Text as Placeholder
    from odf.namespaces import STYLENS
    from odf.number import DateStyle, Day, Month, Text, Year
    from odf.opendocument import OpenDocumentSpreadsheet  # only when a table is written as ODS
    from odf.style import Style, TableColumnProperties
    from odf.table import DatabaseRange, DatabaseRanges, Table, TableColumn

    document = OpenDocumentSpreadsheet()
    iso = DateStyle(name="iso-date")  # 2027-03-04, as _DATE_FORMAT
    for part in (Year(style="long"), Text(text="-"), Month(style="long"), Text(text="-"), Day(style="long")):
        iso.addElement(part)
    document.automaticstyles.addElement(iso)
    document.automaticstyles.addElement(Style(name=_DAY_STYLE, family="table-cell", datastylename="iso-date"))
    columns, ranges = {}, DatabaseRanges()
    for n, sheet in enumerate(sheets):
        table = Table(name=sheet.title)
        for width in _widths(sheet):
            if width not in columns:  # one style per width (0.21 cm a character at the default 10 pt)
                columns[width] = Style(name=f"column-{width}", family="table-column")
                columns[width].addElement(TableColumnProperties(columnwidth=f"{width * 0.21:.2f}cm"))
                document.automaticstyles.addElement(columns[width])
            table.addElement(TableColumn(stylename=columns[width]))
        table.appendChild(Placeholder(_ROWS % n))  # after the columns, as the schema orders them
        # The filter buttons: LibreOffice's own name for a sheet's unnamed filter range.
        ranges.addElement(DatabaseRange(name=f"__Anonymous_Sheet_DB__{n}", displayfilterbuttons="true",
                                        targetrangeaddress=f"'{sheet.title}'.A1:'{sheet.title}'.{_last_cell(sheet)}"))
        document.spreadsheet.addElement(table)
    document.spreadsheet.addElement(ranges)  # after the tables, as the schema orders them
    rows = [_ods_rows(sheet) for sheet in sheets]
    used_by_tree, skeleton = document._used_auto_styles, document.contentxml

    def used_styles(segments):
        """odfpy's own scan sees the tree only: the automatic styles named in the rows are used too."""
        found = used_by_tree(segments)
        if document.body not in segments:
            return found
        return [s for s in document.automaticstyles.childNodes  # in the document's order, as odfpy's
                if s in found or any(f'-name="{s.getAttrNS(STYLENS, "name")}"' in xml for xml in rows)]

    def content() -> bytes:
        xml = skeleton().decode("utf-8")
        for index, text in enumerate(rows):
            xml = xml.replace(_ROWS % index, text, 1)
        return xml.encode("utf-8")

    document._used_auto_styles, document.contentxml = used_styles, content  # as odfpy's write() calls them
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
             "datevalue": (OFFICENS, "date-value"), "stylename": (TABLENS, "style-name"),
             "numbercolumnsrepeated": (TABLENS, "number-columns-repeated")}  # by odfpy's keyword names

    def node(name: tuple, **attributes) -> Element:
        return Element(qname=name, qattributes={known[k]: v for k, v in attributes.items()}, check_grammar=False)

    def paragraph(text: str) -> Element:
        p = node((TEXTNS, "p"))
        if "  " in text or "\t" in text:  # runs of spaces and tabs kept (text:s, text:tab)
            teletype.addTextToElement(p, text)
        else:
            p.addText(text, check_grammar=False)
        return p

    out = io.StringIO()
    cell_name = (TABLENS, "table-cell")
    for row in [sheet.header, *sheet.rows]:
        line = node((TABLENS, "table-row"))
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
            if isinstance(value, date):
                cell = node(cell_name, valuetype="date", datevalue=value.isoformat(), stylename=_DAY_STYLE)
                cell.appendChild(paragraph(value.isoformat()))
                line.appendChild(cell)
                continue
            cell = node(cell_name, valuetype="string")
            for text in str(value).split("\n"):
                cell.appendChild(paragraph(text))
            line.appendChild(cell)
        line.toXml(3, out)
    return out.getvalue()


_WRITERS = {"ods": _ods, "xlsx": _xlsx, "csv": _csv, "json": _json}
