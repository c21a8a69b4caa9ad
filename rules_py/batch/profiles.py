"""A person's profile file: the JSON the personal checker exports (「匯出我的資料」), or a bare profile object.
Only its profile and who (name, unit) are used; the record in it is not (the batch has the record file)."""

import json

from rules_py.batch import limits

CHECKER_FORMAT = "kaohsiung-elearn-checker/1"  # site_src/checker/storage.js


class ProfileFile:
    __slots__ = ("file", "profile", "name", "unit")

    def __init__(self, file: str, profile: dict, name: str, unit: str):
        self.file, self.profile, self.name, self.unit = file, profile, name, unit


def read_profile_file(file: str, data: bytes) -> ProfileFile:
    """ValueError (zh-TW) when it is neither kind of file."""
    if len(data) > limits.MAX_PROFILE_BYTES:
        raise ValueError(f"設定檔太大，上限為 {limits.MAX_PROFILE_BYTES // (1024 * 1024)} MB")
    try:
        content = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise ValueError("不是有效的 JSON 檔（應為補休檢核「匯出我的資料」的檔案）") from None
    if not isinstance(content, dict):
        raise ValueError("JSON 的內容應為物件（補休檢核「匯出我的資料」的檔案）")
    if content.get("format") == CHECKER_FORMAT:
        profile, who = content.get("profile"), content.get("who") or {}
        if not isinstance(profile, dict) or not isinstance(who, dict):
            raise ValueError("補休檢核的資料檔缺少 profile（個人設定）")
        return ProfileFile(file, profile, _text(who.get("name")), _text(who.get("unit")))
    if "format" in content:
        raise ValueError(f"不認得的檔案格式「{content['format']}」")
    return ProfileFile(file, content, "", "")


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""
