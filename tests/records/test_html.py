"""HTML as pages and clipboards really have it: sloppy markup, layout tables, scripts, hostile text."""

from datetime import datetime

from rules_py.record import parse_record

from tests.fixtures.make_records import HEADERS

HEAD = "<tr>" + "".join(f"<th>{h}</th>" for h in HEADERS) + "</tr>"


def _row(name="失智友善好厝邊", period="2025-05-17 20:00:00~<br>2025-05-17 21:00:00", no="1", close=True):
    cells = [no, "開放式", name, period, "01:00:00", "100", "已填", "需填問卷：是", "已通過", "1.0", "成功", ""]
    end = "</td>" if close else ""
    return "<tr>" + "".join(f"<td>{c}{end}" for c in cells) + ("</tr>" if close else "")


def test_tags_left_open_as_html_allows():
    rows = parse_record("<TABLE>" + HEAD + _row(close=False) + _row(no="2", close=False))
    assert [r.no for r in rows] == ["1", "2"] and rows[1].end == datetime(2025, 5, 17, 21)


def test_entities_and_source_line_breaks():
    rows = parse_record("<table>" + HEAD + _row(name="失智友善&nbsp;好厝邊\n  &amp; 長照（PKCG114100999）") + "</table>")
    assert (rows[0].name, rows[0].code) == ("失智友善\xa0好厝邊 & 長照", "PKCG114100999")


def test_record_table_nested_in_a_layout_table():
    page = f"<table><tr><td>選單</td><td><div><table>{HEAD}{_row()}</table></div></td></tr></table>"
    assert len(parse_record(page)) == 1


def test_script_style_and_comments_in_cells_are_not_text():
    name = "失智友善好厝邊<script>document.write('<td>x</td>')</script><style>td{}</style><!-- <td>y</td> -->"
    rows = parse_record("<table>" + HEAD + _row(name=name) + "</table>")
    assert rows[0].name == "失智友善好厝邊"


def test_marked_sections_are_skipped_like_a_browser_does():
    rows = parse_record("<table>" + HEAD + _row(name="失智友善<![if !supportLists]>好厝邊<![endif]><![foo]]>") + "</table>")
    assert rows[0].name == "失智友善好厝邊"


def test_hostile_text_comes_back_as_text():
    name = "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;"
    rows = parse_record("<table>" + HEAD + _row(name=name) + "</table>")
    assert rows[0].name == "<img src=x onerror=alert(1)><script>alert(2)</script>"


def test_a_fragment_of_rows_without_its_table_tag():
    assert [r.no for r in parse_record(_row(no="4") + _row(no="5"))] == ["4", "5"]


def test_block_elements_break_lines_in_a_cell():
    rows = parse_record("<table>" + HEAD + _row(period="<div>2025-05-17 20:00:00~</div><p>2025-05-17 21:00:00</p>")
                        + "</table>")
    assert rows[0].start == datetime(2025, 5, 17, 20)
