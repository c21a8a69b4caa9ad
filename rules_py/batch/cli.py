"""The CLI's batch mode: python -m rules_py check RECORD... --roster 名冊.ods --out 結果.ods [--today YYYY-MM-DD]
[--attendance 差勤.xlsx [--attendance-columns 姓名=員工姓名,...] [--attendance-kinds 外出=公差,...]]

The same preparation, checks and table as the page; the file written holds the cells of the page's download.
Exit 0 when every record was checked, 2 when some file or roster row is unusable (its row says why, and
stderr lists it), 1 when the rules could not decide a case. The file is written in every case."""

import sys
from datetime import date
from pathlib import Path

from rules_py.batch import attendance as att
from rules_py.batch.export import FORMATS, export
from rules_py.batch.jobs import Attendance, check_job, prepare
from rules_py.batch.table import assemble

OPTIONS = ("--roster", "--out", "--today", "--attendance", "--attendance-columns", "--attendance-kinds")
USAGE = ("用法：python -m rules_py check 學習紀錄檔或資料夾或.zip... --roster 名冊.ods|.xlsx|.csv "
         "--out 結果.ods|.xlsx|.csv|.json [--today YYYY-MM-DD] [--attendance 差勤.ods|.xlsx|.csv "
         "[--attendance-columns 姓名=員工姓名,假別=類別,...] [--attendance-kinds 外出=公差,其他=不使用,...]]")


class UsageError(Exception):
    pass


class _Check:
    """What the CLI's worker processes run for each record (a picklable callable)."""
    run = staticmethod(check_job)


def arguments(args: list) -> tuple:
    if not args or args[0] != "check":
        raise UsageError("請指定子命令 check")
    paths, values = [], {}
    items = iter(args[1:])
    for arg in items:
        if arg in OPTIONS:
            value = next(items, None)
            if value is None:
                raise UsageError(f"{arg} 後面要接一個值")
            values[arg] = value
        elif arg.startswith("--"):
            raise UsageError(f"名冊模式不接受選項 {arg}（人員設定請寫在名冊或個人設定檔 .json）")
        else:
            paths.append(arg)
    out = values.get("--out")
    if not out:
        raise UsageError("請以 --out 指定輸出檔（.ods、.xlsx、.csv 或 .json）")
    if Path(out).suffix.lower().lstrip(".") not in FORMATS:
        raise UsageError(f"輸出檔的副檔名應為 {'、'.join('.' + f for f in FORMATS)} 之一：{out}")
    if not paths:
        raise UsageError("請至少指定一個學習紀錄檔")
    try:
        today = date.fromisoformat(values["--today"]) if "--today" in values else None
    except ValueError:
        raise UsageError(f"--today 應寫成 YYYY-MM-DD：{values['--today']}") from None
    if "--attendance" not in values and ("--attendance-columns" in values or "--attendance-kinds" in values):
        raise UsageError("--attendance-columns 與 --attendance-kinds 要與 --attendance 差勤資料檔一起使用")
    try:
        answers = (att.parse_columns(values.get("--attendance-columns", "")),
                   att.parse_kinds(values.get("--attendance-kinds", "")))
    except ValueError as exc:
        raise UsageError(f"--attendance-columns／--attendance-kinds：{exc}") from None
    return paths, values.get("--roster"), out, today, (values.get("--attendance"), *answers)


def attendance_question(given: Attendance) -> str:
    """What the officer must answer before the check (as the page asks it), or "" when nothing is left."""
    try:
        lay = att.layout(given.name, given.data, given.columns)
    except ValueError as exc:
        return f"{given.name}：差勤資料無法使用：{exc}"
    if lay.missing:
        fields = "、".join(att.label(f) for f in att.vocabulary()["columns"])
        return (f"{given.name}：認不出{att.missing_text(lay)}。\n"
                f"標題列（第 {lay.line} 列）：{'、'.join(h or '（空白）' for h in lay.header)}\n"
                f"請以 --attendance-columns 指明，例如 --attendance-columns {att.label('name')}=員工姓名,"
                f"{att.label('kind')}=類別（可指明的欄位：{fields}）")
    unknown = att.unknown_kinds(lay, given.kinds)
    if unknown:
        kinds = "、".join(f"{key}（{att.kind_label(key)}）" for key in att.vocabulary()["kinds"])
        listed = "、".join(f"「{kind}」{count} 列" for kind, count in unknown)
        example = ",".join(f"{kind}=不使用" for kind, _ in unknown[:2])
        return (f"{given.name}：對照表不認得這些假別：{listed}。\n"
                f"請以 --attendance-kinds 指定每一種算作什麼，或不使用，例如 --attendance-kinds {example}"
                f"（種類：{kinds}）")
    return ""


def _files(paths: list, os_message) -> tuple:
    """[(name, bytes)] of every file named (a folder: all its files), and [(name, why)] of those unreadable."""
    files, errors = [], []
    for given in paths:
        path = Path(given)
        targets = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for target in targets:
            # As the page names them: a file by its name, a folder's files by their path from the folder.
            name = target.relative_to(path.parent).as_posix() if path.is_dir() else path.name
            try:
                files.append((name, target.read_bytes()))
            except OSError as exc:
                errors.append((name, os_message(exc)))
    return files, errors


def main(args: list, *, run_all, os_message, today) -> int:
    """The CLI's own parts (rules_py._cli): run_all(job, items) shares checks among processes; os_message(OSError)
    says why a file can't be read; today() is the default day (Taiwan time)."""
    try:
        paths, roster_path, out, given_day, (attendance_path, columns, kinds) = arguments(args)
    except UsageError as exc:
        print(f"{exc}\n{USAGE}", file=sys.stderr)
        return 2
    attendance = None
    if attendance_path:
        try:
            attendance = Attendance(Path(attendance_path).name, Path(attendance_path).read_bytes(), columns, kinds)
        except OSError as exc:
            print(f"{attendance_path}：差勤資料{os_message(exc)}", file=sys.stderr)
            return 2
        question = attendance_question(attendance)
        if question:
            print(question, file=sys.stderr)
            return 2
    files, errors = _files(paths, os_message)
    roster = None
    if roster_path:
        try:
            roster = (Path(roster_path).name, Path(roster_path).read_bytes())
        except OSError as exc:
            print(f"{roster_path}：名冊{os_message(exc)}", file=sys.stderr)
            return 2
    batch = prepare(files, roster, given_day or today(), unreadable=errors, attendance=attendance)
    table = assemble(batch, run_all(_Check(), batch.jobs))
    try:
        Path(out).write_bytes(export(table.sheets(), Path(out).suffix.lower().lstrip(".")))
    except OSError as exc:
        print(f"{out}：無法寫入（{exc.strerror or type(exc).__name__}）", file=sys.stderr)
        return 2
    faults = [f"{row['file']}：{row['error']}" for row in table.rows if row.get("error")]
    for line in faults:
        print(" ".join(line.split()), file=sys.stderr)
    print(f"已檢核 {sum('error' not in r for r in table.rows)} 份，無法檢核 {len(faults)} 項；結果已寫入 {out}",
          file=sys.stderr)
    if any(row.get("gap") for row in table.rows):
        return 1
    return 2 if faults else 0
