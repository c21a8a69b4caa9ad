"""What the batch page's workers call (site_src/batch/): the same prepare, check_job, assemble and export as
the CLI, with the page's values converted at the border (a JsProxy from JavaScript, JSON text back).

One worker (the first) prepares the batch and keeps it, with the table, for the exports; every worker,
that one included, checks the jobs the page hands it."""

import json
from datetime import date

from rules_py._calendar import roc_day
from rules_py.batch import limits
from rules_py.batch.export import export as _export
from rules_py.batch.jobs import check_job, prepare as _prepare
from rules_py.batch.table import assemble as _assemble, expiry_warning_days, said_once
from rules_py.batch.template import roster_template
from rules_py.record import load_pdf_reader, needs_pdf_reader

_kept: dict = {"outcomes": {}}  # "batch": the prepared Batch; "outcomes": this worker's own; "table"


def _py(value):
    return value.to_py() if hasattr(value, "to_py") else value


def read_limit() -> int:
    """How much of one file the page reads (more than any limit allows: the rest is never needed)."""
    return limits.MAX_READ_BYTES


def prepare(files, roster, today: str) -> list:
    """files: [{name, data}] (data: bytes or Uint8Array); roster: {name, data} or None -> the jobs
    [{id, file, data, ...}] for check(), in order."""
    files = [(f["name"], bytes(f["data"])) for f in _py(files)]
    roster = _py(roster)
    batch = _prepare(files, (roster["name"], bytes(roster["data"])) if roster else None,
                     date.fromisoformat(today) if today else None)
    _kept.clear()
    _kept.update(batch=batch, outcomes={})
    return batch.jobs


def check(job):
    """One job (from prepare, through the page) -> check_job's outcome as JSON (for the detail view), also kept
    here: the preparing worker assembles its own outcomes without reading them back from JSON. The first PDF
    record a worker meets returns an awaitable instead (the worker awaits it), which loads pypdf first."""
    job = _py(job)
    job["data"] = bytes(job["data"])
    if needs_pdf_reader(job["data"]):
        return _check_after_loading(job)
    return _checked(job)


async def _check_after_loading(job) -> str:
    await load_pdf_reader()
    return _checked(job)


def _checked(job) -> str:
    outcome = check_job(job)
    _kept.setdefault("outcomes", {})[outcome["id"]] = outcome
    return json.dumps(outcome, ensure_ascii=False)


def assemble(others) -> str:
    """others: check()'s JSON answers from the other workers -> the table for the page as JSON: header, people (the cells),
    rows (per row: id, person, unit, statuses, why, expiring, ...), bundles [[id, name]], expiring_days, said_once (what
    every row checked with defaults would say), checked_on (the day the leave was judged on, 民國 and ISO)."""
    outcomes = [*_kept["outcomes"].values(), *(json.loads(o) for o in _py(others))]
    table = _assemble(_kept["batch"], outcomes)
    _kept["table"] = table
    today = _kept["batch"].today
    return json.dumps({"header": table.people.header, "people": table.people.rows, "rows": table.rows,
                       "bundles": table.bundle_names, "expiring_days": expiry_warning_days(),
                       "said_once": said_once(table.rows),
                       "checked_on": roc_day(today) if today else ""},
                      ensure_ascii=False, default=date.isoformat)


def export(fmt: str) -> bytes:
    return _export(_kept["table"].sheets(), fmt)


def template(fmt: str) -> bytes:
    return roster_template(fmt)
