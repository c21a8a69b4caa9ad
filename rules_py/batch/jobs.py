"""From the files given to one job per record: its bytes, the profile the roster and the person's profile
file give it, and what the table must say about it (no roster row, a duplicate, a roster error).
check_job() checks one job: the part that the CLI's processes and the page's workers share out."""

import hashlib
import posixpath
from datetime import date

from rules_py import InputError, RuleGapError, check
from rules_py.batch import attendance as att
from rules_py.batch.profiles import read_profile_file
from rules_py.batch.roster import read_roster
from rules_py.batch.sources import Problem, base_name, sort_files

NO_ROSTER_ROW = "名冊中沒有這個檔案，以預設值檢核（人員類別、上班時間依計畫預設）"
NO_ROSTER = "未提供名冊，以預設值檢核（人員類別、上班時間依計畫預設）"


class Attendance:
    """The attendance export as given: its file, and the officer's answers (columns {field: header},
    kinds {kind: profile key or attendance.SKIP})."""
    __slots__ = ("name", "data", "columns", "kinds")

    def __init__(self, name: str, data: bytes, columns=None, kinds=None):
        self.name, self.data, self.columns, self.kinds = name, data, columns or {}, kinds or {}


class Batch:
    """jobs: [dict] in the order given; problems: [Problem]; missing: roster rows naming no given file;
    roster: the roster's name or None; attendance: the attendance export's name or None."""

    def __init__(self, jobs, problems, missing, roster, today, attendance=None):
        self.jobs, self.problems, self.missing, self.roster, self.today = jobs, problems, missing, roster, today
        self.attendance = attendance


def prepare(files, roster=None, today: date | None = None, unreadable=(), attendance: Attendance | None = None) -> Batch:
    """files: [(name, bytes)]: records, profile files (.json), .zip archives and perhaps the roster;
    roster: (name, bytes) given apart, or None; unreadable: [(name, why)] of files that could not be read;
    attendance: the attendance export, or None."""
    given = sort_files(files, roster)
    problems = [Problem(name, why) for name, why in unreadable] + given.problems
    rows, roster_name = [], None
    for name, data in given.rosters:
        if roster_name is not None:
            problems.append(Problem(name, f"只能使用一份名冊，已使用「{roster_name}」，這份沒有使用"))
            continue
        roster_name = name
        try:
            rows = read_roster(name, data)
        except ValueError as exc:
            problems.append(Problem(name, _not_a_roster(name, data) or f"名冊無法讀取：{exc}"))
    profiles = []
    for name, data in given.profiles:
        try:
            profiles.append(read_profile_file(name, data))
        except ValueError as exc:
            problems.append(Problem(name, str(exc)))

    by_file, by_stem = _roster_index(rows, problems, roster_name)
    jobs, used_rows, used_profiles = [], set(), set()
    for index, (name, data) in enumerate(given.records):
        base = base_name(name)
        row = by_file.get(base) or by_stem.get(_stem(base))
        notes = []
        if row is not None:
            used_rows.add(id(row))
        else:
            notes.append(NO_ROSTER_ROW if roster_name else NO_ROSTER)
        matching = _profiles_for(profiles, base, row)
        used_profiles.update(id(p) for p in matching)
        if len(matching) > 1:  # never guessed: the officer keeps the right one
            notes.append(f"有 {len(matching)} 個設定檔對應到這份紀錄（「{'」「'.join(p.file for p in matching)}」），"
                         "都沒有使用；請只留下這位同仁的一個")
        person = matching[0] if len(matching) == 1 else None
        job = _job(index, name, data, row, person, today)
        job["notes"] = notes + job["notes"]
        jobs.append(job)
    if attendance is not None:
        problems += _apply_attendance(jobs, attendance)
    _flag_duplicates(jobs)
    problems += [Problem(p.file, "找不到對應的學習紀錄（設定檔要與紀錄檔同名，或在名冊填上相同的姓名）")
                 for p in profiles if id(p) not in used_profiles]
    missing = [row for row in rows if id(row) not in used_rows and row.file]
    problems += [Problem(roster_name, row.error) for row in rows if not row.file]  # a row naming no file
    return Batch(jobs, problems, missing, roster_name, today, attendance.name if attendance else None)


def _not_a_roster(name: str, data: bytes) -> str:
    """What to say of a sheet that is no roster but an attendance export (chosen among the records), or ""."""
    try:
        if not att.layout(name, data).missing:
            return "這是差勤資料，不是名冊：請在「差勤資料」選擇這個檔案（命令列：--attendance）"
    except ValueError:
        pass
    return ""


def _stem(name: str) -> str:
    return posixpath.splitext(name)[0]


