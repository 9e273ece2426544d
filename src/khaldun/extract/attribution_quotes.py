"""Direct quotations: character spans of the text between matching quote marks.

News quotes may run over several sentences and, by convention, over several
paragraphs: a paragraph that ends inside a quotation leaves it unclosed and the
next paragraph reopens it.  Such a quotation is returned as one span.  Single
quotes count only where they cannot be apostrophes (British style: ‘...’).
"""

from __future__ import annotations

import re

_OPEN_DOUBLE = "“„«"
_CLOSE_DOUBLE = "”»"
_STRAIGHT = '"'
_OPEN_SINGLE = "‘"
_CLOSE_SINGLE = "’"
_WORD = re.compile(r"\w+")
_MARKS = re.compile("[\"“”„«»‘’']")


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of quotations, quote marks included, in text order."""
    # Typewriter style ``like this'' (two characters a mark): read as “like this”.
    text = text.replace("``", " “").replace("''", " ”")
    spans: list[tuple[int, int]] = []
    carried: int | None = None  # start of a quotation left open by the previous paragraph
    pos = 0
    for para in text.split("\n"):
        if para.strip():
            first = para.lstrip()[:1]
            if carried is not None and first not in _OPEN_DOUBLE + _STRAIGHT + _OPEN_SINGLE:
                carried = None
            found, open_at = _scan(para, pos)
            if carried is not None and found and found[0][0] == pos + len(para) - len(para.lstrip()):
                found[0] = (carried, found[0][1])
                carried = None
            elif carried is not None and not found and open_at is not None:
                open_at = carried
            spans.extend(found)
            carried = open_at if open_at is not None else None
        pos += len(para) + 1
    return spans


def _scan(para: str, offset: int) -> tuple[list[tuple[int, int]], int | None]:
    """Closed quotations in one paragraph, and where one is left open (or None)."""
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    kind = ""  # "d" double, "s" single
    n = len(para)
    for m in _MARKS.finditer(para):
        i, ch = m.start(), m.group()
        prev = para[i - 1] if i else " "
        nxt = para[i + 1] if i + 1 < n else " "
        if ch in _OPEN_DOUBLE or (ch == _STRAIGHT and open_at is None):
            if open_at is None or kind == "s":
                open_at, kind = i, "d"
        elif ch in _CLOSE_DOUBLE or ch == _STRAIGHT:
            if open_at is not None and kind == "d":
                out.append((offset + open_at, offset + i + 1))
                open_at = None
        elif ch == _OPEN_SINGLE or (ch == "'" and not prev.isalnum() and nxt.isalpha()):
            if open_at is None:
                open_at, kind = i, "s"
        elif ch in (_CLOSE_SINGLE, "'") and open_at is not None and kind == "s" and _closes(prev, nxt):
            out.append((offset + open_at, offset + i + 1))
            open_at = None
    return out, (offset + open_at if open_at is not None and kind == "d" else None)


def _closes(prev: str, nxt: str) -> bool:
    """A single quote closes a quotation where it cannot be an apostrophe ("Palmyra’s")."""
    return not nxt.isalnum() and not prev.isspace()


def quote_words(text: str, start: int, end: int) -> int:
    """How many words a quotation holds."""
    return len(_WORD.findall(text, start, end))
