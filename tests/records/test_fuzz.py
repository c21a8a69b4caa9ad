"""Hostile and broken input (issue 6): every call returns rows or raises InputError with a zh-TW line."""

import random
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rules_py import InputError
from rules_py.record import parse_record
from rules_py.record import RecordRow
from rules_py.record._text import _line_rows, _whole_rows, find_header

FIXTURES = Path(__file__).parent.parent / "fixtures" / "records"
# The real fixtures as text; each mutated input is then given as str or in one of the encodings staff meet.
REAL = [(FIXTURES / name).read_text(encoding) for name, encoding in (
    ("platform_page.html", "utf-8"), ("clipboard.html", "utf-8"), ("clipboard.txt", "utf-8"),
    ("record_utf8.csv", "utf-8"), ("record_big5.csv", "cp950"), ("record_excel_unicode.txt", "utf-16"),
    ("seed_sample.txt", "utf-8"))]
CJK = re.compile(r"[\u4e00-\u9fff]")
INJECTIONS = ["\t", "\n", "\r\n", ",", '"', "<td>", "</td>", "<tr>", "</table>", "<table>", "<br>",
              "<script>alert(1)</script>", "<script>", "<!--", "<![CDATA[", "<!x", "&#99999999;", "&amp",
              "<td colspan=99999999999>", "（", "）", "~", "2025-02-30 08:00:00", "\x00", "\ufeff", "\u2028",
              "<img src=x onerror=alert(1)>", "9\t", "\n12\t開放式\t", "課程名稱\t上課期間\t通過狀態"]


def _cells(text: str) -> list[str]:
    return re.split(r"(\t|,|</td>)", text)


def _mutate(text: str, operations: list[str], seed: int) -> bytes | str:
    rng = random.Random(seed)
    text = _mutate_text(text, operations, rng)
    encoding = rng.choice(["str", "utf-8", "utf-8-sig", "utf-16", "cp950"])
    return text if encoding == "str" else text.encode(encoding, "replace")


def _mutate_text(text: str, operations: list[str], rng: random.Random) -> str:
    for operation in operations:
        at = rng.randrange(len(text) + 1)
        if operation == "truncate":
            text = text[:at]
        elif operation == "cut":
            text = text[:at] + text[at + rng.randrange(1, 2000):]
        elif operation == "swap":
            parts = _cells(text)
            i, j = rng.randrange(len(parts)), rng.randrange(len(parts))
            parts[i], parts[j] = parts[j], parts[i]
            text = "".join(parts)
        elif operation == "inject":
            text = text[:at] + rng.choice(INJECTIONS) + text[at:]
        elif operation == "duplicate":
            text = text[:at] + text[at:at + rng.randrange(1, 500)] * 2 + text[at + 1:]
        elif operation == "char":
            text = text[:at] + chr(rng.randrange(1, 0x30000)) + text[at + 1:]
    return text


_OPERATION = st.sampled_from(["truncate", "cut", "swap", "inject", "duplicate", "char"])


def _mutated(most: int):
    return st.builds(_mutate, st.sampled_from(REAL), st.lists(_OPERATION, max_size=most), st.integers(0, 2**32))


# Tag soup: the record's own headers and cell values between table tags, comments and scripts.
_SOUP = st.lists(st.sampled_from(INJECTIONS + ["<tr>", "<td>", "<th>", "</tr>", "<br/>", "-->", "</script>",
                                               "<td colspan='3'>", "&nbsp;", "2025-01-01 08:00~2025-01-01 09:00",
                                               "No.", "課程名稱", "上課期間", "1", "開放式", "已通過", "1.0"]),
                 max_size=80).map(lambda parts: "<" + "".join(parts))
# Half of the inputs are mutated real records, so that they get past decoding and header detection.
INPUTS = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300),
    st.builds("\t".join, st.lists(st.text(max_size=20), max_size=30)),
    _SOUP,
    _mutated(1), _mutated(1), _mutated(6), _mutated(6),
)


def _check(data) -> None:
    try:
        rows = parse_record(data, "fuzz.txt")
    except InputError as error:
        message = str(error)
        assert message.startswith("fuzz.txt：") and len(message) > len("fuzz.txt：")
        assert CJK.search(error.message), message
        assert "\n" not in message and "\r" not in message
        return
    assert rows and all(isinstance(row, RecordRow) for row in rows)
    assert all(row.start <= row.end and row.name for row in rows)


def test_fuzz_never_raises_anything_but_input_error():
    """As many examples as the Hypothesis profile says (tests/conftest.py: 10,000 in make test)."""
    calls = 0

    @given(INPUTS)
    def run(data):
        nonlocal calls
        calls += 1
        _check(data)

    run()
    assert calls >= settings.default.max_examples


# The copied table's text: read in one split per row when it is the usual copy, else line by line.
TAB_TEXTS = [(FIXTURES / name).read_text("utf-8") for name in ("clipboard.txt", "seed_sample.txt")]


def _body(text: str) -> tuple[list[str], int]:
    """The lines below the header, and the header's width, as record._parse reads a copied table."""
    lines = text.splitlines()
    position, _, fields = find_header(lines)
    return lines[position + 1:], len(fields)


def test_the_usual_copy_is_read_in_one_split_per_row():
    usual, with_a_note_below = (_body(text) for text in TAB_TEXTS)
    assert _whole_rows("\n" + "\n".join(usual[0]), usual[1]) is not None
    assert _whole_rows("\n" + "\n".join(with_a_note_below[0]), with_a_note_below[1]) is None  # read line by line


@given(st.sampled_from(TAB_TEXTS), st.lists(_OPERATION, max_size=4), st.integers(0, 2**32), st.integers(-2, 2))
def test_one_split_per_row_reads_what_the_line_by_line_reading_reads(text, operations, seed, off_width):
    width = _body(text)[1] + off_width  # the header's width, and widths near it
    lines = _mutate_text(text, operations, random.Random(seed)).splitlines()
    whole = _whole_rows("\n" + "\n".join(lines), width)
    assert whole is None or whole == _line_rows(lines, width, True)