def _roster_index(rows, problems, roster_name) -> tuple:
    by_file, by_stem = {}, {}
    for row in rows:
        key = base_name(row.file)
        if key in by_file:
            problems.append(Problem(roster_name, f"名冊第 {row.line} 列的檔名「{row.file}」與第 {by_file[key].line} "
                                                 "列重複，只採用第一列"))
            continue
        by_file[key] = row
        by_stem.setdefault(_stem(key), row)
    return by_file, by_stem


def _profiles_for(profiles, base: str, row) -> list:
    """The profile files of this record: those named as the record, else those whose person (the name in
    the file, or the file's name) is the roster row's name, or without a roster row the record's name."""
    stem = _stem(base)
    same_file = [p for p in profiles if _stem(base_name(p.file)) == stem]
    if same_file:
        return same_file
    name = row.name if row is not None and row.name else stem
    return [p for p in profiles if p.name == name or (row is not None and _stem(base_name(p.file)) == name)]


def _apply_attendance(jobs: list, given: Attendance) -> list:
    """Each person's attendance rows added to their profile; [Problem] for the file, and each row not used."""
    try:
        lay = att.layout(given.name, given.data, given.columns)
        entries = att.read_entries(lay, given.kinds)
    except ValueError as exc:
        return [Problem(given.name, f"差勤資料無法使用：{exc}")]
    people = [{**job["who"], "name": job["name"], "label": job["file"]} for job in jobs]
    found, messages, notes = att.assign(lay, entries, people)
    for i, job in enumerate(jobs):
        if i in notes:
            job["notes"].append(notes[i])
        rows = found.get(i)
        if not rows:
            continue
        job["profile"] = att.merge(job["profile"], rows)
        for entry in rows:
            job["sources"].setdefault(entry.key, f"差勤資料「{given.name}」")
        job["attendance"] = [entry.plain() for entry in rows]
    return [Problem(given.name, m) for m in entries.faults + messages]


def _job(index: int, name: str, data: bytes, row, person, today) -> dict:
    """The job as plain data (it crosses to the CLI's processes and the page's workers)."""
    profile, sources = {}, {}
    if person is not None:
        profile.update(person.profile)
        sources.update({key: f"設定檔「{person.file}」" for key in person.profile})
    if row is not None:
        profile.update(row.profile)  # the roster's own columns win over the person's file
        sources.update({key: row.where(key) for key in row.profile})
    return {
        "id": index,
        "file": name,
        "data": data,
        "sha": hashlib.sha256(data).hexdigest(),
        "name": (row.name if row is not None and row.name else "") or (person.name if person else ""),
        "unit": (row.unit if row is not None and row.unit else "") or (person.unit if person else ""),
        "profile": profile if (row is not None or person is not None) else None,
        "sources": sources,
        "roster_error": row.error if row is not None else None,
        "profile_file": person.file if person is not None else None,
        "who": dict(row.who) if row is not None else {},  # 員工編號, 身分證字號: to match the attendance export
        "attendance": [],                                  # the attendance rows applied: [Entry.plain()]
        "today": today.isoformat() if today else None,
        "notes": [],
    }


def _flag_duplicates(jobs: list) -> None:
    """Two records of one person (the same name, or the same content) are each told of the other."""
    for key, why in (("sha", "內容相同"), ("name", "姓名相同")):
        seen: dict = {}
        for job in jobs:
            if job[key]:
                seen.setdefault(job[key], []).append(job)
        for group in seen.values():
            for job in group:
                others = [j["file"] for j in group if j is not job]
                if others:
                    job["duplicate"] = True
                    job["notes"].append(f"可能重複：與「{'」「'.join(others)}」{why}")


def check_job(job: dict) -> dict:
    """{"id", "result"} or {"id", "error"}: one record checked with its profile; never raises for bad input."""
    if job.get("roster_error"):
        return {"id": job["id"], "error": job["roster_error"]}
    today = date.fromisoformat(job["today"]) if job.get("today") else None
    try:
        result = check(bytes(job["data"]), job["profile"], today=today, officer=True, sources=job["sources"])
    except InputError as exc:
        return {"id": job["id"], "error": _located(exc, job)}
    except RuleGapError as exc:  # this person's row says so; the others go on
        return {"id": job["id"], "error": f"規則無法判定此情形，請回報：{exc}", "gap": True}
    except Exception as exc:  # a fault of ours: still one row, never a traceback (as check_json)
        return {"id": job["id"], "error": f"程式發生未預期的錯誤（{type(exc).__name__}），請回報。", "gap": True}
    return {"id": job["id"], "result": result}


def _located(exc: InputError, job: dict) -> str:
    """The message with its place: the roster cell or profile file that gave the faulty setting, or the record."""
    where = exc.where or ""
    if where.startswith("profile"):
        key = where.partition(".")[2].partition("[")[0]
        source = job["sources"].get(key)
        return f"{source}：{exc.message}" if source else f"個人設定：{exc.message}"
    return exc.message
