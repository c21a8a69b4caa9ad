"""The attendance export (差勤資料) in the batch page, in real Chromium: 30 generated records, a roster with
員工編號, and the export in CSV (Big5), ODS and XLSX under headers the table does not know, mapped through
the page's question from the keyboard. Every verdict is rules_py.check's with the person's rows in their
profile; overtime, 公假 and 公差 each turn a bundle from 符合 to 不符合; the downloads hold the CLI's cells;
axe finds nothing in the new states."""

import subprocess
import sys
from types import SimpleNamespace

import pytest

import rules_py
from tests.batch import generate
from tests.batch.readback import read_ods, read_xlsx
from tests.browser.batch.page import BATCH_MS, ROOT, download, expected_hooks, files, rows
from tests.support.axe import axe
from tests.browser.batch.test_access import SIZES

PEOPLE = generate.people(30)
PLAN = generate.attendance_plan(PEOPLE)
ROSTER = generate.roster_with_ids(PEOPLE)
EXPORT = generate.attendance_rows(PEOPLE, PLAN)
COLUMNS = ",".join(f"{k}={v}" for k, v in generate.ATTENDANCE_COLUMNS.items())


def given(name: str, data: bytes) -> list:
    return [{"name": name, "mimeType": "application/octet-stream", "buffer": data}]


def choose(page, fmt: str):
    page.set_input_files("#batch-files", files=files(PEOPLE, hostile=False))
    page.set_input_files("#batch-roster", files=given("名冊.csv", ROSTER))
    page.set_input_files("#batch-attendance", files=given(f"差勤.{fmt}", generate.attendance_file(EXPORT, fmt)))


def press_continue(page):
    page.focus("#batch-question-continue")
    page.keyboard.press("Enter")


def choose_by_keys(page, select: str, value: str):
    """A select's option chosen as a keyboard user does: focus, then arrow down until it is the one."""
    page.focus(select)
    for _ in range(len(page.query_selector_all(f"{select} option"))):
        if page.eval_on_selector(select, "e => e.value") == value:
            return
        page.keyboard.press("ArrowDown")
    assert page.eval_on_selector(select, "e => e.value") == value


def axe_at_every_size(page) -> list:
    found = []
    for size in SIZES.values():
        page.set_viewport_size(size)
        found += axe(page)
    return found


def answer_the_questions(page, check_axe=False) -> dict:
    """Maps the odd headers (which column is which), then assigns 外出 to 公差; {state: axe violations}."""
    found = {}
    page.wait_for_selector("#batch[data-state='question'] #att-col-kind")
    assert page.evaluate("document.activeElement.id") == "batch-question-title"
    header = page.eval_on_selector_all("#batch-question-header td", "els => els.map(e => e.textContent)")
    assert header == [f"第 {i + 1} 欄：{h}" for i, h in enumerate(EXPORT[0])]
    if check_axe:
        found["columns"] = axe_at_every_size(page)
    for field, text in generate.ODD_HEADERS.items():
        choose_by_keys(page, f"#att-col-{field}", text)
    press_continue(page)
    page.wait_for_selector("#batch[data-state='question'] #att-kind-0")
    assert page.text_content("label[for='att-kind-0']") == "「外出」"
    press_continue(page)  # not answered yet: the error summary says so
    page.wait_for_selector("#error-summary:not([hidden])")
    assert "請選擇假別「外出」算作什麼" in page.text_content("#error-summary")
    if check_axe:
        found["kinds, not answered"] = axe_at_every_size(page)
    choose_by_keys(page, "#att-kind-0", "business_trips")
    press_continue(page)
    page.wait_for_selector("#batch[data-state='results']", timeout=BATCH_MS)
    return {k: v for k, v in found.items() if v}


def expected(i: int, person) -> dict:
    """The page's hooks for rules_py.check with the person's attendance rows in their profile."""
    mine = [e for e in PLAN if e[0] == i]
    return expected_hooks(SimpleNamespace(name=person.name, data=person.data,
                                          profile=generate.attendance_profile(person, mine)))


