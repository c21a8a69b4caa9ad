"""The facts the reading pages show, taken from one plan and its clauses (both as pipeline.courses loads them;
no number is written here)."""

import datetime as dt
from markupsafe import Markup

from pipeline import BuildError
from rules_py import leave_expiry as expiry
from rules_py import roc_date

_WEEKDAYS = "一二三四五六日"


class PagesError(BuildError):
    """A zh-TW message naming the file and the key that is wrong."""


def weekday(day: dt.date) -> str:
    return "星期" + _WEEKDAYS[day.weekday()]


def _as_date(value, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise PagesError(f"{where} 應為日期（例如 2025-08-31），卻是「{value}」。") from None


def _param(plan: dict, name: str, where: str):
    try:
        return plan["parameters"][name]["value"]
    except (KeyError, TypeError):
        raise PagesError(f"{where} 缺少 parameters.{name}.value。") from None


def _bundle(bundle: dict) -> dict:
    """A bundle with its courses grouped by topic (hours and totals are checked by pipeline.courses)."""
    courses = []
    for course in bundle["courses"]:
        courses.append({
            "topic": course.get("topic") or "",
            "name": course["name"],
            "hours": course["hours"],
            "code": course.get("code") or "",
            "aliases": list(course.get("aliases") or []),
        })
    # Consecutive courses of one topic share a cell, as in the plan's tables.
    groups = []
    for course in courses:
        if groups and groups[-1]["topic"] == course["topic"]:
            groups[-1]["courses"].append(course)
        else:
            groups.append({"topic": course["topic"], "courses": [course]})
    return {**{k: bundle[k] for k in ("id", "name", "hours", "clause")},
            "platform_title": bundle.get("platform_title") or bundle["name"],
            "courses": courses, "groups": groups}


def view(plan: dict, clauses: dict, rules: dict) -> dict:
    """One plan as the templates use it: dates already in 民國 form, totals summed, clause anchors resolved.

    rules: the checker's catalogue for this plan (rules_py.rules_catalogue), {rule id: {clause, anchor, summary}}.
    Templates cite by rule id (cite) or, for a fact no rule decides, by parameter (cite_fact): the clause's
    label and anchor always come from the plan's data."""
    where = f"計畫 {plan.get('id', '?')}"
    deadline = _as_date(_param(plan, "deadline", where), f"{where} 的 parameters.deadline.value")
    period = plan["parameters"]["period"]
    start = _as_date(period["start"], f"{where} 的 parameters.period.start")
    end = _as_date(period["end"], f"{where} 的 parameters.period.end")
    valid_years = _param(plan, "leave_valid_years", where)
    leave_until = expiry(deadline, valid_years)  # the latest any leave can last
    bundles = [_bundle(b) for b in plan["bundles"]]
    by_id = {c["id"]: c for c in clauses["clauses"]}
    categories = {c["id"]: c["name"] for c in plan["categories"]}
    covered_ids = _param(plan, "covered_categories", where)
    doc = plan["document"]

    def anchor(clause_id: str) -> str:
        if clause_id not in by_id:
            raise PagesError(f"{where} 的 clauses.yaml 沒有條文 {clause_id}（頁面引用了它）。")
        return by_id[clause_id]["anchor"]

    params = {name: p for name, p in plan["parameters"].items() if isinstance(p, dict) and "clause" in p}

    def link(clause_id: str, href: str, prefix: str) -> Markup:
        return Markup("[{}{}]({}#{})").format(prefix, clause_id, href, anchor(clause_id))

    def cite(rule_id: str, href: str, prefix: str = "") -> Markup:
        """A Markdown link to the clause the checker's rule `rule_id` rests on."""
        if rule_id not in rules:
            raise PagesError(f"頁面引用了不存在的規則代號 {rule_id}（規則目錄：rules_py.RULE_IDS）。")
        return link(rules[rule_id]["clause"], href, prefix)

    def cite_fact(name: str, href: str, prefix: str = "") -> Markup:
        """A Markdown link to the clause a plan parameter (plan.yaml `parameters.<name>.clause`) rests on."""
        if name not in params:
            raise PagesError(f"頁面引用了 {where} 沒有的參數 {name}。")
        return link(params[name]["clause"], href, prefix)

    rules_on: dict[str, list] = {}
    for rule_id, rule in rules.items():
        rules_on.setdefault(rule["clause"], []).append({"id": rule_id, "summary": rule["summary"]})
    return {
        "id": plan["id"],
        "roc_year": plan["roc_year"],
        "title": plan["title"],
        "short_title": plan["short_title"],
        "issuer": plan["issuer"],
        "doc_number": doc["number"],
        "doc_date": roc_date(_as_date(doc["date"], f"{where} 的 document.date")),
        "platform_name": plan["platform"]["name"],
        "platform_url": plan["platform"]["url"],
        "start": start, "end": end, "deadline": deadline, "leave_until": leave_until,
        "start_roc": roc_date(start), "end_roc": roc_date(end),
        "deadline_roc": roc_date(deadline), "deadline_weekday": weekday(deadline),
        "leave_until_roc": roc_date(leave_until),
        "hours_per_bundle": _param(plan, "leave_hours_per_bundle", where),
        "hours_cap": _param(plan, "leave_hours_cap", where),
        "valid_years": valid_years,
        "unit_hours": _param(plan, "leave_unit_hours", where),
        "reward": _param(plan, "reward", where),
        "reason_text": _param(plan, "leave_reason_text", where),
        "passed_status": _param(plan, "passed_status", where),
        "upload_status": _param(plan, "upload_success_status", where),
        "office_hours": _param(plan, "default_office_hours", where),
        "covered": [categories[c] for c in covered_ids],
        "not_covered": [name for cid, name in categories.items() if cid not in covered_ids],
        "bundles": bundles,
        "course_count": sum(len(b["courses"]) for b in bundles),
        "total_hours": sum(b["hours"] for b in bundles),
        "topics": list(dict.fromkeys(c["topic"] for b in bundles for c in b["courses"])),
        "aliases": [(c["name"], a) for b in bundles for c in b["courses"] for a in c["aliases"]],
        "clauses": clauses,
        "anchor": anchor,
        "rule": rules.__getitem__,
        "cite": cite,
        "cite_fact": cite_fact,
        "rules_on": rules_on,
        "form": clauses["form"],
    }
