"""The application forms as an editable ODF text document (.odt), the government's standard format for
editable files: one form per A4 page, made from the same sheets as the printed page (rules_py.form_sheet).

The build makes each bundle's blank form with it (CPython); the checker's worker makes the person's filled
forms (Pyodide, with the site's own odfpy wheel loaded on demand). odfpy is imported only when a document
is made, so that importing rules_py stays standard-library only.

Plain ODF: standard paragraph styles (Standard, Heading 1, Table Contents, Table Heading), an A4 page,
and a CJK font declared with a generic fallback (a reader without it substitutes a sans-serif font).
"""

import io
import json
import zipfile

from rules_py.form_sheet import fill_sheet, time_text

FONT = "Noto Sans CJK TC"
PAGE = {"pagewidth": "21cm", "pageheight": "29.7cm", "printorientation": "portrait",
        "margintop": "1.5cm", "marginbottom": "1.5cm", "marginleft": "1.8cm", "marginright": "1.8cm"}
# The course table's columns (編號, 課程名稱, 時數, 時間(起), 時間(迄)), in cm of the 17.4 cm text width.
COLUMN_WIDTHS = ("1.1cm", "5.2cm", "1.1cm", "5cm", "5cm")
MIME = "application/vnd.oasis.opendocument.text"


def leave_forms_odt(sheets: list[dict]) -> bytes:
    """One .odt holding each sheet's form, each on its own page."""
    from odf.opendocument import OpenDocumentText  # lazily: see the module's docstring

    doc = OpenDocumentText()
    styles = _Styles(doc)
    for i, sheet in enumerate(sheets):
        _add_form(doc.text, styles, sheet, number=i + 1)
    out = io.BytesIO()
    doc.write(out)
    return _dated_1980(out.getvalue())


