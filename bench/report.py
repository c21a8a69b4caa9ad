"""Budgets of issue 7, checked against one run's figures, and the Markdown table of that run."""

import statistics

from bench import batch


def _kib(n: int) -> str:
    return f"{n / 1024:,.0f} KiB"


def _ms(value) -> str:
    return "—" if value is None else f"{value:,.0f} ms"


def _mark(ok) -> str:
    return "—" if ok is None else ("PASS" if ok else "MISS")


def budgets(result: dict) -> list[dict]:
    pages, cli, build = result["pages"], result["cli"], result["build"]
    floor, checker = pages["floor"], pages["checker"]
    ratio = checker["ready_ms"] / floor["ready_ms"]
    # Floor and checker load in turn: each round's ratio cancels the machine's drift between rounds.
    paired = statistics.median(c / f for c, f in zip(checker["ready_ms_all"], floor["ready_ms_all"]))
    result["ready_ratio"] = round(ratio, 3)
    result["ready_ratio_paired_median"] = round(paired, 3)
    rows = [
        ("輸入可用（導覽開始 → 紀錄輸入框可操作）", _ms(checker.get("usable_ms")), "≤ 1,000 ms",
         None if checker.get("usable_ms") is None else checker["usable_ms"] <= 1000),
        ("Pyodide 底線（只呼叫 loadPyodide）", _ms(floor["ready_ms"]), "", None),
        ("規則就緒（中位數之比；括號內為逐輪比值的中位數，以它判定）",
         f"{_ms(checker['ready_ms'])}（底線的 {ratio:.2f} 倍；逐輪 {paired:.2f} 倍）", "≤ 1.10 × 底線",
         max(ratio, paired) <= 1.10),
    ]
    via = "按下「送出檢核」→ 結果顯示" if checker.get("verdict_via") == "ui" else "RulesClient.check → 回覆"
    for n, limit in ((23, 50), (500, 500)):
        value = checker.get(f"verdict_{n}_ms")
        rows.append((f"判定，{n} 列紀錄（就緒後，{via}）", _ms(value), f"≤ {limit} ms",
                     None if value is None else value <= limit))
    if checker.get("verdict_via") == "ui":
        for n in (23, 500):
            rows.append((f"（參考）就緒後 RulesClient.check 整份 {n} 列原始紀錄", _ms(checker.get(f"raw_check_{n}_ms")), "", None))
    docs = pages["docs"]["bytes"]
    rows.append(("說明頁載入的 Pyodide 位元組", f"{docs['pyodide_raw']:,} B", "0 B", docs["pyodide_raw"] == 0))
    rate = cli.get("records_per_s")
    rows.append(("命令列：10,000 份紀錄一次檢核", "—" if rate is None else f"{rate:,} 份/秒", "≥ 2,000 份/秒",
                 None if rate is None else rate >= 2000))
    rows.append(batch.budget_row(result.get("batch")))
    skipped = build.get("skipped")
    rows.append(("建置（冷）", "—" if skipped else f"{build['cold_s']:.1f} s", "", None))
    rows.append(("建置（暖）", "—" if skipped else f"{build['warm_s']:.1f} s", "≤ 10 s",
                 None if skipped else build["warm_s"] <= 10))
    return [{"measure": m, "value": v, "budget": b, "result": _mark(ok)} for m, v, b, ok in rows]


def _pyc_line(pyc: dict) -> str:
    if "wheel" not in pyc:
        return f"（無法確認 wheel 是否以 .pyc 載入：{pyc.get('error', '未測')}）"
    used = not pyc["rules_py_sources_compiled"]
    return (f"網站的 rules_py wheel：`{pyc['wheel']}`；在 Pyodide 中 import 與檢核時"
            + ("沒有編譯任何原始碼（直接載入 .pyc）。" if used else f"編譯了 {len(pyc['rules_py_sources_compiled'])} 個原始檔。"))


def markdown(result: dict) -> str:
    m = result["machine"]
    lines = [
        f"測量時間 {result['when']}；機器：{m['cpu']}，{m['cores']} 核，{m['memory_gib']} GiB 記憶體，"
        f"{m['os']}；Chromium {m['chromium']}；Pyodide {m['pyodide']}；Python {m['python']}。",
        f"每項為 {result['runs']} 次冷載入的中位數（每次一個新的瀏覽器 context），底線與檢核頁輪流載入；"
        f"負載平均（開始／結束）：{result['load_average'][0]} / {result['load_average'][1]}。",
        _pyc_line(result.get("pyc") or {}),
        "",
        "| 項目 | 數值 | 預算 | 結果 |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {r['measure']} | {r['value']} | {r['budget']} | {r['result']} |" for r in result["budgets"]]
    lines += ["", "| 頁面（冷載入） | 請求數 | 原始大小 | gzip -9 | 其中 Pyodide（原始） | 另有 service worker 離線副本：請求／原始／實際傳輸 |",
              "| --- | --- | --- | --- | --- | --- |"]
    for name, label in (("docs", "說明頁（首頁）"), ("checker", "補休檢核")):
        b = result["pages"][name]["bytes"]
        lines.append(f"| {label} | {b['requests']} | {_kib(b['raw'])} | {_kib(b['gzip'])} | {_kib(b['pyodide_raw'])} | "
                     f"{b['service_worker_requests']}／{_kib(b['service_worker_raw'])}／{_kib(b['service_worker_transferred'])} |")
    variants = [k for k in result["pages"] if k not in ("floor", "checker", "docs")]
    if variants:
        lines += ["", "| 變體（槓桿） | 規則就緒 | 相對底線 | 就緒後第一次檢核 23 列 | 接著 500 列 | 答案與 checker 相同 |",
                  "| --- | --- | --- | --- | --- | --- |"]
        floor = result["pages"]["floor"]["ready_ms"]
        base = result["pages"]["checker"].get("answers")
        for name in ["checker", *variants]:
            p = result["pages"][name]
            same = "—" if name == "checker" else ("是" if p.get("answers") == base else "否")
            lines.append(f"| {name} | {_ms(p['ready_ms'])} | {p['ready_ms'] / floor:.2f} × | "
                         f"{_ms(p.get('raw_check_23_ms'))} | {_ms(p.get('raw_check_500_ms'))} | {same} |")
    return "\n".join(lines) + "\n"
