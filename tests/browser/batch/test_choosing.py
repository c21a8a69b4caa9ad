"""The other ways an officer gives the batch its files, in real Chromium: dragged onto the drop zone, and a
whole folder (with a sub-folder and a file that is no record). Every row is rules_py's verdict."""

from tests.batch import generate
from tests.browser.batch.page import assert_rows_are_the_rules, choose_roster, drop, files, run

PEOPLE = generate.people(50)


def test_many_files_dropped_on_the_zone(batch_page):
    page = batch_page
    chosen = files(PEOPLE)
    drop(page, chosen)
    page.wait_for_function("n => document.getElementById('batch-chosen-summary').textContent.startsWith(`已選擇 ${n} 個檔案`)",
                           arg=len(chosen))
    assert page.get_attribute("#batch-drop", "data-over") is None  # the zone looks as before once dropped
    assert page.eval_on_selector_all("#batch-chosen-list li", "els => els.map(e => e.textContent)") == [
        c["name"] for c in chosen]
    choose_roster(page, PEOPLE, "名冊.csv")
    run(page)
    shown = assert_rows_are_the_rules(page, PEOPLE)
    assert {h["person"] for h in shown.values() if "error" in h} == {"bomb.zip/紀錄.html", "<img src=x onerror=alert(1)>.html"}


def test_dragging_away_clears_the_zone(batch_page):
    page = batch_page
    page.dispatch_event("#batch-drop", "dragover")
    assert page.get_attribute("#batch-drop", "data-over") == "true"
    page.dispatch_event("#batch-drop", "dragleave")
    assert page.get_attribute("#batch-drop", "data-over") is None


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17) + b"\x00\x00\x00\x00IEND\xaeB`\x82"


def test_a_whole_folder_with_a_sub_folder(batch_page, tmp_path):
    """The folder picker (webkitdirectory): every file under the folder, named by its path from the folder's
    parent; a picture is one row saying why it was not read; the system's hidden files are passed over."""
    page = batch_page
    folder = tmp_path / "人事室"
    (folder / "二科").mkdir(parents=True)
    for i, person in enumerate(PEOPLE):
        (folder / ("二科" if i % 3 == 0 else "") / person.file).write_bytes(person.data)
    (folder / "二科" / "圖片.png").write_bytes(PNG)
    (folder / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    page.set_input_files("#batch-folder", files=str(folder))
    # Counted as the check will use them: .DS_Store is passed over, and said so.
    page.wait_for_function("n => document.getElementById('batch-chosen-summary').textContent.startsWith("
                           "`已選擇 ${n} 個檔案（另有 1 個系統產生的檔案，檢核時略過）`)", arg=len(PEOPLE) + 1)
    listed = page.eval_on_selector_all("#batch-chosen-list li", "els => els.map(e => e.textContent)")
    assert "人事室/二科/圖片.png" in listed and f"人事室/二科/{PEOPLE[0].file}" in listed
    choose_roster(page, PEOPLE, "名冊.ods")  # the roster names the files alone, not their folders
    run(page)
    shown = assert_rows_are_the_rules(page, PEOPLE)
    unread = {h["person"]: h["error"] for h in shown.values() if "error" in h}
    assert unread == {"人事室/二科/圖片.png": "這是圖片檔，無法讀取，請改用複製的表格或儲存的網頁"}
