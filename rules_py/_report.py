"""The readable zh-TW report of one result, and the summary of several (for personnel offices)."""

from datetime import date, datetime

from rules_py._calendar import roc_day, roc_span
from rules_py._result import leave_reasons

_STATUS = {"eligible": "符合", "review": "待人事單位認定", "ineligible": "不符合"}
_OFF_DUTY = {"yes": "公餘時間", "no": "非公餘時間", "review": "待認定", None: "－"}
_COURSE = {"counted": "已完成", "missing": "無紀錄", "not_passed": "未通過", "after_deadline": "逾期完成",
           "before_period": "早於辦理期間"}


_FLAG = {"expired": "（期限已過）", "expiring": "（期限將至）", None: ""}


def report(result: dict, title: str | None = None) -> str:
    lines = [f"＝＝ {title} ＝＝"] if title else []
    plan, category = result["plan"], result["category"]
    lines += [
        f"計畫：{plan['title']}",
        f"截止日：{roc_day(date.fromisoformat(plan['deadline']))}（含當日）",
        f"人員類別：{category['name']}（{'適用' if category['covered'] else '不適用'}）",
        f"上班時間：{'、'.join(result['office_hours']) or '無固定上班時間'}（辦公日曆的上班日）"
        + (f"；工作所在行政區：{result['district']}{result['village'] or ''}" if result["district"] else ""),
        f"可補休時數：{_num(result['leave_hours'])} 小時"
        + (f"（另 {_num(result['leave_hours_expired'])} 小時已逾期）" if result["leave_hours_expired"] else "")
        + (f"（含待認定者最多 {_num(result['leave_hours_with_review'])} 小時）"
           if result["leave_hours_with_review"] != result["leave_hours"] else ""),
        f"{result['reward']['name']}：{_STATUS[result['reward']['status']]}",
    ]
    lines += _reasons([category["reason"]])  # once per report, not once per bundle
    if result["assumed"]:
        lines += ["", "【未填而採用的設定】"] + [f"  - {a['message']}" for a in result["assumed"]]
    for bundle in result["bundles"]:
        leave = bundle["leave"]
        done = f"{roc_day(date.fromisoformat(bundle['completed_on']))}完成" if bundle["complete"] else "未完成"
        lines += ["", f"【{bundle['name']}】{_num(bundle['completed_hours'])}/{_num(bundle['required_hours'])} 小時，{done}"]
        verdict = f"  補休：{_STATUS[leave['status']]}"
        if leave["status"] != "ineligible":
            verdict += f"，{_num(leave['hours'])} 小時，請於 {leave['expires_on_roc']}（含當日）前休畢{_FLAG[leave['expiry_flag']]}"
        lines.append(verdict)
        lines += _reasons(r for r in leave_reasons(result, bundle) if not r["rule"].startswith("category."))
        if bundle["form"]:
            lines.append("  申請表：" if bundle["form_usable"] else "  申請表（補休期限已過，不能再用來申請）：")
            lines += [f"    {r['no']}. {r['course']}（{_num(r['hours'])} 小時）{r['start_roc']} ～ {r['end_roc']}"
                      for r in bundle["form"]]
    lines += ["", f"【{result['reward']['name']}】{_STATUS[result['reward']['status']]}"]
    lines += _reasons(r for r in result["reward"]["reasons"] if not r["rule"].startswith("category."))
    if result["next_steps"]:
        lines += ["", "【申請補休】"] + _reasons(result["next_steps"])
    lines += ["", "【各課程】"]
    for c in result["courses"]:
        when = roc_span(datetime.fromisoformat(c["start"]), datetime.fromisoformat(c["end"])) if c["start"] else ""
        lines.append(f"  {c['name']}：{_COURSE[c['status']]}，{_OFF_DUTY[c['off_duty']]} {when}".rstrip())
    for row in result["unmatched_rows"]:
        if row["suggestions"]:
            lines.append(f"  （第 {row['line']} 列「{row['name']}」未計入；相近的課程："
                         + "、".join(f"「{s['name']}」" for s in row["suggestions"]) + "）")
    if result["warnings"]:
        lines += ["", "【提醒】"] + [f"  - {w['message']}" for w in result["warnings"]]
    return "\n".join(lines) + "\n"


def _reasons(reasons) -> list:
    return [f"  - [{r['clause']}] {r['message']}" for r in reasons]


def _num(value) -> str:
    return f"{value:g}"


def summary(outcomes: list) -> dict:
    """outcomes: [(file, brief or None, error or None)], a brief being {leave_hours, reward,
    leave: {bundle id: status}, bundle_names: {bundle id: name}} -> counts for a personnel office."""
    checked = [(f, b) for f, b, _ in outcomes if b is not None]
    leave: dict = {}
    names: dict = {}
    reward = {"eligible": 0, "review": 0, "ineligible": 0}
    for _, brief in checked:
        for bundle, status in brief["leave"].items():
            counts = leave.setdefault(bundle, {"eligible": 0, "review": 0, "ineligible": 0})
            counts[status] += 1
        reward[brief["reward"]] += 1
        names.update(brief["bundle_names"])
    return {
        "records": len(outcomes),
        "checked": len(checked),
        "unusable": len(outcomes) - len(checked),
        "leave_hours_total": sum(b["leave_hours"] for _, b in checked),
        "leave": leave,
        "bundle_names": names,
        "reward": reward,
        "people": [{"file": f, "leave_hours": b["leave_hours"], "reward": b["reward"]} for f, b in checked],
    }


def summary_text(data: dict) -> str:
    lines = ["＝＝ 彙總 ＝＝",
             f"紀錄 {data['records']} 份：已檢核 {data['checked']} 份，無法檢核 {data['unusable']} 份",
             f"可補休時數合計 {_num(data['leave_hours_total'])} 小時",
             "嘉獎：" + "、".join(f"{_STATUS[k]} {v} 人" for k, v in data["reward"].items())]
    lines += [f"補休（{data['bundle_names'][bundle]}）：" + "、".join(f"{_STATUS[k]} {v} 人" for k, v in counts.items())
              for bundle, counts in data["leave"].items()]
    lines += [f"  {p['file']}：補休 {_num(p['leave_hours'])} 小時，嘉獎{_STATUS[p['reward']]}" for p in data["people"]]
    return "\n".join(lines) + "\n"
