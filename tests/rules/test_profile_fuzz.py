"""Profiles of every shape, as a dict, as JSON and as YAML text: each gives a verdict, or InputError with one
zh-TW line naming where the fault is. Never a traceback, never a rule gap (issue 10)."""

import json
import re
from datetime import date, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rules_py

PLAN = "kaohsiung-114"
ROWS = [  # a weekday, a Saturday, a typhoon day and a district-only suspension day
    {"name": "雙軸轉型淨零港都", "start": "2025-03-11 14:00:00", "end": "2025-03-11 15:00:00", "credit_hours": 1},
    {"name": "全球淨零趨勢帶給高雄的挑戰與機會", "start": "2025-03-08 10:00:00", "end": "2025-03-08 12:00:00"},
    {"name": "失智友善好厝邊", "start": "2025-07-07 09:00:00", "end": "2025-07-07 10:00:00"},
    {"name": "族群關係與族群主流化", "start": "2025-07-11T01:00:00Z", "end": "2025-07-11T02:00:00Z"},
]
ROWS = [dict(row, status="已通過", upload_status="成功") for row in ROWS]
CJK = re.compile(r"[\u4e00-\u9fff]")
KEYS = ("category", "office_hours", "on_duty", "overtime", "official_leave", "business_trips", "time_off",
        "unpaid_leave", "days_off", "district", "village")

_OFFSETS = st.sampled_from(["", "", "Z", "+08:00", "-08:00", "+14:00", "-12:00", "+05:30"])
_MOMENTS = st.one_of(
    st.builds(lambda d, o: d.isoformat(" ", "minutes") + o,
              st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)), _OFFSETS),
    st.builds(lambda d, o: d.isoformat("T", "seconds") + o,
              st.datetimes(min_value=datetime(2024, 12, 25), max_value=datetime(2026, 1, 5)), _OFFSETS),
    st.sampled_from(["0001-01-01 00:00+08:00", "9999-12-31 23:59-08:00", "2025-02-30 08:00", "2025-03-11 24:00",
                     "2025-03-11", "soon", ""]),
)
_DAYS = st.one_of(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
                  st.sampled_from(["9999-12-31", "0001-01-01", "2025-07-11", "2025/07/11", "2025-13-01"]))
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=12))
_WRONG = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=4), inner, max_size=2)),
                      max_leaves=6)


def _periods(item):
    return st.one_of(st.lists(st.lists(item, min_size=2, max_size=2), max_size=3), _WRONG)


VALUES = {
    "category": st.one_of(st.sampled_from(["civil_servant", "contract", "teacher", "約聘僱人員", "公務人員", "志工", ""]),
                          _WRONG),
    "office_hours": st.one_of(st.lists(st.sampled_from(["08:00-12:00", "13:30-17:30", "07:30～11:30", "00:00-24:00",
                                                        "12:00-08:00", "8-12", "２４:00-24:00", "25:00-26:00",
                                                        "22:00-06:00", "16:00-08:00", "22:00-22:00", "24:00-06:00"]),
                                       max_size=3), _WRONG),
    "on_duty": _periods(_MOMENTS), "overtime": _periods(_MOMENTS), "official_leave": _periods(_MOMENTS),
    "business_trips": _periods(_MOMENTS), "time_off": _periods(_MOMENTS),
    "unpaid_leave": _periods(_DAYS),
    "days_off": st.one_of(st.lists(_DAYS, max_size=3), _WRONG),
    "district": st.one_of(st.sampled_from(["杉林", "杉林區", "桃源區", "苓雅", "台北", " 美濃 ", ""]), _WRONG),
    "village": st.one_of(st.sampled_from(["梅山", "梅山里", "寶山", " 復興 ", ""]), _WRONG),
}
PROFILES = st.fixed_dictionaries({}, optional={**VALUES, "unknown_key": _SCALARS})


def _yaml(profile: dict) -> str:
    """The profile in the YAML subset the checker reads: one `key: flow value` line per key."""
    return "".join(f"{key}: {json.dumps(value, ensure_ascii=False, default=str)}\n" for key, value in profile.items())