def _dated_1980(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01 (odfpy writes the time of writing), so that the same
    forms make the same bytes: a rebuilt site with unchanged forms keeps its service worker's version."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = entry.compress_type  # mimetype stays first and stored, as ODF requires
            target.writestr(fixed, source.read(entry))
    return out.getvalue()


def leave_forms_odt_json(request: str) -> bytes:
    """For the checker's worker: {"unit", "name", "forms": [{"sheet": blank sheet, "rows": the rules'
    form rows}]} -> the .odt of the filled forms."""
    data = json.loads(request)
    sheets = [fill_sheet(form["sheet"], data.get("unit", ""), data.get("name", ""), form["rows"])
              for form in data["forms"]]
    return leave_forms_odt(sheets)


async def leave_forms_odt_in_pyodide(request: str) -> bytes:
    """leave_forms_odt_json in the page's Pyodide: odfpy comes from the site's own lock, the first time
    it is needed (the checker does not load it at start)."""
    import pyodide_js  # Pyodide's JavaScript API: this function runs only there

    await pyodide_js.loadPackage("odfpy")
    return leave_forms_odt_json(request)


class _Styles:
    """The document's named styles (in styles.xml, so that a reader can edit them) and its page."""

    def __init__(self, doc):
        from odf.style import (FontFace, ListLevelLabelAlignment, ListLevelProperties, MasterPage, PageLayout, PageLayoutProperties,
                               ParagraphProperties, Style, TableCellProperties, TableColumnProperties,
                               TableProperties, TableRowProperties, TextProperties)
        from odf.text import ListLevelStyleNumber, ListStyle

        doc.fontfacedecls.addElement(FontFace(name=FONT, fontfamily=f"'{FONT}'", fontfamilygeneric="swiss",
                                              fontpitch="variable"))
        text = {"fontname": FONT, "fontnameasian": FONT, "fontnamecomplex": FONT, "fontsize": "11pt",
                "fontsizeasian": "11pt", "language": "zh", "country": "TW", "languageasian": "zh",
                "countryasian": "TW"}

        def style(name, display, family="paragraph", parent=None, paragraph=None, text_props=None, **extra):
            s = Style(name=name, displayname=display, family=family, **({"parentstylename": parent} if parent else {}),
                      **extra)
            if paragraph:
                s.addElement(ParagraphProperties(**paragraph))
            if text_props:
                s.addElement(TextProperties(**text_props))
            doc.styles.addElement(s)
            return s

        self.standard = style("Standard", "Standard", text_props=text, attributes={"class": "text"})
        self.heading = style("Heading_20_1", "Heading 1", parent="Standard", defaultoutlinelevel="1",
                             paragraph={"textalign": "center", "margintop": "0cm", "marginbottom": "0.4cm"},
                             text_props={"fontsize": "16pt", "fontsizeasian": "16pt", "fontweight": "bold",
                                         "fontweightasian": "bold"})
        # A later form starts on a new page (a style of its own: the first form must not leave a blank page).
        self.heading_new_page = style("Heading_20_1_20_New_20_Page", "Heading 1 New Page", parent="Heading_20_1",
                                      paragraph={"breakbefore": "page"})
        self.contents = style("Table_20_Contents", "Table Contents", parent="Standard",
                              text_props={"fontsize": "10pt", "fontsizeasian": "10pt"})
        self.table_heading = style("Table_20_Heading", "Table Heading", parent="Table_20_Contents",
                                   paragraph={"textalign": "center"},
                                   text_props={"fontweight": "bold", "fontweightasian": "bold"})
        self.notes_heading = style("Notes_20_Heading", "Notes Heading", parent="Standard",
                                   paragraph={"margintop": "0.3cm"},
                                   text_props={"fontweight": "bold", "fontweightasian": "bold"})

        # Automatic styles: the tables' geometry (not something a reader restyles).
        border = "0.5pt solid #000000"
        self.table = Style(name="FormTable", family="table")
        self.table.addElement(TableProperties(width="17.4cm", align="margins"))
        doc.automaticstyles.addElement(self.table)
        self.columns = []
        for i, width in enumerate(COLUMN_WIDTHS):
            column = Style(name=f"FormTable.C{i}", family="table-column")
            column.addElement(TableColumnProperties(columnwidth=width))
            doc.automaticstyles.addElement(column)
            self.columns.append(column)
        self.cell = Style(name="FormTable.Cell", family="table-cell")
        self.cell.addElement(TableCellProperties(border=border, padding="0.08cm"))
        doc.automaticstyles.addElement(self.cell)
        self.signature_row = Style(name="Signatures.Row", family="table-row")
        self.signature_row.addElement(TableRowProperties(minrowheight="3cm"))
        doc.automaticstyles.addElement(self.signature_row)
        self.signature_column = Style(name="Signatures.C", family="table-column")
        self.signature_column.addElement(TableColumnProperties(columnwidth="5.8cm"))
        doc.automaticstyles.addElement(self.signature_column)

        self.numbered = ListStyle(name="Numbering_20_123", displayname="Numbering 123")
        level = ListLevelStyleNumber(level=1, numformat="1", numsuffix=".")
        position = ListLevelProperties(listlevelpositionandspacemode="label-alignment")
        position.addElement(ListLevelLabelAlignment(labelfollowedby="listtab", listtabstopposition="0.7cm",
                                                    textindent="-0.7cm", marginleft="0.7cm"))
        level.addElement(position)
        self.numbered.addElement(level)
        doc.styles.addElement(self.numbered)

        layout = PageLayout(name="A4")
        layout.addElement(PageLayoutProperties(**PAGE))
        doc.automaticstyles.addElement(layout)
        doc.masterstyles.addElement(MasterPage(name="Standard", pagelayoutname=layout))


def _add_form(body, styles: _Styles, sheet: dict, number: int) -> None:
    from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
    from odf.text import H, List, ListItem, P

    def cell(text, style=styles.contents):
        c = TableCell(stylename=styles.cell, valuetype="string")
        c.addElement(P(stylename=style, text=str(text)))
        return c

    body.addElement(H(outlinelevel=1, stylename=styles.heading if number == 1 else styles.heading_new_page,
                      text=sheet["title"]))
    who = f"{sheet['unit_label']}：{sheet['unit'] or '　' * 8}　　{sheet['name_label']}：{sheet['name'] or '　' * 6}"
    body.addElement(P(stylename=styles.standard, text=who))
    body.addElement(P(stylename=styles.standard, text=f"{sheet['bundle_label']}：{sheet['bundle']}"))

    table = Table(name=f"Courses{number}", stylename=styles.table)
    for column in styles.columns:
        table.addElement(TableColumn(stylename=column))
    header = TableHeaderRows()
    row = TableRow()
    for label in sheet["columns"]:
        row.addElement(cell(label, styles.table_heading))
    header.addElement(row)
    table.addElement(header)
    units = sheet["time_units"]
    for course in sheet["rows"]:
        row = TableRow()
        for value in (course["no"], course["course"], course["hours"],
                      time_text(course["start"], units), time_text(course["end"], units)):
            row.addElement(cell(value))
        table.addElement(row)
    body.addElement(table)

    body.addElement(P(stylename=styles.notes_heading, text=sheet["notes_heading"]))
    notes = List(stylename=styles.numbered)
    for note in sheet["notes"]:
        item = ListItem()
        item.addElement(P(stylename=styles.standard, text=note))
        notes.addElement(item)
    body.addElement(notes)

    signatures = Table(name=f"Signatures{number}", stylename=styles.table)
    signatures.addElement(TableColumn(stylename=styles.signature_column, numbercolumnsrepeated=len(sheet["signatures"])))
    row = TableRow(stylename=styles.signature_row)
    for label in sheet["signatures"]:
        row.addElement(cell(f"{label}：", styles.table_heading))
    signatures.addElement(row)
    body.addElement(signatures)
