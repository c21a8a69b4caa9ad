"""One row of the platform's learning record (學習紀錄), as every record parser returns it."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RecordRow:
    line: int                  # 1-based position in the record, for messages ("第 3 列")
    no: str                    # No.
    course_type: str           # 課程類型
    name: str                  # 課程名稱, without the code
    code: str | None           # the code in parentheses after the name, if any
    start: datetime            # 上課期間, start (local time, naive)
    end: datetime              # 上課期間, end
    reading_time: str          # 閱讀時數 as written (HH:MM:SS)
    exam: str                  # 測驗
    survey: str                # 問卷
    conditions: str            # 通過條件, lines joined by "\n"
    status: str                # 通過狀態
    credit_hours: float | None # 認證時數
    upload_status: str         # 終身學習時數上傳狀態
    upload_time: str           # 終身學習時數上傳時間 as written
