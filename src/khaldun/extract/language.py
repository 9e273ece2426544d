"""Is this text English? A cheap check on script and function words, so that
non-English documents are skipped with a reason instead of mis-extracted."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH = frozenset(
    """the of and to in a is that for on was with as by it at from he his said were
    be are has have had an which not this but they who their after its or been
    will would also more than when into there over""".split()
)
# Frequent function words of other languages common in news (fr, es, pt, it, de,
# nl, id/ms, tr); none of them is also an English word.
_OTHER = frozenset(
    """le la les des du est une dans pour que qui sur avec par pas été ont
    el los las del por una con para como fue sus más pero entre
    os das dos não uma com pelo pela foram
    il della nel sono alla degli anche
    der die das und ist nicht mit dem den ein eine auf sich für wurde
    het een niet zijn voor
    yang dan di dengan untuk dari ini itu tidak adalah
    ve bir ile için olarak""".split()
)


def detect_language(text: str) -> tuple[str | None, str | None]:
    """Return ``("en", None)``, or ``(guess, reason)`` when the text is not English."""
    words = _WORD.findall(text[:20000])
    if not words:
        return None, "no words to tell the language by"
    latin = sum(1 for w in words if w.isascii())
    if latin / len(words) < 0.6:
        return "und", "not English: mostly non-Latin script"
    lowered = [w.lower() for w in words]
    english = sum(1 for w in lowered if w in _ENGLISH)
    other = sum(1 for w in lowered if w in _OTHER)
    if other >= 3 and other > english:
        return "und", f"not English: {other} foreign and {english} English function words"
    if len(words) >= 30 and english / len(words) < 0.05:
        return "und", f"not English: only {english / len(words):.0%} English function words"
    return "en", None
