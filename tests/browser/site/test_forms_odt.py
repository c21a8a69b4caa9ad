"""The application forms as ODT files: the blank form of each bundle (built into the site) and a filled
form from a case record, read back with odfpy and, where installed, converted by LibreOffice."""

import io
import json
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
import rules_py
import yaml
from rules_py.form_sheet import fill_sheet
from rules_py.forms_odt import MIME, leave_forms_odt

from tests.browser.checker.flow import paper_time
from tests.conftest import ROOT
from tests.support.site import COURSES, PLAN
from tests.support.odt import odt_text

RECORD = ROOT / "tests" / "fixtures" / "records" / "clipboard.txt"
BLANK_TIME = "114 年 \u3000 月 \u3000 日 \u3000 時 \u3000 分"


@pytest.fixture(scope="module")
def plan_text():
    """The form's fixed text and 說明1–6 as courses/ holds them."""
    data = yaml.safe_load((COURSES / "114" / "clauses.yaml").read_text(encoding="utf-8"))
    notes = [c["text"] for c in data["clauses"] if c["anchor"].startswith("form-note-")]
    plan = yaml.safe_load((COURSES / "114" / "plan.yaml").read_text(encoding="utf-8"))
    return data["form"], notes, {b["id"]: b for b in plan["bundles"]}


def sheets(site_dir):
    return json.loads((site_dir / PLAN / "forms" / "leave-forms.json").read_text(encoding="utf-8"))["sheets"]


def assert_form(text, form, notes, bundle):
    assert text["headings"] == [form["title"]]
    assert f"{form['bundle_label']}：{bundle['platform_title']}" in text["paragraphs"]
    assert text["rows"][0] == form["columns"]
    courses = text["rows"][1:1 + len(bundle["courses"])]
    assert [(row[0], row[1], row[2]) for row in courses] == \
        [(str(i), c["name"], str(c["hours"])) for i, c in enumerate(bundle["courses"], 1)]
    assert form["notes_heading"] in text["paragraphs"]
    assert text["items"] == [n.replace("{bundle}", bundle["name"]) for n in notes] and len(notes) == 6
    assert text["rows"][-1] == [f"{label}：" for label in form["signatures"]]
    return courses


@pytest.mark.parametrize("bundle_id", ["policy", "municipal", "common"])
def test_each_bundles_blank_form_is_an_odt_with_the_printed_pages_content(site_dir, plan_text, bundle_id):
    form, notes, bundles = plan_text
    data = (site_dir / PLAN / "forms" / f"{bundle_id}.odt").read_bytes()
    text = odt_text(data)
    courses = assert_form(text, form, notes, bundles[bundle_id])
    assert all(row[3] == row[4] == BLANK_TIME for row in courses)
    assert f"{form['unit_label']}：" in text["paragraphs"][0] and f"{form['name_label']}：" in text["paragraphs"][0]
    # The forms pages link it, with a file name a person recognises.
    index = (site_dir / PLAN / "forms" / "index.html").read_text(encoding="utf-8")
    page = (site_dir / PLAN / "forms" / bundle_id / "index.html").read_text(encoding="utf-8")
    name = f'download="{bundles[bundle_id]["name"]}補休申請表.odt"'
    assert f'href="{bundle_id}.odt" {name}' in index
    assert f'{name} href="../{bundle_id}.odt"' in page


def test_a_filled_form_from_a_case_record(site_dir, plan_text):
    form, notes, bundles = plan_text
    answer = rules_py.check(RECORD.read_text(encoding="utf-8"), plan="kaohsiung-114")
    filled = [b for b in answer["bundles"] if b["form"]]
    assert filled
    blank = sheets(site_dir)
    data = leave_forms_odt([fill_sheet(blank[b["id"]], "高雄市政府人事處", "王小明", b["form"]) for b in filled])
    text = odt_text(data)
    assert text["headings"] == [form["title"]] * len(filled)
    assert text["paragraphs"][0] == f"{form['unit_label']}：高雄市政府人事處　　{form['name_label']}：王小明"
    rows = {row[1]: row for row in text["rows"]}
    for bundle in filled:
        for line in bundle["form"]:
            assert rows[line["course"]][3:] == [paper_time(line["start"]), paper_time(line["end"])], line
    one = odt_text(leave_forms_odt([fill_sheet(blank[filled[0]["id"]], rows=filled[0]["form"])]))
    assert_form(one, form, notes, bundles[filled[0]["id"]])


def test_the_file_is_plain_odf_with_a_cjk_font_and_a_generic_fallback(site_dir):
    data = (site_dir / PLAN / "forms" / "policy.odt").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as odt:
        first = odt.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert odt.read("mimetype").decode() == MIME
        styles = odt.read("styles.xml").decode()
        content = odt.read("content.xml").decode()
    assert 'office:version="1.2"' in styles
    assert 'style:font-family-generic="swiss"' in styles and "Noto Sans CJK TC" in styles
    assert 'style:font-name-asian="Noto Sans CJK TC"' in styles and 'style:language-asian="zh"' in styles
    for name in ("Standard", "Heading_20_1", "Table_20_Contents", "Table_20_Heading"):
        assert f'style:name="{name}"' in styles
    assert 'fo:page-width="21cm"' in styles and 'fo:page-height="29.7cm"' in styles
    assert 'text:style-name="Heading_20_1"' in content


def test_importing_the_rules_does_not_import_odfpy():
    """The checker's start-up stays standard-library only: odfpy is imported when a file is made."""
    code = "import sys, rules_py, rules_py.forms_odt; print('odf' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_libreoffice_opens_it_and_prints_one_a4_page_per_form(site_dir, plan_text, tmp_path):
    # make test installs it (TEST_DEBS): never skipped, so that it runs in CI
    assert shutil.which("soffice"), "需要 LibreOffice：apt-get install libreoffice-writer-nogui（make test 會安裝）"
    form, _notes, bundles = plan_text
    blank = sheets(site_dir)
    odt = tmp_path / "forms.odt"
    odt.write_bytes(leave_forms_odt([blank["policy"], blank["common"]]))
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(odt)],
                   capture_output=True, text=True, timeout=180, check=True)
    pdf = tmp_path / "forms.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+2\b", info) and "(A4)" in info
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    for bundle_id, page in zip(("policy", "common"), pages):
        flat = "".join(page.split())
        assert form["title"] in flat and bundles[bundle_id]["courses"][0]["name"].replace(" ", "") in flat
        assert all(label in flat for label in form["signatures"])


def test_the_same_forms_make_the_same_bytes(site_dir):
    """A rebuild (a new process) with unchanged forms writes the same file: the service worker's version stays."""
    code = ("import hashlib, json, sys; from rules_py.forms_odt import leave_forms_odt; "
            "print(hashlib.sha256(leave_forms_odt([json.loads(sys.stdin.read())])).hexdigest())")
    sheet = json.dumps(sheets(site_dir)["policy"])
    runs = {subprocess.run([sys.executable, "-c", code], input=sheet, cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout for _ in range(2)}
    assert len(runs) == 1
    with zipfile.ZipFile(site_dir / PLAN / "forms" / "policy.odt") as odt:
        assert {entry.date_time for entry in odt.infolist()} == {(1980, 1, 1, 0, 0, 0)}
