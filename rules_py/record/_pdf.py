"""A learning record printed to PDF -> the tables on its pages, as rows of cell text.

The text a PDF gives in reading order loses the table: a long name wraps onto lines that sit beside the next
cells' lines. So rows are rebuilt from where things are drawn. Each piece of text (a Tj string, or a TJ array's
string) has a position; each cell border is a thin filled rectangle or a stroked line. A table is the run of
horizontal rules of one width (Firefox draws only those in the body, so columns come from every border end and
vertical rule of that width, on any page); a row is the band between two rules, a cell the band between two
column edges. Text outside any table (the browser's header and footer, the page's menus) is left out.

A row that the page break cut in two (its No. cell empty on one side) is joined again; the header row that the
browser repeats on each page is dropped. Characters: Chromium writes the real text as /ActualText where its
glyph maps to another code point, and radicals that stand for ideographs (⾼ for 高) become the ideographs.

pypdf is imported only here, only when a PDF arrives (the page loads its wheel on demand); its layout-mode
text state (pinned in pyproject.toml's `page` group) gives each string's position and width.
"""

import io
from bisect import bisect_right

from rules_py._errors import InputError
from rules_py.record._columns import header_fields
from rules_py.record._decode import MAX_RECORD_BYTES
from rules_py.record._radicals import ideographs

MAX_PDF_PAGES = 200  # a record of hundreds of rows prints on a few dozen pages
_TOLERANCE = 2.0  # points: borders of one edge drawn a little apart (1 px lines, rounding) are one edge
_THIN = 3.0       # points: a filled rectangle this thin (or a stroke) is a border, anything else is a box
_MIN_RULE = 15.0  # points: shorter horizontal rules are underlines and the like, not row borders

_NO_TEXT = ("這個 PDF 沒有可讀取的文字（可能是掃描或拍照存成的 PDF，只有圖片），無法讀出學習紀錄；"
            "請在平臺的「個人專區 → 學習紀錄」頁按瀏覽器的「列印」，目的地選「另存為 PDF」後上傳，"
            "或改用儲存的網頁、複製的表格")
_DAMAGED = "這個 PDF 檔已損毀，無法讀取；請重新列印成 PDF，或改用儲存的網頁、複製的表格"
_TRUNCATED = "這個 PDF 檔不完整（缺少檔案結尾，可能沒有下載或複製完），無法讀取；請重新列印成 PDF 再上傳"
_ENCRYPTED = "這個 PDF 有密碼保護或加密，無法讀取；請列印成沒有密碼的 PDF，或改用儲存的網頁、複製的表格"
_UNMAPPED = ("這個 PDF 的文字無法辨識（字型沒有附上文字對照），無法讀出學習紀錄；"
             "請改用其他瀏覽器列印成 PDF，或改用儲存的網頁、複製的表格")


def is_pdf(data) -> bool:
    return isinstance(data, (bytes, bytearray, memoryview)) and bytes(data[:1024]).lstrip().startswith(b"%PDF")


def pdf_tables(data: bytes) -> list[list[list[str]]]:
    """Every table in the PDF, in order of first appearance: its rows (top to bottom, page after page), each a
    list of cell texts (lines joined by "\\n"). InputError when the PDF cannot give any text."""
    if len(data) > MAX_RECORD_BYTES:
        raise InputError(f"PDF 檔太大（{len(data) / (1024 * 1024):.1f} MB），上限為 {MAX_RECORD_BYTES // (1024 * 1024)} MB")
    if b"%%EOF" not in data[-2048:]:
        raise InputError(_TRUNCATED)
    import logging  # here, not at the top: the page imports this module for every record

    try:
        import pypdf
    except ImportError:
        raise InputError("讀取 PDF 需要 pypdf 套件（pyproject.toml 的 page 群組，`make setup` 會安裝）；"
                         "也可以改用儲存的網頁、複製的表格或 CSV") from None
    logger = logging.getLogger("pypdf")
    level, logger.level = logger.level, logging.ERROR  # its warnings about odd files are not the person's concern
    try:
        pages = _read_pages(pypdf, data)
    except InputError:
        raise
    except Exception:  # a damaged file can fail anywhere in a third-party parser; say so, never a traceback
        raise InputError(_DAMAGED) from None
    finally:
        logger.level = level
    return _tables(pages)


