"""Every form of the same record reads to the same rows; detection is by content alone."""

from datetime import datetime
from pathlib import Path

import pytest

from rules_py.record import parse_record

FIXTURES = Path(__file__).parent.parent / "fixtures" / "records"
from tests.fixtures import make_records  # the fixture generator: ROWS is what the page shows

# file -> its encoding, for reading it as text
SAME_RECORD = {"clipboard.html": "utf-8", "clipboard.txt": "utf-8", "record_utf8.csv": "utf-8",
               "record_utf8_bom.csv": "utf-8-sig", "record_big5.csv": "cp950", "record_tabs.txt": "utf-8",
               "record_excel_unicode.txt": "utf-16"}


@pytest.fixture(scope="module")
def page_rows():
    return parse_record((FIXTURES / "platform_page.html").read_bytes(), "platform_page.html")


def test_the_saved_page_holds_every_row_of_the_generator(page_rows):
    assert len(page_rows) == len(make_records.ROWS) == 25
    assert [row.line for row in page_rows] == list(range(1, 26))
    assert [row.no for row in page_rows] == [str(n) for n in range(1, 26)]


@pytest.mark.parametrize("name", SAME_RECORD)
def test_every_form_reads_to_the_same_rows(name, page_rows):
    assert parse_record((FIXTURES / name).read_bytes(), name) == page_rows


@pytest.mark.parametrize("name", SAME_RECORD)
def test_text_input_reads_like_bytes(name, page_rows):
    assert parse_record((FIXTURES / name).read_text(SAME_RECORD[name])) == page_rows


def test_the_clipboard_fixtures_are_what_chromium_wrote():
    clip_html = (FIXTURES / "clipboard.html").read_text("utf-8")
    clip_text = (FIXTURES / "clipboard.txt").read_text("utf-8")
    assert "<table" in clip_html and "style=" in clip_html  # Chromium inlines computed styles
    assert "\t" in clip_text and "~\n2025-01-01 09:00:00\t" in clip_text  # the period spills over two lines


def test_the_seed_sample(page_rows):
    rows = parse_record((FIXTURES / "seed_sample.txt").read_bytes())
    assert len(rows) == 7
    assert {row.start.date() for row in rows} == {datetime(2025, 1, 1).date()}
    assert [(r.name, r.code, r.start, r.end, r.credit_hours) for r in rows] == [
        (r.name, r.code, r.start, r.end, r.credit_hours) for r in page_rows[:7]]
    assert rows[3].reading_time == "02:00:00" and rows[3].credit_hours == 1.0


def test_fields_of_a_row(page_rows):
    row = page_rows[0]
    assert (row.no, row.course_type, row.name, row.code) == ("1", "開放式", "雙軸轉型淨零港都", "PCENTER114100556")
    assert (row.start, row.end) == (datetime(2025, 1, 1, 8), datetime(2025, 1, 1, 9))
    assert (row.reading_time, row.exam, row.survey, row.status) == ("01:00:00", "100", "已填", "已通過")
    assert row.conditions == "課程測驗：75 分(含)以上\n閱讀時數：00:30:00(含)以上\n需填問卷：是"
    assert (row.credit_hours, row.upload_status, row.upload_time) == (1.0, "成功", "2025-01-02 12:00:00")


def test_names_keep_their_own_characters_and_brackets(page_rows):
    by_name = {row.name: row for row in page_rows}
    assert by_name["性騷擾調查實務探討(A)-接獲性騷擾申訴應變作為"].code is None  # (A) is part of the name
    assert "兩公約健康權課程：人權搜查客\u2161" in by_name
    assert "探索生成式\u3000AI 的應用與實際操作—ChatGPT 與他的小夥伴" in by_name


def test_a_retake_keeps_both_rows(page_rows):
    retake = [r for r in page_rows if r.name == "性騷擾調查實務探討(B)-性平三法適用範圍"]
    assert [(r.status, r.credit_hours, r.upload_status, r.upload_time) for r in retake] == [
        ("未通過", 0.0, "", ""), ("已通過", 1.0, "成功", make_records.UPLOADED)]


def test_the_last_second_of_the_deadline(page_rows):
    assert page_rows[-2].end == datetime(2025, 8, 31, 23, 59, 59)


def test_clipboard_html_without_the_header_row(page_rows):
    # Selecting only body rows copies no <thead>: the platform's 12 columns in order are assumed.
    body_only = make_records.record_table(make_records.ROWS).split("<tbody>")[1].split("</tbody>")[0]
    fragment = "<meta charset='utf-8'><table><tbody>" + body_only + "</tbody></table>"
    assert parse_record(fragment) == page_rows


def test_clipboard_text_without_the_header_line(page_rows):
    text = (FIXTURES / "clipboard.txt").read_text("utf-8")
    assert parse_record(text.split("\n", 2)[2]) == page_rows  # the capture starts with an empty line


def test_text_around_a_copied_table_is_ignored(page_rows):
    text = (FIXTURES / "clipboard.txt").read_text("utf-8")
    assert parse_record("個人專區\n學習紀錄\n" + text + "共 25 筆\n★注意：起迄均應於公餘時間\n") == page_rows


def test_html_message_rows_and_other_tables_are_not_courses():
    page = (FIXTURES / "platform_page.html").read_text("utf-8")
    page = page.replace("</tbody>", '<tr><td colspan="12">共 25 筆</td></tr></tbody>')
    assert len(parse_record(page)) == 25


