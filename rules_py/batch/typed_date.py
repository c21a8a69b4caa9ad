"""A date as an office types or exports it (the roster's and the attendance export's cells): 2025-03-10,
2025/3/10, 114/03/10 or 114年3月10日 (民國), 1140310."""

import re
from datetime import date

from rules_py._calendar import ROC_OFFSET

DATE_AT_START = re.compile(r"(\d{2,4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{3,4})(\d{2})(\d{2})(?!\d)")
FORMS = "2025-03-10、2025/3/10、114/03/10 或 1140310"


def leading_date(text: str) -> tuple[date, str]:
    """(the date text starts with, the rest of it stripped); ValueError (zh-TW) when it starts with none, or
    with a day that does not exist."""
    text = text.strip()
    match = DATE_AT_START.match(text)
    if not match:
        raise ValueError(f"無法讀出日期「{text}」，請寫成 {FORMS}")
    y, m, d = (int(g) for g in (match.group(1, 2, 3) if match.group(1) else match.group(4, 5, 6)))
    if y < ROC_OFFSET:
        y += ROC_OFFSET
    try:
        return date(y, m, d), text[match.end():].strip()
    except ValueError:
        raise ValueError(f"沒有這一天「{text}」") from None
