"""A page's content stream (its decoded bytes) -> its operations [(operands, operator)], as pypdf's
ContentStream(..., "bytes") gives them, several times faster: a browser's print of a record shows each glyph
with operators of its own, and pypdf's object reader spent more time on them than everything else together.

Operands: int and float, bytes (a string, literal or hex), Name (str, with its slash), list, dict (Name keys),
True, False, None. An inline image (BI ... ID data EI) is one operation, b"BI", without operands. ValueError
when the stream ends inside a string, an array or a dictionary.
"""

import re


class Name(str):
    """A /Name operand, with its slash, as pypdf keys a page's fonts."""


_WHITE = rb"\x00\t\n\x0c\r "
_REGULAR = rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]"
_TOKEN = re.compile(rb"[\x00\t\n\x0c\r ]+|%[^\r\n]*|(<<|>>|\[|\]|\(|\{|\})|(/" + _REGULAR + rb"*)|"
                    rb"<([0-9A-Fa-f\x00\t\n\x0c\r ]*)>|(" + _REGULAR + rb"+)|(.)", re.DOTALL)
_NUMBER = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)")
_IN_STRING = re.compile(rb"[()\\]")
_OCTAL = re.compile(rb"[0-7]{1,3}")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}
_HEX_NAME = re.compile(rb"#([0-9A-Fa-f]{2})")
_KEYWORDS = {b"true": True, b"false": False, b"null": None}
_END_OF_IMAGE = re.compile(rb"[\x00\t\n\x0c\r ]EI(?=[\x00\t\n\x0c\r ]|$)")


def operations(data: bytes) -> list[tuple[list, bytes]]:
    found: list[tuple[list, bytes]] = []
    operands: list = []
    open_: list[tuple[str, list]] = []  # arrays and dictionaries being read, innermost last
    position, end = 0, len(data)

    def add(value):
        (open_[-1][1] if open_ else operands).append(value)

    while position < end:
        match = _TOKEN.match(data, position)
        position = match.end()
        delimiter, name, hexadecimal, word, other = match.groups()
        if delimiter is not None:
            if delimiter == b"(":
                value, position = _literal(data, position)
                add(value)
            elif delimiter in (b"[", b"<<"):
                open_.append((delimiter.decode(), []))
            elif delimiter == b"]" and open_ and open_[-1][0] == "[":
                add(open_.pop()[1])
            elif delimiter == b">>" and open_ and open_[-1][0] == "<<":
                items = open_.pop()[1]
                add({key: value for key, value in zip(items[::2], items[1::2]) if isinstance(key, Name)})
            # { } (PostScript functions) and unmatched closers carry nothing for text or borders
        elif name is not None:
            add(Name(_HEX_NAME.sub(lambda m: bytes([int(m.group(1), 16)]), name).decode("latin-1")))
        elif hexadecimal is not None:
            digits = re.sub(rb"[\x00\t\n\x0c\r ]", b"", hexadecimal)
            add(bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode()))
        elif word is not None:
            if _NUMBER.fullmatch(word):
                add(float(word) if b"." in word else int(word))
            elif word in _KEYWORDS:
                add(_KEYWORDS[word])
            elif open_:
                open_.clear()  # an operator inside an array: a damaged stream; drop what was open
                operands = []
            elif word == b"BI":
                image = _END_OF_IMAGE.search(data, data.find(b"ID", position) + 2)
                position = image.end() if image else end
                found.append(([], b"BI"))
                operands = []
            else:
                found.append((operands, word))
                operands = []
        elif other is not None and other not in (b"<", b">"):
            pass  # a stray delimiter
    if open_:
        raise ValueError("content stream ends inside an array or dictionary")
    return found


def _literal(data: bytes, position: int) -> tuple[bytes, int]:
    """The literal string that starts after "(" at position, its escapes and balanced parentheses read."""
    out, depth = bytearray(), 1
    while True:
        match = _IN_STRING.search(data, position)
        if match is None:
            raise ValueError("content stream ends inside a string")
        out += data[position:match.start()]
        position = match.end()
        char = match.group()
        if char == b"\\":
            escaped = data[position:position + 1]
            octal = _OCTAL.match(data, position)
            if octal:
                out.append(int(octal.group(), 8) & 0xFF)
                position = octal.end()
            elif escaped in (b"\r", b"\n"):  # a line continued
                position += 2 if data[position:position + 2] == b"\r\n" else 1
            else:
                out += _ESCAPES.get(escaped, escaped)
                position += 1
        elif char == b"(":
            depth += 1
            out += char
        else:
            depth -= 1
            if depth == 0:
                return bytes(out), position
            out += char
