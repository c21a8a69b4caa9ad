from pathlib import Path

from rules_py._record import parse_record

FIXTURES = Path(__file__).parent.parent / "fixtures" / "records"


def test_seed_sample_reads_seven_policy_rows():
    rows = parse_record((FIXTURES / "seed_sample.txt").read_bytes(), "seed_sample.txt")
    assert [r.code for r in rows][:2] == ["PCENTER114100556", "PKCG114100139"]
    assert len(rows) == 7
    assert rows[6].name == "哭泣中的樹與花-從日常生活中聽見伴侶心底話"
