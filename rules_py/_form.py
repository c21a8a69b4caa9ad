"""The rows of the application form (公餘時間完成數位學習補休申請表) for one bundle."""

from rules_py._dates import roc_moment


def form_rows(courses_and_rows) -> list:
    """[(course, its counting row)] in catalogue order -> the form's rows, times as on the paper form."""
    return [
        {
            "no": course.index,
            "course": course.name,
            "hours": course.hours,
            "start": row.start.isoformat(),
            "end": row.end.isoformat(),
            "start_roc": roc_moment(row.start),
            "end_roc": roc_moment(row.end),
        }
        for course, row in courses_and_rows
    ]
