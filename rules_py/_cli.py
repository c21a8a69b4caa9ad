"""python -m rules_py check RECORD... [--profile FILE] [--plan ID] [--today YYYY-MM-DD] [--json]

Exit 0 when every record was checked (whatever the verdict), 2 when some input is unusable (one zh-TW
line per fault on stderr, naming the file), 1 when the rules cannot decide a case (a fault to report).
A personnel office's batch of many records is shared among the CPU cores.
"""

import io
import json
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from datetime import date

from rules_py._calendar import today_in_taiwan
from rules_py._catalogue import rules_catalogue
from rules_py._check import check
from rules_py._errors import InputError, RuleGapError
from rules_py._plan import all_plans
from rules_py._report import report, summary, summary_text
from rules_py._result import FORMAT_VERSION

_USAGE = ("用法：python -m rules_py check 學習紀錄檔... [--profile 個人設定檔] [--plan 計畫代號] [--today 日期] [--json]"
          "（- 代表標準輸入）\n"
          "　　　python -m rules_py check 學習紀錄檔、資料夾或 .zip... --roster 名冊.ods [--attendance 差勤.xlsx] --out 結果.ods [--today 日期]")
_HELP = _USAGE + """

檢核 e等公務園⁺學習平臺的學習紀錄（存下的網頁、複製的表格文字或 CSV），
依計畫判斷每套組裝課程能否申請公假補休、期限到哪天，以及是否達到嘉獎標準。

  --profile 檔案   個人設定（YAML 或 JSON，UTF-8 或 Big5）：人員類別、上班時間、在勤、加班、公假、公差、
                   休假等請假時段、留職停薪、停班日、工作所在行政區
  --plan 代號      指定計畫（預設依紀錄的日期選擇）
  --today 日期     以這一天（YYYY-MM-DD）判斷補休是否已過期或即將到期（預設：臺灣時間的今天）
  --json           輸出 JSON；多個紀錄時另附人事單位用的統計
  --roster 名冊    人事單位的名冊（.ods、.xlsx 或 .csv）：每人一列，檔名、姓名、服務單位、人員類別、上班時間…
  --attendance 檔案  差勤系統匯出的差勤資料（.ods、.xlsx 或 .csv）：誰、假別、起、迄，併入每人的加班、公假、公差等
  --attendance-columns 欄位=欄名,...  差勤資料的欄名認不出來時指定，例如 姓名=員工姓名,假別=類別
  --attendance-kinds 假別=種類,...    不認得的假別算作什麼，例如 外出=公差,其他=不使用
  --out 結果檔     寫出人員總表與各課程組合理由（.ods、.xlsx、.csv 或 .json），與網頁「人事單位批次檢核」的下載相同

結束代碼：0 已檢核（不論結果）；2 輸入無法使用；1 規則無法判定（請回報）。"""
_STDIN = "-"
_PARALLEL_FROM = 200  # below this many records, starting worker processes costs more than it saves


class _UsageError(Exception):
    pass


class _Job:
    """What every record of one call shares; run(name) checks one record and renders it."""

    def __init__(self, profile, profile_file, plan, today, as_json, several, stdin):
        self.profile, self.profile_file, self.plan, self.today = profile, profile_file, plan, today
        self.as_json, self.several, self.stdin = as_json, several, stdin
        self.encoding, self.errors = sys.stdout.encoding, sys.stdout.errors

    def run(self, name: str) -> tuple:
        """(name, rendered text or None, brief for the summary or None, error line or None)."""
        try:
            data = self.stdin if name == _STDIN else _read(name)
            result = check(data, self.profile, plan=self.plan, today=self.today)  # the file is named here
        except OSError as exc:
            return name, None, None, _line(name, _os_message(exc))
        except InputError as exc:  # a bad profile is the profile file's fault
            at_profile = self.profile_file is not None and (exc.where or "").startswith("profile")
            return name, None, None, _line(self.profile_file if at_profile else name, str(exc))
        except RuleGapError as exc:
            return name, None, None, RuleGapError(_line(name, f"規則無法判定此情形，請回報：{exc}"))
        if self.as_json:
            # A fresh tree of dicts and lists, with no cycle to look for.
            text = json.dumps({"file": name, **result} if self.several else result, ensure_ascii=False,
                              check_circular=False)
        else:
            text = report(result, title=name if self.several else None)
        brief = {"leave_hours": result["leave_hours"], "reward": result["reward"]["status"],
                 "leave": {b["id"]: b["leave"]["status"] for b in result["bundles"]},
                 "bundle_names": {b["id"]: b["name"] for b in result["bundles"]}}
        return name, text, brief, None

    def run_chunk(self, chunk: tuple) -> list:
        """A worker's share of a batch: (file to write, names) -> the outcomes without their text. The
        records' output goes to the file, which the parent copies to stdout: pickling every record's ~33 KB
        of text back to the parent cost more than the parent could write."""
        path, names = chunk
        outcomes = [self.run(name) for name in names]
        with open(path, "w", encoding=self.encoding, errors=self.errors) as f:  # as stdout would write it
            f.writelines(_pieces(outcomes, self.as_json))
        return [(name, None, brief, error) for name, _, brief, error in outcomes]


