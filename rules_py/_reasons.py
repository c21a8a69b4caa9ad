"""The zh-TW sentence of each rule, and the reason object {rule, clause, anchor, message, course?}."""

from datetime import date, datetime

from rules_py._rule_ids import RULE_IDS

_TEXT = {
    "category.covered": "您的人員類別為「{category}」，屬於本計畫適用對象（{covered}）。",
    "category.not_covered": "您的人員類別為「{category}」，不在本計畫適用對象內（適用對象：{covered}），"
                            "不能申請補休，也不適用嘉獎。",
    "course.counted": "「{course}」於 {end} 完成並已通過，在截止日 {deadline}（含當日）之前。",
    "course.missing": "學習紀錄中沒有「{course}」的紀錄。",
    "course.not_passed": "「{course}」的紀錄（第 {line} 列，{end} 結束）通過狀態為「{status}」，尚未通過。",
    "course.after_deadline": "「{course}」於 {end} 才完成，晚於截止日 {deadline}（含當日），不予計入。",
    "course.before_period": "「{course}」於 {start} 開始上課，早於計畫辦理期間的開始日 {period_start}，不予計入。",
    "bundle.complete": "「{bundle}」的 {count} 門課程（共 {hours} 小時）都在 {deadline}（含當日）前完成，"
                       "最後一門於 {completed_on} 完成。",
    "bundle.incomplete": "「{bundle}」還有 {missing} 門課程沒有在 {deadline}（含當日）前完成。",
    "offduty.yes": "「{course}」的上課期間 {start}～{end} 沒有任何時刻是上班或在勤時間，屬公餘時間。",
    "offduty.no": "「{course}」的{which}時間 {time} 落在上班或在勤時間（{work_start}～{work_end}）內，"
                  "不是公餘時間。",
    "offduty.review": "「{course}」的開始 {start} 與結束 {end} 都在公餘時間，但其間含有上班或在勤時間"
                      "（{work_start}～{work_end}），請由人事單位認定。",
    "offduty.unpaid_leave": "「{course}」的上課期間 {start}～{end} 碰到留職停薪期間（{leave_start}～{leave_end}），"
                            "沒有利用公餘時間的事實，不能補休（仍可計入嘉獎）。",
    "leave.eligible": "「{bundle}」已完成，且每門課程的上課起迄都在公餘時間，可申請補休 {hours} 小時。",
    "leave.expiry": "補休須自課程完成次日（{next_day}）起 {years} 年內休畢，也就是到 {expires_on} 為止"
                    "（依民法第121條計算）。",
    "leave.cap": "各套可補休時數合計 {total} 小時，超過上限 {cap} 小時，以 {cap} 小時計。",
    "reward.complete": "{bundles}都已在 {deadline}（含當日）前完成，服務機關得核予{reward}。",
    "reward.incomplete": "尚有組裝課程沒有在 {deadline}（含當日）前完成（{bundles}），不符{reward}的條件。",
    "reward.upload_pending": "「{course}」的終身學習時數上傳狀態為「{status}」，不是「{success}」；"
                             "{reward}依終身學習入口網的學習時數核予，請確認上傳後由人事單位認定。",
    "match.similar": "第 {line} 列「{row_name}」與課程「{course}」名稱相近（相似度 {ratio}），已視為同一門課程，請確認。",
    "match.unmatched": "第 {line} 列「{row_name}」不是本計畫的課程，沒有列入計算。",
}

assert set(_TEXT) == set(RULE_IDS), "every rule has its sentence"


def show(value) -> str:
    """Dates and times in messages: 2025-03-01, 2025-03-01 09:00:00."""
    kind = type(value)
    if kind is str:
        return value
    if kind is datetime:
        return value.replace(microsecond=0).isoformat(" ")
    if kind is date:
        return value.isoformat()
    if kind is float:
        return f"{value:g}"
    return str(value)


def reason(plan, rule: str, course=None, **facts) -> dict:
    clause = plan.rule_clauses[rule]
    for key, value in facts.items():
        if value.__class__ is not str:
            facts[key] = show(value)
    out = {"rule": rule, "clause": clause, "anchor": plan.anchors[clause],
           "message": _TEXT[rule].format(course=course, **facts)}
    if course is not None:
        out["course"] = course
    return out
