"""Clause ids as the plan writes them (壹, 陸、五, 附件2說明2) and their page anchors (clause-6-5, form-note-2)."""

_NUMERALS = "一二三四五六七八九十"
_SECTIONS = "壹貳參肆伍陸柒捌玖拾"
_FORM_NOTE = "附件2說明"


def anchor_for(clause: str) -> str | None:
    """The plan page's anchor for a clause id, or None when the id is not of a known shape."""
    if clause.startswith(_FORM_NOTE):
        rest = clause[len(_FORM_NOTE):]
        return f"form-note-{rest}" if rest.isdigit() and rest[0] != "0" else None
    section, _, item = clause.partition("、")
    if len(section) != 1 or section not in _SECTIONS:
        return None
    anchor = f"clause-{_SECTIONS.index(section) + 1}"
    if not item:
        return anchor
    if len(item) != 1 or item not in _NUMERALS:
        return None
    return f"{anchor}-{_NUMERALS.index(item) + 1}"
