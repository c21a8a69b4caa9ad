"""The catalogue of rules: every rule id, what it says (zh-TW), its sentence, and the clause it rests on.

Rule ids are fixed here; each plan maps them to its own clauses (plan.yaml `rules:`), so a clause label and
its page anchor come from the plan's data. reason() builds the {rule, clause, anchor, message, course?}
object that every verdict and warning carries.
"""

from datetime import date, datetime

# rule id -> (summary: what the rule says, in plain zh-TW; sentence: the message a result carries)
_RULES = {
    "category.covered": (
        "人員類別屬於本計畫的適用對象。",
        "您的人員類別為「{category}」，屬於本計畫適用對象（{covered}）。"),
    "category.not_covered": (
        "人員類別不在本計畫的適用對象內，不能申請補休，也不適用嘉獎。",
        "您的人員類別為「{category}」，不在本計畫適用對象內（適用對象：{covered}），不能申請補休，也不適用嘉獎。"),
    "course.counted": (
        "課程已通過，且在辦理期間內、截止日（含當日）前完成，計入組裝課程。",
        "「{course}」於 {end} 完成並已通過，在截止日 {deadline}（含當日）之前。"),
    "course.missing": (
        "學習紀錄中沒有這門課程，組裝課程未完成。",
        "學習紀錄中沒有「{course}」的紀錄。"),
    "course.not_passed": (
        "課程有紀錄但尚未通過，不計入。",
        "「{course}」的紀錄（第 {line} 列，{end} 結束）通過狀態為「{status}」，尚未通過。"),
    "course.after_deadline": (
        "課程在截止日之後才完成，不計入。",
        "「{course}」於 {end} 才完成，晚於截止日 {deadline}（含當日），不予計入。"),
    "course.before_period": (
        "課程在計畫辦理期間開始前就開始上課，不計入。",
        "「{course}」於 {start} 開始上課，早於計畫辦理期間的開始日 {period_start}，不予計入。"),
    "bundle.complete": (
        "組裝課程的每門課程都已在截止日（含當日）前完成。",
        "「{bundle}」的 {count} 門課程（共 {hours} 小時）都在 {deadline}（含當日）前完成，最後一門於 {completed_on} 完成。"),
    "bundle.incomplete": (
        "組裝課程還有課程沒有在截止日（含當日）前完成，不能申請補休。",
        "「{bundle}」還有 {missing} 門課程沒有在 {deadline}（含當日）前完成。"),
    "offduty.yes": (
        "上課期間沒有任何時刻是上班或在勤時間，屬公餘時間。",
        "「{course}」的上課期間 {start}～{end} 沒有任何時刻是上班或在勤時間，屬公餘時間。"),
    "offduty.no": (
        "上課的開始或結束時間落在上班或在勤時間內，不是公餘時間，不能申請補休。",
        "「{course}」的{which}時間 {time} 落在上班或在勤時間（{work_start}～{work_end}）內，不是公餘時間。"),
    "offduty.review": (
        "上課起迄都在公餘時間，但其間含有上班或在勤時間，由人事單位認定。",
        "「{course}」的開始 {start} 與結束 {end} 都在公餘時間，但其間含有上班或在勤時間（{work_start}～{work_end}），"
        "請由人事單位認定。"),
    "offduty.unpaid_leave": (
        "上課期間碰到留職停薪期間，沒有利用公餘時間的事實，不能補休（仍可計入嘉獎）。",
        "「{course}」的上課期間 {start}～{end} 碰到留職停薪期間（{leave_start}～{leave_end}），"
        "沒有利用公餘時間的事實，不能補休（仍可計入嘉獎）。"),
    "leave.eligible": (
        "組裝課程已完成，且每門課程的上課起迄都在公餘時間，可申請補休。",
        "「{bundle}」已完成，且每門課程的上課起迄都在公餘時間，可申請補休 {hours} 小時。"),
    "leave.expiry": (
        "補休須自課程完成次日起，在計畫所定的年限內休畢（期間依民法第121條計算）。",
        "補休須自課程完成次日（{next_day}）起 {years} 年內休畢，也就是到 {expires_on} 為止（依民法第121條計算）。"),
    "leave.cap": (
        "各套組裝課程的補休合計有上限。",
        "各套可補休時數合計 {total} 小時，超過上限 {cap} 小時，以 {cap} 小時計。"),
    "reward.complete": (
        "每套組裝課程都在截止日（含當日）前完成，服務機關得核予獎勵。",
        "{bundles}都已在 {deadline}（含當日）前完成，服務機關得核予{reward}。"),
    "reward.incomplete": (
        "尚有組裝課程沒有在截止日（含當日）前完成，不符嘉獎的條件。",
        "尚有組裝課程沒有在 {deadline}（含當日）前完成（{bundles}），不符{reward}的條件。"),
    "reward.upload_pending": (
        "嘉獎依終身學習入口網的學習時數核予；時數尚未上傳成功時，由人事單位認定。",
        "「{course}」的終身學習時數上傳狀態為「{status}」，不是「{success}」；"
        "{reward}依終身學習入口網的學習時數核予，請確認上傳後由人事單位認定。"),
    "match.similar": (
        "紀錄的課程名稱與課程清單的名稱相近，視為同一門課程，請確認。",
        "第 {line} 列「{row_name}」與課程「{course}」名稱相近（相似度 {ratio}），已視為同一門課程，請確認。"),
    "match.unmatched": (
        "紀錄的課程不是本計畫組裝課程清單裡的課程，不列入計算。",
        "第 {line} 列「{row_name}」不是本計畫的課程，沒有列入計算。"),
}

RULE_IDS = tuple(_RULES)


def rules_catalogue(plan) -> dict:
    """{rule id: {clause, anchor, summary, message}} for one plan (a Plan object)."""
    return {rule: {"clause": plan.rule_clauses[rule], "anchor": plan.anchors[plan.rule_clauses[rule]],
                   "summary": summary, "message": message}
            for rule, (summary, message) in _RULES.items()}


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
           "message": _RULES[rule][1].format(course=course, **facts)}
    if course is not None:
        out["course"] = course
    return out


# -- clause ids as the plan writes them (壹, 陸、五, 附件2說明2) and their page anchors (clause-6-5, form-note-2)

_NUMERALS = "一二三四五六七八九十"
_SECTIONS = "壹貳參肆伍陸柒捌玖拾"
_FORM_NOTE = "附件2說明"


def anchor_for(clause: str) -> str | None:
    """The plan page's anchor for a clause id, or None when the id is not of a known shape."""
    if clause.startswith(_FORM_NOTE):
        rest = clause[len(_FORM_NOTE):]
        return f"form-note-{rest}" if rest.isdigit() and rest[0] != "0" else None
    section, _, item = clause.partition("、")
    if len(section) != 1 or section not in _SECTIONS:
        return None
    anchor = f"clause-{_SECTIONS.index(section) + 1}"
    if not item:
        return anchor
    if len(item) != 1 or item not in _NUMERALS:
        return None
    return f"{anchor}-{_NUMERALS.index(item) + 1}"
