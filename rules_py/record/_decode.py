"""Bytes or text in, one clean str out: size limit, encodings staff meet (UTF-8, UTF-8 BOM, Big5, UTF-16), binary refused."""

import codecs
import re

from rules_py._errors import InputError

# A real record (hundreds of rows, even a whole saved page) is well under 1 MB; a paste far above the
# limit is a mistake, and refusing it early keeps the browser page responsive.
MAX_RECORD_BYTES = 5 * 1024 * 1024

# File signatures people upload by mistake, so the message can say what the file is.
_SIGNATURES = (
    (b"PK\x03\x04", "這是壓縮檔或 Excel（.xlsx）檔，請在 Excel 另存為 CSV"),
    (b"\xd0\xcf\x11\xe0", "這是舊版 Excel 或 Word 檔，請另存為 CSV"),
    (b"\x89PNG", "這是圖片檔，無法讀取，請改用複製的表格或儲存的網頁"),
    (b"\xff\xd8\xff", "這是圖片檔，無法讀取，請改用複製的表格或儲存的網頁"),
    (b"GIF8", "這是圖片檔，無法讀取，請改用複製的表格或儲存的網頁"),
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROLS = bytes((*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F))  # not tab, line feed, form feed, carriage return


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _check_size(size: int) -> None:
    if size > MAX_RECORD_BYTES:
        raise InputError(
            f"紀錄太大（{_megabytes(size)}），上限為 {MAX_RECORD_BYTES // (1024 * 1024)} MB；請只複製學習紀錄表格"
        )


def _count_controls(text: str, utf8: bytes | None = None) -> int:
    """Counted in the UTF-8 bytes, where each of them is a byte of its own: bytes.translate deletes them at C
    speed, where a pattern took longer than parsing the whole table. utf8: the bytes the text was decoded from."""
    encoded = text.encode("utf-8", "surrogatepass") if utf8 is None else utf8
    return len(encoded) - len(encoded.translate(None, _CONTROLS))


def _check_text(text: str, utf8: bytes | None = None) -> str:
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError("紀錄是空的，沒有任何內容")
    controls = _count_controls(text, utf8)
    # A stray control character can survive a copy; many of them mean this is not text at all.
    if controls > max(2, len(text) // 100):
        raise InputError("這不是文字檔（含有大量控制字元），無法當作學習紀錄讀取")
    return text


def to_text(data: bytes | str) -> str:
    """The record as text, or InputError saying why it is not one."""
    if isinstance(data, str):
        # Cheap bound first, so that a huge paste is refused without encoding it.
        if len(data) > MAX_RECORD_BYTES:
            _check_size(len(data))
        _check_size(len(data.encode("utf-8", "surrogatepass")))
        if _SURROGATE.search(data):
            # A JavaScript string may hold halves of a character: join pairs, replace lone halves with U+FFFD,
            # so that no output written later as UTF-8 fails.
            data = data.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        return _check_text(data)
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError("紀錄必須是文字或位元組資料")
    data = bytes(data)
    _check_size(len(data))
    if not data.strip():
        raise InputError("紀錄是空的，沒有任何內容")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(codec))
            except UnicodeDecodeError:
                raise InputError(f"檔案開頭標示為 {codec.upper()} 編碼，但內容不是有效的文字") from None
    for signature, message in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(message)
    if b"\x00" in data:
        raise InputError("這不是文字檔（含有二進位資料），無法當作學習紀錄讀取")
    for codec in ("utf-8", "cp950"):  # cp950 is Big5 as Windows and Excel write it
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        return _check_text(text, data if codec == "utf-8" else None)  # UTF-8: no need to encode it again
    raise InputError("無法辨識檔案的文字編碼（不是 UTF-8 也不是 Big5），可能不是文字檔")
