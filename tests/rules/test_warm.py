"""The warm-up's sample check (rules_py._warm) runs the common paths of a check, not an early refusal."""

import json

from rules_py import check_json
from rules_py._warm import _request


def test_the_warm_up_record_is_checked_in_full():
    result = json.loads(check_json(_request()))
    assert "error" not in result
    assert {c["status"] for c in result["courses"]} == {"counted"}
    assert {c["off_duty"] for c in result["courses"]} == {"yes", "no"}  # evenings, and one during overtime
    assert len(result["unmatched_rows"]) == 1
    assert result["reward"]["status"] == "eligible"  # every row passed and uploaded, in the plan's own words