def _read_pages(pypdf, data: bytes) -> list:
    reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:  # a PDF with only an owner password opens with an empty one
            opened = reader.decrypt("")
        except Exception:  # AES needs a library we do not ship: still an encrypted PDF we cannot read
            raise InputError(_ENCRYPTED) from None
        if not opened:
            raise InputError(_ENCRYPTED)
    if len(reader.pages) > MAX_PDF_PAGES:
        raise InputError(f"PDF 有 {len(reader.pages)} 頁，上限為 {MAX_PDF_PAGES} 頁；學習紀錄不會這麼長，請確認檔案")
    pages = [_Page(page, reader) for page in reader.pages]
    pieces = [piece for page in pages for piece in page.pieces]
    if not any(piece.text.strip() for piece in pieces):
        raise InputError(_NO_TEXT)
    if sum(piece.text.count("\ufffd") for piece in pieces) > max(2, len(pieces) // 20):
        raise InputError(_UNMAPPED)
    return pages


class _Piece:
    __slots__ = ("x0", "x1", "y", "size", "text")

    def __init__(self, x0, x1, y, size, text):
        self.x0, self.x1, self.y, self.size, self.text = x0, x1, y, size, text


def _mult(m, n):
    return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2],
            m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]]


def _number(value, default=0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


class _Page:
    """One page's text pieces and border segments, in page space (points, y up)."""

    def __init__(self, page, reader):
        from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NameObject
        from pypdf._text_extraction._layout_mode._text_state_manager import TextStateManager

        self.pieces: list[_Piece] = []
        self.horizontal: list[tuple[float, float, float]] = []  # (y, x0, x1)
        self.vertical: list[tuple[float, float, float]] = []    # (x, y0, y1)
        contents = page.get_contents()
        if contents is None:
            return
        fonts = page._layout_mode_fonts()
        self._text = TextStateManager()
        self._ctm, self._stack, self._path, self._line_width = [1.0, 0, 0, 1.0, 0, 0], [], [], 1.0
        self._actual: list = []  # the marked-content stack: each level's /ActualText, or None
        self._array, self._dictionary, self._name = ArrayObject, DictionaryObject, NameObject
        for operands, operator in ContentStream(contents, reader, "bytes").operations:  # strings as the bytes they are
            self._operate(operator, operands, fonts)

    # --- text

    def _show(self, value):
        """A string at the current position -> its piece; its state, for the caller to move the pen past it."""
        params = self._text.text_state_params(value)
        if not params.font.interpretable or params.rotated:
            return params
        text = params.text
        if self._actual and self._actual[-1] is not None:
            # The span's real text stands for its first piece; the rest of the span then adds nothing.
            text, self._actual[-1] = self._actual[-1], ""
        x0, x1 = sorted((params.tx, params.displaced_tx))
        self.pieces.append(_Piece(x0, x1, params.ty, abs(params.font_height) or 1.0, ideographs(text)))
        return params

    def _show_array(self, items):
        last = None
        for item in items:
            if isinstance(item, (bytes, str)) and not isinstance(item, self._name):
                if last is not None:
                    self._text.add_trm(last.displacement_matrix())
                last = self._show(item)
            elif isinstance(item, (int, float)):
                step = (last or self._text.text_state_params(b"")).displacement_matrix(
                    word=last.value if last is not None else "", td_offset=float(item))
                self._text.add_trm(step)
                last = None
        if last is not None:  # the pen ends after the last string: Firefox goes on from there without a Td
            self._text.add_trm(last.displacement_matrix())

    def _operate(self, op, operands, fonts):
        text = self._text
        if op == b"Tj" and operands and isinstance(operands[0], (bytes, str)):
            if text.font is not None:
                self._text.add_trm(self._show(operands[0]).displacement_matrix())
        elif op == b"TJ" and operands and isinstance(operands[0], self._array):
            if text.font is not None:
                self._show_array(operands[0])
        elif op in (b"'", b'"'):
            if op == b'"' and len(operands) >= 3:
                text.set_state_param(b"Tw", operands[0])
                text.set_state_param(b"Tc", operands[1])
            text.reset_trm()
            text.add_tm([0, -text.TL])
            value = operands[-1] if operands else None
            if text.font is not None and isinstance(value, (bytes, str)):
                self._text.add_trm(self._show(value).displacement_matrix())
        elif op in (b"Td", b"TD", b"Tm", b"T*"):
            text.reset_trm()
            if op == b"Tm":
                text.reset_tm()
            elif op == b"TD" and len(operands) >= 2:
                text.set_state_param(b"TL", -_number(operands[1]))
            elif op == b"T*":
                operands = [0, -text.TL]
            if len(operands) in (2, 6):
                text.add_tm([_number(value) for value in operands])
        elif op == b"Tf":
            from pypdf._text_extraction._layout_mode._fixed_width_page import set_font_operation

            set_font_operation(text, fonts, operands)
        elif op == b"BT":
            text.reset_tm()
        elif op == b"ET":
            text.reset_tm()
        elif op == b"q":
            text.add_q()
            self._stack.append((self._ctm, self._line_width))
        elif op == b"Q":
            if self._stack:
                text.remove_q()
                self._ctm, self._line_width = self._stack.pop()
        elif op == b"cm" and len(operands) == 6:
            matrix = [_number(value) for value in operands]
            text.add_cm(*matrix)
            self._ctm = _mult(matrix, self._ctm)
        elif op == b"BDC":
            properties = operands[1] if len(operands) > 1 else None
            actual = properties.get("/ActualText") if isinstance(properties, self._dictionary) else None
            # str(): pypdf's string objects decode as PDF text strings (UTF-16 with its BOM, as Chromium writes).
            self._actual.append(str(actual) if actual is not None else None)
        elif op == b"BMC":
            self._actual.append(None)
        elif op == b"EMC":
            if self._actual:
                self._actual.pop()
        elif op in (b"Tc", b"Tw", b"Tz", b"TL", b"Ts"):
            text.set_state_param(op, operands)
        else:
            self._draw(op, operands)

    # --- borders

    def _point(self, x, y):
        m = self._ctm
        return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]

    def _draw(self, op, operands):
        if op == b"re" and len(operands) == 4:
            x, y, w, h = (_number(value) for value in operands)
            self._path.append(("rect", self._point(x, y), self._point(x + w, y + h)))
        elif op == b"m" and len(operands) == 2:
            self._path.append(("move", self._point(*map(_number, operands))))
        elif op == b"l" and len(operands) == 2 and self._path:
            self._path.append(("line", self._point(*map(_number, operands))))
        elif op == b"w" and operands:
            self._line_width = _number(operands[0], 1.0)
        elif op in (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"):
            for item in self._path:
                if item[0] == "rect":
                    self._edge(*item[1], *item[2], thin=_THIN)
            self._path = []
        elif op in (b"S", b"s"):
            scale = max(abs(self._ctm[0]), abs(self._ctm[3]))
            if self._line_width * scale <= _THIN:
                start = None
                for item in self._path:
                    if item[0] == "line" and start is not None:
                        self._edge(*start, *item[1], thin=_TOLERANCE)
                    start = item[1] if item[0] != "rect" else None
            self._path = []
        elif op == b"n":  # a clipping path (W n), not drawn
            self._path = []

    def _edge(self, x0, y0, x1, y1, thin):
        (x0, x1), (y0, y1) = sorted((x0, x1)), sorted((y0, y1))
        if y1 - y0 <= thin and x1 - x0 > y1 - y0:
            self.horizontal.append(((y0 + y1) / 2, x0, x1))
        elif x1 - x0 <= thin and y1 - y0 > x1 - x0:
            self.vertical.append(((x0 + x1) / 2, y0, y1))


# ------------------------------------------------------------------------------------------- tables


def _merged(intervals):
    """Overlapping or touching intervals as one."""
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1] + _TOLERANCE:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def _clusters(values):
    """Sorted values, those within _TOLERANCE of the previous one taken as one (their mean)."""
    groups = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= _TOLERANCE:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(group) / len(group) for group in groups]