def test_utf16_text_from_excel():
    data = (FIXTURES / "record_tabs.txt").read_text("utf-8")
    assert len(parse_record(data.encode("utf-16"))) == 25


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("2025-01-01 08:00:00~ 2025-01-01 09:00:00", (2025, 1, 1, 8, 0, 0), (2025, 1, 1, 9, 0, 0)),
        ("2025/1/1 8:00～2025/1/1 9:00", (2025, 1, 1, 8, 0, 0), (2025, 1, 1, 9, 0, 0)),
        ("２０２５－０３－０１ ２０：１５：３０ ～ ２０２５－０３－０１ ２１：００：００", (2025, 3, 1, 20, 15, 30),
         (2025, 3, 1, 21, 0, 0)),
        ("  2025-03-01  20:15 〜 2025-03-01  21:00  ", (2025, 3, 1, 20, 15, 0), (2025, 3, 1, 21, 0, 0)),
        ("114/03/01 20:15:00 至 114/03/01 21:00:00", (2025, 3, 1, 20, 15, 0), (2025, 3, 1, 21, 0, 0)),
        ("2025-03-01T20:15:00 - 2025-03-01T21:00:00", (2025, 3, 1, 20, 15, 0), (2025, 3, 1, 21, 0, 0)),
        ("2025-03-01 20:15:00~ 2025-03-01 20:15:00", (2025, 3, 1, 20, 15, 0), (2025, 3, 1, 20, 15, 0)),
        # The platform's own layout has a quicker reader: a 民國 year of four digits and a T read the same there.
        ("0114-03-01 20:15:00~\n0114-03-01 21:00:00", (2025, 3, 1, 20, 15, 0), (2025, 3, 1, 21, 0, 0)),
        ("2025-03-01T20:15:00~2025-03-01 21:00:00", (2025, 3, 1, 20, 15, 0), (2025, 3, 1, 21, 0, 0)),
    ],
)
def test_period_spellings(period, start, end):
    csv = ",".join(make_records.HEADERS) + f'\n1,開放式,失智友善好厝邊,"{period}",01:00:00,100,已填,,已通過,1.0,成功,\n'
    row = parse_record(csv)[0]
    assert (row.start, row.end) == (datetime(*start), datetime(*end))


@pytest.mark.parametrize(
    ("cell", "name", "code"),
    [
        ("雙軸轉型淨零港都 (PCENTER114100556)", "雙軸轉型淨零港都", "PCENTER114100556"),
        ("雙軸轉型淨零港都（PCENTER114100556）", "雙軸轉型淨零港都", "PCENTER114100556"),
        ("  雙軸轉型淨零港都　（ ｐｃｅｎｔｅｒ114100556 ）  ", "雙軸轉型淨零港都", "PCENTER114100556"),
        ("雙軸轉型淨零港都", "雙軸轉型淨零港都", None),
        ("雙軸轉型淨零港都()", "雙軸轉型淨零港都", None),
        ("性騷擾調查實務探討(B)-性平三法適用範圍", "性騷擾調查實務探討(B)-性平三法適用範圍", None),
        ("約聘(僱)人員須知", "約聘(僱)人員須知", None),
        ("研習(A)", "研習(A)", None),
    ],
)
def test_csv_name_and_code_spellings(cell, name, code):
    csv = " , ".join(make_records.HEADERS) + f'\n1, 開放式, "{cell}" ,2025-01-01 08:00~2025-01-01 09:00,,,,,已通過, 1.0 ,成功,\n'
    row = parse_record(csv)[0]
    assert (row.name, row.code, row.credit_hours, row.upload_time) == (name, code, 1.0, "")


def test_columns_in_another_order_with_an_extra_column():
    headers = list(make_records.HEADERS)
    cells = ["1", "開放式", "失智友善好厝邊", "2025-05-17 20:00~2025-05-17 21:00", "01:00:00", "100", "已填", "",
             "已通過", "1.0", "成功", ""]
    order = [11, 2, 3, 0, 1, 4, 5, 6, 7, 8, 9, 10]
    text = "\t".join(["備註"] + [headers[i] for i in order]) + "\n" + "\t".join(["x"] + [cells[i] for i in order])
    row = parse_record(text)[0]
    assert (row.no, row.name, row.status, row.end) == ("1", "失智友善好厝邊", "已通過", datetime(2025, 5, 17, 21))


def test_header_cells_in_full_width_and_spaced():
    text = (FIXTURES / "record_tabs.txt").read_text("utf-8")
    header, rest = text.split("\n", 1)
    spaced = header.replace("No.", "ＮＯ．").replace("課程名稱", "課程 名稱").replace("上課期間", " 上課期間 ")
    assert len(parse_record(spaced + "\n" + rest)) == 25


def test_a_synthetic_record_for_benchmarks():
    text = make_records.clipboard_text(make_records.synthetic_rows(500))
    rows = parse_record(text)
    assert len(rows) == 500 and rows[-1].no == "500"


def test_excel_tab_text_with_quoted_multiline_cells_without_header(page_rows):
    text = (FIXTURES / "record_excel_unicode.txt").read_text("utf-16")
    assert parse_record(text.split("\n", 1)[1]) == page_rows


def test_a_hand_typed_big5_csv_reads_like_the_seed_sample():
    typed = parse_record((FIXTURES / "record_hand_typed_big5.csv").read_bytes())
    seed = parse_record((FIXTURES / "seed_sample.txt").read_bytes())
    assert [r.code for r in typed] == [r.code if r.line % 2 else None for r in seed]
    assert [(r.name, r.start, r.end, r.conditions, r.credit_hours) for r in typed] == [
        (r.name, r.start, r.end, r.conditions, r.credit_hours) for r in seed]
