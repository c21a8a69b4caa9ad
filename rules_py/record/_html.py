"""HTML (a saved record page or the clipboard's HTML) -> the tables in it, as rows of cell texts.

A small tokenizer in one regular expression instead of html.parser: it is several times faster on a
500-row page, never raises, and stays linear on hostile input (possessive quantifiers, and a tag or
comment left open runs to the end of the text as it does in a browser).
"""

import re
from html import unescape

from rules_py.record._fields import cell_lines

_TOKEN = re.compile(
    r"""
      <!--.*?(?:--!?>|\Z)                                  # a comment
    | <(?P<raw>script|style|template|noscript|textarea|title)\b[^>]*+(?:>.*?(?:</(?P=raw)\s*>|\Z)|\Z)
                                                           # an element whose content is never cell text
    | <(?P<end>/?)(?P<name>[a-zA-Z][^\s/>]*+)(?:[^>"']|"[^"]*+"|'[^']*+')*+(?:>|\Z)
                                                           # a start or end tag (attributes skipped)
    | <[!?/][^>]*+(?:>|\Z)                                 # <!DOCTYPE>, <![CDATA[…]]>, <?…?>, </ >
    """,
    re.DOTALL | re.IGNORECASE | re.VERBOSE,
)
_COLSPAN = re.compile(r"""\scolspan\s*=\s*["']?\s*([0-9]{1,3})(?![0-9])""", re.IGNORECASE)
_TABLE_TAG = re.compile(r"<(?:table|tr|td|th)[\s>/]", re.IGNORECASE)
# Elements that break a line inside a cell (like <br>), as a browser renders them.
_BLOCKS = frozenset(("br", "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
                     "blockquote", "pre", "section", "article", "header", "footer", "address", "hr"))
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
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


class _Tables:
    """Builds the tables from the tokens; tables nest (a layout table around the record table)."""

    def __init__(self):
        self.tables: list[_Table] = []
        self.open: list[_Table] = []

    def start(self, tag: str, tag_text: str):
        if tag == "table" or (tag in ("tr", "td", "th") and not self.open):
            # A fragment may start at a row or a cell, without its <table>: read it as a table anyway.
            self.open.append(_Table())
            self.tables.append(self.open[-1])
        if not self.open or tag == "table":
            return
        table = self.open[-1]
        if tag == "tr":
            table.close_row()
            table.row = []
        elif tag in ("td", "th"):
            table.close_cell()
            table.cell = []
            span = _COLSPAN.search(tag_text)
            table.span = min(max(int(span.group(1)), 1), _MAX_COLSPAN) if span else 1
        elif tag in _BLOCKS:
            self.newline()

    def end(self, tag: str):
        if not self.open:
            return
        if tag == "table":
            self.open.pop().close_row()
        elif tag == "tr":
            self.open[-1].close_row()
        elif tag in ("td", "th"):
            self.open[-1].close_cell()
        elif tag in _BLOCKS:
            self.newline()

    def newline(self):
        if self.open and self.open[-1].cell is not None:
            self.open[-1].cell.append("\n")

    def data(self, text: str):
        if self.open and self.open[-1].cell is not None:
            self.open[-1].cell.append(_HTML_SPACE.sub(" ", unescape(text) if "&" in text else text))

    def finish(self) -> list[list[list[str]]]:
        for table in reversed(self.open):  # tables the document never closed
            table.close_row()
        return [table.rows for table in self.tables]


def has_table(text: str) -> bool:
    """Cheap check first, so that a large page without any table is refused at once."""
    return _TABLE_TAG.search(text) is not None


def html_tables(text: str) -> list[list[list[str]]]:
    """Every table in the document, each a list of rows of cell texts (lines joined by newlines)."""
    tables = _Tables()
    position = 0
    for token in _TOKEN.finditer(text):
        if token.start() > position:
            tables.data(text[position:token.start()])
        position = token.end()
        name = token.group("name")
        if name is None:
            continue  # a comment, a declaration, or script and the like with their content
        if token.group("end"):
            tables.end(name.lower())
        else:
            tables.start(name.lower(), token.group(0))
    if position < len(text):
        tables.data(text[position:])
    return tables.finish()