def _rules(page):
    """The page's horizontal rules: (y, x0, x1), pieces of one line joined."""
    by_level = {}
    for y, x0, x1 in page.horizontal:
        level = next((key for key in by_level if abs(key - y) <= _TOLERANCE), y)
        by_level.setdefault(level, []).append((x0, x1))
    return [(y, x0, x1) for y, spans in by_level.items() for x0, x1 in _merged(spans) if x1 - x0 >= _MIN_RULE]


class _Table:
    def __init__(self, x0, x1):
        self.x0, self.x1 = x0, x1
        self.edges: list[float] = [x0, x1]
        self.bands: list[tuple[int, list[float]]] = []  # (page index, rule levels from the top) per page

    def holds(self, x0, x1):
        return abs(self.x0 - x0) <= _TOLERANCE and abs(self.x1 - x1) <= _TOLERANCE


def _tables(pages) -> list[list[list[str]]]:
    tables: list[_Table] = []
    for number, page in enumerate(pages):
        levels: dict[_Table, list[float]] = {}
        for y, x0, x1 in _rules(page):
            table = next((t for t in tables if t.holds(x0, x1)), None)
            if table is None:
                table = _Table(x0, x1)
                tables.append(table)
            levels.setdefault(table, []).append(y)
        for table, ys in levels.items():
            top, bottom = max(ys), min(ys)
            inside = lambda x: table.x0 - _TOLERANCE <= x <= table.x1 + _TOLERANCE  # noqa: E731
            table.edges += [x for x, y0, y1 in page.vertical if inside(x) and y0 >= bottom - _TOLERANCE
                            and y1 <= top + _TOLERANCE]
            table.edges += [end for y, x0, x1 in page.horizontal for end in (x0, x1) if inside(end)
                            and bottom - _TOLERANCE <= y <= top + _TOLERANCE]
            table.bands.append((number, sorted(set(ys))))
    found = []
    for table in tables:
        rows = _table_rows(table, pages)
        if rows:
            found.append(rows)
    return found


