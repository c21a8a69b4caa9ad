"""The one loader and schema of every file in courses/: plan.yaml, clauses.yaml, suspensions.yaml (per
plan) and the office calendars (CSV as DGPA publishes them). The build, the pages and the tests all read
courses/ through here.

- load_courses(): the compiled plans, the one JSON document the rules and the checker page load
  (rules_py/_data/plans.json, written by refresh_rules_data());
- load_clauses(): each plan's official text (clauses.yaml), for the reading pages.

Every fault raises CoursesError with a zh-TW message naming the file, the line and the key path, so that
the person who edits the data next year sees at once what to fix.
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


ROOT = Path(__file__).resolve().parent.parent
COURSES = ROOT / "courses"
RULES_DATA = ROOT / "rules_py" / "_data" / "plans.json"
ATTENDANCE_DATA = ROOT / "rules_py" / "_data" / "attendance.json"  # beside it, from courses/attendance.yaml
# What an attendance export's columns can fill, and the profile keys its kinds become (rules_py's own names).
ATTENDANCE_FIELDS = ("employee_id", "id_number", "name", "kind", "start", "start_date", "start_time", "end",
                     "end_date", "end_time")
ATTENDANCE_KINDS = ("overtime", "official_leave", "business_trips", "on_duty", "time_off")


class CoursesError(BuildError, ValueError):
    """A fault in courses/: the message names the file and the key path."""


_WEEKDAYS = "一二三四五六日"
_CALENDAR_HEADER = ["西元日期", "星期", "是否放假", "備註"]
_OFF, _WORKING = "2", "0"
_HOURS_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]|24):([0-5]\d)$")
_SCOPES = ("whole_city", "districts")
_FORM_KEYS = ("title", "unit_label", "name_label", "bundle_label", "columns", "time_units", "notes_heading",
              "signatures")
_LAST_STEP = re.compile(r"(?:\.[^.\[]*|\[\d+\])$")


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


def load_clauses(courses_dir: Path) -> dict[str, dict]:
    """Every plan's clauses.yaml, keyed by plan id: {"plan", "heading", "issued", "form", "clauses"}."""
    courses_dir = Path(courses_dir)
    return {clauses["plan"]: clauses
            for clauses in (_Loader(courses_dir, f).clauses() for f in sorted(courses_dir.glob("*/plan.yaml")))}


def load_calendar_sources(courses_dir: Path) -> dict[str, dict]:
    """calendars/sources.yaml: {CSV file name: {origin, url, version, date, encoding, sha256}}."""
    file = Path(courses_dir) / "calendars" / "sources.yaml"
    reader = _Loader(Path(courses_dir), file)
    raw = reader.yaml(file)
    if not isinstance(raw, dict):
        reader.fail("（最上層）", "應為對照表（檔名: 來源）")
    sources = {}
    for name, node in raw.items():
        entry = {key: reader.text(node, key, name) for key in ("origin", "url", "version", "encoding", "sha256")}
        entry["date"] = reader.day(node, "date", name).isoformat()
        if not re.fullmatch(r"[0-9a-f]{64}", entry["sha256"]):
            reader.fail(_join(name, "sha256"), "應為 64 個小寫十六進位字元")
        sources[name] = entry
    return sources


