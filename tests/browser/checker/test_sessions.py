"""The profile step asks about the person's own sessions near working time (issue 23): each session on a working
day outside the office hours, with 「這段時間您是否在加班、公假、公差或在勤？」; an answer counts as that period."""

import datetime

import rules_py

from tests.browser.checker.flow import RECORDS, errors, expected, paste, read_record, step, to_result, verdict, wait_settled

PLAN = "kaohsiung-114"
QUESTION = "這段時間您是否在加班、公假、公差或在勤？"


def sessions_near_work(text):
    """The sessions the page should ask about, worked out here from the rules' rows and the plan's calendar."""
    plan = rules_py.load_plans()[PLAN]
    off = set(plan["calendar"]["off_days"]) | {s["date"] for s in plan["calendar"]["suspensions"] if s["scope"] == "whole_city"}
    hours = [h.split("-") for h in plan["parameters"]["default_office_hours"]["value"]]
    found = set()
    for course in rules_py.check(text, plan=PLAN)["courses"]:
        row = course["row"]
        if not row:
            continue
        day, start, end = row["start"][:10], row["start"][11:16], row["end"][11:16]
        if day in off or not plan["calendar"]["first"] <= day <= plan["calendar"]["last"]:
            continue
        if not any(start < b and end > a for a, b in hours):
            found.add((row["start"][:16], row["end"][:16]))
    return sorted(found)


def test_each_session_near_working_time_is_asked_about_and_an_answer_counts(checker):
    text = (RECORDS / "clipboard.txt").read_text(encoding="utf-8")
    paste(checker, None, text)
    read_record(checker)
    wait_settled(checker, "#record-continue")
    assert step(checker) == "profile", errors(checker)
    asked = checker.eval_on_selector_all("#sessions select", "els => els.map(e => [e.dataset.session, e.labels[0].textContent])")
    want = sessions_near_work(text)
    assert want and [tuple(key.split("|")) for key, _ in asked] == want
    for (key, label), (start, end) in zip(asked, want):
        day = datetime.date.fromisoformat(start[:10])
        assert label.endswith(QUESTION) and f"{start[:10]}（{'一二三四五六日'[day.weekday()]}）{start[11:]}～{end[11:]}" in label
    start, end = want[0]
    checker.select_option("#session-0", "overtime")
    checker.click("#profile-continue")
    assert f"{start.replace('T', ' ')} 至 {end.replace('T', ' ')}" in checker.inner_text("[data-answer='overtime']")
    to_result(checker)
    period = [start.replace("T", " "), end.replace("T", " ")]
    assert verdict(checker) == expected(rules_py.check(text, {"overtime": [period]}, plan=PLAN))
    # Back on the profile step the answer is still there, said once (not again as a typed-in period).
    checker.click("#result-restart")
    checker.click("#change-overtime")
    assert checker.input_value("#session-0") == "overtime"
    assert checker.locator("#list-overtime .edit-list__row").count() == 0
