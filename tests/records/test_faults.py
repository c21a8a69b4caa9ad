"""Every unusable input gets one zh-TW line saying what is wrong and where."""

import json
from pathlib import Path

import pytest

import rules_py
from rules_py import InputError
from rules_py.record import MAX_RECORD_BYTES, parse_record, read_record
from tests.cases.schema import errors, validator

FIXTURES = Path(__file__).parent.parent / "fixtures" / "records"
FAULTS = {k: v for k, v in json.loads((Path(__file__).parent / "faults.json").read_text("utf-8")).items()
          if not k.startswith("_")}
HEADER = "No.\t課程類型\t課程名稱\t上課期間\t閱讀時數\t測驗\t問卷\t通過條件\t通過狀態\t認證時數\t終身學習時數上傳狀態\t終身學習時數上傳時間"


def _row(no="1", name="雙軸轉型淨零港都 (PCENTER114100556)", period="2025-01-01 08:00:00~ 2025-01-01 09:00:00",
         credit="1.0"):
    return "\t".join([no, "開放式", name, period, "01:00:00", "100", "已填", "課程測驗：75 分(含)以上",
                      "已通過", credit, "成功", "2025-01-02 12:00:00"])


def _message(data, filename=None) -> str:
    with pytest.raises(InputError) as caught:
        parse_record(data, filename)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_every_bad_fixture_is_listed():
    bad = {path.name for path in FIXTURES.glob("bad_*")}
    assert bad == set(FAULTS)


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_bad_fixture_message_says_what_and_where(name):
    message = _message((FIXTURES / name).read_bytes(), name)
    assert message.startswith(f"{name}：")
    for words in FAULTS[name]:
        assert words in message


def test_without_a_filename_the_message_is_the_fault_alone():
    assert _message(b"") == "紀錄是空的，沒有任何內容"


def test_ten_megabytes_are_refused_naming_the_limit():
    limit_mb = MAX_RECORD_BYTES // (1024 * 1024)
    big = (HEADER + "\n" + (_row() + "\n") * 200_000).encode("utf-8")[: 10 * 1024 * 1024]
    assert len(big) == 10 * 1024 * 1024
    message = _message(big, "paste")
    assert f"上限為 {limit_mb} MB" in message and "10.0 MB" in message


def test_ten_megabytes_of_pasted_text_are_refused_too():
    assert "上限為" in _message("a" * (10 * 1024 * 1024))


def test_just_under_the_limit_is_read_not_refused_for_size():
    text = HEADER + "\n" + _row() + "\n"
    padding = " " * (MAX_RECORD_BYTES - len(text.encode("utf-8")))
    assert len(parse_record((text + padding).encode("utf-8"))) == 1


@pytest.mark.parametrize(
    ("period", "words"),
    [
        ("2025-02-30 08:00:00~ 2025-02-30 09:00:00", ["不存在", "2025-02-30"]),
        ("2025-01-01 24:00:00~ 2025-01-02 01:00:00", ["不存在", "24:00:00"]),
        ("2025-13-01 08:00~ 2025-13-01 09:00", ["不存在", "2025-13-01"]),
        ("2025-01-01 09:00:00~ 2025-01-01 08:59:59", ["早於", "08:59:59"]),
        ("", ["是空的"]),
        ("2025-01-01 08:00:00", ["看不懂"]),
        ("2025-01-01 08:00+08~ 2025-01-01 09:00+08", ["看不懂"]),  # the platform's length, not its layout
    ],
)
def test_period_faults_name_the_row_and_column(period, words):
    text = "\n".join([HEADER, _row("1"), _row("2"), _row("3", period=period)])
    message = _message(text)
    assert message.startswith("第 3 列「上課期間」")
    for word in words:
        assert word in message


def test_the_row_number_counts_course_rows_and_shows_a_different_no():
    message = _message("\n".join([HEADER, _row("7"), _row("8", period="2025-02-29 08:00~ 2025-02-29 09:00")]))
    assert message.startswith("第 2 列（No. 8）「上課期間」")


def test_unreadable_credit_hours_name_the_column():
    message = _message("\n".join([HEADER, _row(credit="一小時")]))
    assert message.startswith("第 1 列「認證時數」") and "一小時" in message


def test_an_empty_course_name_is_a_fault():
    assert _message("\n".join([HEADER, _row(name=" ")])).startswith("第 1 列「課程名稱」是空的")


def test_a_row_with_missing_cells_is_named():
    short = ",".join(_row("2").split("\t")[:9])
    message = _message("\n".join([HEADER.replace("\t", ","), _row("1").replace("\t", ","), short]))
    assert "第 2 列有 9 欄，應有 12 欄" in message


