"""What the batch page's workers call (site_src/batch/): the same prepare, check_job, assemble and export as
the CLI, with the page's values converted at the border (a JsProxy from JavaScript, JSON text back).

One worker (the first) prepares the batch and keeps it, with the table, for the exports and for a person's
detail (checked again when it is opened: ten thousand whole results would not fit in the page); every worker,
that one included, checks the jobs the page hands it, a few at a time, and answers with what the table needs."""

import json
from datetime import date

from rules_py._calendar import roc_day
from rules_py.batch import attendance as _att
from rules_py.batch import limits
from rules_py.batch.export import export as _export
from rules_py.batch.jobs import Attendance, check_job, prepare as _prepare
from rules_py.batch.sources import _skipped as skipped, clean_name  # the rule sort_files applies
from rules_py.batch.table import assemble as _assemble, expiry_warning_days, for_table, said_once
from rules_py.batch.template import attendance_template, roster_template
from rules_py.record import load_pdf_reader, needs_pdf_reader

# The preparing worker's: "given", "unreadable" (the files taken), "batch" (the prepared Batch), "outcomes"
# (every job's, for the table), "table" (for the exports).
_kept: dict = {}


def _py(value):
    return value.to_py() if hasattr(value, "to_py") else value


def read_limit() -> int:
    """How much of one file is read (more than any limit allows: the rest is never needed)."""
    return limits.MAX_READ_BYTES


def _attendance(given) -> Attendance | None:
    """{name, data, columns {field: header}, kinds {kind: key}} from the page, or None."""
    given = _py(given)
    if not given:
        return None
    return Attendance(given["name"], bytes(given["data"]), given.get("columns"), given.get("kinds"))


def attendance_question(given) -> str:
    """What the page asks before the check, as JSON: the header row and which column is which (columns
    {field: index}), what is still missing, the kinds nobody assigned ([[kind, rows]]), the fields and kinds
    to choose from; or {"error"} when the file can't be read at all."""
    given = _attendance(given)
    try:
        lay = _att.layout(given.name, given.data, given.columns)
    except ValueError as exc:
        return json.dumps({"error": f"差勤資料無法使用：{exc}"}, ensure_ascii=False)
    vocabulary = _att.vocabulary()
    return json.dumps({
        "header": lay.header, "line": lay.line, "columns": lay.columns, "missing": lay.missing,
        "unknown": [] if lay.missing else _att.unknown_kinds(lay, given.kinds),
        "fields": [{"field": f, "label": _att.label(f)} for f in vocabulary["columns"]],
        "kinds": [{"key": k, "label": v["label"]} for k, v in vocabulary["kinds"].items()],
    }, ensure_ascii=False)


UNREADABLE = "無法讀取這個檔案（可能已被移動、刪除或正由其他程式使用），請重新選擇"


def _read(chosen) -> bytes:
    """A chosen file's bytes, {name, file: a File}, read here in the worker, synchronously (on the page's thread,
    a thousand files took about 1.5 s of promise callbacks while the workers waited)."""
    from js import FileReaderSync  # a worker's own reader

    return FileReaderSync.new().readAsArrayBuffer(chosen.file.slice(0, limits.MAX_READ_BYTES)).to_bytes()


def _read_all(chosen: list) -> tuple:
    """([(name, bytes)], [(name, why)] of those that could not be read)."""
    read, unreadable = [], []
    for entry in chosen:
        try:
            read.append((entry.name, _read(entry)))
        except Exception:  # the browser's NotReadableError: this file's row says so, the rest go on
            unreadable.append((entry.name, UNREADABLE))
    return read, unreadable


def take(files, first: bool) -> int:
    """Some chosen files, [{name, file}] (file: a File), read now and kept for prepare() (first: a new batch's
    first); the page sends a few hundred at a time (handing a File to a worker costs the page's thread:
    ten thousand at once, two seconds)."""
    if first:
        _kept.clear()
    given, unreadable = _read_all(files)
    _kept.setdefault("given", []).extend(given)
    _kept.setdefault("unreadable", []).extend(unreadable)
    return len(_kept["given"]) + len(_kept["unreadable"])


