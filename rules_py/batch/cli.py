"""The CLI's batch mode: python -m rules_py check RECORD... --roster 名冊.ods --out 結果.ods [--today YYYY-MM-DD]

The same preparation, checks and table as the page; the file written holds the cells of the page's download.
Exit 0 when every record was checked, 2 when some file or roster row is unusable (its row says why, and
stderr lists it), 1 when the rules could not decide a case. The file is written in every case."""

import sys
from datetime import date
from pathlib import Path

from rules_py.batch.export import FORMATS, export
from rules_py.batch.jobs import check_job, prepare
from rules_py.batch.table import assemble

OPTIONS = ("--roster", "--out", "--today")
USAGE = ("用法：python -m rules_py check 學習紀錄檔或資料夾或.zip... --roster 名冊.ods|.xlsx|.csv "
         "--out 結果.ods|.xlsx|.csv|.json [--today YYYY-MM-DD]")


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
    return paths, values.get("--roster"), out, today


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
        paths, roster_path, out, given_day = arguments(args)
    except UsageError as exc:
        print(f"{exc}\n{USAGE}", file=sys.stderr)
        return 2
    files, errors = _files(paths, os_message)
    roster = None
    if roster_path:
        try:
            roster = (Path(roster_path).name, Path(roster_path).read_bytes())
        except OSError as exc:
            print(f"{roster_path}：名冊{os_message(exc)}", file=sys.stderr)
            return 2
    batch = prepare(files, roster, given_day or today(), unreadable=errors)
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
