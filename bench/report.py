"""Budgets of issue 7, checked against one run's figures, and the Markdown table of that run."""

import statistics

from bench import batch


def _kib(n: int) -> str:
    return f"{n / 1024:,.0f} KiB"


def _ms(value) -> str:
    return "—" if value is None else f"{value:,.0f} ms"


def _mark(ok) -> str:
    return "—" if ok is None else ("PASS" if ok else "MISS")


# Rules ready, as a share of the faster floor's time for the same kind of visit (issues 13 and 22).
VISITS = (("first", "第一次造訪（空快取），本機", 0.6), ("repeat", "再次造訪（service worker 快取），本機", 0.4),
          ("throttled_first", "第一次造訪，限速網路（30 Mbit/s、RTT 40 ms）", 1.0),
          ("throttled_repeat", "再次造訪，限速網路", 0.4))
# Navigation -> verdict for an instant user, as a share of the faster floor (issue 22).
INSTANT = (("first", "第一次造訪", 1.0), ("repeat", "再次造訪", 0.8))
FLOOR_NAMES = {"floor": "worker 中", "floor-main": "主執行緒上"}


def faster_floor(pages: dict, key: str) -> tuple:
    """(median, per-round times, which) of the faster of the two floors for this visit; per round, that
    round's faster one (for the per-round ratios)."""
    floors = [name for name in FLOOR_NAMES if name in pages and pages[name].get(key)]
    which = min(floors, key=lambda name: pages[name][key])
    rounds = [min((t for t in ts if t), default=None) for ts in zip(*(pages[n][key + "_all"] for n in floors))]
    return pages[which][key], rounds, which


def _paired(values: list, floor: list) -> float:
    """Floors and checker load in turn: each round's ratio cancels the machine's drift between rounds."""
    return statistics.median(c / f for c, f in zip(values, floor) if c and f)


def _against_floor(rows: list, pages: dict, label: str, value_key: str, floor_key: str, values: dict, limit: float):
    """A budget row for values[value_key] as a share of the faster floor's floor_key; returns the ratios."""
    floor, floor_rounds, which = faster_floor(pages, floor_key)
    ratio, paired = values[value_key] / floor, _paired(values[value_key + "_all"], floor_rounds)
    rows.append((f"{label}（中位數之比；括號內為逐輪比值的中位數，判定取兩者較大者）",
                 f"{_ms(values[value_key])}（較快底線：{FLOOR_NAMES[which]}的 {ratio:.2f} 倍；逐輪 {paired:.2f} 倍）",
                 f"≤ {limit:.1f} × 較快底線", max(ratio, paired) <= limit))
    return {"of_medians": round(ratio, 3), "paired_median": round(paired, 3), "floor": which}


def budgets(result: dict) -> list[dict]:
    pages, cli, build = result["pages"], result["cli"], result["build"]
    checker = pages["checker"]
    rows = [
        ("輸入可用（導覽開始 → 紀錄輸入框可操作）", _ms(checker.get("first_usable_ms")), "≤ 1,000 ms",
         None if checker.get("first_usable_ms") is None else checker["first_usable_ms"] <= 1000),
    ]
    result["ready_ratios"] = {}
    for visit, label, limit in VISITS:
        key = f"{visit}_ready_ms"
        for name, where in FLOOR_NAMES.items():
            if name in pages:
                rows.append((f"Pyodide 底線（{where}）：{label}", _ms(pages[name].get(key)), "", None))
        starts = "、".join(checker.get(visit + "_start", []))
        result["ready_ratios"][visit] = _against_floor(rows, pages, f"規則就緒：{label}（起始：{starts}）", key, key,
                                                       checker, limit)
    instant = pages.get("instant")
    if instant:
        result["instant_ratios"] = {}
        for visit, label, limit in INSTANT:
            result["instant_ratios"][visit] = _against_floor(
                rows, pages, f"導覽 → 判定，立即操作的使用者（上傳 23 列紀錄、每步一出現就按）：{label}，本機",
                f"{visit}_verdict_ms", f"{visit}_ready_ms", instant, limit)
    # Issue 13's finding: a worker's WebAssembly got no compiled-code cache on a repeat visit. The page now
    # compiles it; if the cache stops working, the repeat visit's compile takes as long as the first's.
    first, repeat = checker.get("first_compiled_ms"), checker.get("repeat_compiled_ms")
    rows.append(("再次造訪時 Pyodide WebAssembly 編譯完成（導覽開始起；括號內為第一次造訪）",
                 f"{_ms(repeat)}（{_ms(first)}）", "≤ 0.5 × 第一次造訪",
                 None if not (first and repeat) else repeat <= 0.5 * first))
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
    rows += batch.budget_rows(result.get("batch"))
    skipped = build.get("skipped")
    rows.append(("建置（冷）", "—" if skipped else f"{build['cold_s']:.1f} s", "", None))
    rows.append(("建置（暖）", "—" if skipped else f"{build['warm_s']:.1f} s", "≤ 10 s",
                 None if skipped else build["warm_s"] <= 10))
    return [{"measure": m, "value": v, "budget": b, "result": _mark(ok)} for m, v, b, ok in rows]


