"""The attribution under construction, shared by the extraction modules."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..records import Stance
from .attribution_lexicon import Lexicon

Range = tuple[int, int]


@dataclass(slots=True)
class Found:
    """An attribution while it is being built (character ranges, the tokens behind them)."""

    cue: Range
    content: Range
    stance: Stance
    cue_tok: Token
    source: Range | None = None
    source_tok: Token | None = None
    quoted: bool = False


def drop_speaker_pronouns(found: list[Found], lex: Lexicon, quotes: list[Range]) -> list[Found]:
    """Leave out "I think", "we know" inside a quotation or another statement: they are
    the enclosing speaker's words, not statements of their own."""
    outer = [*quotes, *(f.content for f in found)]

    def nested(f: Found) -> bool:
        return any(s <= f.cue[0] < e and (s, e) != f.content for s, e in outer)

    return [
        f
        for f in found
        if f.source_tok is None or f.source_tok.lower_ not in lex.speaker_pronouns or not nested(f)
    ]


def overlaps(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]
