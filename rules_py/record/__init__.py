"""The platform's learning record (學習紀錄) read into rows: the public part of rules_py.record.

    parse_record(data, filename=None) -> [RecordRow]
        data: bytes or str — the saved record page (HTML), the clipboard's HTML or plain text of the copied
        table, or a CSV (UTF-8, UTF-8 with BOM, Big5); the form is told apart by content (see _parse).
        InputError (zh-TW, naming 第 N 列 and the column) when the record cannot be read.
    read_record(data, filename=None) -> ([RecordRow], [problem])
        the same, but a row whose fields cannot be read (a date that does not exist, an end before its
        start) is a problem dict (line, no, name, code, period as written, status, ..., message) beside the
        rows read, not an error for the whole record.
    rows_from_mappings(items) -> [RecordRow]
        rows given as mappings with RecordRow's field names (check()'s `rows`, case files); a time with a
        UTC offset is converted to Taiwan time (UTC+8).
    chosen_courses(items) -> [str | None]
        each mapping's chosen_course: the catalogue course (code or name) the person picked for the row.
    RecordRow         one course row (fields in _row._NAMES), frozen, compared by its fields
    MAX_RECORD_BYTES  the largest record accepted
    needs_pdf_reader(data) -> bool, load_pdf_reader() (async)
        a record printed to PDF is read with pypdf (pyproject.toml's `page` group): in the page's Pyodide
        its wheel comes from the site's own lock, loaded by load_pdf_reader the first time a PDF arrives.

Modules: _decode (bytes -> text), _columns (the header), _html and _text (tables out of HTML, tab-separated
text and CSV), _pdf and _radicals (tables out of a PDF's text and borders), _fields (cells -> RecordRow),
_parse (the whole), _mappings (rows given as mappings).
"""

import sys

from rules_py.record._decode import MAX_RECORD_BYTES
from rules_py.record._mappings import chosen_courses, rows_from_mappings
from rules_py.record._row import RecordRow


def parse_record(data, filename: str | None = None) -> list:
    # Imported here: the parsers (html.entities above all) cost more in Pyodide than a whole check of rows.
    from rules_py.record._parse import parse_record as parse

    return parse(data, filename)


def read_record(data, filename: str | None = None) -> tuple:
    from rules_py.record._parse import read_record as read

    return read(data, filename)


def needs_pdf_reader(data) -> bool:
    """True in the page's Pyodide when data is a PDF and pypdf is not loaded yet (then await load_pdf_reader())."""
    if sys.platform != "emscripten" or "pypdf" in sys.modules:
        return False
    from importlib.util import find_spec

    from rules_py.record._pdf import is_pdf

    return is_pdf(data) and find_spec("pypdf") is None


async def load_pdf_reader() -> None:
    """In the page's Pyodide: pypdf's wheel from the site's own pyodide-lock.json (never at start)."""
    import pyodide_js  # Pyodide's JavaScript API: this function runs only there

    await pyodide_js.loadPackage("pypdf")


__all__ = ["MAX_RECORD_BYTES", "RecordRow", "chosen_courses", "load_pdf_reader", "needs_pdf_reader", "parse_record",
           "read_record", "rows_from_mappings"]