def _pyc_line(pyc: dict) -> str:
    if "wheel" not in pyc:
        why = " ".join(str(pyc.get("error", "未測")).split())[:200]  # one line, whatever the tool said
        return f"（無法確認 wheel 是否以 .pyc 載入：{why}）"
    used = not pyc["rules_py_sources_compiled"]
    return (f"網站的 rules_py wheel：`{pyc['wheel']}`；在 Pyodide 中 import 與檢核時"
            + ("沒有編譯任何原始碼（直接載入 .pyc）。" if used else f"編譯了 {len(pyc['rules_py_sources_compiled'])} 個原始檔。"))


def markdown(result: dict) -> str:
    m = result["machine"]
    lines = [
        f"測量時間 {result['when']}；機器：{m['cpu']}，{m['cores']} 核，{m['memory_gib']} GiB 記憶體，"
        f"{m['os']}；Chromium {m['chromium']}；Pyodide {m['pyodide']}；Python {m['python']}。",
        f"每項為 {result['runs']} 輪的中位數；每輪每頁兩個新的瀏覽器 context（本機、限速網路），各先造訪一次（空快取）"
        f"再造訪一次（檢核頁等 service worker 存好執行環境後）；底線與檢核頁輪流載入；"
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
    variants = [k for k in result["pages"] if k not in ("floor", "floor-main", "checker", "instant", "docs")]
    if variants:
        lines += ["", "| 變體（槓桿） | 規則就緒：第一次／再次（本機） | 限速：第一次／再次 | 相對較快底線（本機第一次／再次；限速第一次） "
                  "| 再次造訪的 wasm 編譯完成 | 就緒後檢核 23 列 | 500 列 | 答案與 checker 相同 |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        floor = {k: faster_floor(result["pages"], k)[0]
                 for k in ("first_ready_ms", "repeat_ready_ms", "throttled_first_ready_ms")}
        base = result["pages"]["checker"].get("answers")
        for name in ["checker", *variants]:
            p = result["pages"][name]
            same = "—" if name == "checker" else ("是" if p.get("answers") == base else "否")
            ratios = "／".join(f"{p[k] / floor[k]:.2f}" for k in ("first_ready_ms", "repeat_ready_ms", "throttled_first_ready_ms"))
            lines.append(f"| {name} | {_ms(p['first_ready_ms'])}／{_ms(p['repeat_ready_ms'])} | "
                         f"{_ms(p['throttled_first_ready_ms'])}／{_ms(p['throttled_repeat_ready_ms'])} | {ratios} | "
                         f"{_ms(p.get('repeat_compiled_ms'))} | {_ms(p.get('raw_check_23_ms'))} | {_ms(p.get('raw_check_500_ms'))} | {same} |")
    return "\n".join(lines) + "\n"