def main(argv=None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = sys.argv[1:] if argv is None else argv
    if {"-h", "--help"} & set(args):
        print(_HELP)
        return 0
    if {"--roster", "--out", "--attendance"} & set(args):  # a personnel office's table: the batch package, loaded only then
        from rules_py.batch.cli import main as batch_main

        return batch_main(args, run_all=_run_all, os_message=_os_message, today=today_in_taiwan)
    try:
        records, profile_file, plan, today, as_json = _arguments(args)
    except _UsageError as exc:
        print(f"{exc}\n{_USAGE}", file=sys.stderr)
        return 2
    if plan is not None and plan not in all_plans():  # the option's fault, not any record's
        print(f"--plan：沒有代號為 {plan} 的計畫（可用：{'、'.join(all_plans())}）", file=sys.stderr)
        return 2
    stdin = sys.stdin.buffer.read() if _STDIN in records or profile_file == _STDIN else None
    profile = None
    if profile_file is not None:
        try:
            profile = stdin if profile_file == _STDIN else _read(profile_file)
        except OSError as exc:
            print(_line(profile_file, _os_message(exc)), file=sys.stderr)
            return 2
    job = _Job(profile, profile_file, plan, today, as_json, len(records) > 1, stdin)
    with _checked(job, records) as (outcomes, pieces):
        gap = next((e for *_, e in outcomes if isinstance(e, RuleGapError)), None)
        if gap is not None:
            print(gap, file=sys.stderr)
            return 1
        _write(outcomes, pieces, as_json)
    for *_, error in outcomes:
        if error is not None:
            print(error, file=sys.stderr)
    return 2 if any(error for *_, error in outcomes) else 0


def _run_all(job, items: list) -> list:
    """[job.run(item) for item in items], a large batch shared among worker processes."""
    workers = _workers(len(items))
    if workers < 2:
        return [job.run(item) for item in items]
    with _pool(workers) as pool:
        return pool.map(job.run, items, chunksize=_chunk_size(len(items), workers))


@contextmanager
def _checked(job: _Job, records: list):
    """(outcomes, pieces): serially, each outcome holds its record's text (pieces is None); in a pool, the
    outcomes hold none and pieces are the files, in record order, that hold the records' output."""
    workers = _workers(len(records))
    if workers < 2:
        yield [job.run(name) for name in records], None
        return
    size = _chunk_size(len(records), workers)
    with tempfile.TemporaryDirectory(prefix="rules_py-") as folder:
        chunks = [(os.path.join(folder, f"{n:06d}"), records[at:at + size])
                  for n, at in enumerate(range(0, len(records), size))]
        with _pool(workers) as pool:
            outcomes = [o for part in pool.map(job.run_chunk, chunks, chunksize=1) for o in part]
        yield outcomes, [path for path, _ in chunks]


def _workers(count: int) -> int:
    """Worker processes for a batch of `count` items; below 2, the batch runs in this process."""
    return 1 if count < _PARALLEL_FROM else min(os.cpu_count() or 1, 8)


def _pool(workers: int):
    from multiprocessing import get_context  # only for a batch

    all_plans()  # load once, before the workers are forked
    return get_context("fork" if sys.platform.startswith("linux") else "spawn").Pool(workers)


def _chunk_size(count: int, workers: int) -> int:
    # Small chunks, so that no worker is left alone with a long last chunk while the others idle.
    return max(1, count // (workers * 32))


def _write(outcomes: list, pieces, as_json: bool) -> None:
    out = sys.stdout
    if len(outcomes) == 1:
        _, text, _, _ = outcomes[0]
        if text is not None:
            out.write(text + ("\n" if as_json else ""))
        return
    data = summary([(name, brief, error) for name, _, brief, error in outcomes])
    if as_json:  # the rules' catalogue once, for every record (a reason's source text is there, not in it)
        catalogues = {plan_id: rules_catalogue(plan) for plan_id, plan in all_plans().items()}
        out.write(f'{{"format_version": {FORMAT_VERSION}, "rules_catalogue": '
                  + json.dumps(catalogues, ensure_ascii=False) + ', "records": [')
    if pieces is None:
        out.writelines(_pieces(outcomes, as_json))  # piece by piece: no copy of the whole batch
    else:
        _copy(pieces, out, ", " if as_json else "")
    if as_json:
        out.write('], "summary": ' + json.dumps(data, ensure_ascii=False) + "}\n")
    else:
        out.write(summary_text(data))


def _pieces(outcomes: list, as_json: bool):
    """The records' part of a batch's output: JSON objects with ", " between them, or reports each ending
    its line (an unusable record has its line on stderr only)."""
    for i, (name, text, _, error) in enumerate(outcomes):
        if as_json:
            if i:
                yield ", "
            yield text if text is not None else json.dumps({"file": name, "error": {"message": error}},
                                                           ensure_ascii=False)
        elif text is not None:
            yield text + "\n"


def _copy(files: list, out, between: str) -> None:
    """The workers' files to out in order, `between` separating them, as bytes (no decoding, no copy in memory)."""
    for n, path in enumerate(files):
        if n and between:
            out.write(between)
        out.flush()  # what the text layer holds goes first
        with open(path, "rb") as f:
            _send(f, out.buffer)


def _send(source, target) -> None:
    """A file's bytes to target: by os.sendfile where it can (the kernel copies, not this process, which
    writes a batch's output only once all of it is checked), else by reading and writing."""
    sent = 0
    try:
        size = os.fstat(source.fileno()).st_size
        while sent < size:
            step = os.sendfile(target.fileno(), source.fileno(), sent, size - sent)
            if not step:
                break
            sent += step
    except (AttributeError, OSError, io.UnsupportedOperation):  # no sendfile, or not to this target
        source.seek(sent)
        shutil.copyfileobj(source, target, 1 << 20)


def _arguments(argv: list) -> tuple:
    if not argv or argv[0] != "check":
        raise _UsageError("請指定子命令 check")
    records, profile, plan, today, as_json = [], None, None, None, False
    args = iter(argv[1:])
    for arg in args:
        if arg == "--json":
            as_json = True
        elif arg in ("--profile", "--plan", "--today"):
            value = next(args, None)
            if value is None:
                raise _UsageError(f"{arg} 後面要接一個值")
            if arg == "--profile":
                profile = value
            elif arg == "--plan":
                plan = value
            else:
                today = _day(value)
        elif arg.startswith("--"):
            raise _UsageError(f"不認得的選項 {arg}")
        else:
            records.append(arg)
    if not records:
        raise _UsageError("請至少指定一個學習紀錄檔")
    if profile == _STDIN and _STDIN in records:
        raise _UsageError("學習紀錄與個人設定不能都從標準輸入（-）讀取，請把其中一個存成檔案")
    return records, profile, plan, today or today_in_taiwan(), as_json


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _UsageError(f"--today 應為日期 YYYY-MM-DD，實際為 {text!r}") from None


def _read(name: str) -> bytes:
    with open(name, "rb") as f:
        return f.read()


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
