"""The roster template the page offers: the zh-TW column names and one example row, in ODS or XLSX."""

from rules_py.batch.export import export
from rules_py.batch.roster import COLUMNS, EXAMPLE
from rules_py.batch.table import Sheet

TEMPLATE_NAME = "名冊範本"


def roster_template(fmt: str) -> bytes:
    header = list(COLUMNS)
    return export([Sheet("名冊", header, [[EXAMPLE[h] for h in header]])], fmt)
