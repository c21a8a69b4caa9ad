"""The catalogue of rules: every rule id, what it says (zh-TW), its sentence, and the clause it rests on.

Rule ids are fixed here; each plan maps them to its own clauses (plan.yaml `rules:`), so a clause label and
its page anchor come from the plan's data. reason() builds the {rule, clause, anchor, message, course?}
object that every verdict and warning carries; where a rule's fact comes from (`source`) is said once, here.
"""

from datetime import date, datetime

from rules_py._calendar import roc_day, roc_time

# rule id -> (summary: what the rule decides, as one plain zh-TW sentence for a reader of the plan page, which
# lists it under its clause; sentence: the message a result carries).
# Dates and times in sentences are 民國 with the ISO date in parentheses (see show()).
_RULES = {
    "category.covered": (
        "人員類別是本計畫的適用對象時，才往下判斷補休與嘉獎。",
        "{whose}人員類別為「{category}」，屬於本計畫適用對象（{covered}）。"),
    "category.not_covered": (
        "人員類別不在本計畫的適用對象內時，不能申請補休，也不適用嘉獎。",
        "{whose}人員類別為「{category}」，不在本計畫適用對象內（適用對象：{covered}），不能申請補休，也不適用嘉獎。"),
    "course.counted": (
        "課程在截止日（含當日）前完成並已通過，才計入組裝課程。",
        "「{course}」於 {end}完成並已通過，在截止日 {deadline}（含當日）之前。"),
    "course.missing": (
        "學習紀錄裡沒有的課程，算是還沒完成。",
        "學習紀錄中沒有「{course}」的紀錄。"),
    "course.not_passed": (
        "有紀錄但還沒通過的課程，不計入。",
        "「{course}」的紀錄（第 {line} 列，{end}結束）通過狀態為「{status}」，尚未通過。"),
    "course.after_deadline": (
        "截止日之後才完成的課程，不計入。",
        "「{course}」於 {end}才完成，晚於截止日 {deadline}（含當日），不予計入。"),
    "course.before_period": (
        "課程在計畫辦理期間開始前就已完成，不是本年度的課程，不計入。",
        "「{course}」於 {end}就已完成，早於計畫辦理期間的開始日 {period_start}，不是本年度的課程，不予計入。"),
    "course.started_before_period": (
        "課程在辦理期間開始前開始上課、在期間內完成：計畫以完成課程為準，計入。",
        "「{course}」於 {start}開始上課，早於計畫辦理期間的開始日 {period_start}，但於 {end}完成，在辦理期間內；"
        "補休與嘉獎都以在截止日前「完成」課程為準，所以計入。"),
    "bundle.complete": (
        "一套組裝課程的每門課程都在截止日（含當日）前完成，才算完成這一套。",
        "「{bundle}」的 {count} 門課程（共 {hours} 小時）都在 {deadline}（含當日）前完成，最後一門於 {completed_on}完成。"),
    "bundle.incomplete": (
        "還有課程沒在截止日（含當日）前完成的那套組裝課程，不能申請補休。",
        "「{bundle}」還有 {missing} 門課程不能計入：{which}，不能申請補休。"),
    "bundle.in_progress": (
        "組裝課程還有課程沒有完成，但截止日還沒到：在截止日（含當日）前於公餘時間完成，仍可申請補休。",
        "「{bundle}」還有 {missing} 門課程尚未完成（{courses}）；離截止日 {deadline}（含當日）還有 {days} 天"
        "（含今天），在公餘時間完成後可申請補休 {hours} 小時。"),
    "offduty.yes": (
        "上課期間沒有碰到上班、在勤或輪值時間，也沒有加班、公假或公差，就是公餘時間。",
        "「{course}」的上課期間 {span}沒有任何時刻是上班或在勤時間，也沒有加班、公假或公差，屬公餘時間。{hours}{facts}"),
    "offduty.no": (
        "上課的開始或結束時間落在上班或在勤時間內，就不是公餘時間，不能申請補休。",
        "「{course}」的{which}時間 {time}落在{kind}時間（{work}）內，不是公餘時間。{hours}{facts}"),
    "offduty.review": (
        "上課的開始與結束都在公餘時間、中間卻跨過上班或在勤時間（例如跨越上班日的長時間上課）時，由人事單位認定。",
        "「{course}」的開始 {start}與結束 {end}都在公餘時間，但其間含有{kind}時間（{work}），請由人事單位認定。{hours}{facts}"),
    "offduty.village": (
        "上課的開始或結束時間落在上班時間，但當日只有所在行政區的部分村里停止上班，又沒有填寫村里：請本人確認，"
        "由人事單位認定。",
        "「{course}」的{which}時間 {time}落在{kind}時間（{work}）內，但當日{district}只有{villages}停止上班；"
        "{village_unknown}若在其中，當日不是上班時間，屬公餘時間。請由人事單位認定。{hours}{facts}"),
    "offduty.time_off": (
        "上課期間的上班時間已按時數請假（休假、事假、病假等），請假時段不算上班時間。",
        "「{course}」的上課期間含有上班時間 {office}，但在{whose}請假時段（{leave}）內：這段上班時間已請假，不算上班時間。{hours}"),
    "offduty.overtime_leave": (
        "上課期間碰到加班、公假或公差時不是公餘時間（公餘時間內不得申請任何加班、公（差）假），不能申請補休。",
        "「{course}」的上課期間 {span}與{kind}（{other}）重疊；公餘時間內不得申請任何加班、公（差）假，不是公餘時間。"),
    "offduty.retake": (
        "同一門課先在非公餘時間通過、後來又在公餘時間再通過時，由人事單位認定。",
        "「{course}」第 {first_line} 列於 {first_end}通過，{first_why}；第 {line} 列於 {end}再次通過，上課起迄都在公餘時間。"
        "請由人事單位認定；補休期限以第 {line} 列的完成日 {completed_on}起算。"),
    "offduty.retake_late": (
        "課程在非公餘時間通過，之後再次通過卻已晚於截止日：不能改以後來的紀錄計入。",
        "「{course}」第 {line} 列於 {end}再次通過，但晚於截止日 {deadline}（含當日），不能改以這一列計入；"
        "計入的仍是第 {first_line} 列。"),
    "offduty.unpaid_leave": (
        "上課期間碰到留職停薪時，沒有利用公餘時間，不能補休，但仍計入嘉獎。",
        "「{course}」的上課期間 {span}碰到留職停薪期間（{leave_start}～{leave_end}），"
        "沒有利用公餘時間的事實，不能補休（仍可計入嘉獎）。"),
    "calendar.day": (
        "哪天上班、哪天放假，依辦公日曆判斷（含補行上班日）。",
        "{day}依辦公日曆是{kind}（{note}）。"),
    "calendar.suspension": (
        "全市停止上班的日子，不算上班時間。",
        "{day}全市停止上班（{cause}），當日不是上班時間。"),
    "calendar.district_suspension": (
        "只有部分行政區（或某區的部分村里）停止上班的日子，只對填寫了工作所在的行政區（村里）、且在其中上班的人不算上班時間。",
        "{day}{districts}停止上班（{cause}）；{how}"),
    "leave.eligible": (
        "完成的組裝課程每門都在公餘時間上課（起迄都是），就可以申請補休。",
        "「{bundle}」已完成，且每門課程的上課起迄都在公餘時間，可申請補休 {hours} 小時。"),
    "leave.expiry": (
        "補休要從課程完成的次日起，在計畫所定的年限內休畢（期限依民法第121條計算）。",
        "補休須自課程完成次日 {next_day}起 {years} 年內休畢（依民法第121條計算）：請於 {expires_roc}（含當日）前休畢"
        "（{expires_iso}）。"),
    "leave.expired": (
        "補休期限已過時，本工具會提醒。",
        "「{bundle}」的補休期限 {expires_roc}（{expires_iso}）已過，今天是 {today}：這 {hours} 小時不能再申請補休，"
        "這套的申請表也不能再用。"),
    "leave.expiring": (
        "補休期限快到時，本工具會提醒及早休畢。",
        "「{bundle}」的補休期限只剩 {days} 天（含今天）：請於 {expires_roc}（含當日）前休畢（{expires_iso}）。"),
    "leave.cap": (
        "各套的補休時數加起來有上限，超過時以上限計。",
        "各套可補休時數合計 {total} 小時，超過上限 {cap} 小時，以 {cap} 小時計。"),
    "next.unit": (
        "申請補休以小時為單位。",
        "每次申請補休以小時計（{unit} 小時為單位）。"),
    "next.record": (
        "人事單位把補休時數登載為「公假補休」，事由註明「利用公餘時間參與數位學習」。",
        "請人事單位將補休時數登載為「{kind}」，事由註明「{reason}」。"),
    "reward.complete": (
        "每套組裝課程都在截止日（含當日）前完成時，服務機關可以核予獎勵。",
        "{bundles}都已在 {deadline}（含當日）前完成，服務機關得核予{reward}。"),
    "reward.in_progress": (
        "尚有組裝課程沒有完成，但截止日還沒到：在截止日（含當日）前完成，服務機關仍得核予獎勵。",
        "尚有組裝課程還沒完成（{bundles}）；離截止日 {deadline}（含當日）還有 {days} 天（含今天），"
        "都完成後服務機關得核予{reward}。"),
    "reward.incomplete": (
        "還有組裝課程沒在截止日（含當日）前完成時，不符嘉獎的條件。",
        "尚有組裝課程沒有在 {deadline}（含當日）前完成（{bundles}），不符{reward}的條件。"),
    "reward.upload_pending": (
        "嘉獎依終身學習入口網的學習時數核予：時數還沒上傳成功時，由人事單位認定。",
        "「{course}」的終身學習時數上傳狀態為「{status}」，不是「{success}」；"
        "{reward}依終身學習入口網的學習時數核予，請確認上傳後由人事單位認定。"),
    "reward.credit_hours": (
        "紀錄的認證時數空白或少於課程時數時，嘉獎由人事單位認定（嘉獎依「同仁學習狀況明細」的學習時數核予）。",
        "「{course}」計入的紀錄（第 {line} 列）認證時數為 {credit}，少於課程時數 {hours} 小時；"
        "{reward}依「同仁學習狀況明細」的學習時數核予，請由人事單位認定。"),
    "match.chosen": (
        "紀錄的課程名稱與課程清單不同、由本人指定為清單上的課程時，請人事單位確認是同一門課。",
        "第 {line} 列「{row_name}」由{who}指定為課程「{course}」，請人事單位確認是同一門課程。"),
    "match.conflict": (
        "紀錄的課程代碼與名稱分屬兩門課程時，以代碼為準，由人事單位認定。",
        "第 {line} 列的課程代碼 {code} 是「{course}」的代碼，名稱卻是「{row_name}」（課程清單上的「{other}」）："
        "以代碼計為「{course}」，請由人事單位認定。"),
    "match.similar": (
        "課程名稱只是與清單上的名稱相近時，不算同一門課，不計入；本人可以為那一列指定課程。",
        "第 {line} 列「{row_name}」不是課程清單上的名稱，沒有計入；與「{course}」相近（相似度 {ratio}）。{ask}"),
    "match.unmatched": (
        "不在本計畫組裝課程清單裡的課程，不列入計算。",
        "第 {line} 列「{row_name}」不是本計畫的課程，沒有列入計算。"),
}

