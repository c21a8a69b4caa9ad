"""Dates as the plan and the form write them (民國 years) and the leave's expiry (民法第121條)."""

from datetime import date, datetime, timedelta

_ROC_OFFSET = 1911


def roc_date(day: date) -> str:
    return f"{day.year - _ROC_OFFSET} 年 {day.month} 月 {day.day} 日"


def roc_moment(moment: datetime) -> str:
    """As on the paper form: 114 年 3 月 1 日 9 時 0 分."""
    return f"{roc_date(moment)} {moment.hour} 時 {moment.minute} 分"


def expiry(completed_on: date, years: int) -> date:
    """The last day of a period of `years` years counted from the day after completed_on.

    民法第120條第2項: the first day is not counted, so the period starts the next day; 第121條第2項: it
    ends the day before the corresponding day of the last year, or, when that month has no
    corresponding day, on the month's last day.
    """
    start = completed_on + timedelta(days=1)
    year = start.year + years
    try:
        return date(year, start.month, start.day) - timedelta(days=1)
    except ValueError:  # 2月29日 in a common year: the month's last day
        return date(year, start.month + 1, 1) - timedelta(days=1)
