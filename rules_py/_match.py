"""Which catalogue course a record row is: by its code, by its exact name after normalisation, or by one of
the catalogue's aliases. Nothing else counts: a name that only looks like a catalogue name (人權搜查客 I for
人權搜查客 II, (C) for (B), a name with （進階） or -測驗版 added) is another course, reported with
suggestions, and the person may pick the catalogue course for the row (chosen_course).

The normalisation (normalise_name): Unicode NFKC (full-width letters, digits and spaces become half-width,
Ⅱ becomes II), then whitespace, dashes (- ‐ ‑ ‒ – — ― − ─ ━), underscores, tildes (~ 〜 ∼ ˜) and brackets
(( ) [ ] { } 【 】 「 」 『 』 〈 〉 《 》 〔 〕) are dropped, then letters are case-folded. Roman numerals, the
letters inside brackets and words such as 進階 are kept, so they always make two names differ.
"""

import unicodedata

_IGNORED = dict.fromkeys(
    map(ord, "-‐‑‒–—―−─━_~〜∼˜()[]{}【】「」『』〈〉《》〔〕"), None)
_MAX_SUGGESTIONS = 3


def normalise_name(name: str) -> str:
    """NFKC (so Ⅱ = II and full-width = half-width), then drop what varies, then casefold."""
    text = unicodedata.normalize("NFKC", name)
    return "".join(text.split()).translate(_IGNORED).casefold()


class Matcher:
    """One per plan: code and name indexes, and a cache of look-ups by name."""

    def __init__(self, courses: list, threshold: float):
        self._by_code = {c.code: c for c in courses if c.code}
        self._by_name = {}   # normalised label -> (course, "name" | "alias")
        for course in courses:
            self._by_name[normalise_name(course.name)] = (course, "name")
            for label in course.aliases:  # an alias that normalises to the name is the name
                self._by_name.setdefault(normalise_name(label), (course, "alias"))
        self._threshold = threshold
        self._by_row_name: dict[str, tuple] = {}  # a batch of records repeats the same names
        self._suggested: dict[str, list] = {}

    def match(self, code: str | None, name: str) -> tuple:
        """(course, how, other): how in code | name | alias, or (None, None, None). other: the course the
        row's name is, when its code is a different course's (the row counts as the code's course)."""
        by_name, how = self.by_name(name)
        if code and code in self._by_code:
            course = self._by_code[code]
            return course, "code", by_name if by_name is not None and by_name is not course else None
        return by_name, how, None

    def by_name(self, name: str) -> tuple:
        found = self._by_row_name.get(name)
        if found is None:
            if len(self._by_row_name) > 10000:
                self._by_row_name.clear()
            found = self._by_row_name[name] = self._by_name.get(normalise_name(name), (None, None))
        return found

    def chosen(self, label: str):
        """The catalogue course a person picked for a row: by its code, or by its name."""
        if label in self._by_code:
            return self._by_code[label]
        course, how = self._by_name.get(normalise_name(label), (None, None))
        return course if how == "name" else None

    def suggestions(self, name: str) -> list:
        """[(course, similarity)] of the catalogue names closest to a row's name, best first: only ever a
        suggestion, never a match."""
        found = self._suggested.get(name)
        if found is None:
            if len(self._suggested) > 10000:
                self._suggested.clear()
            key = normalise_name(name)
            best: dict = {}
            for label, (course, _) in self._by_name.items():
                ratio = similarity(key, label)
                if ratio >= self._threshold and ratio > best.get(course, 0.0):
                    best[course] = ratio
            found = self._suggested[name] = sorted(best.items(), key=lambda item: -item[1])[:_MAX_SUGGESTIONS]
        return found


def similarity(a: str, b: str) -> float:
    """Dice's coefficient of the two names' character pairs (0..1). Not difflib: importing it costs more
    in Pyodide than the whole check, and record rows that are no catalogue course are common."""
    pairs_a, pairs_b = _pairs(a), _pairs(b)
    total = sum(pairs_a.values()) + sum(pairs_b.values())
    if not total:
        return 1.0 if a == b else 0.0
    common = sum(min(n, pairs_b[p]) for p, n in pairs_a.items() if p in pairs_b)
    return 2 * common / total


def _pairs(text: str) -> dict:
    counts: dict = {}
    for i in range(len(text) - 1):
        pair = text[i:i + 2]
        counts[pair] = counts.get(pair, 0) + 1
    return counts