def plans_json_text(data: dict) -> str:
    """The compiled plans as the rules and the checker page read them."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def load_attendance(courses_dir: Path) -> dict:
    """courses/attendance.yaml: {"columns": {field: [header, ...]}, "kinds": {key: {label, words}}}, every
    header and kind word in one place only (compared as rules_py.batch.attendance compares them)."""
    file = Path(courses_dir) / "attendance.yaml"
    reader = _Loader(Path(courses_dir), file)
    raw = reader.yaml(file)
    columns, kinds, seen = {}, {}, {}

    def words(node, key, where):
        items = reader.items(node, key, where)
        if not items or not all(isinstance(w, str) and w.strip() for w in items):
            reader.fail(_join(where, key), "應為非空白文字的清單")
        for word in items:
            folded = normalise_name(word)
            if folded in seen.get(where.partition(".")[0], {}):
                reader.fail(_join(where, key), f"「{word}」重複（已在 {seen[where.partition('.')[0]][folded]}）")
            seen.setdefault(where.partition(".")[0], {})[folded] = where
        return [w.strip() for w in items]

    for field in ATTENDANCE_FIELDS:
        columns[field] = words(reader.get(raw, "columns", ""), field, "columns")
    for key in ATTENDANCE_KINDS:
        node = reader.get(reader.get(raw, "kinds", ""), key, "kinds")
        kinds[key] = {"label": reader.text(node, "label", f"kinds.{key}"), "words": words(node, "words", f"kinds.{key}")}
    for section, known in (("columns", ATTENDANCE_FIELDS), ("kinds", ATTENDANCE_KINDS)):
        extra = sorted(set(raw[section]) - set(known))
        if extra:
            reader.fail(f"{section}.{extra[0]}", f"不認得的項目（可用：{'、'.join(known)}）")
    return {"columns": columns, "kinds": kinds}


def _write_if_changed(path: Path, text: str) -> None:
    """Rewritten only when its text changes, so that the wheel's cache and a running test session see a
    stable file; a reader never sees half a file."""
    path = Path(path)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)


def refresh_rules_data(courses_dir: Path = COURSES, path: Path = RULES_DATA,
                       attendance_path: Path = ATTENDANCE_DATA) -> dict:
    """The one step that makes rules_py/_data/plans.json and attendance.json (git-ignored) from courses/:
    shared by build.py, the editable install (`make setup`) and the tests."""
    data = load_courses(courses_dir)
    _write_if_changed(path, plans_json_text(data))
    _write_if_changed(attendance_path, plans_json_text(load_attendance(courses_dir)))
    return data


def _show(courses_dir: Path, file: Path) -> str:
    return f"{courses_dir.name}/{file.relative_to(courses_dir).as_posix()}"


class _Loader:
    """Reads one plan directory; `fail(path, message)` is the only way out on a fault."""

    def __init__(self, courses_dir: Path, plan_file: Path):
        self.courses_dir = courses_dir
        self.plan_file = plan_file
        self.file = plan_file
        self._lines: dict[Path, dict[str, int]] = {}  # per YAML file: key path -> line

    # -- errors and typed getters -------------------------------------------------------------
    def fail(self, where: str, message: str):
        line = self._line(where)
        at = f" 第 {line} 行" if line else ""
        raise CoursesError(f"{_show(self.courses_dir, self.file)}{at}: {where}：{message}")

    def _line(self, where: str) -> int | None:
        """The line of `where` in the current YAML file, or of its nearest parent there (a missing key)."""
        lines = self._lines.get(self.file, {})
        while where not in lines:
            if not where:
                return None
            parent = _LAST_STEP.sub("", where)
            where = parent if parent != where else ""
        return lines[where]

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
            data, self._lines[file] = _load_yaml(file.read_text(encoding="utf-8"))
            return data
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
        clauses = self.clauses()
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
        plan["reminders"] = self._reminders(self.get(raw, "reminders", ""))
        plan["categories"] = self._categories(raw)
        covered = parameters["covered_categories"]["value"]
        known = {c["id"] for c in plan["categories"]}
        for i, cat in enumerate(covered):
            if cat not in known:
                self.fail(f"parameters.covered_categories.value[{i}]", f"未定義的人員類別 {cat}")
        plan["bundles"] = self._bundles(raw)
        plan["rules"] = self._rules(raw)
        used = self._clause_ids(plan)
        if clauses["plan"] != plan["id"]:
            self.file = self.plan_file.parent / "clauses.yaml"
            self.fail("plan", f"應為此計畫的代號 {plan['id']}，實際為 {clauses['plan']}")
        plan["clauses"] = self._anchors(used, clauses)
        plan["calendar"] = self._calendar(parameters)
        return plan

    def clauses(self) -> dict:
        """clauses.yaml beside plan.yaml: the plan's official text, clause by clause, and the form's wording."""
        raw = self.yaml(self.plan_file.parent / "clauses.yaml")
        if not isinstance(raw, dict):
            self.fail("（最上層）", "應為對照表（plan、heading、issued、form、clauses）")
        doc = {key: self.text(raw, key, "") for key in ("plan", "heading", "issued")}
        form = self.get(raw, "form", "")
        doc["form"] = {key: self.get(form, key, "form") for key in _FORM_KEYS}
        if len(self.items(form, "time_units", "form")) != 5:
            self.fail("form.time_units", "應為 5 個單位（年、月、日、時、分）")
        doc["clauses"], ids, anchors = [], {}, {}
        for i, node in enumerate(self.items(raw, "clauses", "")):
            path = f"clauses[{i}]"
            clause = {"id": self.text(node, "id", path), "anchor": self.text(node, "anchor", path),
                      "title": self.plain(node, "title", path), "text": self.plain(node, "text", path)}
            for key, seen in (("id", ids), ("anchor", anchors)):
                if clause[key] in seen:
                    self.fail(_join(path, key), f"{clause[key]} 與 {seen[clause[key]]} 重複")
                seen[clause[key]] = path
            table = self.get(node, "table", path, optional=True)
            if table is not None:
                clause["table"] = {"header": self.items(table, "header", _join(path, "table")),
                                   "rows": self.items(table, "rows", _join(path, "table"))}
            if "items" in node:
                clause["items"] = self.items(node, "items", path)
            doc["clauses"].append(clause)
        if not doc["clauses"]:
            self.fail("clauses", "至少要有一條條文")
        self.file = self.plan_file
        return doc

    def plain(self, mapping, key, where) -> str:
        """Text that may be empty (a clause with no title of its own)."""
        value = self.get(mapping, key, where)
        if not isinstance(value, str):
            self.fail(_join(where, key), "應為文字（可為空字串 \"\"）")
        return value

    def _anchors(self, used: list[tuple[str, str]], clauses: dict) -> dict[str, str]:
        anchors = {c["id"]: c["anchor"] for c in clauses["clauses"]}
        out = {}
        for where, cid in used:
            if cid not in anchors:
                self.fail(where, f"條文代號 {cid} 不在 clauses.yaml 中")
            out[cid] = anchors[cid]
        return out

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
            source = self.text(node, "source", path, optional=True)  # where a fact the plan does not state comes from
            if source:
                entry["source"] = source
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
                entry["districts"] = self.text(node, "districts", path, optional=True)
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
        param("leave_record_kind", "text")
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

    def _reminders(self, raw: dict) -> dict:
        alarms = self.items(raw, "calendar_alarm_days", "reminders")
        for j, days in enumerate(alarms):
            if isinstance(days, bool) or not isinstance(days, int) or days <= 0:
                self.fail(f"reminders.calendar_alarm_days[{j}]", "應為正整數（天數）")
        if not alarms:
            self.fail("reminders.calendar_alarm_days", "至少要有一個提醒天數")
        return {"expiry_warning_days": self.number(raw, "expiry_warning_days", "reminders", integer=True),
                "calendar_alarm_days": sorted(set(alarms), reverse=True),
                "source": self.text(raw, "source", "reminders")}

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
        districts = self._districts(self.plan_file.parent / spec["districts"]) if spec["districts"] else []
        suspensions = []
        if spec["suspensions"]:
            suspensions = self._suspensions(self.plan_file.parent / spec["suspensions"], first, last, districts)
        return {
            "source": _relative(self.courses_dir, csv_file),
            "first": first.isoformat(),
            "last": last.isoformat(),
            "off_days": [d.isoformat() for d, (off, _) in sorted(days.items()) if off],
            "notes": {d.isoformat(): note for d, (_, note) in sorted(days.items()) if note},
            "suspensions": suspensions,
            "districts": districts,
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

    def _districts(self, file: Path) -> list[str]:
        """The city's districts (行政區), each written with 區, in the order a person picks from."""
        raw = self.yaml(file)
        names = self.items(raw, "districts", "")
        self.text(raw, "source", "")
        for i, name in enumerate(names):
            if not isinstance(name, str) or not name.strip().endswith("區"):
                self.fail(f"districts[{i}]", f"應為以「區」結尾的行政區名稱，實際為 {name!r}")
        if len(set(names)) != len(names):
            self.fail("districts", "行政區名稱重複")
        self.file = self.plan_file
        return [n.strip() for n in names]

    def _suspensions(self, file: Path, first: date, last: date, districts: list[str]) -> list[dict]:
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
            source = self.get(node, "source", path)
            self.text(source, "announcement", _join(path, "source"))
            if self.day(source, "date", _join(path, "source")) > day:
                self.fail(_join(path, "source.date"), "公告日期晚於停止上班日")
            if scope == "districts":
                named = self.items(node, "districts", path)
                if not named or not all(isinstance(d, str) and d.strip() for d in named):
                    self.fail(_join(path, "districts"), "應為行政區名稱清單")
                # as notices write them (杉林), kept with 區 (杉林區), each one of the city's districts
                named = [_suffixed(d, "區") for d in named]
                unknown = [d for d in named if districts and d not in districts]
                if unknown:
                    self.fail(_join(path, "districts"), f"不是本市的行政區：{'、'.join(unknown)}")
                entry["districts"] = named
                villages = self._villages(node, path, named)
                if villages:
                    entry["villages"] = villages
            elif self.get(node, "villages", path, optional=True) is not None:
                self.fail(_join(path, "villages"), "只有 scope: districts 的停止上班日可以列出村里")
            out.append(entry)
        self.file = self.plan_file
        return sorted(out, key=lambda e: e["date"])


    def _villages(self, node: dict, path: str, districts: list[str]) -> dict[str, list[str]]:
        """{district: [village, ...]} of a stop for only some villages (里) of a district, each written with 里."""
        raw = self.get(node, "villages", path, optional=True)
        if raw is None:
            return {}
        where = _join(path, "villages")
        if not isinstance(raw, dict) or not raw:
            self.fail(where, "應為 {行政區: [村里, ...]} 的對照表")
        out = {}
        for name, villages in raw.items():
            district = _suffixed(str(name), "區")
            if district not in districts:
                self.fail(_join(where, str(name)), f"{district}不在這一日的 districts 內")
            if (not isinstance(villages, list) or not villages
                    or not all(isinstance(v, str) and v.strip() for v in villages)):
                self.fail(_join(where, str(name)), "應為村里名稱清單")
            named = [_suffixed(v, "里") for v in villages]
            if len(set(named)) != len(named):
                self.fail(_join(where, str(name)), "村里名稱重複")
            out[district] = named
        return out


def _suffixed(name: str, suffix: str) -> str:
    """杉林 -> 杉林區, 梅山 -> 梅山里: as notices write them, kept with the suffix."""
    name = name.strip()
    return name if name.endswith(suffix) else name + suffix


def _load_yaml(text: str) -> tuple[object, dict[str, int]]:
    """The document, and the line (1-based) of every key path in it ("a.b[2].c" as the loader names them)."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}

    def walk(node, path: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                lines[_join(path, str(key.value))] = key.start_mark.line + 1
                walk(value, _join(path, str(key.value)))
        elif isinstance(node, yaml.SequenceNode):
            for i, value in enumerate(node.value):
                lines[f"{path}[{i}]"] = value.start_mark.line + 1
                walk(value, f"{path}[{i}]")

    if node is not None:
        walk(node, "")
    return data, lines


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


if __name__ == "__main__":  # `python -m pipeline.courses`: refresh rules_py's data (make setup runs it)
    import sys

    try:
        refresh_rules_data()
    except CoursesError as error:
        sys.exit(f"計畫資料有誤：{error}")
