"""The reading pages (home, plan, courses, manual, forms, FAQ) generated from courses/ for MkDocs.

Public API: write_pages() for build.py; plan_view() and render_leave_form() for anything that needs a form,
blank or filled.
Every plan gets plans/<plan_id>/...; the newest plan also gives the home page and leads the nav
(pipeline/pages_hooks.py reads plans/_home.md and plans/_nav.json when MkDocs builds).
"""

import datetime as dt
import json
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from pipeline.pages_data import PagesError, load_clauses, roc_year, view

__all__ = ["write_pages", "plan_view", "render_leave_form", "PagesError"]

_TEMPLATES = Path(__file__).with_name("pages_templates")
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    # Markdown's attr_list writes heading ids as {#id}: keep Jinja's comments out of its way.
    comment_start_string="{##",
    comment_end_string="##}",
)
_TIME_PARTS = ("year", "month", "day", "hour", "minute")
_BLANK = "\u3000"  # the paper form leaves a full-width space to write in

# page template -> path under plans/<plan_id>/, and its nav title
_PAGES = (
    ("plan.md.j2", "plan.md", "計畫原文"),
    ("courses.md.j2", "courses.md", "課程一覽"),
    ("manual.md.j2", "manual.md", "操作手冊"),
    ("forms_index.md.j2", "forms/index.md", "補休申請表"),
    ("faq.md.j2", "faq.md", "常見問題"),
)


def _form_notes(p: dict) -> list:
    return [c for c in p["clauses"]["clauses"] if c["anchor"].startswith("form-note-")]


def plan_view(plan: dict, courses_dir: Path) -> dict:
    """One plan (as pipeline.courses loads it) with its clauses.yaml, ready for render_leave_form()."""
    clauses = load_clauses(Path(courses_dir))
    if plan["id"] not in clauses:
        raise PagesError(f"計畫 {plan['id']} 沒有條文檔：請在 {courses_dir}/<年度>/clauses.yaml 寫 plan: {plan['id']}。")
    return view(plan, clauses[plan["id"]])


def render_leave_form(p: dict, bundle_id: str, filled: dict | None = None) -> Markup:
    """The HTML of one application form. `p` is a plan_view(); `filled` may give
    {"unit": str, "name": str, "rows": {course name: {"start": datetime, "end": datetime}}}."""
    bundle = next((b for b in p["bundles"] if b["id"] == bundle_id), None)
    if bundle is None:
        raise PagesError(f"計畫 {p['id']} 沒有組裝課程 {bundle_id}。")
    filled = {"unit": "", "name": "", "rows": {}, **(filled or {})}
    units = p["form"]["time_units"]
    template = _ENV.get_template("leave_form.html.j2")
    return Markup(template.render(
        p=p, b=bundle, filled=filled, form_notes=_form_notes(p),
        time_parts=lambda when: _time_parts_for(p["roc_year"], when, units),
    ))


def _time_parts_for(plan_year: int, when: dt.datetime | None, units) -> Markup:
    """114 年 　月 　日 　時 　分 with each number in a span[data-part]; a blank form keeps only the year."""
    if when is None:
        values = [plan_year, _BLANK, _BLANK, _BLANK, _BLANK]
    else:
        values = [roc_year(when), when.month, when.day, when.hour, when.minute]  # as rules_py's roc_moment
    spans = [f'<span data-part="{part}">{escape(value)}</span> {escape(unit)}'
             for part, value, unit in zip(_TIME_PARTS, values, units)]
    return Markup(" ".join(spans))


def _render(name: str, **context) -> str:
    return _ENV.get_template(name).render(**context)


def _newest(views: list) -> dict:
    return max(views, key=lambda p: p["start"])


def write_pages(plans: dict, courses_dir: Path, out_dir: Path) -> None:
    """Write every plan's reading pages into out_dir (site_src/plans/), replacing what was there.

    plans: {"plans": {plan_id: plan mapping as in courses/<year>/plan.yaml}};
    courses_dir: the courses/ folder, where each plan's clauses.yaml is found (by its `plan:` id)."""
    out_dir = Path(out_dir)
    views = [plan_view(plan, courses_dir) for plan in plans["plans"].values()]
    current = _newest(views)
    _clear(out_dir)
    for p in views:
        _write_plan(p, out_dir / p["id"])
    (out_dir / "_home.md").write_text(_render("home.md.j2", p=current, to_root=""), encoding="utf-8")
    (out_dir / "_nav.json").write_text(json.dumps(_nav(current, views), ensure_ascii=False, indent=1), encoding="utf-8")


def _clear(out_dir: Path) -> None:
    """Remove the previous run's pages so that a plan taken out of courses/ leaves nothing behind."""
    if out_dir.exists():
        for path in sorted(out_dir.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)


def _write_plan(p: dict, plan_dir: Path) -> None:
    forms = {b["id"]: render_leave_form(p, b["id"]) for b in p["bundles"]}
    for template, rel, _title in _PAGES:
        _write(plan_dir / rel, _render(template, p=p, forms=forms, to_root=_to_root(rel)))
    for b in p["bundles"]:
        rel = f"forms/{b['id']}.md"
        _write(plan_dir / rel, _render("form_page.md.j2", p=p, b=b, form=forms[b["id"]], to_root=_to_root(rel)))
    # The blank forms for the checker to clone in the browser (same origin, fetched as data).
    _write(plan_dir / "forms" / "leave-forms.json",
           json.dumps({"plan": p["id"], "forms": forms}, ensure_ascii=False, indent=1))


def _to_root(rel: str) -> str:
    depth = 2 + rel.count("/")  # plans/<plan_id>/ + any subfolder
    return "../" * depth


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _plan_nav(p: dict) -> list:
    base = f"plans/{p['id']}/"
    nav = []
    for _template, rel, title in _PAGES:
        if rel == "forms/index.md":
            forms = [{"說明": base + rel}] + [{b["name"]: f"{base}forms/{b['id']}.md"} for b in p["bundles"]]
            nav.append({title: forms})
        else:
            nav.append({title: base + rel})
    return nav


def _nav(current: dict, views: list) -> list:
    """The newest plan's pages at the top level; older plans under 歷年計畫, newest first."""
    nav = _plan_nav(current)
    older = sorted((p for p in views if p is not current), key=lambda p: p["start"], reverse=True)
    if older:
        nav.append({"歷年計畫": [{p["short_title"] + f"（{p['roc_year']} 年度）": _plan_nav(p)} for p in older]})
    return nav
