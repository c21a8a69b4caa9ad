"""The person's profile: category, office hours, district, and the periods that make time working or not.

Accepted as a dict, as JSON text, or as YAML text of this shape only (the stdlib has no YAML parser):
top-level `key: value` lines, where a value is a plain or quoted scalar, a flow list such as
["08:00-12:00", "13:30-17:30"] or [["2025-03-01 08:00", "2025-03-01 20:00"]] (it may span lines),
or a block list of such values on the following lines ("  - 2025-07-11"). `#` starts a comment.
Bytes are UTF-8 (with or without BOM) or Big5, as a record file may be.
"""

import json
from datetime import date, datetime

from rules_py._calendar import taiwan_time
from rules_py._errors import InputError

# Periods that are working time at their start and end (在勤、輪值), and periods any overlap with which
# disqualifies a course (加班、公假、公差: 附件2說明2 「上開時間內不得申請任何加班、公(差)假」).
_ON_DUTY = "on_duty"
_CLAIMED_KEYS = ("overtime", "official_leave", "business_trips")
_KEYS = ("category", "office_hours", _ON_DUTY, *_CLAIMED_KEYS, "time_off", "unpaid_leave", "days_off", "district",
         "village")
_HOURS_SEPARATORS = "-~～–—"
_DISTRICT_SUFFIX = "區"
_VILLAGE_SUFFIX = "里"
_DAY = 86400
# A block across midnight longer than this is far more likely a block typed the wrong way round (17:30-08:00
# for 08:00-17:30) than a shift: it is refused, saying so. Not a rule of the plan: a check of what is typed.
_LONGEST_NIGHT_SHIFT = 16 * 3600


class Profile:
    __slots__ = ("category", "office_hours", "on_duty", "claimed", "time_off", "unpaid_leave", "days_off",
                 "district", "village", "assumed")

    def __init__(self, category, office_hours, on_duty, claimed, time_off, unpaid_leave, days_off, district,
                 village, assumed):
        self.category = category
        self.office_hours = office_hours  # ((start second of day, end second), ...): end past 86400 for a night shift
        self.on_duty = on_duty            # ((start, end), ...) datetimes: 在勤、輪值
        self.claimed = claimed            # ((start, end, key), ...): 加班 overtime, 公假 official_leave, 公差 business_trips
        self.time_off = time_off          # ((start, end), ...): hour-level leave, off duty
        self.unpaid_leave = unpaid_leave  # ((first date, last date), ...), inclusive
        self.days_off = days_off          # extra non-working dates (frozenset)
        self.district = district          # the district's name with 區, or None
        self.village = village            # the village's name with 里, or None
        self.assumed = assumed            # the keys taken from defaults: ("category", "office_hours", "district", "village")

    def working_key(self) -> tuple:
        """What the working-time intervals depend on (for caching them)."""
        return (self.office_hours, self.on_duty, self.time_off, tuple(sorted(self.days_off)), self.district,
                self.village)


def read_profile(source) -> dict:
    """The profile's text (YAML subset or JSON; bytes in UTF-8 or Big5) as a mapping, its values not yet checked."""
    return _raw(source)


def parse_profile(source, plan) -> Profile:
    raw = _raw(source)
    for key in raw:
        if key not in _KEYS:
            raise InputError(f"不認得的設定「{key}」（可用：{'、'.join(_KEYS)}）", f"profile.{key}")
    assumed = tuple(key for key in ("category", "office_hours", "district", "village") if raw.get(key) is None)
    category = raw.get("category")
    if category is None:
        category = "civil_servant"
    if not isinstance(category, str) or category.strip() not in plan.category_labels:
        labels = "、".join(f"{cid}（{name}）" for cid, name in plan.categories.items())
        raise InputError(f"人員類別應為 {labels} 之一，實際為 {_shown(category)}", "profile.category")
    hours = raw.get("office_hours")
    office_hours = tuple(
        _hours(v, f"profile.office_hours[{i}]")
        for i, v in enumerate(_list(plan.default_office_hours if hours is None else hours, "profile.office_hours")))
    on_duty = _periods(raw, _ON_DUTY)
    claimed = tuple((a, b, key) for key in _CLAIMED_KEYS for a, b in _periods(raw, key))
    unpaid = tuple(_pair(v, f"profile.unpaid_leave[{i}]", _day, inclusive=True)
                   for i, v in enumerate(_list(raw.get("unpaid_leave"), "profile.unpaid_leave")))
    days_off = frozenset(_day(v, f"profile.days_off[{i}]")
                         for i, v in enumerate(_list(raw.get("days_off"), "profile.days_off")))
    district = _district(raw.get("district"), plan)
    return Profile(plan.category_labels[category.strip()], office_hours, on_duty, claimed, _periods(raw, "time_off"),
                   unpaid, days_off, district, _village(raw.get("village"), district), assumed)