def cli(tmp_path, fmt: str, out: str) -> bytes:
    folder = tmp_path / f"cli-{fmt}-{out}"
    folder.mkdir()
    for p in PEOPLE:
        (folder / p.file).write_bytes(p.data)
    (folder / "名冊.csv").write_bytes(ROSTER)
    (folder / f"差勤.{fmt}").write_bytes(generate.attendance_file(EXPORT, fmt))
    done = subprocess.run([sys.executable, "-m", "rules_py", "check", *(p.file for p in PEOPLE), "--roster", "名冊.csv",
                           "--attendance", f"差勤.{fmt}", "--attendance-columns", COLUMNS, "--attendance-kinds",
                           "外出=公差", "--out", out], cwd=folder, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT)})
    assert done.returncode == 2 and "E0999" in done.stderr, done.stderr  # the row matching nobody, listed
    return (folder / out).read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "ods", "xlsx"])
def test_the_attendance_export_decides_as_the_rules_do(batch_page, batch_context, fmt, tmp_path):
    page = batch_page
    choose(page, fmt)
    assert f"差勤資料「差勤.{fmt}」" in page.text_content("#batch-chosen-summary")
    before = len(batch_context.request_log.urls)
    page.click("#batch-start")
    assert answer_the_questions(page, check_axe=fmt == "csv") == {}
    assert batch_context.request_log.urls[before:] == [], "檢核期間不應發出任何請求"

    shown = rows(page)
    for i, person in enumerate(PEOPLE):
        got = {k: v for k, v in shown[person.name].items() if k not in ("duplicate", "missing")}
        assert got == expected(i, person), person.file
    flipped = set()
    for i, word, _, _, _, bundle in PLAN:
        if bundle:
            before = rules_py.check(PEOPLE[i].data, PEOPLE[i].profile)
            assert {b["id"]: b["leave"]["status"] for b in before["bundles"]}[bundle] == "eligible"
            assert shown[PEOPLE[i].name][f"leave{bundle.capitalize()}"] == "ineligible"
            flipped.add(word)
    assert flipped == {"加班", "公假", "公差", "外出"}
    assert "E0999" in page.text_content("#batch-table-body")  # the row matching nobody has its own row

    assert read_ods(download(page, "#export-ods")) == read_ods(cli(tmp_path, fmt, "結果.ods"))
    assert read_xlsx(download(page, "#export-xlsx")) == read_xlsx(cli(tmp_path, fmt, "結果.xlsx"))


def test_the_detail_view_names_the_rows_applied_and_the_one_that_decided(batch_page):
    page = batch_page
    choose(page, "csv")
    page.click("#batch-start")
    answer_the_questions(page)
    i, word, _, start, end, _ = PLAN[0]
    page.click(f"#batch-table-body tr[data-person='{PEOPLE[i].name}'] button[data-open]")
    page.wait_for_selector("#batch[data-state='detail']")
    assert page.text_content("#batch-applied-summary") == "差勤資料「差勤.csv」第 2、3 列。"
    cells = page.eval_on_selector_all("#batch-applied-rows tbody tr", "els => els.map(e => e.innerText.split('\\t'))")
    span = f"{start.year - 1911}/{start:%m/%d %H:%M}–{end:%H:%M}"
    assert cells[0] == ["第 2 列", word, span]
    assert f"與 {span} {word}重疊（差勤資料第 2 列）" in page.text_content("#batch-applied-decided")
    assert axe_at_every_size(page) == []


def test_the_attendance_template_is_offered(batch_page):
    page = batch_page
    from rules_py.batch.attendance import layout, read_entries

    for fmt in ("ods", "xlsx"):
        data = download(page, f"#attendance-template-{fmt}")
        lay = layout(f"t.{fmt}", data)
        assert lay.missing == [] and len(read_entries(lay).usable) == 2


def test_system_files_are_not_counted_as_chosen(batch_page):
    page = batch_page
    junk = [{"name": n, "mimeType": "application/octet-stream", "buffer": b"x"} for n in (".DS_Store", "Thumbs.db")]
    page.set_input_files("#batch-files", files=files(PEOPLE[:3], hostile=False) + junk)
    page.wait_for_function("() => document.getElementById('batch-chosen-summary').textContent.includes('略過')")
    assert page.text_content("#batch-chosen-summary").startswith("已選擇 3 個檔案（另有 2 個系統產生的檔案，檢核時略過）")
