"""HTML (a saved record page or the clipboard's HTML) -> the tables in it, as rows of cell texts."""

import re
from html.parser import HTMLParser

from rules_py._record_fields import cell_lines

# Their content is never cell text.
_SKIPPED = frozenset(("script", "style", "template", "noscript"))
# Elements that break a line inside a cell (like <br>), as a browser renders them.
_BLOCKS = frozenset(("p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
                     "blockquote", "pre", "section", "article", "header", "footer", "address", "hr"))
_TABLE_TAG = re.compile(r"<(?:table|tr|td|th)[\s>/]", re.IGNORECASE)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_SPAN = re.compile(r"[0-9]{1,3}")
_MAX_COLSPAN = 20


class _Table:
    def __init__(self):
        self.rows: list[list[str]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.span = 1

    def close_cell(self):
        if self.cell is not None:
            text = "\n".join(cell_lines("".join(self.cell)))
            if self.row is None:  # a cell outside any <tr>: browsers open a row for it
                self.row = []
            self.row.append(text)
            self.row.extend("" for _ in range(self.span - 1))
            self.cell = None

    def close_row(self):
        self.close_cell()
        if self.row is not None:
            self.rows.append(self.row)
            self.row = None


class _TableCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[_Table] = []
        self.open: list[_Table] = []
        self.skip = 0

    def parse_marked_section(self, i, report=1):
        # As browsers do in HTML: <![CDATA[…]]>, <![if …]> and the like are bogus comments ending at ">".
        # (html.parser would raise AssertionError on an unknown keyword.)
        end = self.rawdata.find(">", i + 3)
        return -1 if end < 0 else end + 1

    def _cell(self) -> list[str] | None:
        return self.open[-1].cell if self.open else None

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skip += 1
            return
        if tag == "table" or (tag in ("tr", "td", "th") and not self.open):
            # A fragment may start at a row or a cell, without its <table>: read it as a table anyway.
            table = _Table()
            self.tables.append(table)
            self.open.append(table)
        if not self.open or tag == "table":
            return
        if tag == "tr":
            self.open[-1].close_row()
            self.open[-1].row = []
        elif tag in ("td", "th"):
            table = self.open[-1]
            table.close_cell()
            table.cell = []
            span = (dict(attrs).get("colspan") or "").strip()
            table.span = min(max(int(span), 1), _MAX_COLSPAN) if _SPAN.fullmatch(span) else 1
        elif tag == "br" or tag in _BLOCKS:
            self._newline()

    def handle_startendtag(self, tag, attrs):
        if tag in _SKIPPED:
            return  # <script/> opens nothing
        self.handle_starttag(tag, attrs)
        if tag == "table":
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif not self.open:
            return
        elif tag == "table":
            self.open.pop().close_row()
        elif tag == "tr":
            self.open[-1].close_row()
        elif tag in ("td", "th"):
            self.open[-1].close_cell()
        elif tag in _BLOCKS:
            self._newline()

    def _newline(self):
        cell = self._cell()
        if cell is not None:
            cell.append("\n")

    def handle_data(self, data):
        cell = self._cell()
        if cell is not None and not self.skip:
            cell.append(_HTML_SPACE.sub(" ", data))


def has_table(text: str) -> bool:
    """Cheap check first, so that a large page without any table is refused at once."""
    return _TABLE_TAG.search(text) is not None


def html_tables(text: str) -> list[list[list[str]]]:
    """Every table in the document, each a list of rows of cell texts (lines joined by newlines)."""
    collector = _TableCollector()
    collector.feed(text)
    collector.close()
    for table in reversed(collector.open):  # tables the document never closed
        table.close_row()
    return [table.rows for table in collector.tables]
