"""Sentence boundaries of the shared pipeline (khaldun/nlp.py)."""

from __future__ import annotations

from khaldun.nlp import load_nlp


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in load_nlp()(text).sents if s.text.strip()]


def test_every_line_starts_a_sentence():
    text = "Rebels take the airport\nFighting went on overnight. Residents fled."
    assert sentences(text) == ["Rebels take the airport", "Fighting went on overnight.", "Residents fled."]


def test_no_sentence_ends_on_a_word():
    text = "M23 holds Goma airport, residents say\n\nM23 rebels were in control of most of Goma on Wednesday."
    assert sentences(text)[-1] == "M23 rebels were in control of most of Goma on Wednesday."
