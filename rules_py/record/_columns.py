"""The record table's twelve columns: recognising the header row, whatever the widths and spaces."""

import unicodedata

from rules_py._errors import InputError

# (field of RecordRow-ish name, header as the platform writes it), in the platform's order.
COLUMNS = (
    ("no", "No."),
    ("course_type", "課程類型"),
    ("name", "課程名稱"),
    ("period", "上課期間"),
    ("reading_time", "閱讀時數"),
    ("exam", "測驗"),
    ("survey", "問卷"),
    ("conditions", "通過條件"),
    ("status", "通過狀態"),
    ("credit_hours", "認證時數"),
    ("upload_status", "終身學習時數上傳狀態"),
    ("upload_time", "終身學習時數上傳時間"),
)
HEADER_OF = dict(COLUMNS)


def normalise_header(cell: str) -> str:
    text = unicodedata.normalize("NFKC", cell).casefold()
    return "".join(ch for ch in text if not ch.isspace()).rstrip(".")


_FIELD_OF = {normalise_header(header): field for field, header in COLUMNS}
# A row is taken for the header when this many of its cells are column names; fewer is a data row.
_HEADER_MIN_MATCHES = 3


def header_fields(cells: list[str]) -> list[str | None] | None:
    """Each cell's field (None for a column we do not use), or None when this row is not a header."""
    fields = [_FIELD_OF.get(normalise_header(cell)) for cell in cells]
    if sum(field is not None for field in fields) < _HEADER_MIN_MATCHES:
        return None
    return fields


def column_index(fields: list[str | None]) -> dict[str, int]:
    """Field -> cell position; InputError naming the missing or repeated columns."""
    index: dict[str, int] = {}
    for position, field in enumerate(fields):
        if field is None:
            continue
        if field in index:
            raise InputError(f"表頭的「{HEADER_OF[field]}」欄出現兩次，無法判斷要用哪一欄")
        index[field] = position
    missing = [header for field, header in COLUMNS if field not in index]
    if missing:
        raise InputError(f"學習紀錄缺少欄位：{'、'.join(missing)}（應有 No.、課程類型…終身學習時數上傳時間共 12 欄）")
    return index


def platform_order() -> dict[str, int]:
    """Positions for a headerless paste: the platform's own column order."""
    return {field: position for position, (field, _) in enumerate(COLUMNS)}
