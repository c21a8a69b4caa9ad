"""check(): a record and a profile in, the verdicts with their reasons out."""

import json
from datetime import date

from rules_py._errors import InputError, RuleGapError
from rules_py._plan import select_plan
from rules_py._profile import parse_profile
from rules_py._result import write
from rules_py._sentences import PERSON, Audience
from rules_py._verdict import decide
from rules_py.record import chosen_courses, parse_record, read_record, rows_from_mappings


def read_rows(record, filename: str | None = None) -> tuple:
    """(rows, each row's chosen course or None), or (rows, None) for a record to parse."""
    if isinstance(record, (bytes, str)):
        return parse_record(record, filename), None
    rows = rows_from_mappings(record)
    return rows, chosen_courses(record)


def check(record, profile=None, *, plan: str | None = None, today: date | None = None,
          filename: str | None = None, officer: bool = False, sources: dict | None = None,
          partial: bool = False) -> dict:
    """officer: the sentences speak to a personnel officer (the batch) rather than to the person, and name where
    each setting came from, sources {profile key: where} (a roster cell, a profile file).
    partial: a record (text or bytes) whose rows cannot all be read is checked on the rows that can, and
    the others are listed in the result's record_problems (the checker's confirm step shows them to fix);
    otherwise such a row is an InputError, as for the batch and the CLI."""
    if today is not None and not isinstance(today, date):
        raise InputError("today 應為日期", "today")
    problems = None
    if partial and isinstance(record, (bytes, str)):
        (rows, problems), chosen = read_record(record, filename), None
    else:
        rows, chosen = read_rows(record, filename)
    selected = select_plan(plan, [r.start.date() for r in rows])
    audience = Audience(officer, sources) if officer or sources else PERSON
    result = write(decide(selected, _profile(profile, selected), rows, chosen, today), audience)
    if problems is not None:
        result["record_problems"] = problems
    return result


_PROFILES: dict = {}


def _profile(source, plan):
    """A batch checks many records with one profile text: parse it once per plan."""
    if source is not None and not isinstance(source, (str, bytes)):
        return parse_profile(source, plan)
    key = (plan, source)  # the plan object itself: use_plans() makes new ones
    if key not in _PROFILES:
        if len(_PROFILES) > 64:
            _PROFILES.clear()
        _PROFILES[key] = parse_profile(source, plan)
    return _PROFILES[key]


_RECORD_KEYS = ("record", "record_base64", "rows")


def check_json(request: str) -> str:
    """One JSON request in, one JSON response out; never raises (for the browser's worker)."""
    try:
        result = _check_request(request)
    except InputError as exc:
        result = {"error": {"message": exc.message, "where": exc.where}}
    except RuleGapError as exc:
        result = {"error": {"message": f"規則無法判定此情形，請回報：{exc}", "where": None}}
    except Exception as exc:  # the page must always get an answer it can show
        result = {"error": {"message": f"程式發生未預期的錯誤（{type(exc).__name__}），請回報。", "where": None}}
    return json.dumps(result, ensure_ascii=False)


def _check_request(request: str) -> dict:
    try:
        data = json.loads(request)
    except (TypeError, ValueError):
        raise InputError("請求不是 JSON", "request") from None
    given = [key for key in _RECORD_KEYS if isinstance(data, dict) and key in data]
    if len(given) != 1:
        raise InputError("請求應含 record（紀錄文字）、record_base64（紀錄檔的位元組）或 rows（列）其中之一", "request")
    key = given[0]
    record = data[key]
    if key != "rows" and not isinstance(record, str):
        raise InputError(f"{key} 應為文字", key)
    if key == "record_base64":  # a file as uploaded (a Big5 CSV is not text until decoded)
        import base64
        import binascii

        try:
            record = base64.b64decode(record, validate=True)
        except (binascii.Error, ValueError):
            raise InputError("不是有效的 base64", key) from None
    plan = data.get("plan")
    if plan is not None and not isinstance(plan, str):
        raise InputError("plan 應為計畫代號文字或 null", "plan")
    today = data.get("today")
    try:
        today = date.fromisoformat(today) if today is not None else None
    except (TypeError, ValueError):
        raise InputError("today 應為 YYYY-MM-DD", "today") from None
    filename = data.get("filename")
    if filename is not None and not isinstance(filename, str):
        raise InputError("filename 應為文字", "filename")
    partial = data.get("partial_record", False)
    if not isinstance(partial, bool):
        raise InputError("partial_record 應為 true 或 false", "partial_record")
    return check(record, data.get("profile"), plan=plan, today=today, filename=filename, partial=partial)
