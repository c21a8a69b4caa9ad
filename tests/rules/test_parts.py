"""The small parts the rules rest on: expiry (民法第121條), ROC dates, anchors, names, working time."""

from datetime import date

import pytest

import rules_py
from rules_py import clause_anchor as anchor_for
from rules_py import leave_expiry as expiry
from rules_py import normalise_name, roc_date


@pytest.mark.parametrize("done,years,last", [
    (date(2025, 3, 1), 2, date(2027, 3, 1)),
    (date(2025, 2, 28), 2, date(2027, 2, 28)),
    (date(2025, 8, 31), 2, date(2027, 8, 31)),
    (date(2025, 12, 31), 2, date(2027, 12, 31)),
    (date(2028, 2, 28), 2, date(2030, 2, 28)),   # starts 2028-02-29; 2030 has no 02-29: the month's last day
    (date(2027, 2, 28), 1, date(2028, 2, 29)),   # starts 2027-03-01, ends the day before 2028-03-01
])
def test_expiry(done, years, last):
    assert expiry(done, years) == last


def test_roc_renderings():
    assert roc_date(date(2027, 3, 1)) == "116 年 3 月 1 日"
    row = {"name": "雙軸轉型淨零港都", "start": "2025-03-01 09:00:59", "end": "2025-03-01 10:00:00",
           "status": "已通過", "upload_status": "成功"}
    form = rules_py.check([row], plan="kaohsiung-114")["bundles"][0]["form"]
    assert form == [] or form[0]["start_roc"] == "114 年 3 月 1 日 9 時 0 分"


@pytest.mark.parametrize("clause,anchor", [
    ("壹", "clause-1"), ("肆", "clause-4"), ("陸、五", "clause-6-5"), ("陸、一", "clause-6-1"), ("捌", "clause-8"),
    ("附件2說明2", "form-note-2"), ("附件2說明6", "form-note-6"), ("第五條", None), ("陸、甲", None), ("附件2說明", None),
])
def test_anchor_for(clause, anchor):
    assert anchor_for(clause) == anchor


@pytest.mark.parametrize("a,b", [
    ("兩公約健康權課程：人權搜查客 II", "兩公約健康權課程：人權搜查客Ⅱ"),
    ("職涯非懸崖__共創多元、公平、共融的友善職場", "職涯非懸崖—共創多元、公平、共融的友善職場"),
    ("智在高雄~智慧城市任你行", "智在高雄～智慧城市任你行"),
    ("性騷擾調查實務探討(A)-接獲性騷擾申訴應變作為", "性騷擾調查實務探討【A】－接獲性騷擾申訴應變作為"),
    ("生成式 AI 帶來智能服務的全新體驗", "生成式　ａｉ帶來智能服務的全新體驗"),
])
def test_names_that_are_the_same(a, b):
    assert normalise_name(a) == normalise_name(b)


def test_names_that_differ():
    assert normalise_name("性騷擾調查實務探討(A)-接獲") != normalise_name("性騷擾調查實務探討(B)-接獲")


@pytest.mark.parametrize("start,end,verdict", [
    ("07:00", "08:00", "yes"),      # ends as work begins (08:00): no working moment
    ("08:00", "09:00", "no"),       # starts as work begins
    ("12:00", "13:00", "yes"),      # starts as the morning ends, ends before 13:30
    ("11:00", "12:00", "no"),       # ends as the morning ends: its last moment is at work
    ("07:00", "13:00", "review"),   # starts and ends off duty, the morning between
])
def test_working_time_is_half_open(start, end, verdict):
    row = {"name": "雙軸轉型淨零港都", "start": f"2025-03-03 {start}:00", "end": f"2025-03-03 {end}:00",
           "status": "已通過", "upload_status": "成功"}
    course = rules_py.check([row], plan="kaohsiung-114")["courses"][0]
    assert course["off_duty"] == verdict
