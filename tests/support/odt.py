"""Reading an .odt back with odfpy, as the tests check what a person would see in it."""

import io

from odf import teletype
from odf.opendocument import load
from odf.table import TableRow
from odf.text import H, ListItem, P


def odt_text(data: bytes) -> dict:
    """{"headings": [...], "paragraphs": [...], "rows": [[cell text, ...], ...], "items": [...]} in document
    order (table cells and list items are paragraphs too)."""
    doc = load(io.BytesIO(data))
    body = doc.text
    return {
        "headings": [teletype.extractText(h) for h in body.getElementsByType(H)],
        "paragraphs": [teletype.extractText(p) for p in body.getElementsByType(P)],
        "rows": [[teletype.extractText(c) for c in row.childNodes] for row in body.getElementsByType(TableRow)],
        "items": [teletype.extractText(i) for i in body.getElementsByType(ListItem)],
    }
