"""site_pages() and the form template, without a browser: the pages come from data, and only from data."""

import copy
import datetime as dt
import json
import re
import shutil
import subprocess

import pytest
import yaml

import rules_py
from pipeline.courses import CoursesError, load_clauses, load_courses
from pipeline.pages import PagesError, plan_view, render_leave_form, site_pages
from rules_py.record import MAX_RECORD_BYTES
from tests.support.site import COURSES, ROOT, load_plans
from tests.support.plans import copy_with_plan_115

NUMERALS = "壹貳參肆伍陸柒捌"
SUB_NUMERALS = "一二三四五六七八九"


@pytest.fixture(scope="module")
def plan114():
    return load_plans()["plans"]["kaohsiung-114"]


@pytest.fixture(scope="module")
def clauses114():
    return load_clauses(COURSES)["kaohsiung-114"]


def test_clause_anchors_follow_the_shared_contract(clauses114):
    for clause in clauses114["clauses"]:
        cid = clause["id"]
        if cid.startswith("附件2說明"):
            expected = "form-note-" + cid.removeprefix("附件2說明")
        else:
            parts = cid.split("、")
            expected = "clause-" + str(NUMERALS.index(parts[0]) + 1)
            if len(parts) > 1:
                expected += "-" + str(SUB_NUMERALS.index(parts[1]) + 1)
        assert clause["anchor"] == expected, cid


def test_every_clause_the_plan_cites_is_quoted(plan114, clauses114):
    ids = {c["id"] for c in clauses114["clauses"]}
    cited = {p["clause"] for p in plan114["parameters"].values()} | {b["clause"] for b in plan114["bundles"]}
    assert cited <= ids, cited - ids
    assert {"壹", "捌", "陸、五", "陸、六"} | {f"附件2說明{n}" for n in range(1, 7)} <= ids


def test_the_quoted_course_tables_match_the_catalogue(plan114, clauses114):
    """The official tables (陸、一 to 陸、三) and courses/ list the same courses with the same hours."""
    by_id = {c["id"]: c for c in clauses114["clauses"]}
    for bundle in plan114["bundles"]:
        rows = by_id[bundle["clause"]]["table"]["rows"]
        assert [(r[1], int(r[2])) for r in rows] == [(c["name"], c["hours"]) for c in bundle["courses"]]


def _generate(plans=None, courses=COURSES) -> dict:
    """The generated files, as MkDocs receives them: {path under site_src/: text}."""
    return site_pages(plans or load_plans(), courses).files


def test_site_pages_makes_every_page_and_the_nav():
    pages = site_pages(load_plans(), COURSES)
    base = "plans/kaohsiung-114/"
    for rel in ("plan.md", "courses.md", "manual.md", "faq.md", "forms/index.md",
                "forms/policy.md", "forms/municipal.md", "forms/common.md", "forms/leave-forms.json"):
        assert base + rel in pages.files, rel
    assert [next(iter(item)) for item in pages.nav] == ["計畫原文", "課程一覽", "操作手冊", "補休申請表", "常見問題"]
    assert "4 小時" in pages.files["index.md"]
    # The rules' plans, the rules' limits (the page refuses a too-big record as the rules would), and each plan's
    # catalogue of rules (where a result's reason finds its rule's source).
    plans = json.loads(json.dumps(load_plans(), default=str))
    assert json.loads(pages.files["checker/plans.json"]) == {
        **plans, "limits": {"max_record_bytes": MAX_RECORD_BYTES},
        "rules_catalogue": {plan_id: rules_py.rules_catalogue(plan_id) for plan_id in plans["plans"]}}


