"""Records printed to PDF (tests/fixtures/pdf, made by its make.py): the rows and the verdict of the HTML each
was printed from, by Chromium and Firefox, portrait and landscape, with and without the browser's header and
footer, rows over several pages; and a message of its own for each PDF that cannot be a record."""

import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import rules_py
from rules_py import InputError
from rules_py.record import needs_pdf_reader, parse_record
from rules_py.record._radicals import ideographs
from tests.fixtures.pdf import make

PDF = Path(__file__).resolve().parent.parent / "fixtures" / "pdf"
PRINTS = sorted(path.name for path in PDF.glob("*.pdf") if path.name.startswith(("chromium_", "firefox_")))
TODAY = "2026-12-02"


_source = make.source


def _squeezed(value):
    """Whitespace left out of every string: a wrapped line of a PDF cell may come back with or without a space
    where the page had none ("操作— ChatGPT"), and 通過條件's lines may break elsewhere."""
    if isinstance(value, str):
        return re.sub(r"\s", "", value)
    if isinstance(value, list):
        return [_squeezed(item) for item in value]
    if isinstance(value, dict):
        return {key: _squeezed(item) for key, item in value.items()}
    return value


def _fields(row):
    return {name: _squeezed(value) for name, value in row.__dict__.items()}


def test_the_fixtures_cover_both_browsers_both_orientations_and_the_header():
    assert {name.split("_")[0] for name in PRINTS} == {"chromium", "firefox"}
    assert any("landscape" in name for name in PRINTS) and any("portrait" in name for name in PRINTS)
    assert any("header" in name for name in PRINTS) and any("header" not in name for name in PRINTS)
    assert all((PDF / name).stat().st_size < 500 * 1024 for name in PRINTS)


@pytest.mark.parametrize("name", PRINTS)
def test_a_printed_record_reads_back_to_the_rows_of_its_page(name):
    rows, page = parse_record((PDF / name).read_bytes()), parse_record(_source(name))
    assert len(rows) == len(page) in (25, 60)
    assert [_fields(row) for row in rows] == [_fields(row) for row in page]
    # Everything but the wrapped cells comes back exactly, the course codes and times above all.
    for row, source in zip(rows, page):
        assert (row.no, row.code, row.start, row.end, row.status, row.credit_hours, row.upload_time) == (
            source.no, source.code, source.start, source.end, source.status, source.credit_hours, source.upload_time)


@pytest.mark.parametrize("name", PRINTS)
def test_a_printed_record_gets_the_verdict_of_its_page(name):
    def verdict(data: bytes, filename: str):
        import base64

        request = {"record_base64": base64.b64encode(data).decode(), "filename": filename, "today": TODAY}
        return json.loads(rules_py.check_json(json.dumps(request)))

    answer = verdict((PDF / name).read_bytes(), name)
    assert "error" not in answer
    assert _squeezed(answer) == _squeezed(verdict(_source(name), "record.html"))


def test_the_long_name_wrapped_over_three_lines_comes_back_whole():
    rows = parse_record((PDF / "chromium_25_portrait.pdf").read_bytes())
    assert rows[-1].name == "高雄市政府為民服務：從民眾需求出發的服務設計、流程改造與跨機關協作實務工作坊（進階班）"
    assert rows[-1].code == "PKCG113199999"


def test_radicals_in_the_text_layer_become_ideographs():
    # Chromium's Type 3 fonts (Noto Sans CJK) map 高 to ⾼ U+2FBC and 民 to ⺠ U+2EA0, where it writes no /ActualText.
    names = [row.name for row in parse_record((PDF / "chromium_25_noto_header.pdf").read_bytes())]
    assert "高雄市政府為民服務：從民眾需求出發的服務設計、流程改造與跨機關協作實務工作坊（進階班）" in names
    assert not any(0x2E80 <= ord(char) <= 0x2FDF for name in names for char in name)
    assert ideographs("⾼雄⺠眾⻑") == "高雄民眾長"  # Kangxi by NFKC, the supplement by the table
    assert ideographs("一般文字 ABC（）") == "一般文字 ABC（）"


@pytest.mark.parametrize("name, words", [
    ("scanned.pdf", ["沒有可讀取的文字", "掃描", "另存為 PDF"]),
    ("encrypted.pdf", ["密碼", "加密"]),
    ("not_a_record.pdf", ["PDF 中找不到學習紀錄表格"]),
])
def test_a_pdf_that_is_no_record_says_what_it_is(name, words):
    with pytest.raises(InputError) as caught:
        parse_record((PDF / name).read_bytes(), filename=name)
    assert str(caught.value).startswith(f"{name}：")
    assert all(word in caught.value.message for word in words)


@pytest.mark.parametrize("cut", [10, 1000, 0.5, 0.99])
def test_a_cut_off_pdf_is_named_as_one(cut):
    data = (PDF / "firefox_25_landscape.pdf").read_bytes()
    with pytest.raises(InputError, match="PDF 檔不完整"):
        parse_record(data[:int(len(data) * cut) if cut < 1 else cut])


def test_without_pypdf_the_message_says_what_is_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdf", None)  # import pypdf then raises ImportError
    with pytest.raises(InputError, match="需要 pypdf"):
        parse_record((PDF / "firefox_25_landscape.pdf").read_bytes())


def test_a_pdf_reader_is_needed_only_in_the_page():
    assert not needs_pdf_reader((PDF / "firefox_25_landscape.pdf").read_bytes())  # CPython has pypdf


# ------------------------------------------------------------------------------------------- fuzzing


