"""The application form (公餘時間完成數位學習補休申請表) as data, one "sheet" per bundle: the printed page
(pipeline's leave_form.html.j2) and the ODT file (rules_py.forms_odt) are both made from it.

The build makes each bundle's blank sheet from the plan's data (pipeline.pages.leave_form_sheet) and
publishes it beside the page; the checker fills it with the rules' form rows (fill_sheet). A sheet:

    {"title", "unit_label", "unit", "name_label", "name", "bundle_label", "bundle", "columns": [5 labels],
     "time_units": [年, 月, 日, 時, 分], "plan_year": int,
     "rows": [{"no", "course", "hours", "start": [5 parts], "end": [5 parts]}],
     "notes_heading", "notes": [說明 text, ...], "signatures": [label, ...]}

A time's parts are the numbers of 114 年 3 月 5 日 18 時 5 分; a blank time keeps the plan's year and a
full-width space for each other part, as the paper form leaves room to write.
"""

import copy
from datetime import datetime

from rules_py import roc_date

BLANK = "\u3000"


def time_parts(when: datetime | None, plan_year: int) -> list[str]:
    """[year, month, day, hour, minute] as the form writes them (民國 year, no leading zeros)."""
    if when is None:
        return [str(plan_year), BLANK, BLANK, BLANK, BLANK]
    year = roc_date(when.date()).split(" ", 1)[0]  # the rules' one writing of a 民國 year
    return [year, str(when.month), str(when.day), str(when.hour), str(when.minute)]


def time_text(parts: list[str], units: list[str]) -> str:
    """114 年 3 月 5 日 18 時 5 分 (the printed page's text of the same parts)."""
    return " ".join(f"{part} {unit}" for part, unit in zip(parts, units))


def fill_sheet(sheet: dict, unit: str = "", name: str = "", rows=()) -> dict:
    """A copy of a blank sheet with the person's unit and name and the rules' form rows
    ({"course", "start", "end"}, times as ISO text or datetime) in the rows of their courses."""
    filled = copy.deepcopy(sheet)
    filled["unit"], filled["name"] = unit, name
    by_course = {row["course"]: row for row in filled["rows"]}
    for line in rows:
        row = by_course.get(line["course"])
        if row is None:
            raise ValueError(f"申請表沒有課程「{line['course']}」。")
        for field in ("start", "end"):
            when = line[field]
            row[field] = time_parts(when if isinstance(when, datetime) else datetime.fromisoformat(when),
                                    sheet["plan_year"])
    return filled
