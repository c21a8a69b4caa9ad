"""Roster and file input fuzzed (Hypothesis, a modest run): whatever the bytes, a roster is read or refused in
words (ValueError), a cell's fault stays in its person's row, and preparing a batch never raises."""

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules_py.batch import prepare
from rules_py.batch.roster import COLUMNS, read_roster

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
cells = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
dates = st.builds(lambda y, m, d, sep: f"{y}{sep}{m}{sep}{d}", st.integers(100, 2030), st.integers(0, 13),
                  st.integers(0, 32), st.sampled_from("-/."))
values = st.one_of(cells, dates, st.just("輪班"), st.lists(dates, max_size=3).map("；".join),
                   st.tuples(dates, dates).map("~".join))


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(["r.csv", "r.ods", "r.xlsx"]))
def test_any_bytes_are_read_or_refused_in_words(data, name):
    try:
        rows = read_roster(name, data)
    except ValueError as exc:
        assert str(exc)
    else:
        assert all(row.line >= 2 for row in rows)


@SETTINGS
@given(st.permutations(list(COLUMNS)), st.lists(st.lists(values, min_size=8, max_size=8), max_size=6),
       st.sampled_from(["utf-8-sig", "utf-8"]))
def test_any_cells_give_rows_or_located_faults(header, body, encoding):
    out = io.StringIO(newline="")
    csv.writer(out).writerows([header, *body])
    try:
        data = out.getvalue().encode(encoding)
    except UnicodeEncodeError:
        return
    try:
        rows = read_roster("r.csv", data)
    except ValueError as exc:  # the file as a whole (e.g. a NUL: not text), said in words
        assert str(exc)
        return
    for row in rows:
        assert row.error is None or row.error.startswith(f"名冊第 {row.line} 列")


@SETTINGS
@given(st.lists(st.tuples(st.text(min_size=1, max_size=20), st.binary(max_size=300)), max_size=5),
       st.one_of(st.none(), st.tuples(st.sampled_from(["名冊.csv", "名冊.ods", "名冊.xlsx"]), st.binary(max_size=300))))
def test_prepare_never_raises(files, roster):
    batch = prepare(files, roster)
    assert len(batch.jobs) + len(batch.problems) <= len(files) + 2
