"""Loads and validates courses/ (the plans as YAML, the office calendars as DGPA publishes them) into
the one JSON document the rules load (rules_py/_data/plans.json).

Every fault raises CoursesError with a zh-TW message naming the file and the key path, so that the
person who edits the data next year sees at once what to fix.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import yaml

from pipeline import BuildError
from rules_py import RULE_IDS, normalise_name
from rules_py import clause_anchor as anchor_for


class CoursesError(BuildError, ValueError):
    """A fault in courses/: the message names the file and the key path."""


_WEEKDAYS = "一二三四五六日"
_CALENDAR_HEADER = ["西元日期", "星期", "是否放假", "備註"]
_OFF, _WORKING = "2", "0"
_HOURS_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]|24):([0-5]\d)$")
_SCOPES = ("whole_city", "districts")


def load_courses(courses_dir: Path) -> dict:
    """All plans under courses_dir (every `<dir>/plan.yaml`), validated and compiled."""
    courses_dir = Path(courses_dir)
    plans: dict[str, dict] = {}
    plan_files = sorted(courses_dir.glob("*/plan.yaml"))
    if not plan_files:
        raise CoursesError(f"{courses_dir.name}/：找不到任何 */plan.yaml")
    for plan_file in plan_files:
        plan = _Loader(courses_dir, plan_file).plan()
        if plan["id"] in plans:
            raise CoursesError(f"{_show(courses_dir, plan_file)}: id：計畫代號 {plan['id']} 重複")
        plans[plan["id"]] = plan
    return {"plans": plans}


def write_plans_json(data: dict, path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")


def _show(courses_dir: Path, file: Path) -> str:
    return f"{courses_dir.name}/{file.relative_to(courses_dir).as_posix()}"


class _Loader:
    """Reads one plan directory; `fail(path, message)` is the only way out on a fault."""

    def __init__(self, courses_dir: Path, plan_file: Path):
        self.courses_dir = courses_dir
        self.plan_file = plan_file
        self.file = plan_file

    # -- errors and typed getters -------------------------------------------------------------
    def fail(self, where: str, message: str):
        raise CoursesError(f"{_show(self.courses_dir, self.file)}: {where}：{message}")

    def get(self, mapping: dict, key: str, where: str, optional: bool = False):
        if not isinstance(mapping, dict):
            self.fail(where or "（最上層）", "應為對照表（key: value）")
        if key not in mapping or mapping[key] is None:
            if optional:
                return None
            self.fail(_join(where, key), "缺少此欄位")
        return mapping[key]

    def text(self, mapping, key, where, optional=False) -> str | None:
        value = self.get(mapping, key, where, optional)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(_join(where, key), "應為非空白文字")
        return value.strip()

    def number(self, mapping, key, where, integer=False) -> float | int:
        value = self.get(mapping, key, where)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not isinstance(value, int)):
            self.fail(_join(where, key), "應為整數" if integer else "應為數字")
        if value <= 0:
            self.fail(_join(where, key), "應為正數")
        return value

    def day(self, mapping, key, where) -> date:
        value = self.get(mapping, key, where)
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.fail(_join(where, key), f"應為日期 YYYY-MM-DD，實際為 {value!r}")

    def items(self, mapping, key, where, optional=False) -> list:
        value = self.get(mapping, key, where, optional)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(_join(where, key), "應為清單")
        return value

    def yaml(self, file: Path):
        self.file = file
        try:
            return yaml.safe_load(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.fail("（檔案）", "找不到檔案")
        except UnicodeDecodeError:
            self.fail("（檔案）", "不是 UTF-8 文字檔")
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f"第 {mark.line + 1} 行" if mark else "（檔案）"
            self.fail(line, f"YAML 語法錯誤：{getattr(exc, 'problem', exc)}")

    # -- the plan ----------------------------------------------------------------------------
    def plan(self) -> dict:
        raw = self.yaml(self.plan_file)
        if not isinstance(raw, dict):
            self.fail("（最上層）", "應為對照表（key: value）")
        clause_anchors = self._clauses()
        document = self.get(raw, "document", "")
        platform = self.get(raw, "platform", "")
        plan = {
            "id": self.text(raw, "id", ""),
            "roc_year": self.number(raw, "roc_year", "", integer=True),
            "title": self.text(raw, "title", ""),
            "short_title": self.text(raw, "short_title", "", optional=True) or self.text(raw, "title", ""),
            "issuer": self.text(raw, "issuer", ""),
            "document": {"number": self.text(document, "number", "document"),
                         "date": self.day(document, "date", "document").isoformat()},
            "platform": {"name": self.text(platform, "name", "platform"),
                         "url": self.text(platform, "url", "platform")},
        }
        parameters = self._parameters(self.get(raw, "parameters", ""))
        plan["parameters"] = parameters
        plan["matching"] = self._matching(self.get(raw, "matching", ""))
        plan["categories"] = self._categories(raw)
        covered = parameters["covered_categories"]["value"]
        known = {c["id"] for c in plan["categories"]}
        for i, cat in enumerate(covered):
            if cat not in known:
                self.fail(f"parameters.covered_categories.value[{i}]", f"未定義的人員類別 {cat}")
        plan["bundles"] = self._bundles(raw)
        plan["rules"] = self._rules(raw)
        used = self._clause_ids(plan)
        plan["clauses"] = self._anchors(used, clause_anchors)
        plan["calendar"] = self._calendar(parameters)
        return plan

    def _clauses(self) -> dict[str, str] | None:
        """clauses.yaml next to plan.yaml, if present: {clause id: anchor}."""
        file = self.plan_file.parent / "clauses.yaml"
        if not file.exists():
            return None
        raw = self.yaml(file)
        entries = raw.get("clauses") if isinstance(raw, dict) else raw
        if not isinstance(entries, list):
            self.fail("（最上層）", "應為條文清單")
        anchors = {}
        for i, entry in enumerate(entries):
            cid = self.text(entry, "id", f"[{i}]")
            anchors[cid] = self.text(entry, "anchor", f"[{i}]", optional=True) or anchor_for(cid)
        self.file = self.plan_file
        return anchors

    def _anchors(self, used: list[tuple[str, str]], clause_anchors: dict | None) -> dict[str, str]:
        anchors = {}
        for where, cid in used:
            if clause_anchors is not None:
                if cid not in clause_anchors:
                    self.fail(where, f"條文代號 {cid} 不在 clauses.yaml 中")
                anchors[cid] = clause_anchors[cid]
            else:
                anchor = anchor_for(cid)
                if anchor is None:
                    self.fail(where, f"無法辨識的條文代號 {cid}（例：壹、陸、五、附件2說明2）")
                anchors[cid] = anchor
        return anchors

    def _clause_ids(self, plan: dict) -> list[tuple[str, str]]:
        used = [(f"parameters.{k}.clause", v["clause"]) for k, v in plan["parameters"].items()]
        used += [(f"bundles[{i}].clause", b["clause"]) for i, b in enumerate(plan["bundles"])]
        used += [(f"rules.{k}", v) for k, v in plan["rules"].items()]
        return used

    def _parameters(self, raw: dict) -> dict:
        where = "parameters"
        out = {}

        def param(key, kind):
            node = self.get(raw, key, where)
            path = _join(where, key)
            entry = {"clause": self.text(node, "clause", path)}
            if kind == "period":
                start, end = self.day(node, "start", path), self.day(node, "end", path)
                if end < start:
                    self.fail(_join(path, "end"), "結束日早於開始日")
                entry.update(start=start.isoformat(), end=end.isoformat())
            elif kind == "date":
                entry["value"] = self.day(node, "value", path).isoformat()
            elif kind == "number":
                entry["value"] = self.number(node, "value", path)
            elif kind == "integer":
                entry["value"] = self.number(node, "value", path, integer=True)
            elif kind == "text":
                entry["value"] = self.text(node, "value", path)
            elif kind == "texts":
                values = self.items(node, "value", path)
                for i, v in enumerate(values):
                    if not isinstance(v, str) or not v.strip():
                        self.fail(f"{path}.value[{i}]", "應為非空白文字")
                entry["value"] = [v.strip() for v in values]
            elif kind == "hours":
                values = self.items(node, "value", path)
                for i, v in enumerate(values):
                    if not isinstance(v, str) or not _valid_hours(v):
                        self.fail(f"{path}.value[{i}]", f"應為 HH:MM-HH:MM 且開始早於結束，實際為 {v!r}")
                entry["value"] = values
            elif kind == "calendar":
                entry["office_calendar"] = self.text(node, "office_calendar", path)
                entry["suspensions"] = self.text(node, "suspensions", path, optional=True)
            out[key] = entry

        param("period", "period")
        param("deadline", "date")
        param("leave_hours_per_bundle", "number")
        param("leave_hours_cap", "number")
        param("leave_valid_years", "integer")
        param("leave_unit_hours", "number")
        param("reward", "text")
        param("covered_categories", "texts")
        param("passed_status", "text")
        param("upload_success_status", "text")
        param("leave_reason_text", "text")
        param("default_office_hours", "hours")
        param("calendar", "calendar")
        period = out["period"]
        if not period["start"] <= out["deadline"]["value"] <= period["end"]:
            self.fail("parameters.deadline.value", "截止日應在辦理期間內")
        return out

    def _matching(self, raw: dict) -> dict:
        threshold = self.number(raw, "similarity_threshold", "matching")
        if threshold > 1:
            self.fail("matching.similarity_threshold", "應介於 0 與 1 之間")
        return {"similarity_threshold": threshold}

    def _categories(self, raw: dict) -> list[dict]:
        out, seen = [], {}
        for i, node in enumerate(self.items(raw, "categories", "")):
            path = f"categories[{i}]"
            cat = {"id": self.text(node, "id", path), "name": self.text(node, "name", path), "aliases": []}
            for j, alias in enumerate(self.items(node, "aliases", path, optional=True)):
                if not isinstance(alias, str) or not alias.strip():
                    self.fail(f"{path}.aliases[{j}]", "應為非空白文字")
                cat["aliases"].append(alias.strip())
            for label in [cat["id"], cat["name"], *cat["aliases"]]:
                if label in seen:
                    self.fail(path, f"名稱 {label} 與 {seen[label]} 重複")
                seen[label] = path
            out.append(cat)
        if not out:
            self.fail("categories", "至少要有一個人員類別")
        return out

    def _bundles(self, raw: dict) -> list[dict]:
        bundles, ids, names, codes = [], set(), {}, {}
        for i, node in enumerate(self.items(raw, "bundles", "")):
            path = f"bundles[{i}]"
            bundle = {
                "id": self.text(node, "id", path),
                "name": self.text(node, "name", path),
                "platform_title": self.text(node, "platform_title", path, optional=True),
                "hours": self.number(node, "hours", path),
                "clause": self.text(node, "clause", path),
                "courses": [],
            }
            if bundle["id"] in ids:
                self.fail(_join(path, "id"), f"組裝課程代號 {bundle['id']} 重複")
            ids.add(bundle["id"])
            for j, cnode in enumerate(self.items(node, "courses", path)):
                cpath = f"{path}.courses[{j}]"
                course = {
                    "topic": self.text(cnode, "topic", cpath, optional=True),
                    "name": self.text(cnode, "name", cpath),
                    "hours": self.number(cnode, "hours", cpath),
                    "code": self.text(cnode, "code", cpath, optional=True),
                    "aliases": [],
                }
                for k, alias in enumerate(self.items(cnode, "aliases", cpath, optional=True)):
                    if not isinstance(alias, str) or not alias.strip():
                        self.fail(f"{cpath}.aliases[{k}]", "應為非空白文字")
                    course["aliases"].append(alias.strip())
                for label in [course["name"], *course["aliases"]]:
                    key = normalise_name(label)
                    if names.get(key, cpath) != cpath:
                        self.fail(cpath, f"課程名稱 {label} 與 {names[key]} 重複")
                    names[key] = cpath
                if course["code"]:
                    if course["code"] in codes:
                        self.fail(_join(cpath, "code"), f"課程代碼 {course['code']} 與 {codes[course['code']]} 重複")
                    codes[course["code"]] = cpath
                bundle["courses"].append(course)
            if not bundle["courses"]:
                self.fail(_join(path, "courses"), "至少要有一門課程")
            total = sum(c["hours"] for c in bundle["courses"])
            if total != bundle["hours"]:
                self.fail(_join(path, "hours"), f"課程時數合計 {_num(total)} 小時，與所列 {_num(bundle['hours'])} 小時不符")
            bundles.append(bundle)
        if not bundles:
            self.fail("bundles", "至少要有一套組裝課程")
        return bundles

    def _rules(self, raw: dict) -> dict:
        node = self.get(raw, "rules", "")
        if not isinstance(node, dict):
            self.fail("rules", "應為對照表（規則代號: 條文代號）")
        for key in node:
            if key not in RULE_IDS:
                self.fail(f"rules.{key}", "未知的規則代號")
        return {rule: self.text(node, rule, "rules") for rule in RULE_IDS}

    # -- the calendar ------------------------------------------------------------------------
    def _calendar(self, parameters: dict) -> dict:
        spec = parameters["calendar"]
        csv_file = (self.plan_file.parent / spec["office_calendar"]).resolve()
        days = self._office_days(csv_file)
        first, last = min(days), max(days)
        period = parameters["period"]
        self.file = self.plan_file
        if first > date.fromisoformat(period["start"]) or last < date.fromisoformat(parameters["deadline"]["value"]):
            self.fail("parameters.calendar.office_calendar",
                      f"辦公日曆涵蓋 {first}～{last}，未涵蓋辦理期間開始至截止日")
        suspensions = []
        if spec["suspensions"]:
            suspensions = self._suspensions(self.plan_file.parent / spec["suspensions"], first, last)
        return {
            "source": _relative(self.courses_dir, csv_file),
            "first": first.isoformat(),
            "last": last.isoformat(),
            "off_days": [d.isoformat() for d, (off, _) in sorted(days.items()) if off],
            "notes": {d.isoformat(): note for d, (_, note) in sorted(days.items()) if note},
            "suspensions": suspensions,
        }

    def _office_days(self, csv_file: Path) -> dict[date, tuple[bool, str]]:
        """The DGPA office calendar CSV as published: Big5 or UTF-8 (with or without BOM)."""
        self.file = csv_file
        try:
            data = csv_file.read_bytes()
        except FileNotFoundError:
            self.file = self.plan_file
            self.fail("parameters.calendar.office_calendar", f"找不到辦公日曆檔 {csv_file.name}")
        text = _decode_calendar(data)
        if text is None:
            self.fail("（檔案）", "無法辨識編碼（應為 Big5 或 UTF-8）")
        rows = list(csv.reader(io.StringIO(text)))
        if not rows or [c.strip() for c in rows[0]] != _CALENDAR_HEADER:
            self.fail("第 1 列", f"欄位應為 {','.join(_CALENDAR_HEADER)}")
        days: dict[date, tuple[bool, str]] = {}
        for n, row in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            where = f"第 {n} 列"
            if len(row) != 4:
                self.fail(where, f"應有 4 欄，實際 {len(row)} 欄")
            raw_date, weekday, flag, note = (c.strip() for c in row)
            try:
                day = date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:8])) if len(raw_date) == 8 else None
            except ValueError:
                day = None
            if day is None:
                self.fail(where, f"西元日期應為 YYYYMMDD，實際為 {raw_date!r}")
            if weekday != _WEEKDAYS[day.weekday()]:
                self.fail(where, f"{day} 應為星期{_WEEKDAYS[day.weekday()]}，檔案寫星期{weekday}")
            if flag not in (_OFF, _WORKING):
                self.fail(where, f"是否放假應為 0 或 2，實際為 {flag!r}")
            if day in days:
                self.fail(where, f"日期 {day} 重複")
            if days and day != max(days) + timedelta(days=1):
                self.fail(where, f"日期 {day} 不連續（前一日為 {max(days)}）")
            days[day] = (flag == _OFF, note)
        if not days:
            self.fail("（檔案）", "沒有任何日期")
        return days

    def _suspensions(self, file: Path, first: date, last: date) -> list[dict]:
        raw = self.yaml(file)
        if not isinstance(raw, list):
            self.fail("（最上層）", "應為停止上班日清單")
        out, seen = [], set()
        for i, node in enumerate(raw):
            path = f"[{i}]"
            day = self.day(node, "date", path)
            if not first <= day <= last:
                self.fail(_join(path, "date"), f"{day} 不在辦公日曆 {first}～{last} 內")
            if day in seen:
                self.fail(_join(path, "date"), f"日期 {day} 重複")
            seen.add(day)
            scope = self.text(node, "scope", path)
            if scope not in _SCOPES:
                self.fail(_join(path, "scope"), f"應為 {' 或 '.join(_SCOPES)}")
            entry = {"date": day.isoformat(), "scope": scope, "cause": self.text(node, "cause", path)}
            if scope == "districts":
                districts = self.items(node, "districts", path)
                if not districts or not all(isinstance(d, str) and d.strip() for d in districts):
                    self.fail(_join(path, "districts"), "應為行政區名稱清單")
                entry["districts"] = districts
            out.append(entry)
        self.file = self.plan_file
        return sorted(out, key=lambda e: e["date"])


def _decode_calendar(data: bytes) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    for encoding in ("utf-8", "big5", "cp950"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _valid_hours(text: str) -> bool:
    m = _HOURS_RE.match(text.strip())
    return bool(m) and (int(m[1]), int(m[2])) < (int(m[3]), int(m[4])) and (m[3] != "24" or m[4] == "00")


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _num(value) -> str:
    return f"{value:g}"


def _relative(base: Path, file: Path) -> str:
    try:
        return f"{base.name}/{file.relative_to(base.resolve()).as_posix()}"
    except ValueError:
        return file.name
