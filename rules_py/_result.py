"""The result of a check as JSON-ready data: a verdict (_verdict) written out, its reasons in words (_sentences).

The format is documented in rules_py/__init__.py and published as rules_py/result.schema.json; its version is
FORMAT_VERSION, which every result carries (format_version). A bundle's leave refers to its courses' reasons
({rule, see: course key}) instead of repeating them: leave_reasons() gives them whole, for a reader.
"""

from rules_py._calendar import roc_date, roc_moment
from rules_py._sentences import (KIND_NAMES, PERSON, assumed, bundle_reasons, cap_warning, category_reason,
                                 course_words, expiry_warning, hours_text, hours_used, match_warning, next_steps,
                                 reward_reasons)


FORMAT_VERSION = 2  # 1: the unversioned format, whose reasons carried `source` and bundles repeated courses' reasons


def course_key(bundle_id: str, no: int) -> str:
    """A course's key in a result (policy.3): what a bundle's reasons refer to."""
    return f"{bundle_id}.{no}"


def leave_reasons(result: dict, bundle: dict) -> list:
    """A bundle's leave reasons as a person reads them: each reference to a course's reason replaced by it."""
    reasons = bundle["leave"]["reasons"]
    if not any("see" in r for r in reasons):
        return reasons
    courses = {c["key"]: c for c in result["courses"]}
    return [next(c for c in courses[r["see"]]["reasons"] if c["rule"] == r["rule"]) if "see" in r else r
            for r in reasons]


def _cite(c, reasons) -> list:
    key = course_key(c.course.bundle, c.course.index)
    return [{"rule": r["rule"], "see": key} for r in reasons]


def write(verdict, audience=PERSON) -> dict:
    """audience: whom the sentences speak to (_sentences.Audience: the person, or the batch's officer)."""
    plan, profile = verdict.plan, verdict.profile
    hours = hours_used(plan, profile, audience)
    words = {c: course_words(plan, profile, c, audience, hours) for c in verdict.courses}
    category = {"id": profile.category, "name": plan.categories[profile.category], "covered": verdict.covered,
                "reason": category_reason(plan, profile.category, verdict.covered, audience)}
    warnings = [match_warning(plan, m, audience) for m in verdict.matches]
    warnings += [w for w in (expiry_warning(plan, b, verdict.today) for b in verdict.bundles) if w is not None]
    if verdict.total > plan.leave_cap:
        warnings.append(cap_warning(plan, verdict.total))
    reviewed = verdict.eligible + verdict.pending
    usable = min(plan.leave_cap, plan.leave_per_bundle * (verdict.eligible - verdict.expired))
    return {
        "format_version": FORMAT_VERSION,
        "plan": {"id": plan.id, "title": plan.title, "deadline": plan.deadline.isoformat(),
                 "deadline_roc": roc_date(plan.deadline), "leave_reason_text": plan.leave_reason_text},
        "category": category,
        "office_hours": [hours_text(a, b) for a, b in profile.office_hours],
        "district": profile.district,
        "village": profile.village,
        "assumed": assumed(plan, profile, audience),
        "bundles": [_bundle_json(plan, b, words, category["reason"], verdict.today) for b in verdict.bundles],
        "leave_hours": usable,
        "leave_hours_with_review": min(plan.leave_cap, plan.leave_per_bundle
                                       * (reviewed - verdict.expired - verdict.expired_pending)),
        "leave_hours_expired": min(plan.leave_cap, verdict.total) - usable,
        "reward": {"status": verdict.reward.status, "name": plan.reward_name,
                   "reasons": reward_reasons(plan, verdict.reward, verdict.bundles, category["reason"])},
        "courses": [_course_json(c, words[c].all) for c in verdict.courses],
        "unmatched_rows": [_row_json(seen, _suggestions(plan, seen)) for seen in verdict.unmatched],
        "next_steps": next_steps(plan) if reviewed else [],
        "warnings": warnings,
    }


def _bundle_json(plan, b, words, category_reason, today) -> dict:
    leave = {"status": b.status, "hours": 0, "expires_on": None, "expires_on_roc": None,
             "expiry_flag": b.expiry_flag, "days_left": b.days_left,
             "reasons": bundle_reasons(plan, b, words, category_reason, _cite, today)}
    form = []
    if b.expires_on is not None:
        leave.update(hours=plan.leave_per_bundle, expires_on=b.expires_on.isoformat(),
                     expires_on_roc=roc_date(b.expires_on))
        form = form_rows([(c.course, c.row) for c in b.courses])
    completed_on = b.completed_on
    return {
        "id": b.bundle.id,
        "name": b.bundle.name,
        "required_hours": b.bundle.hours,
        "completed_hours": sum(c.course.hours for c in b.done),
        "complete": b.complete,
        "completed_on": completed_on.isoformat() if completed_on else None,
        "completed_on_roc": roc_date(completed_on) if completed_on else None,
        "leave": leave,
        "form": form,
        "form_usable": bool(form) and b.expiry_flag != "expired",
    }


def _suggestions(plan, seen) -> list:
    return [{"bundle": c.bundle, "no": c.index, "name": c.name, "code": c.code, "similarity": round(ratio, 2)}
            for c, ratio in plan.matcher.suggestions(seen.row.name)]


def _course_json(c, reasons) -> dict:
    seen = c.row
    return {
        "key": course_key(c.course.bundle, c.course.index),
        "bundle": c.course.bundle,
        "no": c.course.index,
        "name": c.course.name,
        "hours": c.course.hours,
        "code": c.course.code,
        "status": c.status,
        "start": seen.iso_start if seen else None,
        "end": seen.iso_end if seen else None,
        "off_duty": c.off_duty,
        "match": seen.how if seen else None,
        "row": _row_json(seen) if seen else None,
        "found": _found_json(c.found),
        "reasons": reasons,
    }


def _found_json(found):
    if found is None:
        return None
    return {"kind": found["kind"], "kind_name": KIND_NAMES[found["kind"]], "start": found["start"].isoformat(),
            "end": found["end"].isoformat(), "at": found["at"]}


def _row_json(seen, suggestions=None) -> dict:
    row = seen.row
    out = {
        "line": row.line, "no": row.no, "name": row.name, "code": row.code,
        "start": seen.iso_start, "end": seen.iso_end,
        "status": row.status, "credit_hours": row.credit_hours,
        "upload_status": row.upload_status, "upload_time": row.upload_time,
    }
    if suggestions is not None:
        out["suggestions"] = suggestions
    return out


def form_rows(courses_and_rows) -> list:
    """[(course, its counting row as Seen)] in catalogue order -> the rows of the application form
    (公餘時間完成數位學習補休申請表), times as on the paper form."""
    return [
        {
            "no": course.index,
            "course": course.name,
            "hours": course.hours,
            "start": seen.iso_start,
            "end": seen.iso_end,
            "start_roc": roc_moment(seen.start),
            "end_roc": roc_moment(seen.end),
        }
        for course, seen in courses_and_rows
    ]
