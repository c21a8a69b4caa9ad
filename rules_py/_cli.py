"""python -m rules_py check RECORD... [--profile FILE] [--plan ID] [--json]

Exit 0 when every record was checked (whatever the verdict), 2 when some input is unusable (one zh-TW
line per fault on stderr, naming the file), 1 when the rules cannot decide a case (a fault to report).
"""

import json
import sys

from rules_py._check import check
from rules_py._errors import InputError
from rules_py._report import report, summary, summary_text
from rules_py._rules import RuleGapError

_USAGE = "用法：python -m rules_py check 學習紀錄檔... [--profile 個人設定檔] [--plan 計畫代號] [--json]（- 代表標準輸入）"
_STDIN = "-"


class _UsageError(Exception):
    pass


def main(argv=None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    try:
        records, profile_file, plan, as_json = _arguments(sys.argv[1:] if argv is None else argv)
    except _UsageError as exc:
        print(f"{exc}\n{_USAGE}", file=sys.stderr)
        return 2
    stdin = None

    def read(name: str) -> bytes:
        nonlocal stdin
        if name == _STDIN:
            stdin = sys.stdin.buffer.read() if stdin is None else stdin
            return stdin
        with open(name, "rb") as f:
            return f.read()

    profile = None
    if profile_file is not None:
        try:
            profile = read(profile_file)
        except OSError as exc:
            print(_line(profile_file, _os_message(exc)), file=sys.stderr)
            return 2
    outcomes = []
    for name in records:
        try:
            outcomes.append((name, check(read(name), profile, plan=plan), None))  # we name the file ourselves
        except OSError as exc:
            outcomes.append((name, None, _line(name, _os_message(exc))))
        except InputError as exc:  # a bad profile is named as the profile file's fault
            at_profile = profile_file is not None and (exc.where or "").startswith("profile")
            outcomes.append((name, None, _line(profile_file if at_profile else name, str(exc))))
        except RuleGapError as exc:
            print(f"{name}：規則無法判定此情形，請回報：{exc}", file=sys.stderr)
            return 1
    _write(outcomes, as_json)
    for _, _, error in outcomes:
        if error is not None:
            print(error, file=sys.stderr)
    return 2 if any(error for _, _, error in outcomes) else 0


def _arguments(argv: list) -> tuple:
    if not argv or argv[0] != "check":
        raise _UsageError("請指定子命令 check")
    records, profile, plan, as_json = [], None, None, False
    args = iter(argv[1:])
    for arg in args:
        if arg == "--json":
            as_json = True
        elif arg in ("--profile", "--plan"):
            value = next(args, None)
            if value is None:
                raise _UsageError(f"{arg} 後面要接一個值")
            if arg == "--profile":
                profile = value
            else:
                plan = value
        elif arg.startswith("--"):
            raise _UsageError(f"不認得的選項 {arg}")
        else:
            records.append(arg)
    if not records:
        raise _UsageError("請至少指定一個學習紀錄檔")
    return records, profile, plan, as_json


def _write(outcomes: list, as_json: bool) -> None:
    out = sys.stdout
    if as_json:
        if len(outcomes) == 1:
            name, result, error = outcomes[0]
            if result is not None:
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
            return
        records = [{"file": n, **r} if r is not None else {"file": n, "error": {"message": e}} for n, r, e in outcomes]
        out.write(json.dumps({"records": records, "summary": summary(outcomes)}, ensure_ascii=False) + "\n")
        return
    several = len(outcomes) > 1
    for name, result, _ in outcomes:
        if result is not None:
            out.write(report(result, title=name if several else None) + ("\n" if several else ""))
    if several:
        out.write(summary_text(summary(outcomes)))


def _line(name: str, message: str) -> str:
    """One line: the file, then the fault (a multi-line message is folded)."""
    shown = "標準輸入" if name == _STDIN else name
    return f"{shown}：{' '.join(message.split())}"


def _os_message(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "找不到檔案"
    if isinstance(exc, IsADirectoryError):
        return "這是資料夾，不是檔案"
    if isinstance(exc, PermissionError):
        return "沒有讀取權限"
    return f"無法讀取（{exc.strerror or type(exc).__name__}）"