def _tiny_pdf(stream: bytes) -> bytes:
    """A one-page PDF of this content stream, with Helvetica: small enough to fuzz quickly."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _grid_stream(cells: list[list[str]]) -> bytes:
    """A bordered table of ASCII cells, 100 points a column and 20 a row, the way a browser prints one."""
    ops = []
    top = 800
    for r in range(len(cells) + 1):
        ops.append(b"50 %d %d 1 re f" % (top - 20 * r, 100 * len(cells[0])))
    for c in range(len(cells[0]) + 1):
        ops.append(b"%d %d 1 %d re f" % (50 + 100 * c, top - 20 * len(cells), 20 * len(cells)))
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            ops.append(b"BT /F1 9 Tf %d %d Td (%s) Tj ET" % (54 + 100 * c, top - 20 * r - 14, text.encode()))
    return b"\n".join(ops)


TINY = _tiny_pdf(_grid_stream([["No.", "Name", "Period", "Hours"], ["1", "A", "2025-01-01", "1.0"]]))


def test_the_tiny_pdf_reads_as_a_table_of_its_cells():
    from rules_py.record._pdf import pdf_tables

    assert pdf_tables(TINY) == [[["No.", "Name", "Period", "Hours"], ["1", "A", "2025-01-01", "1.0"]]]


def test_actual_text_stands_for_the_glyphs_it_spans():
    """Chromium wraps a glyph whose font maps it to another character in /Span << /ActualText >>."""
    from rules_py.record._pdf import pdf_tables

    stream = _grid_stream([["No.", "Name"], ["1", "A"]]).replace(
        b"(A) Tj", b"/Span << /ActualText <FEFF9AD8> >> BDC (X) Tj (Y) Tj EMC (B) Tj")
    assert pdf_tables(_tiny_pdf(stream)) == [[["No.", "Name"], ["1", "高B"]]]


def _read(data: bytes):
    try:
        parse_record(data, filename="x.pdf")
    except InputError as error:
        assert error.message and "Traceback" not in error.message


@settings(max_examples=min(settings().max_examples, 300))
@given(st.data())
def test_a_damaged_pdf_never_crashes(data):
    """Bytes changed, inserted or cut anywhere in a PDF: rows or InputError, nothing else."""
    pdf = bytearray(TINY)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(pdf) - 1))
        action = data.draw(st.sampled_from(["flip", "insert", "delete"]))
        if action == "flip":
            pdf[at] = data.draw(st.integers(0, 255))
        elif action == "insert":
            pdf[at:at] = data.draw(st.binary(min_size=1, max_size=16))
        else:
            del pdf[at:at + data.draw(st.integers(1, 64))]
    _read(bytes(pdf))


@settings(max_examples=min(settings().max_examples, 300))
@given(st.lists(st.sampled_from([b"q", b"Q", b"BT", b"ET", b"1 0 0 1 5 5 cm", b"0 0 10 1 re f", b"0 0 m 9 0 l S",
                                 b"/F1 9 Tf", b"/F9 9 Tf", b"(x) Tj", b"[(a) -300 (b)] TJ", b"2 0 Td", b"T*",
                                 b"/Span << /ActualText (y) >> BDC", b"EMC", b"(z) '", b"1 2 (w) \"", b"Tj",
                                 b"1 0 0 -1 0 0 Tm", b"0 Tz", b"w", b"re"]), max_size=40))
def test_any_content_stream_never_crashes(ops):
    _read(_tiny_pdf(b"\n".join(ops)))


@settings(max_examples=min(settings().max_examples, 25))
@given(st.integers(0, 10**9), st.integers(1, 4))
def test_a_damaged_browser_print_never_crashes(seed, count):
    import random

    pdf = bytearray((PDF / "firefox_25_landscape.pdf").read_bytes())
    rng = random.Random(seed)
    for _ in range(count):
        at = rng.randrange(len(pdf) - 2048)  # keep the end, so the whole file is parsed
        pdf[at:at + rng.randrange(1, 200)] = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 50)))
    _read(bytes(pdf))


def test_the_cli_checks_a_pdf_as_the_page_it_was_printed_from(tmp_path):
    import csv
    import shutil
    import subprocess

    shutil.copy(PDF / "firefox_25_landscape.pdf", tmp_path)
    (tmp_path / "record_25.html").write_bytes(make.source("firefox_25_landscape.pdf"))
    done = subprocess.run([sys.executable, "-m", "rules_py", "check", ".", "--out", "out.csv", "--today", TODAY],
                          cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(Path(rules_py.__file__).resolve().parent.parent)})
    assert done.returncode == 0, done.stderr
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as file:
        table = {row[0]: row[1:] for row in csv.reader(file)}
    assert table["firefox_25_landscape.pdf"] == table["record_25.html"]


def _as_pypdf_reads(value):
    """pypdf's operand objects as plain values, to compare with _pdf_tokens'."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    if isinstance(value, NameObject):
        return str(value)
    if isinstance(value, ArrayObject):
        return [_as_pypdf_reads(item) for item in value]
    if isinstance(value, DictionaryObject):
        return {str(key): _as_pypdf_reads(item) for key, item in value.items()}
    if isinstance(value, bytes):
        return bytes(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return value


@pytest.mark.parametrize("name", ["chromium_25_noto_header.pdf", "firefox_60_landscape_header.pdf", "not_a_record.pdf"])
def test_content_streams_read_as_pypdf_reads_them(name):
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    from rules_py.record._pdf_tokens import operations

    reader = PdfReader(PDF / name)
    for page in reader.pages:
        ours = [([_as_pypdf_reads(o) for o in operands], op) for operands, op in operations(page.get_contents().get_data())]
        theirs = [([_as_pypdf_reads(o) for o in operands], op)
                  for operands, op in ContentStream(page.get_contents(), reader, "bytes").operations]
        assert ours == theirs
