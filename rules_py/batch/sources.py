"""The files an officer gives, sorted into records, the roster and profile files; .zip archives opened.

A file is (name, bytes). A .zip is read with zipfile, never written to disk, with every member checked
against limits.py before it is read (a bomb, an encrypted member, a nested archive, a name that climbs
out of the archive). Whatever cannot be used becomes a Problem: one row of the table, saying why."""

import posixpath
import unicodedata
import zipfile
from io import BytesIO

from rules_py.batch import limits

ROSTER_SUFFIXES = (".ods", ".xlsx")
PROFILE_SUFFIX = ".json"
ZIP_SUFFIX = ".zip"
ROSTER_HEADER = "檔名"           # a CSV whose first line names this column is a roster, not a record
_SKIPPED_PARTS = ("__MACOSX",)   # folders that archivers and systems add, never records
_SKIPPED_NAMES = ("thumbs.db", "desktop.ini")


class Problem:
    """A file that could not be used, and why (zh-TW)."""
    __slots__ = ("name", "message")

    def __init__(self, name: str, message: str):
        self.name, self.message = name, message


class Sorted:
    """records [(name, bytes)], rosters [(name, bytes)], profiles [(name, bytes)], problems [Problem]."""

    def __init__(self):
        self.records, self.rosters, self.profiles, self.problems = [], [], [], []


def clean_name(name: str) -> str:
    """A file's name as shown and matched: NFC, forward slashes, no leading ./ or / (a zip may hold either)."""
    name = unicodedata.normalize("NFC", str(name)).replace("\\", "/")
    return "/".join(part for part in name.split("/") if part not in ("", "."))


def base_name(name: str) -> str:
    return posixpath.basename(clean_name(name))


def is_roster_csv(data: bytes) -> bool:
    first = data[:4096].split(b"\n", 1)[0]
    for encoding in ("utf-8-sig", "cp950"):
        try:
            return ROSTER_HEADER in first.decode(encoding)
        except UnicodeDecodeError:
            continue
    return False


def sort_files(files, roster=None) -> Sorted:
    """files: [(name, bytes)] as given (records, profiles, .zip, maybe the roster); roster: (name, bytes) or None."""
    out = Sorted()
    if roster is not None:
        out.rosters.append((clean_name(roster[0]), roster[1]))
    for name, data in files:
        _sort_one(out, clean_name(name), data, inside_zip=False)
    if len(out.records) > limits.MAX_FILES:
        extra = out.records[limits.MAX_FILES:]
        del out.records[limits.MAX_FILES:]
        out.problems += [Problem(n, f"一次最多檢核 {limits.MAX_FILES} 份紀錄，這份沒有檢核") for n, _ in extra]
    return out


def _skipped(name: str) -> bool:
    parts = name.split("/")
    return (any(p in _SKIPPED_PARTS for p in parts) or parts[-1].startswith(".")
            or parts[-1].lower() in _SKIPPED_NAMES)


def _megabytes(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


def _sort_one(out: Sorted, name: str, data: bytes, inside_zip: bool) -> None:
    if _skipped(name):
        return
    lower = name.lower()
    if lower.endswith(ZIP_SUFFIX) and len(data) > limits.MAX_ZIP_BYTES:
        out.problems.append(Problem(name, f"壓縮檔太大，上限為 {_megabytes(limits.MAX_ZIP_BYTES)}"))
    elif lower.endswith(ZIP_SUFFIX):
        if inside_zip:
            out.problems.append(Problem(name, "壓縮檔裡的壓縮檔不會展開，請先解壓縮"))
        else:
            _open_zip(out, name, data)
    elif lower.endswith(ROSTER_SUFFIXES):
        out.rosters.append((name, data))
    elif lower.endswith(PROFILE_SUFFIX):
        out.profiles.append((name, data))
    elif lower.endswith(".csv") and is_roster_csv(data):
        out.rosters.append((name, data))
    elif len(data) > limits.MAX_FILE_BYTES:
        out.problems.append(Problem(name, f"檔案太大，學習紀錄檔的上限為 {_megabytes(limits.MAX_FILE_BYTES)}"))
    else:
        out.records.append((name, data))


def zip_members(data: bytes, max_total: int = limits.MAX_ZIP_BYTES):
    """The archive's ZipFile and its file members, checked before anything is read; ValueError (zh-TW) if unsafe."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise ValueError("壓縮檔已損毀或不是 zip 格式") from None
    if len(members) > limits.MAX_ZIP_MEMBERS:
        raise ValueError(f"壓縮檔內有 {len(members)} 個檔案，上限為 {limits.MAX_ZIP_MEMBERS} 個")
    total = sum(m.file_size for m in members)
    if total > max_total:
        raise ValueError(f"壓縮檔解開後有 {_megabytes(total)}，上限為 {_megabytes(max_total)}")
    return archive, members


def read_member(archive, member) -> bytes:
    """One member's bytes, read no further than its declared size allows (the header may lie)."""
    if member.flag_bits & 0x1:
        raise ValueError("這個檔案有密碼保護，無法讀取")
    if member.compress_size and member.file_size / member.compress_size > limits.MAX_ZIP_RATIO:
        raise ValueError("壓縮比例異常（可能是壓縮炸彈），沒有解開")
    if member.file_size > limits.MAX_FILE_BYTES:
        raise ValueError(f"檔案太大（{_megabytes(member.file_size)}），上限為 {_megabytes(limits.MAX_FILE_BYTES)}")
    try:
        with archive.open(member) as stream:
            data = stream.read(member.file_size + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        raise ValueError("無法解開（壓縮檔已損毀或使用不支援的壓縮方式）") from None
    if len(data) > member.file_size:
        raise ValueError("解開後的大小與壓縮檔記載的不符，沒有解開")
    return data


def _member_name(archive_name: str, raw: str) -> str | None:
    """archive.zip/inner/path, or None for a name that climbs out of the archive or is absolute."""
    name = raw.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in name.split("/"):
        return None
    return f"{archive_name}/{clean_name(name)}"


def _open_zip(out: Sorted, name: str, data: bytes) -> None:
    try:
        archive, members = zip_members(data)
    except ValueError as exc:
        out.problems.append(Problem(name, str(exc)))
        return
    for member in members:
        inner = _member_name(name, member.filename)
        if inner is None:
            out.problems.append(Problem(f"{name}/{clean_name(member.filename)}",
                                        "檔名含有「..」或絕對路徑（可能是惡意的壓縮檔），沒有解開"))
            continue
        if _skipped(inner):
            continue
        try:
            content = read_member(archive, member)
        except ValueError as exc:
            out.problems.append(Problem(inner, str(exc)))
            continue
        _sort_one(out, inner, content, inside_zip=True)