def test_numbers_on_the_pages_come_from_the_data():
    """Change the data and the pages change: hours, totals, cap, deadline and the reason text."""
    plans = copy.deepcopy(load_plans())
    plan = plans["plans"]["kaohsiung-114"]
    params = plan["parameters"]
    params["leave_hours_per_bundle"]["value"] = 5
    params["leave_hours_cap"]["value"] = 15
    params["deadline"]["value"] = "2025-09-30"
    params["leave_reason_text"]["value"] = "測試用的事由文字"
    plan["bundles"][0]["courses"][0]["hours"] = 3
    plan["bundles"][0]["hours"] = 12
    files = _generate(plans)
    home = files["index.md"]
    assert "補休 5 小時" in home and "最多補休 15 小時" in home
    assert "114 年 9 月 30 日（星期二）" in home and "116 年 9 月 30 日" in home
    assert "共 32 小時" in home
    courses = files["plans/kaohsiung-114/courses.md"]
    assert "政策能力訓練：12 小時組裝課程" in courses and "32 小時" in courses
    assert "測試用的事由文字" in files["plans/kaohsiung-114/manual.md"]


def test_a_plan_without_clauses_is_refused_by_name():
    plans = copy.deepcopy(load_plans())
    plans["plans"]["kaohsiung-115"] = plans["plans"].pop("kaohsiung-114")
    plans["plans"]["kaohsiung-115"]["id"] = "kaohsiung-115"
    with pytest.raises(PagesError, match="kaohsiung-115 沒有條文檔"):
        _generate(plans)


def test_a_cited_clause_missing_from_clauses_yaml_is_named(tmp_path):
    courses = tmp_path / "courses"
    shutil.copytree(COURSES / "114", courses / "114")
    path = courses / "114" / "clauses.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["clauses"] = [c for c in data["clauses"] if c["id"] != "陸、六"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PagesError, match="沒有條文 陸、六"):
        _generate(courses=courses)


def test_another_year_adds_its_pages_through_data_alone(tmp_path):
    courses = copy_with_plan_115(tmp_path / "courses")
    pages = site_pages(load_courses(courses), courses)
    for plan_id in ("kaohsiung-114", "kaohsiung-115"):
        assert f"plans/{plan_id}/plan.md" in pages.files
    assert "plans/kaohsiung-115/forms/common.md" not in pages.files
    home = pages.files["index.md"]
    assert "\n# 測試計畫 115：" in home and "115 年 8 月 31 日" in home
    courses_115 = pages.files["plans/kaohsiung-115/courses.md"]
    assert "共 **2 套組裝課程、11 門課、13 小時**" in courses_115
    assert pages.nav[0] == {"計畫原文": "plans/kaohsiung-115/plan.md"}
    older = pages.nav[-1]["歷年計畫"][0]
    assert next(iter(older)) == "知識啟航·e 展雄才（114 年度）"


def _form(**filled) -> str:
    plans = load_plans()
    p = plan_view(plans["plans"]["kaohsiung-114"], COURSES)
    return render_leave_form(p, "policy", filled or None)


def test_the_blank_form_has_the_hooks_the_checker_fills():
    html = _form()
    assert '<section class="leave-form" data-search-exclude data-bundle="policy"' in html
    assert html.count("<tr data-course=") == 9
    assert '<tr data-course="雙軸轉型淨零港都">' in html
    assert '<span class="leave-form__blank" data-field="unit"></span>' in html
    assert '<span class="leave-form__blank" data-field="name"></span>' in html
    assert html.count('<td data-field="start"><span data-part="year">114</span> 年 <span data-part="month">\u3000</span> 月') == 9
    assert "完成本府政策能力訓練組裝課程者，得補休4小時" in html
    for label in ("申請人核章", "單位主管核章", "人事單位核章"):
        assert f">{label}：<" in html


def test_the_blank_forms_are_published_for_the_checker():
    files = _generate()
    data = json.loads(files["plans/kaohsiung-114/forms/leave-forms.json"])
    assert data["plan"] == "kaohsiung-114" and list(data["forms"]) == ["policy", "municipal", "common"]
    page = files["plans/kaohsiung-114/forms/municipal.md"]
    assert data["forms"]["municipal"] in page


