"""A learning record printed to PDF -> the tables on its pages, as rows of cell text; InputError (zh-TW) for a
PDF that cannot give them: a scan (no text), an encrypted, cut-off or damaged file, one whose text has no
character map.

The text a PDF gives in reading order loses the table: a long name wraps onto lines that sit beside the next
cells' lines. So rows are rebuilt from where things are drawn: _pdf_page reads each page's text pieces and
cell borders, _pdf_table makes the tables of them. pypdf (reading the file and its fonts) is imported only
when a PDF arrives: in the page its wheel is loaded on demand (rules_py.record.load_pdf_reader).
"""

import io

from rules_py._errors import InputError
from rules_py.record._decode import MAX_RECORD_BYTES
from rules_py.record._pdf_page import Page
from rules_py.record._pdf_table import tables

MAX_PDF_PAGES = 200  # a record of hundreds of rows prints on a few dozen pages

_NO_TEXT = ("這個 PDF 沒有可讀取的文字（可能是掃描或拍照存成的 PDF，只有圖片），無法讀出學習紀錄；"
            "請在平臺的「個人專區 → 學習紀錄」頁按瀏覽器的「列印」，目的地選「另存為 PDF」後上傳，"
            "或改用儲存的網頁、複製的表格")
_DAMAGED = "這個 PDF 檔已損毀，無法讀取；請重新列印成 PDF，或改用儲存的網頁、複製的表格"
_TRUNCATED = "這個 PDF 檔不完整（缺少檔案結尾，可能沒有下載或複製完），無法讀取；請重新列印成 PDF 再上傳"
_ENCRYPTED = "這個 PDF 有密碼保護或加密，無法讀取；請列印成沒有密碼的 PDF，或改用儲存的網頁、複製的表格"
_UNMAPPED = ("這個 PDF 的文字無法辨識（字型沒有附上文字對照），無法讀出學習紀錄；"
             "請改用其他瀏覽器列印成 PDF，或改用儲存的網頁、複製的表格")


def is_pdf(data) -> bool:
    return isinstance(data, (bytes, bytearray, memoryview)) and bytes(data[:1024]).lstrip().startswith(b"%PDF")


def pdf_tables(data: bytes) -> list[list[list[str]]]:
    """Every table in the PDF, in order of first appearance: its rows (top to bottom, page after page), each a
    list of cell texts (lines joined by "\\n"). InputError when the PDF cannot give any text."""
    if len(data) > MAX_RECORD_BYTES:
        raise InputError(f"PDF 檔太大（{len(data) / (1024 * 1024):.1f} MB），上限為 {MAX_RECORD_BYTES // (1024 * 1024)} MB")
    if b"%%EOF" not in data[-2048:]:
        raise InputError(_TRUNCATED)
    import logging  # here, not at the top: the page imports this module for every record

    try:
        import pypdf
    except ImportError:
        raise InputError("讀取 PDF 需要 pypdf 套件（pyproject.toml 的 page 群組，`make setup` 會安裝）；"
                         "也可以改用儲存的網頁、複製的表格或 CSV") from None
    logger = logging.getLogger("pypdf")
    level, logger.level = logger.level, logging.ERROR  # its warnings about odd files are not the person's concern
    try:
        return tables(_read_pages(pypdf, data))
    except InputError:
        raise
    except Exception:  # a damaged file can fail anywhere in a third-party parser; say so, never a traceback
        raise InputError(_DAMAGED) from None
    finally:
        logger.level = level


def _read_pages(pypdf, data: bytes) -> list:
    reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:  # a PDF with only an owner password opens with an empty one
            opened = reader.decrypt("")
        except Exception:  # AES needs a library we do not ship: still an encrypted PDF we cannot read
            raise InputError(_ENCRYPTED) from None
        if not opened:
            raise InputError(_ENCRYPTED)
    if len(reader.pages) > MAX_PDF_PAGES:
        raise InputError(f"PDF 有 {len(reader.pages)} 頁，上限為 {MAX_PDF_PAGES} 頁；學習紀錄不會這麼長，請確認檔案")
    pages = [Page(page, reader) for page in reader.pages]
    pieces = [piece for page in pages for piece in page.pieces]
    if not any(piece.text.strip() for piece in pieces):
        raise InputError(_NO_TEXT)
    if sum(piece.text.count("\ufffd") for piece in pieces) > max(2, len(pieces) // 20):
        raise InputError(_UNMAPPED)
    return pages