def _outcome(profile) -> None:
    try:
        result = rules_py.check(ROWS, profile, plan=PLAN)
    except rules_py.InputError as error:
        text = str(error)
        assert "\n" not in text and CJK.search(error.message), text
        assert error.where is None or error.where.startswith("profile"), error.where
        return
    assert {b["leave"]["status"] for b in result["bundles"]} <= {"eligible", "review", "ineligible"}
    json.dumps(result, ensure_ascii=False)


_FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(PROFILES)
def test_profiles_as_dicts(profile):
    _outcome(profile)


@_FAST
@given(PROFILES, st.sampled_from(["json", "yaml", "yaml-big5"]))
def test_profiles_as_text(profile, form):
    if form == "json":
        _outcome(json.dumps(profile, ensure_ascii=False, default=str))
    else:
        text = _yaml(profile)
        _outcome(text.encode("big5", "replace") if form == "yaml-big5" else text)


@_FAST
@given(st.text(max_size=200))
def test_any_text_is_a_profile_or_one_line(text):
    _outcome(text)


_CLOCKS = st.tuples(st.integers(0, 24), st.sampled_from([0, 15, 30, 59])).filter(lambda c: c[0] < 24 or not c[1])


@_FAST
@given(_CLOCKS, _CLOCKS)
def test_a_block_is_refused_or_read_back_as_written(start, end):
    """Any two clock times: a day block (start before end) or a night shift (across midnight, at most 16
    hours) is used as written and given back the same (an end at 00:00 as 24:00); anything else is refused
    at its place."""
    text = f"{start[0]:02d}:{start[1]:02d}-{end[0]:02d}:{end[1]:02d}"
    a, b = start[0] * 60 + start[1], end[0] * 60 + end[1]
    ok = a < b or (b < a < 24 * 60 and b + 24 * 60 - a <= 16 * 60)
    try:
        result = rules_py.check(ROWS, {"office_hours": [text]}, plan=PLAN)
    except rules_py.InputError as error:
        assert not ok and error.where == "profile.office_hours[0]", text
    else:
        assert ok and result["office_hours"] == [text.replace("-00:00", "-24:00")], text  # to midnight


def test_the_crashes_found_by_hand():
    """Times with and without offsets mixed; unpaid leave to the end of the calendar (both exited 1)."""
    mixed = {"overtime": [["2025-03-11T05:00:00Z", "2025-03-11 15:30"]], "on_duty": [["2025-03-08 09:00", "2025-03-08T03:00:00Z"]]}
    result = rules_py.check(ROWS, mixed, plan=PLAN)
    assert result["courses"][0]["off_duty"] == "no" and result["courses"][0]["found"]["kind"] == "overtime"
    forever = rules_py.check(ROWS, {"unpaid_leave": [["2025-01-01", "9999-12-31"]]}, plan=PLAN)
    assert {c["off_duty"] for c in forever["courses"] if c["status"] == "counted"} == {"no"}
    for text in ("overtime: [[\"0001-01-01 00:00+08:00\", \"0001-01-01 05:00\"]]\n",
                 "time_off: [[\"9999-12-31 20:00-08:00\", \"9999-12-31 23:00\"]]\n"):
        try:
            rules_py.check(ROWS, text, plan=PLAN)
        except rules_py.InputError as error:
            assert error.where.startswith("profile.") and "臺灣時間" in error.message
        else:
            raise AssertionError("a time beyond the calendar's range after conversion")


def test_offsets_are_taiwan_time():
    """2025-03-11T06:00:00Z is 14:00 in Taiwan: inside the office hours, whatever the host's time zone."""
    utc = [dict(ROWS[0], start="2025-03-11T06:00:00Z", end="2025-03-11T07:00:00+00:00")]
    course = rules_py.check(utc, plan=PLAN)["courses"][0]
    assert course["start"] == "2025-03-11T14:00:00" and course["off_duty"] == "no"
    here = datetime(2025, 3, 11, 14, tzinfo=timezone(timedelta(hours=8)))
    assert rules_py.check([dict(utc[0], start=here.isoformat(), end=(here + timedelta(hours=1)).isoformat())],
                          plan=PLAN)["courses"][0]["start"] == "2025-03-11T14:00:00"