def _table_rows(table, pages) -> list[list[str]]:
    edges = _clusters(table.edges)
    if len(edges) < 2:
        return []
    rows: list[tuple[int, list[str]]] = []
    last_page = max(number for number, _ in table.bands)
    for number, levels in table.bands:
        if len(levels) < 2:
            continue
        cells = {}
        below = []  # under the lowest rule, where the table goes on: a row the page break cut (Firefox draws no
        # bottom border there)
        for piece in pages[number].pieces:
            middle = (piece.x0 + piece.x1) / 2
            y = piece.y + piece.size * 0.3  # a little above the baseline, clear of the rule under the text
            if not (edges[0] <= middle <= edges[-1] and y < levels[-1]):
                continue
            if y <= levels[0]:
                below.append((y, piece))
                continue
            band = len(levels) - 1 - bisect_right(levels, y)  # 0 for the band under the top rule
            column = min(bisect_right(edges, middle) - 1, len(edges) - 2)
            cells.setdefault(band, {}).setdefault(column, []).append(piece)
        reach = levels[0]
        for y, piece in sorted(below if number < last_page else [], key=lambda item: -item[0]):
            if reach - y > piece.size * 1.8:  # a gap: what follows is the page's footer, not the table
                break
            reach = y
            column = min(bisect_right(edges, (piece.x0 + piece.x1) / 2) - 1, len(edges) - 2)
            cells.setdefault(len(levels) - 1, {}).setdefault(column, []).append(piece)
        for band in sorted(cells):
            rows.append((number, [_cell_text(cells[band].get(column, [])) for column in range(len(edges) - 1)]))
    return _joined(rows)


def _cell_text(pieces) -> str:
    """The cell's lines top to bottom, a line the browser wrapped joined to the next (without a space unless
    both sides are ASCII: a line breaks between ideographs without one), a line break of the page kept as "\n".
    A line was wrapped when the next line's first word would not have fitted after it."""
    lines: list[list[_Piece]] = []
    for piece in sorted(pieces, key=lambda p: -p.y):
        if lines and abs(lines[-1][0].y - piece.y) < piece.size * 0.5:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    texts, ends = [], []
    for line in lines:
        words, end = "", None
        for piece in sorted(line, key=lambda p: p.x0):
            if end is not None and piece.x0 - end > piece.size * 0.2 and not words.endswith(" "):
                words += " "
            words, end = words + piece.text, piece.x1
        if words.strip():
            texts.append(words.strip())
            ends.append((end, line[0].size))
    if not texts:
        return ""
    right = max(end for end, _ in ends)
    text = texts[0]
    for words, (end, size) in zip(texts[1:], ends):
        if right - end < _first_word_width(words, size) + size * 0.5:
            text += " " + words if text[-1].isascii() and words[0].isascii() else words
        else:
            text += "\n" + words
    return text


def _first_word_width(text: str, size: float) -> float:
    """About how wide the text's first unbreakable run is: up to a space, or through its first ideograph."""
    width = 0.0
    for char in text:
        if char == " ":
            break
        width += size * (0.6 if char.isascii() else 1.0)
        if not char.isascii():
            break
    return width


def _joined(rows: list[tuple[int, list[str]]]) -> list[list[str]]:
    """Rows without the header the browser repeats on later pages, and with each row the page break cut in
    two joined again (the No. cell is filled on one side of the break only)."""
    header = next((cells for _, cells in rows if header_fields(cells)), None)
    fields = header_fields(header) if header else None
    no = fields.index("no") if fields and "no" in fields else None
    kept: list[tuple[int, list[str]]] = []
    for page, cells in rows:
        if kept and cells == header:
            continue
        previous = kept[-1] if kept else None
        if (no is not None and previous is not None and previous[0] != page and previous[1] != header
                and (not cells[no].strip() or not previous[1][no].strip())):
            kept[-1] = (page, [_joined_cell(a, b) for a, b in zip(previous[1], cells)])
            continue
        kept.append((page, cells))
    return [cells for _, cells in kept]


def _joined_cell(first: str, second: str) -> str:
    if not first or not second:
        return first or second
    return first + ("" if not (first[-1].isascii() or second[0].isascii()) else "\n") + second
