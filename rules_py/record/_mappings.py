"""Record rows given as mappings (JSON or case files) instead of a record to parse."""

from datetime import datetime

from rules_py._calendar import taiwan_time
from rules_py._errors import InputError
from rules_py.record._row import RecordRow

_REQUIRED = ("name", "start", "end", "status", "upload_status")
_TEXTS = ("course_type", "reading_time", "exam", "survey", "conditions", "upload_time")


def rows_from_mappings(items) -> list:
    if not isinstance(items, list):
        raise InputError("rows 應為清單", "rows")
    return [_row(item, i) for i, item in enumerate(items)]


def chosen_courses(items) -> list:
    """Each row's chosen_course (the catalogue course the person picked for it), or None; rows already read."""
    chosen = [item.get("chosen_course") if isinstance(item, dict) else None for item in items]
    for i, label in enumerate(chosen):
        if label is not None and (not isinstance(label, str) or not label.strip()):
            raise InputError("chosen_course 應為課程清單上的課程代碼或課程名稱", f"rows[{i}].chosen_course")
    return [label.strip() if label else None for label in chosen]


def _row(item, i: int) -> RecordRow:
    where = f"rows[{i}]"
    if isinstance(item, RecordRow):
        return item
    if not isinstance(item, dict):
        raise InputError("每一列應為對照表", where)
    for key in _REQUIRED:
        if not isinstance(item.get(key), str):
            raise InputError(f"缺少文字欄位「{key}」", where)
    start, end = _moment(item["start"], f"{where}.start"), _moment(item["end"], f"{where}.end")
    if end < start:
        raise InputError(f"上課期間的結束 {item['end']} 早於開始 {item['start']}", where)
    credit = item.get("credit_hours")
    if credit is not None and (isinstance(credit, bool) or not isinstance(credit, (int, float))):
        raise InputError("認證時數應為數字", f"{where}.credit_hours")
    code = item.get("code")
    if code is not None and not isinstance(code, str):
        raise InputError("課程代碼應為文字", f"{where}.code")
    line = item.get("line", i + 1)
    return RecordRow(
        line=line, no=str(item.get("no", line)), name=item["name"], code=code or None, start=start, end=end,
        status=item["status"], credit_hours=credit, upload_status=item["upload_status"],
        **{key: str(item.get(key, "")) for key in _TEXTS})


def _moment(value, where) -> datetime:
    """Taiwan time; a time with a UTC offset (2025-02-28T16:00:00Z) is converted to it, never read as local."""
    try:
        moment = datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"時間應寫成 YYYY-MM-DD HH:MM:SS，實際為 {str(value)[:40]!r}", where) from None
    return taiwan_time(moment, where)