def _periods(raw: dict, key: str) -> tuple:
    return tuple(_pair(v, f"profile.{key}[{i}]", _moment) for i, v in enumerate(_list(raw.get(key), f"profile.{key}")))


def _district(value, plan) -> str | None:
    """杉林 or 杉林區 -> 杉林區, one of the plan's districts."""
    if value is None:
        return None
    name = value.strip() if isinstance(value, str) else None
    if name and not name.endswith(_DISTRICT_SUFFIX):
        name += _DISTRICT_SUFFIX
    if name not in plan.districts:
        known = "、".join(plan.districts) or "（此計畫沒有行政區資料）"
        raise InputError(f"工作所在行政區應為下列之一：{known}；實際為 {_shown(value)}", "profile.district")
    return name


def _village(value, district) -> str | None:
    """梅山 or 梅山里 -> 梅山里: the village (里) of the district where the person works."""
    if value is None:
        return None
    name = value.strip() if isinstance(value, str) else ""
    if not name:
        raise InputError(f"工作所在村里應為村里名稱，例如「梅山里」；實際為 {_shown(value)}", "profile.village")
    if district is None:
        raise InputError(f"填了村里「{name}」，也請填寫它所在的行政區（district）", "profile.village")
    return name if name.endswith(_VILLAGE_SUFFIX) else name + _VILLAGE_SUFFIX


def _raw(source) -> dict:
    if source is None:
        return {}
    if isinstance(source, dict):
        return source
    if isinstance(source, bytes):
        source = _decode(source)
    if not isinstance(source, str):
        raise InputError("個人設定應為 YAML 或 JSON 文字", "profile")
    text = source.lstrip("\ufeff").strip()
    if not text:
        return {}
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"JSON 格式錯誤（第 {exc.lineno} 行第 {exc.colno} 字）", "profile") from None
        except RecursionError:
            raise InputError("JSON 的巢狀層次太深", "profile") from None
    else:
        data = _parse_yaml(text)
    if not isinstance(data, dict):
        raise InputError("個人設定應為「鍵: 值」的對照表", "profile")
    return data


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then Big5 (a file saved by Windows in Traditional Chinese)."""
    for encoding in ("utf-8-sig", "big5"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    raise InputError("個人設定檔不是 UTF-8 或 Big5 文字", "profile")


def _shown(value) -> str:
    """A wrong value as a message quotes it: short, on one line."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _list(value, where) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError("應為清單，例如 [...]", where)
    return value


def _hours(value, where) -> tuple:
    if isinstance(value, str):
        text = value.strip()
        for sep in _HOURS_SEPARATORS:
            start, found, end = text.partition(sep)
            if found:
                a, b = _clock(start), _clock(end)
                if a is not None and b is not None and a < b:
                    return a, b
                if a is not None and b is not None and b < a < _DAY and b + _DAY - a <= _LONGEST_NIGHT_SHIFT:
                    return a, b + _DAY  # a night shift ends the next morning
    raise InputError("上班時段應寫成 \"08:00-12:00\"（開始早於結束）；跨過午夜的夜班寫成 \"22:00-06:00\"，"
                     f"最長 {_LONGEST_NIGHT_SHIFT // 3600} 小時；實際為 {_shown(value)}", where)


