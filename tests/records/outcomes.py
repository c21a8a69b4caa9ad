"""What parse_record makes of each record fixture, as JSON text: the same code runs in CPython and Pyodide."""

import json
import os

from rules_py import InputError
from rules_py.record import parse_record


def outcome(path: str) -> dict:
    with open(path, "rb") as file:
        data = file.read()
    try:
        rows = parse_record(data, os.path.basename(path))
    except InputError as error:
        return {"error": str(error)}
    return {"rows": [{**vars(row), "start": row.start.isoformat(), "end": row.end.isoformat()} for row in rows]}


def all_outcomes(folder: str) -> str:
    return json.dumps({name: outcome(os.path.join(folder, name)) for name in sorted(os.listdir(folder))},
                      ensure_ascii=False, sort_keys=True)
