"""write_pages() and the form template, without a browser: the pages come from data, and only from data."""

import copy
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pipeline.pages import PagesError, plan_view, render_leave_form, write_pages
from pipeline.pages_data import load_clauses
from tests.site.conftest import COURSES, ROOT, load_plans

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


def _generate(tmp_path, plans=None, courses=COURSES) -> Path:
    out = tmp_path / "plans"
    write_pages(plans or load_plans(), courses, out)
    return out


def test_write_pages_writes_every_page_and_the_nav(tmp_path):
    out = _generate(tmp_path)
    plan_dir = out / "kaohsiung-114"
    for rel in ("plan.md", "courses.md", "manual.md", "faq.md", "forms/index.md",
                "forms/policy.md", "forms/municipal.md", "forms/common.md", "forms/leave-forms.json"):
        assert (plan_dir / rel).is_file(), rel
    nav = json.loads((out / "_nav.json").read_text(encoding="utf-8"))
    assert [next(iter(item)) for item in nav] == ["計畫原文", "課程一覽", "操作手冊", "補休申請表", "常見問題"]
    assert "4 小時" in (out / "_home.md").read_text(encoding="utf-8")


def test_numbers_on_the_pages_come_from_the_data(tmp_path):
    """Change the data and the pages change: hours, totals, cap, deadline and the reason text."""
    plans = copy.deepcopy(load_plans())
    plan = plans["plans"]["kaohsiung-114"]
    params = plan["parameters"]
    params["leave_hours_per_bundle"]["value"] = 5
    params["leave_hours_cap"]["value"] = 15
    params["deadline"]["value"] = dt.date(2025, 9, 30)
    params["leave_reason_text"]["value"] = "測試用的事由文字"
    plan["bundles"][0]["courses"][0]["hours"] = 3
    plan["bundles"][0]["hours"] = 12
    out = _generate(tmp_path, plans)
    home = (out / "_home.md").read_text(encoding="utf-8")
    assert "補休 5 小時" in home and "最多補休 15 小時" in home
    assert "114 年 9 月 30 日（星期二）" in home and "116 年 9 月 30 日" in home
    assert "共 32 小時" in home
    courses = (out / "kaohsiung-114" / "courses.md").read_text(encoding="utf-8")
    assert "政策能力訓練（12 小時）" in courses and "32 小時" in courses
    assert "測試用的事由文字" in (out / "kaohsiung-114" / "manual.md").read_text(encoding="utf-8")


def test_a_plan_without_clauses_is_refused_by_name(tmp_path):
    plans = copy.deepcopy(load_plans())
    plans["plans"]["kaohsiung-115"] = plans["plans"].pop("kaohsiung-114")
    plans["plans"]["kaohsiung-115"]["id"] = "kaohsiung-115"
    with pytest.raises(PagesError, match="kaohsiung-115 沒有條文檔"):
        _generate(tmp_path, plans)


def test_a_cited_clause_missing_from_clauses_yaml_is_named(tmp_path):
    courses = tmp_path / "courses"
    shutil.copytree(COURSES / "114", courses / "114")
    path = courses / "114" / "clauses.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["clauses"] = [c for c in data["clauses"] if c["id"] != "陸、六"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PagesError, match="沒有條文 陸、六"):
        _generate(tmp_path, courses=courses)


