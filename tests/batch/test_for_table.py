"""What the batch page keeps of each outcome (rules_py.batch.table.for_table) makes the same table as the whole
outcome: every cell of both sheets and every row's data for the page. A field that assemble() starts to read
and for_table does not keep fails here, not only in the page."""

from datetime import date

import pytest

from rules_py.batch.jobs import check_job, prepare
from rules_py.batch.table import assemble, for_table
from tests.batch import generate

PEOPLE = generate.people(30)


@pytest.mark.parametrize("today", [date(2025, 10, 1), date(2027, 10, 1)])  # before and after the leave expires
def test_the_kept_outcomes_make_the_same_table(today):
    files = [(p.file, p.data) for p in PEOPLE] + list(generate.HOSTILE.items())
    batch = prepare(files, ("名冊.csv", generate.roster_csv(PEOPLE[:25])), today)
    outcomes = [check_job(job) for job in batch.jobs]
    whole, kept = assemble(batch, outcomes), assemble(batch, [for_table(o) for o in outcomes])
    assert [(s.header, s.rows) for s in kept.sheets()] == [(s.header, s.rows) for s in whole.sheets()]
    assert kept.rows == whole.rows and kept.bundle_names == whole.bundle_names
