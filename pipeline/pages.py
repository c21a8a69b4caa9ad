"""The reading pages (home, plan, courses, manual, forms, FAQ) generated from courses/ for MkDocs.

Public API: site_pages() for the MkDocs hook (pipeline/pages_hooks.py), which hands them to MkDocs as
in-memory files; plan_view() and render_leave_form() for anything that needs a form, blank or filled.
Every plan gets plans/<plan_id>/...; the newest plan also gives the home page (index.md) and leads the nav.
"""

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from pipeline.courses import load_clauses, plans_json_text
from rules_py.record import MAX_RECORD_BYTES
from pipeline.pages_data import PagesError, roc_year, view

__all__ = ["site_pages", "SitePages", "plan_view", "render_leave_form", "PagesError"]

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


@dataclass
class SitePages:
    """What the build adds to site_src/ in memory: {path under the docs dir: text}, and the nav of those pages."""

    files: dict[str, str]
    nav: list


def site_pages(plans: dict, courses_dir: Path) -> SitePages:
    """Every plan's reading pages, the home page and the checker's plans.json.

    plans: {"plans": {plan_id: plan}} as pipeline.courses.load_courses() gives it;
    courses_dir: the courses/ folder, where each plan's clauses.yaml is found (by its `plan:` id)."""
    views = [plan_view(plan, courses_dir) for plan in plans["plans"].values()]
    current = _newest(views)
    files = {"index.md": _render("home.md.j2", p=current, to_root=""),
             # The checker page reads the same plans before Pyodide is ready (course picker, office hours, deadline),
             # and the rules' limits, so that it refuses at once what the rules would refuse.
             "checker/plans.json": plans_json_text({**plans, "limits": {"max_record_bytes": MAX_RECORD_BYTES}})}
    for p in views:
        files.update(_plan_files(p))
    return SitePages(files=files, nav=_nav(current, views))


def _plan_files(p: dict) -> dict[str, str]:
    base = f"plans/{p['id']}/"
    forms = {b["id"]: render_leave_form(p, b["id"]) for b in p["bundles"]}
    files = {base + rel: _render(template, p=p, forms=forms, to_root=_to_root(rel)) for template, rel, _ in _PAGES}
    for b in p["bundles"]:
        rel = f"forms/{b['id']}.md"
        files[base + rel] = _render("form_page.md.j2", p=p, b=b, form=forms[b["id"]], to_root=_to_root(rel))
    # The blank forms for the checker to clone in the browser (same origin, fetched as data).
    files[base + "forms/leave-forms.json"] = json.dumps({"plan": p["id"], "forms": forms}, ensure_ascii=False, indent=1)
    return files


def _to_root(rel: str) -> str:
    depth = 2 + rel.count("/")  # plans/<plan_id>/ + any subfolder
    return "../" * depth


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