def _clock(text: str) -> int | None:
    hh, colon, mm = text.strip().partition(":")
    if not colon or not (hh.isascii() and mm.isascii() and hh.isdigit() and mm.isdigit()
                         and len(mm) == 2 and 1 <= len(hh) <= 2):
        return None
    h, m = int(hh), int(mm)
    if h > 24 or m > 59 or (h == 24 and m):
        return None
    return h * 3600 + m * 60


def _pair(value, where, parse, inclusive=False) -> tuple:
    if not isinstance(value, list) or len(value) != 2:
        raise InputError("應為 [開始, 結束] 兩個值", where)
    start, end = parse(value[0], f"{where}[0]"), parse(value[1], f"{where}[1]")
    if end < start or (end == start and not inclusive):
        raise InputError(f"結束 {_shown(value[1])} 應晚於開始 {_shown(value[0])}", where)
    return start, end


def _moment(value, where) -> datetime:
    if isinstance(value, datetime):
        return taiwan_time(value, where)
    if isinstance(value, str) and len(value.strip()) >= 16:
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            return taiwan_time(parsed, where)
    raise InputError(f"時間應寫成 \"YYYY-MM-DD HH:MM\"（臺灣時間，或帶時區如 +08:00、Z），實際為 {_shown(value)}", where)


def _day(value, where) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and len(value.strip()) == 10:
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InputError(f"日期應寫成 \"YYYY-MM-DD\"，實際為 {_shown(value)}", where)


# -- the YAML subset ---------------------------------------------------------------------------

def _parse_yaml(text: str) -> dict:
    out: dict = {}
    lines = [(n, _strip_comment(line)) for n, line in enumerate(text.splitlines(), start=1)]
    lines = [(n, line) for n, line in lines if line.strip()]
    i = 0
    while i < len(lines):
        n, line = lines[i]
        i += 1
        if line[0].isspace() or line.lstrip().startswith("-"):
            raise InputError("此行應為「鍵: 值」", f"profile 第 {n} 行")
        key, colon, rest = line.partition(":")
        key = key.strip()
        if not colon or not key:
            raise InputError("此行應為「鍵: 值」", f"profile 第 {n} 行")
        if key in out:
            raise InputError(f"「{key}」重複出現", f"profile 第 {n} 行")
        rest = rest.strip()
        if not rest:
            items = []
            while i < len(lines) and lines[i][1].lstrip().startswith("-") and lines[i][1][0].isspace():
                m, item = lines[i]
                items.append(_flow(item.lstrip()[1:].strip(), f"profile 第 {m} 行"))
                i += 1
            out[key] = items or None
            continue
        # a flow list may continue on the following lines until its brackets close
        while rest.startswith("[") and _depth(rest) > 0 and i < len(lines):
            rest += " " + lines[i][1].strip()
            i += 1
        out[key] = _flow(rest, f"profile 第 {n} 行")
    return out


def _strip_comment(line: str) -> str:
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].rstrip()
    return line.rstrip()


def _depth(text: str) -> int:
    depth, quote = 0, None
    for ch in text:
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
    return depth


def _flow(text: str, where: str):
    value, end = _value(text, 0, where)
    if text[end:].strip():
        raise InputError(f"無法解讀「{text[end:].strip()}」", where)
    return value


def _value(text: str, i: int, where: str):
    while i < len(text) and text[i] == " ":
        i += 1
    if i >= len(text):
        return None, i
    ch = text[i]
    if ch == "[":
        items, i = [], i + 1
        while True:
            while i < len(text) and text[i] == " ":
                i += 1
            if i < len(text) and text[i] == "]":
                return items, i + 1
            item, i = _value(text, i, where)
            items.append(item)
            while i < len(text) and text[i] == " ":
                i += 1
            if i < len(text) and text[i] == ",":
                i += 1
            elif i >= len(text) or text[i] != "]":
                raise InputError("清單的方括號 [ ] 沒有成對", where)
    if ch in "\"'":
        close = text.find(ch, i + 1)
        if close < 0:
            raise InputError("引號沒有成對", where)
        return text[i + 1:close], close + 1
    end = i
    while end < len(text) and text[end] not in ",]":
        end += 1
    scalar = text[i:end].strip()
    return (None if scalar in ("", "~", "null") else scalar), end