def _second_plan(courses: Path) -> dict:
    """A synthetic 115 plan: another year, one bundle fewer, different hours, only data."""
    plans = load_plans()
    plan = copy.deepcopy(plans["plans"]["kaohsiung-114"])
    plan.update(id="kaohsiung-115", roc_year=115, short_title="測試計畫 115")
    plan["parameters"]["period"].update(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    plan["parameters"]["deadline"]["value"] = dt.date(2026, 8, 31)
    plan["bundles"] = plan["bundles"][:2]
    plan["bundles"][1]["courses"] = plan["bundles"][1]["courses"][:2]
    plan["bundles"][1]["hours"] = 3
    clauses = yaml.safe_load((COURSES / "114" / "clauses.yaml").read_text(encoding="utf-8"))
    clauses["plan"] = "kaohsiung-115"
    (courses / "115").mkdir(parents=True)
    (courses / "115" / "clauses.yaml").write_text(yaml.safe_dump(clauses, allow_unicode=True), encoding="utf-8")
    plans["plans"]["kaohsiung-115"] = plan
    return plans


def test_another_year_adds_its_pages_through_data_alone(tmp_path):
    courses = tmp_path / "courses"
    shutil.copytree(COURSES / "114", courses / "114")
    out = _generate(tmp_path, _second_plan(courses), courses)
    for plan_id in ("kaohsiung-114", "kaohsiung-115"):
        assert (out / plan_id / "plan.md").is_file()
    assert not (out / "kaohsiung-115" / "forms" / "common.md").exists()
    home = (out / "_home.md").read_text(encoding="utf-8")
    assert home.startswith("# 測試計畫 115") and "115 年 8 月 31 日" in home
    courses_115 = (out / "kaohsiung-115" / "courses.md").read_text(encoding="utf-8")
    assert "共 **2 套組裝課程、11 門課、13 小時**" in courses_115
    nav = json.loads((out / "_nav.json").read_text(encoding="utf-8"))
    assert nav[0] == {"計畫原文": "plans/kaohsiung-115/plan.md"}
    older = nav[-1]["歷年計畫"][0]
    assert next(iter(older)) == "知識啟航·e 展雄才（114 年度）"


def test_a_removed_plan_leaves_no_pages_behind(tmp_path):
    courses = tmp_path / "courses"
    shutil.copytree(COURSES / "114", courses / "114")
    _generate(tmp_path, _second_plan(courses), courses)
    out = _generate(tmp_path)
    assert sorted(p.name for p in out.iterdir()) == ["_home.md", "_nav.json", "kaohsiung-114"]


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


def test_the_blank_forms_are_published_for_the_checker(tmp_path):
    out = _generate(tmp_path)
    data = json.loads((out / "kaohsiung-114" / "forms" / "leave-forms.json").read_text(encoding="utf-8"))
    assert data["plan"] == "kaohsiung-114" and list(data["forms"]) == ["policy", "municipal", "common"]
    page = (out / "kaohsiung-114" / "forms" / "municipal.md").read_text(encoding="utf-8")
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


def test_another_year_builds_into_the_site_and_its_nav(tmp_path):
    """The whole MkDocs build (strict) with a second plan: its pages are built and the nav lists both years."""
    courses = tmp_path / "courses"
    shutil.copytree(COURSES / "114", courses / "114")
    docs = tmp_path / "site_src"
    shutil.copytree(ROOT / "site_src", docs, ignore=shutil.ignore_patterns("plans"))
    write_pages(_second_plan(courses), courses, docs / "plans")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(docs), site_dir=str(tmp_path / "site"),
                  hooks=[str(ROOT / hook) for hook in config["hooks"]])
    config["plugins"][0]["search"]["jieba_dict_user"] = str(ROOT / config["plugins"][0]["search"]["jieba_dict_user"])
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "--quiet", "-f", str(tmp_path / "mkdocs.yml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "測試計畫 115" in home and "歷年計畫" in home
    assert 'href="plans/kaohsiung-114/plan/"' in home
    assert (tmp_path / "site" / "plans" / "kaohsiung-115" / "forms" / "municipal" / "index.html").is_file()


def test_clauses_without_the_form_wording_are_refused(tmp_path):
    courses = tmp_path / "courses"
    shutil.copytree(COURSES / "114", courses / "114")
    path = courses / "114" / "clauses.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["form"]["signatures"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PagesError, match="form（附件2 申請表的固定文字）缺少：signatures"):
        _generate(tmp_path, courses=courses)
