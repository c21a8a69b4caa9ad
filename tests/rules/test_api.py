"""The public API beyond the case files: check_json never raises, profiles in every accepted form."""

import json
from datetime import date
from pathlib import Path

import pytest

import rules_py

RECORDS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "records"
ROW = {"name": "雙軸轉型淨零港都", "start": "2025-03-01 10:00:00", "end": "2025-03-01 11:00:00",
       "status": "已通過", "upload_status": "成功"}


def test_check_json_with_a_raw_record():
    request = {"record": (RECORDS / "clipboard.txt").read_text(encoding="utf-8"), "profile": {}, "plan": None}
    result = json.loads(rules_py.check_json(json.dumps(request)))
    assert result["leave_hours"] == 8 and result["plan"]["id"] == "kaohsiung-114"


def test_check_json_with_the_bytes_of_a_big5_file():
    import base64

    request = {"record_base64": base64.b64encode((RECORDS / "record_big5.csv").read_bytes()).decode(),
               "filename": "紀錄.csv"}
    assert json.loads(rules_py.check_json(json.dumps(request)))["leave_hours"] == 8


def test_check_json_with_rows_and_a_yaml_profile():
    request = {"rows": [ROW], "profile": "category: teacher\n"}
    result = json.loads(rules_py.check_json(json.dumps(request)))
    assert {k: result["category"][k] for k in ("id", "name", "covered")} == {"id": "teacher", "name": "教師", "covered": False}
    assert result["category"]["reason"]["rule"] == "category.not_covered"


@pytest.mark.parametrize("request_text,where", [
    ("not json", "request"),
    ("[1, 2]", "request"),
    ('{"record": "x", "rows": []}', "request"),
    ('{"record": 5}', "record"),
    ('{"record_base64": "###"}', "record_base64"),
    ('{"rows": [], "filename": 3}', "filename"),
    ('{"rows": [{"name": "x"}]}', "rows[0]"),
    ('{"rows": [], "plan": 7}', "plan"),
    ('{"rows": [], "today": "soon"}', "today"),
    ('{"rows": [], "profile": {"category": "志工"}}', "profile.category"),
    ('{"record": ""}', None),
])
def test_check_json_answers_errors(request_text, where):
    answer = json.loads(rules_py.check_json(request_text))
    assert set(answer) == {"error"} and answer["error"]["where"] == where
    assert answer["error"]["message"]


def test_check_json_never_raises_even_on_nonsense():
    for nonsense in (None, 5, b"\xff", '{"rows": 5}', '{"rows": [5]}'):
        assert "error" in json.loads(rules_py.check_json(nonsense))


def test_today_warns_of_expired_leave():
    rows = [dict(ROW, name=c["name"], code=c.get("code")) for c in rules_py.load_plans()["kaohsiung-114"]["bundles"][0]["courses"]]
    result = rules_py.check(rows, today=date(2027, 3, 2))
    assert result["bundles"][0]["leave"]["expires_on"] == "2027-03-01"
    assert result["bundles"][0]["leave"]["expiry_flag"] == "expired"
    assert [w["rule"] for w in result["warnings"]] == ["leave.expired"] and "已過" in result["warnings"][0]["message"]
    on_the_last_day = rules_py.check(rows, today=date(2027, 3, 1))
    assert on_the_last_day["bundles"][0]["leave"]["expiry_flag"] == "expiring"
    assert on_the_last_day["bundles"][0]["leave"]["days_left"] == 0
    assert "請於 116 年 3 月 1 日（含當日）前休畢" in on_the_last_day["warnings"][0]["message"]
    window = rules_py.load_plans()["kaohsiung-114"]["reminders"]["expiry_warning_days"]
    just_outside = date(2027, 3, 1).toordinal() - window
    assert rules_py.check(rows, today=date.fromordinal(just_outside))["bundles"][0]["leave"]["expiry_flag"] is None
    assert rules_py.check(rows, today=date.fromordinal(just_outside + 1))["bundles"][0]["leave"]["expiry_flag"] == "expiring"
    assert rules_py.check(rows)["bundles"][0]["leave"]["expiry_flag"] is None  # no today, no flag


PLAN = "kaohsiung-114"


def parse_profile(source):
    """The profile as check() reads it; its effect shows in a check of no rows."""
    rules_py.check([], source, plan=PLAN)
    return rules_py.read_profile(source) if isinstance(source, str) else source


def test_default_profile():
    assert rules_py.check([], None, plan=PLAN)["category"]["id"] == "civil_servant"


def test_yaml_profile_as_in_the_issue():
    text = """
category: civil_servant   # civil_servant 編制內公務人員
office_hours: ["08:00-12:00", "13:30-17:30"]   # on each working day
on_duty: [["2025-03-01 08:00", "2025-03-01 20:00"]]        # 在勤/輪值 periods
overtime: [["2025-03-12 18:00", "2025-03-12 21:00"]]       # 加班
official_leave: []                                         # 公假
business_trips: []                                         # 公差/出差
unpaid_leave: [["2025-03-10", "2025-03-20"]]               # 留職停薪, inclusive dates
days_off: ["2025-07-11"]                                   # extra non-working dates
"""
    profile = parse_profile(text)
    assert profile["on_duty"] == [["2025-03-01 08:00", "2025-03-01 20:00"]]
    assert profile["overtime"] == [["2025-03-12 18:00", "2025-03-12 21:00"]]
    assert profile["unpaid_leave"] == [["2025-03-10", "2025-03-20"]]
    assert profile["days_off"] == ["2025-07-11"] == parse_profile(json.dumps({"days_off": ["2025-07-11"]}))["days_off"]


def test_yaml_block_lists_quotes_and_chinese_category():
    text = "category: '約聘僱人員'\ndays_off:\n  - 2025-07-11\n  - \"2025-07-30\"\noffice_hours: []\n"
    profile = parse_profile(text)
    assert profile["days_off"] == ["2025-07-11", "2025-07-30"] and profile["office_hours"] == []
    assert rules_py.check([], text, plan=PLAN)["category"]["id"] == "contract"


@pytest.mark.parametrize("text,where", [
    ("category teacher", "profile 第 1 行"),
    ("category: teacher\n  worker: x", "profile 第 2 行"),
    ("category: teacher\ncategory: worker", "profile 第 2 行"),
    ("office_hours: [\"08:00-12:00\"", "profile 第 1 行"),
    ("office_hours: [\"08:00-12:00]", "profile 第 1 行"),
    ("office_hours: 08:00-12:00", "profile.office_hours"),
    ("office_hours: [\"8-12\"]", "profile.office_hours[0]"),
    ("on_duty: [[\"2025-03-01 20:00\", \"2025-03-01 08:00\"]]", "profile.on_duty[0]"),
    ("overtime: [[\"tomorrow\", \"2025-03-01 08:00\"]]", "profile.overtime[0][0]"),
    ("unpaid_leave: [[\"2025-03-20\", \"2025-03-10\"]]", "profile.unpaid_leave[0]"),
    ("days_off: [\"2025/07/11\"]", "profile.days_off[0]"),
    ("{\"category\": ", "profile"),
    ("[1, 2]", "profile 第 1 行"),
])
def test_bad_profiles_name_the_key(text, where):
    with pytest.raises(rules_py.InputError) as caught:
        parse_profile(text)
    assert caught.value.where == where and caught.value.message