def test_the_form_renders_filled_from_python_and_escapes_what_people_type():
    html = _form(unit="<b>人事處</b>", name="王小明",
                 rows={"雙軸轉型淨零港都": {"start": dt.datetime(2025, 3, 5, 18, 5), "end": dt.datetime(2025, 3, 5, 19, 10)}})
    assert "&lt;b&gt;人事處&lt;/b&gt;" in html and "<b>" not in html
    row = re.search(r'<tr data-course="雙軸轉型淨零港都">.*?</tr>', html).group(0)
    text = re.sub(r"<[^>]+>", "", row)
    assert "114 年 3 月 5 日 18 時 5 分" in text and "114 年 3 月 5 日 19 時 10 分" in text


def test_an_unknown_bundle_is_refused():
    plans = load_plans()
    p = plan_view(plans["plans"]["kaohsiung-114"], COURSES)
    with pytest.raises(PagesError, match="沒有組裝課程 nope"):
        render_leave_form(p, "nope")


def test_clauses_without_the_form_wording_are_refused(tmp_path):
    courses = tmp_path / "courses"
    shutil.copytree(COURSES / "114", courses / "114")
    path = courses / "114" / "clauses.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["form"]["signatures"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CoursesError, match=r"courses/114/clauses.yaml 第 \d+ 行: form.signatures：缺少此欄位"):
        _generate(courses=courses)


def test_the_build_writes_nothing_into_the_source_folders():
    """After any build or test run, the generated pages exist only in the build, not in site_src/."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    status = subprocess.run(["git", "status", "--porcelain", "--ignored", "site_src", "courses", "pipeline"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert [line for line in status.splitlines() if line.startswith(("??", "!!")) and "__pycache__" not in line] == []


TEMPLATES = ROOT / "pipeline" / "pages_templates"
# A clause label or anchor typed by hand: 陸、五, 附件2說明2, #clause-6-5, #form-note-2, p.anchor("伍").
TYPED_CLAUSE = re.compile(r"[壹貳參肆伍陸柒捌玖拾]、[一二三四五六七八九十]|附件\d說明\d|#clause-|#form-note-|anchor\(\"")


def test_templates_cite_clauses_by_rule_id_only():
    typed = [f"{path.name}:{n}: {line.strip()}" for path in sorted(TEMPLATES.glob("*.j2"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if TYPED_CLAUSE.search(line)]
    assert typed == []


def test_a_citation_comes_from_the_plans_data():
    """Move a rule to another clause in the data, and the pages cite the new clause."""
    plans = copy.deepcopy(load_plans())
    plans["plans"]["kaohsiung-114"]["rules"]["leave.expiry"] = "陸、五"
    faq = _generate(plans)["plans/kaohsiung-114/faq.md"]
    assert re.search(r"各套分開計算。依據：\[陸、五\]\(plan\.md#clause-6-5\)", faq)


def test_an_unknown_rule_id_in_a_template_is_refused():
    p = plan_view(load_plans()["plans"]["kaohsiung-114"], COURSES)
    with pytest.raises(PagesError, match="不存在的規則代號 leave.bonus"):
        p["cite"]("leave.bonus", "plan.md")


def test_under_each_clause_the_plan_page_lists_the_rules_on_it():
    page = _generate()["plans/kaohsiung-114/plan.md"]
    catalogue = rules_py.rules_catalogue("kaohsiung-114")
    blocks = dict(re.findall(r'<div class="clause-rules" data-clause="([^"]+)">(.*?)</div>', page, re.S))
    for rule_id, rule in catalogue.items():
        assert f'<li data-rule="{rule_id}">{rule["summary"]}</li>' in blocks[rule["clause"]], rule_id
    assert set(blocks) == {rule["clause"] for rule in catalogue.values()}
    assert all("本工具依此條判斷（<a href=\"../../../checker/\">補休檢核</a>）" in block for block in blocks.values())
    # Each is one plain sentence for a reader: no field names of the rules (district), no second sentence.
    for rule_id, rule in catalogue.items():
        assert not re.search(r"[A-Za-z_]", rule["summary"]) and rule["summary"].count("。") == 1, rule_id
    # Each list sits right after its clause's own text, before the next clause begins.
    assert page.index('data-clause="陸、五"') < page.index("{#clause-6-6")
    assert page.index('id="form-note-3"') < page.index('data-clause="附件2說明3"') < page.index('id="form-note-4"')
