"""One page of a PDF -> its text pieces (each string a Tj or TJ shows, with where it starts and ends) and its
border segments (thin filled rectangles and thin strokes), in page space: points, y up.

pypdf reads the file and its fonts; the content stream's operators are read by _pdf_tokens, and each string's
position and width come from pypdf's layout-mode text state (TextStateManager, pinned with pypdf in
pyproject.toml's `page` group). Where Chromium writes a span's real text as /ActualText it stands for the
span's glyphs; radicals that stand for ideographs become the ideographs (_radicals).
"""

from rules_py.record._pdf_tokens import operations
from rules_py.record._radicals import ideographs

_THIN = 3.0       # points: a filled rectangle this thin (or a stroke) is a border, anything else is a box
_STRAIGHT = 2.0   # points: a stroke this far from level or plumb is still a border line


class Piece:
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


def _text_string(value: bytes) -> str:
    """A PDF text string: UTF-16 after its byte order mark (as Chromium writes /ActualText), else one byte a
    character (PDFDocEncoding, Latin-1 in all that matters here)."""
    if value.startswith(b"\xfe\xff"):
        return value[2:].decode("utf-16-be", "replace")
    return value.decode("latin-1")


class Page:
    """One page's text pieces and border segments, in page space (points, y up)."""

    def __init__(self, page, reader):
        from pypdf._text_extraction._layout_mode._text_state_manager import TextStateManager

        self.pieces: list[Piece] = []
        self.horizontal: list[tuple[float, float, float]] = []  # (y, x0, x1)
        self.vertical: list[tuple[float, float, float]] = []    # (x, y0, y1)
        contents = page.get_contents()
        if contents is None:
            return
        fonts = page._layout_mode_fonts()
        self._text = TextStateManager()
        self._ctm, self._stack, self._path, self._line_width = [1.0, 0, 0, 1.0, 0, 0], [], [], 1.0
        self._actual: list = []  # the marked-content stack: each level's /ActualText, or None
        for operands, operator in operations(contents.get_data()):
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
        self.pieces.append(Piece(x0, x1, params.ty, abs(params.font_height) or 1.0, ideographs(text)))
        return params

    def _show_array(self, items):
        last = None
        for item in items:
            if isinstance(item, bytes):
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
        if op == b"Tj" and operands and isinstance(operands[0], bytes):
            if text.font is not None:
                self._text.add_trm(self._show(operands[0]).displacement_matrix())
        elif op == b"TJ" and operands and isinstance(operands[0], list):
            if text.font is not None:
                self._show_array(operands[0])
        elif op in (b"'", b'"'):
            if op == b'"' and len(operands) >= 3:
                text.set_state_param(b"Tw", operands[0])
                text.set_state_param(b"Tc", operands[1])
            text.reset_trm()
            text.add_tm([0, -text.TL])
            value = operands[-1] if operands else None
            if text.font is not None and isinstance(value, bytes):
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
            actual = properties.get("/ActualText") if isinstance(properties, dict) else None
            self._actual.append(_text_string(actual) if isinstance(actual, bytes) else None)
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
                        self._edge(*start, *item[1], thin=_STRAIGHT)
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
