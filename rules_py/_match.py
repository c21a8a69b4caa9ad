"""Finds the catalogue course a record row is: by code, then by normalised name, then by similar name."""

import unicodedata

# Characters whose presence or width varies between the catalogue, the form and the platform's record:
# spaces, dashes, underscores, tildes and brackets (after NFKC, full-width forms are already ASCII).
_IGNORED = dict.fromkeys(
    map(ord, "-‐‑‒–—―−─━_~〜∼˜()[]{}【】「」『』〈〉《》〔〕"), None)


def normalise_name(name: str) -> str:
    """NFKC (so Ⅱ = II and full-width = half-width), then drop what varies, then casefold."""
    text = unicodedata.normalize("NFKC", name)
    return "".join(text.split()).translate(_IGNORED).casefold()


class Matcher:
    """One per plan: code and name indexes, and a cache of similarity look-ups."""

    def __init__(self, courses: list, threshold: float):
        self._by_code = {c.code: c for c in courses if c.code}
        self._by_name = {}
        for course in courses:
            for label in (course.name, *course.aliases):
                self._by_name[normalise_name(label)] = course
        self._threshold = threshold
        self._by_row_name: dict[str, tuple] = {}  # a batch of records repeats the same names

    def match(self, code: str | None, name: str):
        """(course, how, similarity) with how in code|name|similar, or (None, None, best ratio)."""
        if code and code in self._by_code:
            return self._by_code[code], "code", 1.0
        found = self._by_row_name.get(name)
        if found is None:
            if len(self._by_row_name) > 10000:
                self._by_row_name.clear()
            key = normalise_name(name)
            course = self._by_name.get(key)
            found = self._by_row_name[name] = (course, "name", 1.0) if course else self._closest(key)
        return found

    def _closest(self, key: str):
        best, best_ratio = None, 0.0
        for label, course in self._by_name.items():
            ratio = similarity(key, label)
            if ratio > best_ratio:
                best, best_ratio = course, ratio
        if best is not None and best_ratio >= self._threshold:
            return best, "similar", best_ratio
        return None, None, best_ratio


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
