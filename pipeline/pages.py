"""The reading pages (home, plan, courses, manual, forms, FAQ) generated from courses/ for MkDocs.

Public API: site_pages() for the MkDocs hook (pipeline/pages_hooks.py), which hands them to MkDocs as
in-memory files; plan_view(), leave_form_sheet() and render_leave_form() for anything that needs a form,
blank or filled (leave_form_sheet: as data, from which the printed page and the ODT file are both made).
Every plan gets plans/<plan_id>/...; the newest plan also gives the home page (index.md) and leads the nav.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

import rules_py
from pipeline.courses import load_clauses, plans_json_text
from pipeline.pages_data import PagesError, view
from rules_py.form_sheet import fill_sheet, time_parts
from rules_py.forms_odt import leave_forms_odt
from rules_py.record import MAX_RECORD_BYTES

__all__ = ["site_pages", "SitePages", "plan_view", "leave_form_sheet", "render_leave_form", "PagesError"]

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
    return view(plan, clauses[plan["id"]], _rules_catalogue(plan))


def _rules_catalogue(plan: dict) -> dict:
    """The checker's rules with the clauses this plan gives them (the plan may not be the packaged one)."""
    rules_py.use_plans({"plans": {plan["id"]: plan}})
    try:
        return rules_py.rules_catalogue(plan["id"])
    finally:
        rules_py.use_plans(None)


def leave_form_sheet(p: dict, bundle_id: str) -> dict:
    """One bundle's blank application form as data (rules_py.form_sheet): the printed page and the ODT
    file are both made from it. `p` is a plan_view()."""
    bundle = next((b for b in p["bundles"] if b["id"] == bundle_id), None)
    if bundle is None:
        raise PagesError(f"計畫 {p['id']} 沒有組裝課程 {bundle_id}。")
    f = p["form"]
    blank = time_parts(None, p["roc_year"])
    return {
        **{key: f[key] for key in ("title", "unit_label", "name_label", "bundle_label", "notes_heading")},
        "unit": "", "name": "", "bundle": bundle["platform_title"],
        "columns": list(f["columns"]), "time_units": list(f["time_units"]), "plan_year": p["roc_year"],
        "rows": [{"no": i, "course": c["name"], "hours": c["hours"], "start": blank, "end": blank}
                 for i, c in enumerate(bundle["courses"], 1)],
        "notes": [note["text"].replace("{bundle}", bundle["name"]) for note in _form_notes(p)],
        "signatures": list(f["signatures"]),
    }


def render_leave_form(p: dict, bundle_id: str, filled: dict | None = None) -> Markup:
    """The HTML of one application form. `p` is a plan_view(); `filled` may give
    {"unit": str, "name": str, "rows": {course name: {"start": datetime, "end": datetime}}}."""
    filled = {"unit": "", "name": "", "rows": {}, **(filled or {})}
    rows = [{"course": course, **times} for course, times in filled["rows"].items()]
    sheet = fill_sheet(leave_form_sheet(p, bundle_id), filled["unit"], filled["name"], rows)
    template = _ENV.get_template("leave_form.html.j2")
    return Markup(template.render(s=sheet, bundle_id=bundle_id, plan_id=p["id"], time_parts=_time_spans))


def _time_spans(parts: list[str], units: list[str]) -> Markup:
    """114 年 　月 　日 　時 　分 with each number in a span[data-part], the hooks the checker fills."""
    spans = [f'<span data-part="{name}">{escape(value)}</span> {escape(unit)}'
             for name, value, unit in zip(_TIME_PARTS, parts, units)]
    return Markup(" ".join(spans))


def _render(name: str, **context) -> str:
    return _ENV.get_template(name).render(**context)


def _newest(views: list) -> dict:
    return max(views, key=lambda p: p["start"])


@dataclass
class SitePages:
    """What the build adds to site_src/ in memory: {path under the docs dir: text (bytes for an .odt)}, and
    the nav of those pages."""

    files: dict[str, str | bytes]
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
             # With every plan's catalogue of rules: a result names a rule's source there, not in each reason.
             "checker/plans.json": plans_json_text({**plans, "limits": {"max_record_bytes": MAX_RECORD_BYTES},
                                                    "rules_catalogue": {plan_id: _rules_catalogue(plan)
                                                                        for plan_id, plan in plans["plans"].items()}})}
    for p in views:
        files.update(_plan_files(p))
    return SitePages(files=files, nav=_nav(current, views))


def _plan_files(p: dict) -> dict[str, str | bytes]:
    base = f"plans/{p['id']}/"
    forms = {b["id"]: render_leave_form(p, b["id"]) for b in p["bundles"]}
    sheets = {b["id"]: leave_form_sheet(p, b["id"]) for b in p["bundles"]}
    files = {base + rel: _render(template, p=p, forms=forms, to_root=_to_root(rel), site_root=_site_root(rel))
             for template, rel, _ in _PAGES}
    for b in p["bundles"]:
        rel = f"forms/{b['id']}.md"
        files[base + rel] = _render("form_page.md.j2", p=p, b=b, form=forms[b["id"]], to_root=_to_root(rel))
        # The blank form as an editable ODF file, beside its page.
        files[base + f"forms/{b['id']}.odt"] = leave_forms_odt([sheets[b["id"]]])
    # The blank forms for the checker to clone in the browser (same origin, fetched as data), and their
    # sheets, which the checker fills to make the ODT file.
    files[base + "forms/leave-forms.json"] = json.dumps({"plan": p["id"], "forms": forms, "sheets": sheets},
                                                        ensure_ascii=False, indent=1)
    return files


def _site_root(rel: str) -> str:
    """From the built page's URL to the site's root, for raw HTML links (MkDocs rewrites only Markdown links):
    plans/<plan_id>/plan.md is served at plans/<plan_id>/plan/."""
    depth = 2 + rel.count("/") + (0 if rel.endswith("index.md") else 1)
    return "../" * depth


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
