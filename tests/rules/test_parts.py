"""The small parts the rules rest on: expiry (民法第121條), ROC dates, anchors, names, working time, rule gaps."""

from datetime import date, datetime

import pytest

from rules_py._calendar import WorkingTime, stamp
from rules_py._clauses import anchor_for
from rules_py._dates import expiry, roc_date, roc_moment
from rules_py._match import normalise_name
from rules_py._rules import RuleGapError, _decide


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
    assert roc_moment(datetime(2025, 3, 1, 9, 0, 59)) == "114 年 3 月 1 日 9 時 0 分"


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


def test_working_time_is_half_open():
    day = datetime(2025, 3, 3)
    work = WorkingTime([(stamp(day.replace(hour=8)), stamp(day.replace(hour=12)))])
    assert work.covering(stamp(day.replace(hour=8))) is not None          # a start at 08:00 is at work
    assert work.covering(stamp(day.replace(hour=8)), end_point=True) is None   # an end at 08:00 is not
    assert work.covering(stamp(day.replace(hour=12))) is None             # a start at 12:00 is not
    assert work.covering(stamp(day.replace(hour=12)), end_point=True) is not None
    assert work.first_within(stamp(day.replace(hour=7)), stamp(day.replace(hour=13))) is not None
    assert work.first_within(stamp(day.replace(hour=12)), stamp(day.replace(hour=13))) is None


def test_a_case_no_rule_decides_is_an_error():
    with pytest.raises(RuleGapError, match="沒有任何規則能判定「甲」是否完成"):
        _decide((("course.counted", False, "counted"), ("course.missing", False, "missing")), "甲", "是否完成")


@pytest.mark.parametrize("a,b,low,high", [
    ("族群關係與族群主流化課程", "族群關係與族群主流化", 0.85, 0.95),
    ("失智友善好鄰居", "失智友善好厝邊", 0.6, 0.7),
    ("資通安全通識教育", "公務人員如何維持行政中立", 0.0, 0.0),
    ("同名", "同名", 1.0, 1.0),
])
def test_similarity(a, b, low, high):
    from rules_py._match import similarity

    assert low <= similarity(normalise_name(a), normalise_name(b)) <= high
