"""The personnel office's batch check: many records, one roster, one table. The page (in Pyodide, in a
worker) and the CLI (`python -m rules_py check ... --roster 名冊.ods --out 結果.ods`) run this same code.

Built only on rules_py's public API. The spreadsheet libraries (odfpy, openpyxl, XlsxWriter) are imported
only when a roster or an output of that kind is read or written: rules_py itself stays stdlib-only.

    prepare(files, roster=None, today=None) -> Batch     sort the files, open .zip, read roster and profiles
    check_job(job) -> outcome                           check one record (shared out among processes/workers)
    assemble(batch, outcomes) -> Table                  the people sheet and the bundles sheet
    export(table.sheets(), fmt) -> bytes                ods | xlsx | csv | json
    roster_template(fmt) -> bytes                       ods | xlsx
    run(files, roster=None, today=None) -> Table        all of the above in one process (tests, small batches)
"""

from rules_py.batch.export import FORMATS, export
from rules_py.batch.jobs import Batch, check_job, prepare
from rules_py.batch.table import Table, assemble
from rules_py.batch.template import roster_template

__all__ = ["FORMATS", "Batch", "Table", "assemble", "check_job", "export", "prepare", "roster_template", "run"]


def run(files, roster=None, today=None) -> Table:
    batch = prepare(files, roster, today)
    return assemble(batch, [check_job(job) for job in batch.jobs])
