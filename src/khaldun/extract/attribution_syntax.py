"""Dependency-parse helpers shared by attribution extraction and source resolution."""

from __future__ import annotations

import bisect

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc, Token

SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
RELATIVE_TAGS = ("WP", "WDT")
# A verb with no subject of its own shares the subject of the verb it hangs from.
INHERITS_SUBJECT = ("conj", "xcomp", "advcl", "pcomp")
_TRIM = set(" \n\t,;:—–-")


def is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def child(tok: Token, *deps: str) -> Token | None:
    """The first child of ``tok`` with one of ``deps``."""
    return next((c for c in tok.children if c.dep_ in deps), None)


def subject_of(verb: Token, depth: int = 3) -> Token | None:
    """The subject noun of ``verb``: its own, the agent of a passive, or its governor's.

    Returns None for a passive with no agent ("it was reported that").
    """
    own = child(verb, *SUBJECTS)
    if own is not None:
        return own
    agent = child(verb, "agent")
    if agent is not None:
        return child(agent, "pobj")
    if child(verb, *PASSIVE_SUBJECTS) is not None:
        return None
    if depth and verb.dep_ in INHERITS_SUBJECT and verb.head.i != verb.i:
        gov = verb.head
        for _ in range(3):  # "aside from saying ...": up through the preposition
            if is_verb(gov) or gov.head.i == gov.i or gov.pos_ in ("NOUN", "PROPN", "PRON"):
                break
            gov = gov.head
        if is_verb(gov):
            return subject_of(gov, depth - 1)
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", *PASSIVE_SUBJECTS) for c in verb.children)


def is_negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def subtree_chars(tok: Token) -> tuple[int, int]:
    """Character extent of a token's subtree."""
    left, right = tok.left_edge, tok.right_edge
    return left.idx, right.idx + len(right.text)


def np_head_chars(tok: Token) -> tuple[int, int]:
    """A noun phrase without its postmodifiers: from its left edge to the noun."""
    return tok.left_edge.idx, tok.idx + len(tok.text)


def trim(text: str, start: int, end: int, keep_final: bool = False) -> tuple[int, int]:
    """Shrink a span past whitespace and separating punctuation at both ends.

    A final full stop is dropped unless ``keep_final`` (a quotation ends with it)."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and (text[end - 1] in _TRIM or (not keep_final and text[end - 1] == ".")):
        end -= 1
    return start, end


def without(outer: tuple[int, int], inner: tuple[int, int]) -> tuple[int, int]:
    """``outer`` minus ``inner``: the larger remaining side, or ``outer`` when ``inner``
    sits in the middle with text on both sides (a content span must stay contiguous)."""
    (os_, oe), (is_, ie) = outer, inner
    left, right = (os_, min(is_, oe)), (max(ie, os_), oe)
    left_len, right_len = max(0, left[1] - left[0]), max(0, right[1] - right[0])
    if left_len > 3 and right_len > 3:
        return outer
    return left if left_len >= right_len else right


_INDEX = "khaldun.attribution.index"


def _index(doc: Doc) -> tuple[list[int], list[int]]:
    """Token start offsets and sentence-start token indices, computed once per Doc."""
    cached = doc.user_data.get(_INDEX)
    if cached is None:
        arr = doc.to_array([IDX, SENT_START])
        starts = [int(x) for x in arr[:, 0]]
        sents = [i for i, flag in enumerate(arr[:, 1]) if flag == 1 or i == 0]
        cached = doc.user_data[_INDEX] = (starts, sents)
    return cached


def token_at(doc: Doc, char: int) -> int:
    """The index of the token covering (or last starting before) character ``char``."""
    return max(bisect.bisect_right(_index(doc)[0], char) - 1, 0)


def sentence_starts(doc: Doc) -> list[int]:
    """Token indices at which sentences start."""
    return _index(doc)[1]


def sentence_of(doc: Doc, char: int) -> int:
    """The index of the sentence holding character ``char``."""
    return max(bisect.bisect_right(sentence_starts(doc), token_at(doc, char)) - 1, 0)