def prepare(roster, today: str, attendance=None) -> int:
    """The files taken, the roster ({name, file} or None) and the attendance export (as attendance_question's,
    or None) -> how many jobs there are (see jobs())."""
    given, unreadable = _kept.pop("given", []), _kept.pop("unreadable", [])
    rosters, roster_unreadable = _read_all([roster] if roster else [])
    batch = _prepare(given, rosters[0] if rosters else None, date.fromisoformat(today) if today else None,
                     unreadable=unreadable + roster_unreadable, attendance=_attendance(attendance))
    _kept.clear()
    _kept.update(batch=batch, outcomes={})
    return len(batch.jobs)


def jobs(start: int, count: int) -> list:
    """Some of the prepared jobs [{id, file, data, ...}], for check() in any worker (a few hundred at a time,
    as take())."""
    return _kept["batch"].jobs[start:start + count]


def check(given):
    """Some jobs (from jobs(), through the page) -> for each, check_job's outcome as the table needs it
    (for_table) as JSON; the preparing worker also keeps its own, to assemble them without reading them back.
    When a PDF record is among them and pypdf is not loaded yet, an awaitable instead (the worker awaits it)."""
    given = _py(given)
    for job in given:
        job["data"] = bytes(job["data"])
    if any(needs_pdf_reader(job["data"]) for job in given):
        return _after_loading(_checked, given)
    return _checked(given)


async def _after_loading(then, *args):
    await load_pdf_reader()
    return then(*args)


def _checked(given: list) -> list:
    answers = []
    for job in given:
        outcome = for_table(check_job(job))
        if "batch" in _kept:
            _kept["outcomes"][outcome["id"]] = outcome
        answers.append(json.dumps(outcome, ensure_ascii=False))
    return answers


def detail(job_id: int):
    """One person's whole outcome as JSON, checked again from the kept batch (the same job: the same answer);
    an awaitable when it is a PDF record and pypdf is not loaded here yet."""
    job = _kept["batch"].jobs[job_id]
    if needs_pdf_reader(job["data"]):
        return _after_loading(_detail, job)
    return _detail(job)


def _detail(job) -> str:
    return json.dumps(check_job(job), ensure_ascii=False)


def keep(others) -> None:
    """check()'s answers from the other workers, kept here for assemble() as they come."""
    _kept["outcomes"].update((o["id"], o) for o in (json.loads(text) for text in _py(others)))


def assemble() -> str:
    """The table of every outcome kept -> its frame as JSON: header, bundles [[id, name]], expiring_days,
    said_once (what every row checked with defaults would say), checked_on (the day the leave was judged on,
    民國) and size (how many rows; the rows come through table_rows())."""
    table = _assemble(_kept["batch"], list(_kept["outcomes"].values()))
    _kept["table"] = table
    today = _kept["batch"].today
    return json.dumps({"header": table.people.header, "bundles": table.bundle_names, "size": len(table.rows),
                       "expiring_days": expiry_warning_days(), "said_once": said_once(table.rows),
                       "checked_on": roc_day(today) if today else ""}, ensure_ascii=False, default=date.isoformat)


def table_rows(start: int, count: int) -> str:
    """Some of the table's rows as JSON: {people: their cells, rows: per row id, person, unit, statuses, why,
    expiring, ...} (a few thousand at a time: the page reads each in its own task)."""
    table = _kept["table"]
    return json.dumps({"people": table.people.rows[start:start + count], "rows": table.rows[start:start + count]},
                      ensure_ascii=False, default=date.isoformat)


def usable(names) -> list:
    """[bool] per chosen file's name: whether the check uses it (not a system file such as .DS_Store or
    __MACOSX/…), for the page's 「已選擇 N 個檔案」."""
    return [not skipped(clean_name(name)) for name in _py(names)]


def export(fmt: str) -> bytes:
    return _export(_kept["table"].sheets(), fmt)


def template(fmt: str, which: str = "roster") -> bytes:
    """The roster's template, or (which="attendance") the attendance export's."""
    return attendance_template(fmt) if which == "attendance" else roster_template(fmt)
