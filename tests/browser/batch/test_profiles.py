"""Per-person profile files (the personal checker's 「匯出我的資料」 JSON, or a bare profile) in real Chromium.
A file goes with the record of the same name (extension aside), or with the roster row whose 姓名 is the
file's name or the name inside it (rules_py.batch.jobs); the roster's own columns win. Each row is
rules_py.check(record, the merged profile), and the profile really changes the verdict."""

import copy
import json

import pytest

from tests.batch import generate
from tests.browser.batch.page import (assert_rows_are_the_rules, choose_roster, expected_hooks, files, rows,
                                      run)

PEOPLE = generate.people(12)
CHECKER_FORMAT = "kaohsiung-elearn-checker/1"  # site_src/checker/storage.js


def exported(profile: dict, name: str = "", unit: str = "") -> bytes:
    """The personal checker's export (storage.js snapshot()): its record and rows are not used by the batch."""
    return json.dumps({"format": CHECKER_FORMAT, "record": None, "read": False, "rows": [], "profile": profile,
                       "who": {"unit": unit, "name": name}}, ensure_ascii=False).encode()


# (person index, profile file name, what is in it, the bundle it changes)
GIVEN = (
    # 加班 over a course of the 共通 bundle; same file name as the record (p03.csv); its category loses to the roster's
    (3, "p03.json", {"overtime": [["2025-03-08 20:00", "2025-03-08 23:00"]], "category": "teacher"}, "leaveCommon"),
    # 公假 over a course of the 政策 bundle; the default export name, matched by the name inside it
    (5, "補休檢核資料 (3).json", {"official_leave": [["2025-03-01 09:30", "2025-03-01 10:00"]]}, "leavePolicy"),
    # 公差 over another 政策 course; a bare profile named after the person (the roster's 姓名)
    (11, "測試11號.json", {"business_trips": [["2025-03-04 19:00", "2025-03-04 21:00"]]}, "leavePolicy"),
)


def _with_profile(person, profile: dict):
    merged = copy.copy(person)
    merged.profile = {**profile, **person.profile}  # the roster's columns (person.profile) win
    return merged


def _profile_files() -> list:
    out = []
    for i, name, profile, _ in GIVEN:
        person = PEOPLE[i]
        data = exported(profile, person.name, person.unit) if name.startswith("補休") else (
            json.dumps(profile).encode() if name.startswith("測試") else exported(profile))
        out.append({"name": name, "mimeType": "application/json", "buffer": data})
    return out


BROKEN = {"壞掉.json": (b"{\"format\": \"kaohsiung-elearn-checker/1\", \"profile\":",
                       "不是有效的 JSON 檔（應為補休檢核「匯出我的資料」的檔案）"),
          "別人.json": (exported({}, "不在名冊的人"),
                       "找不到對應的學習紀錄（設定檔要與紀錄檔同名，或在名冊填上相同的姓名）")}


@pytest.mark.parametrize("roster", ["名冊.csv", "名冊.xlsx"])
def test_profile_files_change_the_verdicts(batch_page, roster):
    page = batch_page
    broken = [{"name": n, "mimeType": "application/json", "buffer": d} for n, (d, _) in BROKEN.items()]
    page.set_input_files("#batch-files", files=files(PEOPLE, hostile=False) + _profile_files() + broken)
    choose_roster(page, PEOPLE, roster)
    run(page)

    given = {i: _with_profile(PEOPLE[i], profile) for i, _, profile, _ in GIVEN}
    assert_rows_are_the_rules(page, [given.get(i, p) for i, p in enumerate(PEOPLE)])
    shown = rows(page)
    for i, _, _, bundle in GIVEN:
        without = expected_hooks(PEOPLE[i])[bundle]
        assert (without, shown[PEOPLE[i].name][bundle]) == ("eligible", "ineligible"), PEOPLE[i].file
    assert {h["person"]: h["error"] for h in shown.values() if "error" in h} == {
        name: why for name, (_, why) in BROKEN.items()}


def test_the_page_says_how_profile_files_are_matched(batch_page):
    hint = batch_page.inner_text("#batch-files-hint")
    assert "同名" in hint and "姓名" in hint and "以名冊為準" in hint
