"""One row of the platform's learning record (學習紀錄), as every record parser returns it."""

from datetime import datetime

# The fields, in the order of positional construction.
_NAMES = (
    "line",           # 1-based position in the record, for messages ("第 3 列")
    "no",             # No.
    "course_type",    # 課程類型
    "name",           # 課程名稱, without the code
    "code",           # the code in parentheses after the name, if any (str or None)
    "start",          # 上課期間, start (local time, naive)
    "end",            # 上課期間, end
    "reading_time",   # 閱讀時數 as written (HH:MM:SS)
    "exam",           # 測驗
    "survey",         # 問卷
    "conditions",     # 通過條件, lines joined by "\n"
    "status",         # 通過狀態
    "credit_hours",   # 認證時數 (float or None)
    "upload_status",  # 終身學習時數上傳狀態
    "upload_time",    # 終身學習時數上傳時間 as written
)


# A plain class, not a dataclass: importing dataclasses (and inspect) is slow in Pyodide. Frozen, compared
# and hashed by its fields, as the dataclass was.
class RecordRow:
    __match_args__ = _NAMES

    def __init__(self, line: int, no: str, course_type: str, name: str, code: str | None, start: datetime,
                 end: datetime, reading_time: str, exam: str, survey: str, conditions: str, status: str,
                 credit_hours: float | None, upload_status: str, upload_time: str):
        self.__dict__.update(
            line=line, no=no, course_type=course_type, name=name, code=code, start=start, end=end,
            reading_time=reading_time, exam=exam, survey=survey, conditions=conditions, status=status,
            credit_hours=credit_hours, upload_status=upload_status, upload_time=upload_time)

    def _values(self) -> tuple:
        return tuple(self.__dict__[name] for name in _NAMES)

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self):
        return hash(self._values())

    def __repr__(self):
        return f"RecordRow({', '.join(f'{name}={self.__dict__[name]!r}' for name in _NAMES)})"

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise AttributeError(f"cannot delete field {name!r}")
