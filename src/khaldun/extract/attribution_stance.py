"""Hedges: words that make a statement uncertain ("reportedly", "could not be verified").

A hedge inside a statement's content or on its cue makes it ``hedged``; a
retrospective hedge ("The claim could not be independently verified") hedges
the statements of its own sentence, or of the one before when its own has none.
Hedge positions are kept on the Doc (``doc.user_data``) so that :func:`source_for`
can ask later whether a hedge governs an event the outlet narrates itself.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from .attribution_found import Found
from .attribution_lexicon import Lexicon, doc_keys, match_phrases
from .attribution_syntax import sentence_of

_KEY = "khaldun.attribution.hedges"
_WEAKENED = ("asserted", "claimed")  # the stances a hedge turns into "hedged"


def hedge_tokens(doc: Doc, lex: Lexicon) -> frozenset[int]:
    """Indices of the tokens that belong to a hedge (word or phrase); cached on the Doc."""
    cached = doc.user_data.get(_KEY)
    if cached is None:
        found = {i for i, key in enumerate(doc_keys(doc)) if key in lex.hedge_words}
        for i, j, _ in match_phrases(doc, lex.hedge_phrases):
            found.update(range(i, j))
        cached = frozenset(found)
        doc.user_data[_KEY] = cached
    return cached


def apply_hedges(found: Sequence[Found], doc: Doc, lex: Lexicon) -> None:
    """Turn asserted/claimed statements with a hedge in or on them into hedged ones."""
    hedges = hedge_tokens(doc, lex)
    starts = sorted(doc[i].idx for i in hedges)
    for f in found:
        if f.stance not in _WEAKENED:
            continue
        i = bisect.bisect_left(starts, f.content[0])
        inside = i < len(starts) and starts[i] < f.content[1]
        on_cue = any(c.i in hedges for c in f.cue_tok.children if c.dep_ in ("advmod", "aux"))
        if inside or on_cue:
            f.stance = "hedged"
    _retrospective(found, doc, lex)


# A hedge tacked on to the statement it qualifies, inside the content's span: "X took the
# town, according to residents, a claim that could not be independently verified".
_ON_THE_CLAIM = re.compile(
    r"(?:,\s*which|\b(?:claim|claims|report|reports|account|accounts|assertion|statement)\s+(?:that|which))\s*$",
    re.IGNORECASE,
)


def _retrospective(found: Sequence[Found], doc: Doc, lex: Lexicon) -> None:
    matches = match_phrases(doc, lex.retro_hedges)
    if not matches:
        return

    def sent_of(char: int) -> int:
        return sentence_of(doc, char)

    for i, _j, _ in matches:
        at = doc[i].idx
        here = sent_of(at)
        on_it = _ON_THE_CLAIM.search(doc.text[max(0, at - 40) : at]) is not None  # "..., a claim that"
        own = [
            f for f in found if sent_of(f.cue[0]) == here and (on_it or not f.content[0] <= at < f.content[1])
        ]
        targets = own or [f for f in found if sent_of(f.cue[0]) == here - 1]
        for f in targets:
            if f.stance in _WEAKENED:
                f.stance = "hedged"


def governed_by_hedge(doc: Doc, lex: Lexicon, tokens: Sequence[Token]) -> bool:
    """Whether a hedge governs the clause of ``tokens``: a hedge on the path from them up
    to the sentence root ("reportedly killed", "is believed to have killed", "may have")."""
    hedges = hedge_tokens(doc, lex)
    if not hedges or not tokens:
        return False
    tok = min(tokens, key=lambda t: len(list(t.ancestors)))
    seen = 0
    while seen < 40:
        if tok.i in hedges or any(c.i in hedges for c in tok.children if c.dep_ != "punct"):
            return True
        if tok.head.i == tok.i:
            return False
        tok, seen = tok.head, seen + 1
    return False
