"""A new year is a data change: a small synthetic plan for 115 (2026) is checked end-to-end, no code touched."""

import shutil
from datetime import date
from pathlib import Path

import pytest

import rules_py
from pipeline.courses import load_courses
from rules_py import RULE_IDS
from tests.support.plans import calendar_csv

ROOT = Path(__file__).resolve().parent.parent

PLAN_115 = """
id: demo-115
roc_year: 115
title: 示範市 115 年度數位學習計畫
issuer: 示範市政府
document: {number: 示府人字第1150000001號, date: 2026-01-05}
platform: {name: e等公務園⁺學習平臺, url: "https://elearn.hrd.gov.tw/"}
parameters:
  period: {start: 2026-01-01, end: 2026-12-31, clause: 伍}
  deadline: {value: 2026-06-30, clause: 陸、四}
  leave_hours_per_bundle: {value: 3, clause: 陸、四}
  leave_hours_cap: {value: 5, clause: 陸、四}
  leave_valid_years: {value: 1, clause: 附件2說明2}
  leave_unit_hours: {value: 1, clause: 附件2說明2}
  reward: {value: 嘉獎2次, clause: 陸、五}
  covered_categories: {value: [civil_servant], clause: 肆}
  passed_status: {value: 已通過, clause: 陸、四}
  upload_success_status: {value: 成功, clause: 陸、五}
  leave_reason_text: {value: 利用公餘時間參與數位學習, clause: 附件2說明5}
  leave_record_kind: {value: 公假補休, clause: 附件2說明5}
  default_office_hours: {value: ["09:00-12:00", "13:00-18:00"], clause: 附件2說明2}
  calendar: {office_calendar: ../calendars/demo-115.csv, clause: 附件2說明2}
matching: {similarity_threshold: 0.9}
reminders: {expiry_warning_days: 30, calendar_alarm_days: [14], source: 示範設定}
rules: {RULES}
categories:
  - {id: civil_servant, name: 編制內公務人員}
  - {id: contract, name: 約聘僱人員}
bundles:
  - id: alpha
    name: 甲套課程
    hours: 3
    clause: 陸、一
    courses:
      - {name: 甲一 數位治理, hours: 2, code: DEMO115001}
      - {name: 甲二 資料開放, hours: 1}
  - id: beta
    name: 乙套課程
    hours: 2
    clause: 陸、二
    courses:
      - {name: 乙一 韌性城市, hours: 1}
      - {name: 乙二 淨零生活, hours: 1}
"""


@pytest.fixture
def two_plans(tmp_path):
    courses = tmp_path / "courses"
    shutil.copytree(ROOT / "courses", courses)
    (courses / "115").mkdir()
    rules = "{" + ", ".join(f"{r}: {'肆' if r.startswith('category') else '陸、四'}" for r in RULE_IDS) + "}"
    (courses / "115" / "plan.yaml").write_text(PLAN_115.replace("{RULES}", rules), encoding="utf-8")
    clauses = (courses / "114" / "clauses.yaml").read_text(encoding="utf-8")  # the text this demo cites
    (courses / "115" / "clauses.yaml").write_text(clauses.replace("plan: kaohsiung-114", "plan: demo-115"), encoding="utf-8")
    (courses / "calendars" / "demo-115.csv").write_bytes(calendar_csv(2026, holiday=date(2026, 2, 16)))
    data = load_courses(courses)
    rules_py.use_plans(data)
    yield data
    rules_py.use_plans(None)


def _row(name, start, end, **extra):
    return {"name": name, "start": start, "end": end, "status": "已通過", "upload_status": "成功", **extra}


ROWS_115 = [
    _row("甲一 數位治理", "2026-02-16 09:00:00", "2026-02-16 11:00:00", code="DEMO115001", credit_hours=2),  # holiday
    _row("甲二資料開放", "2026-03-02 18:00:00", "2026-03-02 19:00:00", credit_hours=1),  # after 18:00 office end
    _row("乙一 韌性城市", "2026-06-30 22:00:00", "2026-06-30 23:00:00", credit_hours=1),
    _row("乙二 淨零生活", "2026-04-04 10:00:00", "2026-04-04 11:00:00", credit_hours=1),
]


def test_both_plans_compile(two_plans):
    assert set(two_plans["plans"]) == {"kaohsiung-114", "demo-115"}
    demo = two_plans["plans"]["demo-115"]
    assert [b["id"] for b in demo["bundles"]] == ["alpha", "beta"]
    assert "2026-02-16" in demo["calendar"]["off_days"] and demo["calendar"]["suspensions"] == []


def test_second_plan_checked_by_its_own_numbers(two_plans):
    result = rules_py.check(ROWS_115, plan="demo-115")
    assert result["plan"]["id"] == "demo-115"
    bundles = {b["id"]: b for b in result["bundles"]}
    assert list(bundles) == ["alpha", "beta"]
    assert bundles["alpha"]["leave"]["status"] == "eligible" and bundles["alpha"]["leave"]["hours"] == 3
    assert bundles["alpha"]["completed_on"] == "2026-03-02"
    assert bundles["alpha"]["leave"]["expires_on"] == "2027-03-02"          # 1 year, from the plan
    assert bundles["beta"]["leave"]["expires_on"] == "2027-06-30"
    assert result["leave_hours"] == 5                                      # min(cap 5, 3 × 2)
    assert [w["rule"] for w in result["warnings"]] == ["leave.cap"]
    assert [s["rule"] for s in result["next_steps"]] == ["next.unit", "next.record"]
    assert result["reward"]["status"] == "eligible" and result["reward"]["name"] == "嘉獎2次"
    assert all(r["clause"] == "陸、四" and r["anchor"] == "clause-6-4"
               for r in bundles["alpha"]["leave"]["reasons"] if r["rule"] == "leave.eligible")


def test_second_plan_is_chosen_by_the_record_dates(two_plans):
    assert rules_py.check(ROWS_115)["plan"]["id"] == "demo-115"
    seed_row = _row("雙軸轉型淨零港都", "2025-01-01 08:00:00", "2025-01-01 09:00:00")
    assert rules_py.check([seed_row])["plan"]["id"] == "kaohsiung-114"


def test_second_plan_deadline_and_office_hours(two_plans):
    rows = [dict(r) for r in ROWS_115]
    rows[2].update(start="2026-06-30 23:30:00", end="2026-07-01 00:00:00")    # past its 06-30 deadline
    rows[1].update(start="2026-03-02 17:00:00", end="2026-03-02 18:00:00")    # inside its 13:00-18:00 hours
    result = rules_py.check(rows, {"category": "contract"}, plan="demo-115")
    assert [b["leave"]["status"] for b in result["bundles"]] == ["ineligible", "ineligible"]
    assert result["reward"]["status"] == "ineligible"
    assert result["category"]["covered"] is False                            # 115 covers civil servants only
    result = rules_py.check(rows, plan="demo-115")
    assert result["bundles"][0]["leave"]["reasons"][-1]["rule"] == "offduty.no"
    assert result["courses"][2]["status"] == "after_deadline"
