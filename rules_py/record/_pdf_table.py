"""Pages' text pieces and borders (_pdf_page) -> the tables on them, as rows of cell text.

A table is the run of horizontal rules of one width (Firefox draws only those in the body, so columns come
from every border end and vertical rule of that width, on any page); a row is the band between two rules, a
cell the band between two column edges. Text outside any table (the browser's header and footer, the page's
menus) is left out. A row that the page break cut in two (its No. cell empty on one side) is joined again;
the header row that the browser repeats on each page is dropped.
"""

from bisect import bisect_right

from rules_py.record._columns import header_fields
from rules_py.record._pdf_page import Piece

_TOLERANCE = 2.0  # points: borders of one edge drawn a little apart (1 px lines, rounding) are one edge
_MIN_RULE = 15.0  # points: shorter horizontal rules are underlines and the like, not row borders


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

    def inside(self, x):
        return self.x0 - _TOLERANCE <= x <= self.x1 + _TOLERANCE

    def add_page(self, number, page, ys):
        """The page's rules of this table (at ys), and its column edges: vertical rules and border ends."""
        top, bottom = max(ys) + _TOLERANCE, min(ys) - _TOLERANCE
        self.edges += [x for x, y0, y1 in page.vertical if self.inside(x) and y0 >= bottom and y1 <= top]
        self.edges += [end for y, x0, x1 in page.horizontal for end in (x0, x1) if self.inside(end) and bottom <= y <= top]
        self.bands.append((number, sorted(set(ys))))


def tables(pages) -> list[list[list[str]]]:
    """Each table's rows, tables in order of first appearance."""
    known: list[_Table] = []
    for number, page in enumerate(pages):
        levels: dict[_Table, list[float]] = {}
        for y, x0, x1 in _rules(page):
            table = next((t for t in known if t.holds(x0, x1)), None)
            if table is None:
                table = _Table(x0, x1)
                known.append(table)
            levels.setdefault(table, []).append(y)
        for table, ys in levels.items():
            table.add_page(number, page, ys)
    return [rows for rows in map(_table_rows, known, [pages] * len(known)) if rows]


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
    lines: list[list[Piece]] = []
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