def test_a_repeated_column_is_named():
    message = _message(HEADER + "\t通過狀態\n" + _row() + "\t已通過")
    assert "「通過狀態」欄出現兩次" in message


def test_csv_without_a_header_is_refused():
    assert "找不到學習紀錄表格" in _message(_row().replace("\t", ",") + "\n")


def test_a_long_bad_value_is_cut_in_the_message():
    message = _message("\n".join([HEADER, _row(period="x" * 500)]))
    assert len(message) < 200 and "…" in message


def test_not_text_at_all():
    assert "不是文字" in _message("\x01\x02\x03\x04" * 10)
    assert "編碼" in _message(b"\x81\xff\xfe\x80" * 10)


def test_a_pasted_row_that_lost_its_last_cells_is_named_not_glued_to_the_next():
    rows = [_row("1"), _row("2").rsplit("\t", 2)[0], _row("3")]
    assert _message("\n".join([HEADER] + rows)).startswith("第 2 列有 10 欄，應有 12 欄")


def test_headerless_paste_must_have_twelve_columns():
    assert _message("1\t開放式\t雙軸轉型淨零港都\t2025-01-01 08:00~2025-01-01 09:00\n").startswith("第 1 列有 4 欄，應有 12 欄")


def test_halves_of_characters_from_javascript_become_whole_or_replacement_characters():
    name = "失智\ud800友善好厝邊\ud83d\ude00"
    row = parse_record("\n".join([HEADER, _row(name=name)]))[0]
    assert row.name == "失智\ufffd友善好厝邊\U0001f600"
    assert row.name.encode("utf-8").decode("utf-8") == row.name


def test_control_characters_are_counted_as_a_pattern_over_the_text_counts_them():
    import random
    import re

    from rules_py.record._decode import _count_controls

    pattern = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")  # not tab, line feed, form feed, carriage return
    alphabet = ["a", "課", "\t", "\n", "\r", "\f", "\v", "\x00", "\x08", "\x0e", "\x1f", "\x7f", "\x80", "\x85",
                "\u3000", "\xa0", "\ud800", "\udc00", "\u2028", "\x1c", "\U0001f600"]
    rng = random.Random(13)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        assert _count_controls(text) == len(pattern.findall(text)), repr(text)


@pytest.mark.parametrize("bad_row, words", [
    (_row(no="2", period="2025-02-30 08:00:00~ 2025-02-30 09:00:00"), "日期時間不存在：2025-02-30"),
    (_row(no="2", period="2025-03-01 10:00:00~ 2025-03-01 09:00:00"), "早於開始時間"),
    (_row(no="2", credit="一小時"), "「認證時數」不是數字"),
])
def test_a_row_whose_fields_cannot_be_read_keeps_the_other_rows(bad_row, words):
    """read_record: the bad row is a problem beside the rows read (issue 23); parse_record still refuses it."""
    text = "\n".join([HEADER, _row(no="1"), bad_row, _row(no="3", period="2025-01-02 08:00:00~ 2025-01-02 09:00:00")])
    rows, problems = read_record(text)
    assert [r.line for r in rows] == [1, 3]
    [problem] = problems
    assert problem["line"] == 2 and problem["name"] == "雙軸轉型淨零港都" and problem["code"] == "PCENTER114100556"
    assert words in problem["message"] and problem["message"].startswith("第 2 列")
    assert problem["status"] == "已通過" and problem["period"]
    assert words in _message(text)


def test_check_partial_lists_the_rows_it_could_not_read():
    text = (FIXTURES / "bad_impossible_date.txt").read_text("utf-8")
    result = rules_py.check(text, plan="kaohsiung-114", partial=True)
    assert [p["line"] for p in result["record_problems"]] == [2]
    assert [c["row"]["line"] for c in result["courses"] if c["row"]] == [1]
    with pytest.raises(InputError):
        rules_py.check(text, plan="kaohsiung-114")
    answer = json.loads(rules_py.check_json(json.dumps({"record": text, "plan": "kaohsiung-114", "partial_record": True})))
    assert answer["record_problems"] == result["record_problems"]
    refused = json.loads(rules_py.check_json(json.dumps({"record": text, "partial_record": "yes"})))
    assert refused["error"]["where"] == "partial_record"
    assert errors(validator(), result) == []  # the published result format holds record_problems
    assert "record_problems" not in rules_py.check(text.splitlines()[0] + "\n" + text.splitlines()[1], plan="kaohsiung-114")
