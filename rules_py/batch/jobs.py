"""From the files given to one job per record: its bytes, the profile the roster and the person's profile
file give it, and what the table must say about it (no roster row, a duplicate, a roster error).
check_job() checks one job: the part that the CLI's processes and the page's workers share out."""

import hashlib
import posixpath
from datetime import date

from rules_py import InputError, RuleGapError, check
from rules_py.batch.profiles import read_profile_file
from rules_py.batch.roster import read_roster
from rules_py.batch.sources import Problem, base_name, sort_files

NO_ROSTER_ROW = "名冊中沒有這個檔案，以預設值檢核（人員類別、上班時間依計畫預設）"
NO_ROSTER = "未提供名冊，以預設值檢核（人員類別、上班時間依計畫預設）"


class Batch:
    """jobs: [dict] in the order given; problems: [Problem]; missing: roster rows naming no given file;
    roster: the roster's name or None."""

    def __init__(self, jobs, problems, missing, roster, today):
        self.jobs, self.problems, self.missing, self.roster, self.today = jobs, problems, missing, roster, today


def prepare(files, roster=None, today: date | None = None, unreadable=()) -> Batch:
    """files: [(name, bytes)]: records, profile files (.json), .zip archives and perhaps the roster;
    roster: (name, bytes) given apart, or None; unreadable: [(name, why)] of files that could not be read."""
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
            problems.append(Problem(name, f"名冊無法讀取：{exc}"))
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
        person = _profile_for(profiles, base, row)
        if person is not None:
            used_profiles.add(id(person))
        job = _job(index, name, data, row, person, today)
        job["notes"] = notes + job["notes"]
        jobs.append(job)
    _flag_duplicates(jobs)
    problems += [Problem(p.file, "找不到對應的學習紀錄（設定檔要與紀錄檔同名，或在名冊填上相同的姓名）")
                 for p in profiles if id(p) not in used_profiles]
    missing = [row for row in rows if id(row) not in used_rows and row.file]
    problems += [Problem(roster_name, row.error) for row in rows if not row.file]  # a row naming no file
    return Batch(jobs, problems, missing, roster_name, today)


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


def _profile_for(profiles, base: str, row):
    stem = _stem(base)
    name = row.name if row is not None else ""
    for p in profiles:
        if _stem(base_name(p.file)) == stem:
            return p
    for p in profiles:
        if name and (p.name == name or _stem(base_name(p.file)) == name):
            return p
    return None


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
