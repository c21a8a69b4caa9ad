"""The public catalogue of rules is accurate: every reason any case gives cites what the catalogue says."""

import rules_py
from tests.cases.load import load_cases
from tests.cases.runner import run_case

PLAN = "kaohsiung-114"
BY_BUNDLE = {"match.chosen", "match.conflict", "match.similar"}  # cite the bundle clause of their course


def _reasons(result):
    yield result["category"]["reason"]
    for bundle in result["bundles"]:
        yield from rules_py.leave_reasons(result, bundle)
    yield from result["reward"]["reasons"]
    for course in result["courses"]:
        yield from course["reasons"]
    yield from result["warnings"]
    yield from result["next_steps"]


def test_catalogue_has_every_rule_with_its_clause_and_sentence():
    catalogue = rules_py.rules_catalogue(PLAN)
    assert list(catalogue) == list(rules_py.RULE_IDS)
    plan = rules_py.load_plans()[PLAN]
    for rule, entry in catalogue.items():
        assert entry["clause"] == plan["rules"][rule] and entry["anchor"] == plan["clauses"][entry["clause"]]
        assert entry["summary"].endswith("。") and entry["message"]
    assert catalogue["calendar.day"]["source"]
    # The office hours used are the case's (roster, person or default), named in the sentence: no rule source.
    assert catalogue["offduty.no"]["source"] is None
    assert catalogue["leave.expiry"]["source"] is None  # the plan states it: 附件2說明2
    assert rules_py.rules_catalogue() == catalogue       # the latest plan by default


def test_every_reason_of_every_case_agrees_with_the_catalogue():
    catalogue = rules_py.rules_catalogue(PLAN)
    plan = rules_py.load_plans()[PLAN]
    bundle_clauses = {b["clause"] for b in plan["bundles"]}
    seen = set()
    for case in load_cases():
        outcome = run_case(case)
        if outcome["error"] is not None or case.get("plan", PLAN) != PLAN:
            continue
        for reason in _reasons(outcome["result"]):
            entry = catalogue[reason["rule"]]
            if reason["rule"] in BY_BUNDLE:
                assert reason["clause"] in bundle_clauses, reason
            else:
                assert reason["clause"] == entry["clause"], reason
            assert reason["anchor"] == plan["clauses"][reason["clause"]]
            assert "source" not in reason, reason  # said once, in the catalogue
            assert "{" not in reason["message"], reason  # every fact of the sentence filled in
            seen.add(reason["rule"])
    assert set(rules_py.RULE_IDS) - seen == {"leave.cap"}  # the 114 numbers never reach the cap


def test_a_match_reason_cites_its_course_bundle():
    row = {"name": "公務人員如何維持行政中立-測驗版", "start": "2025-03-01 10:00:00", "end": "2025-03-01 11:00:00",
           "status": "已通過", "upload_status": "成功"}
    warning = rules_py.check([row], plan=PLAN)["warnings"][0]
    assert (warning["rule"], warning["clause"], warning["anchor"]) == ("match.similar", "陸、三", "clause-6-3")


def test_the_category_reason_is_said_once():
    result = rules_py.check([], plan=PLAN)
    assert result["category"]["reason"]["rule"] == "category.covered"
    assert not [r for r in _reasons(result) if r["rule"].startswith("category.")][1:]
