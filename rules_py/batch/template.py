"""The templates the page offers: the roster and the attendance export, with their zh-TW column names and
example rows, in ODS or XLSX."""

from rules_py.batch.attendance import template_sheet
from rules_py.batch.export import export
from rules_py.batch.roster import COLUMNS, EXAMPLE
from rules_py.batch.table import Sheet

TEMPLATE_NAME = "名冊範本"


def roster_template(fmt: str) -> bytes:
    header = list(COLUMNS)
    return export([Sheet("名冊", header, [[EXAMPLE[h] for h in header]])], fmt)


def attendance_template(fmt: str) -> bytes:
    header, rows = template_sheet()
    return export([Sheet("差勤資料", header, rows)], fmt)
