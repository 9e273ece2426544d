"""Cutting text into candidate names: capitalised runs (with the connectors of Arabic
and Romance names), entity spans split at commas, brackets, "and", possessives and
sentence ends, and trimmed of articles, possessives and a verb the tagger took in.
Pure text functions: what the names are is for :mod:`places_recognize` to decide."""

from __future__ import annotations

import re

_CONNECT = (
    r"(?:al|el|ad|ar|as|ash|at|az|an|ed|es|ez|de|del|di|da|do|dos|du|des|la|le|les|of|on|upon|sur|am|im|"
    r"bin|ibn|abu|um|umm|bani|beni|i|e|y|imeni|wa)"
)
_WORD = r"[A-Z][\w'’‘ʿʾ.]*(?:-[\w'’‘ʿʾ]+)*"
# A capitalised name: words starting upper-case, joined by spaces, hyphens and
# Arabic/Romance connectors ("Deir ez-Zor", "Ras al-Ain", "Kafr Nabl", "al-Bab").
HYPHEN_TAIL = re.compile(r"-[A-Z][\w'’]+")
NAME = re.compile(
    rf"(?<![\w-])(?:(?:al|el|ad|ar|as|ash|at|az|an)-)?{_WORD}(?:[ -](?:{_CONNECT}[ -])?{_WORD})*"
)


LIST_WORD = re.compile(r"\s+(?:and|or|&)\s+")
# lower-case words of four letters or more that no name begins with ("retook", "struck")
_LEAD_WORDS = re.compile(r"(?:(?!(?:bani|beni|della|dello|degli|banu)\b)[a-z]{4,}\s+)+(?=[A-Z])")
JOINERS = re.compile(r"\s+(?:of|on)\s+(?:the\s+)?|['’]s\s+")
_SENTENCE_END = re.compile(r"(?<=[A-Za-z]{3})\.\s+")


def sentences(text: str, m: re.Match[str]) -> list[tuple[int, int]]:
    """A capitalised run cut where a sentence ends inside it ("Bar Elias. They"); a
    full stop after a short abbreviation ("St. Petersburg") does not end one."""
    out, s = [], m.start()
    for cut in _SENTENCE_END.finditer(text, m.start(), m.end()):
        out.append((s, cut.start()))
        s = cut.end()
    out.append((s, m.end()))
    return [(a, b) for a, b in out if b > a]


def in_brackets(text: str, s: int, e: int) -> bool:
    """A name listed inside brackets: "(Mayo-Sava, Extreme-Nord)", "(Nihm, Sanaa)"."""
    before, after = text[max(0, s - 60) : s], text[e : e + 60]
    opened = before.rfind("(") > before.rfind(")") and re.search(r"[(,]\s*$", before) is not None
    return opened and re.match(r"\s*[,)]", after) is not None and after.find(")") >= 0


def parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An entity span split at commas and parentheses ("Lawdar, Abyan" -> two)."""
    out, s = [], start
    for m in re.finditer(r"[,()]", text[start:end]):
        out.append((s, start + m.start()))
        s = start + m.end()
    out.append((s, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def lead_trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """An entity the tagger began one word early ("retook Manbij" as a person): its
    leading lower-case words dropped, not a name's particle ("al-Bab", "de la")."""
    m = _LEAD_WORDS.match(text, start, end)
    return (start + len(m.group(0)), end) if m else (start, end)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and a trailing possessive or punctuation."""
    span = text[start:end]
    m = re.match(r"(?i)\s*(?:the\s+)?", span)
    if m:
        start += m.end()
    while end > start and text[end - 1] in ".,;:)”\"'’ ":
        end -= 1
    for suffix in ("'s", "’s"):
        if text[start:end].endswith(suffix):
            end -= len(suffix)
    return start, end
