"""A small phrase matcher indexed by first word.

spaCy's Matcher tests every pattern at every token, which costs ~100 ms per news
article for the ~2,000 set-valued patterns of the event lexicon. Indexing the
patterns by the forms of their first word makes matching a dictionary look-up per
token plus a short check of the few candidates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

HYPHENS = frozenset({"-", "–", "‐"})
STOPS = frozenset({".", ";", "!", "?"})


@dataclass(frozen=True, slots=True)
class Elem:
    """One pattern element: a word (set of lowercase forms, optional POS) or a gap."""

    forms: frozenset[str] = frozenset()
    pos: frozenset[str] = frozenset()
    optional: bool = False
    gap: int = 0  # > 0: a gap of 0..gap tokens
    joined: bool = False  # second part of a hyphenated word: the hyphen is required


Pattern = tuple[Elem, ...]


class PhraseIndex:
    """Patterns under keys, found in token sequences by :meth:`match`."""

    def __init__(self) -> None:
        self._first: dict[str, list[tuple[str, Pattern]]] = {}

    def add(self, key: str, pattern: Pattern) -> None:
        if not pattern:
            return
        head = pattern[0]
        if head.gap:
            self.add(key, pattern[1:])
            return
        if head.optional:
            self.add(key, pattern[1:])
        for form in head.forms:
            self._first.setdefault(form, []).append((key, pattern))

    def match(
        self, lowers: Sequence[str], poss: Sequence[str], start: int, end: int
    ) -> list[tuple[str, int, int]]:
        """All (key, start, end) token matches within [start, end), longest per key and start."""
        best: dict[tuple[str, int], int] = {}
        for i in range(start, end):
            cands = self._first.get(lowers[i])
            if not cands:
                continue
            for key, pat in cands:
                head = pat[0]
                if head.pos and poss[i] not in head.pos:
                    continue
                stop = _extend(pat, 1, i + 1, lowers, poss, end)
                if stop > best.get((key, i), -1):
                    best[(key, i)] = stop
        return [(key, i, stop) for (key, i), stop in best.items() if stop > i]


def _extend(pat: Pattern, k: int, j: int, lowers: Sequence[str], poss: Sequence[str], end: int) -> int:
    """The furthest end of a match of ``pat[k:]`` starting at token ``j``, or -1."""
    if k == len(pat):
        return j
    el = pat[k]
    result = -1
    if el.gap:
        for g in range(el.gap + 1):
            if j + g > end or (g and lowers[j + g - 1] in STOPS):
                break
            result = max(result, _extend(pat, k + 1, j + g, lowers, poss, end))
        return result
    hyphen = j < end and lowers[j] in HYPHENS
    positions = ([j + 1] if hyphen else []) if el.joined else ([j, j + 1] if hyphen else [j])
    for p in positions:
        if p < end and lowers[p] in el.forms and (not el.pos or poss[p] in el.pos):
            result = max(result, _extend(pat, k + 1, p + 1, lowers, poss, end))
    if el.optional:
        result = max(result, _extend(pat, k + 1, j, lowers, poss, end))
    return result
