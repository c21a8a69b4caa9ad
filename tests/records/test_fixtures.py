"""The committed fixtures are what the generator makes, and its seed rows are the plan's own sample."""

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
from tests.fixtures import make_records

GENERATED = make_records.generated_files()


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_committed_fixture_matches_the_generator(name):
    assert (FIXTURES / "records" / name).read_bytes() == GENERATED[name]


def test_the_generator_seed_rows_are_the_plan_sample_verbatim():
    # seed_sample.txt is the table of the plan's Part 2 and the note printed under it.
    seed = (FIXTURES / "records" / "seed_sample.txt").read_text("utf-8")
    table, note = seed.rsplit("\n", 2)[0] + "\n", seed.rsplit("\n", 2)[1]
    assert make_records.seed_text(make_records.SEED_ROWS) == table
    assert note == "★注意：欲申請補休者，學習期間起迄均應於公餘時間完成。"


def test_rows_option_writes_a_synthetic_record(tmp_path):
    out = tmp_path / "r.txt"
    assert make_records.main(["--rows", "40", "--out", str(out)]) == 0
    text = out.read_text("utf-8")
    assert text.startswith("No.\t") and "\n40\t開放式\t" in text
