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

Modules: _decode (bytes -> text), _columns (the header), _html and _text (tables out of HTML, tab-separated
text and CSV), _fields (cells -> RecordRow), _parse (the whole), _mappings (rows given as mappings).
"""

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


__all__ = ["MAX_RECORD_BYTES", "RecordRow", "chosen_courses", "parse_record", "read_record", "rows_from_mappings"]