RULE_IDS = tuple(_RULES)
_MESSAGES = {rule: message for rule, (_, message) in _RULES.items()}

# Rules that rest on a fact the plan does not state: the plan attribute holding where it comes from. The
# office hours an offduty.* reason used are a fact of the case, not of the rule (the roster's, the person's or
# the default): its sentence names them and where they came from, and the default's source is said where the
# default is assumed (result.assumed).
_SOURCES = {"offduty.village": "calendar_source", "calendar.day": "calendar_source",
            "calendar.suspension": "calendar_source", "calendar.district_suspension": "calendar_source",
            "leave.expiring": "reminders_source"}


def rules_catalogue(plan) -> dict:
    """{rule id: {clause, anchor, summary, message, source}} for one plan (a Plan object)."""
    return {rule: {"clause": plan.rule_clauses[rule], "anchor": plan.anchors[plan.rule_clauses[rule]],
                   "summary": summary, "message": message, "source": _source(plan, rule)}
            for rule, (summary, message) in _RULES.items()}


def _source(plan, rule: str):
    return getattr(plan, _SOURCES[rule]) if rule in _SOURCES else None


def show(value) -> str:
    """Dates and times in messages: 114 年 3 月 1 日（2025-03-01）, 114 年 3 月 1 日（2025-03-01）09:00."""
    kind = type(value)
    if kind is str:
        return value
    if kind is datetime:
        return roc_time(value)
    if kind is date:
        return roc_day(value)
    if kind is float:
        return f"{value:g}"
    return str(value)


def reason(plan, rule: str, course=None, clause=None, **facts) -> dict:
    """{rule, clause, anchor, message, course?}. clause: instead of the plan's clause for the rule (a match
    reason cites its course's bundle). A rule's source is the catalogue's (rules_catalogue), not each reason's."""
    clause = clause or plan.rule_clauses[rule]
    for key, value in facts.items():
        if value.__class__ is not str:
            facts[key] = show(value)
    facts["course"] = course  # format_map of the facts themselves: no second dict of them
    out = {"rule": rule, "clause": clause, "anchor": plan.anchors[clause], "message": _MESSAGES[rule].format_map(facts)}
    if course is not None:
        out["course"] = course
    return out


def fixed_reason(plan, rule: str, course=None, clause=None, **facts) -> dict:
    """reason() whose facts are the plan's own or a day's, never a record's time or row: the same in every
    check of a batch, so built once per plan and copied (a caller may change its result)."""
    cache = plan.reason_cache
    key = (rule, course, clause, *facts.items())
    found = cache.get(key)
    if found is None:
        if len(cache) > 4096:  # a year of days, several sentences each; never more than that
            cache.clear()
        found = cache[key] = reason(plan, rule, course, clause, **facts)
    return dict(found)


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
