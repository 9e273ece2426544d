"""Layout cues: statements attributed by punctuation rather than by a verb.

- ``Name: what they said`` opening a paragraph (headlines such as "Minister:
  troops will stay", interview transcripts such as "SMITH: We will ...");
- ``“quotation” ― Name, description`` (a quotation signed with a dash);
- ``Minister Says Troops Will Stay`` (a title-case headline, whose verb the tagger
  mistakes for a name).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .attribution_found import Found
from .attribution_lexicon import Lexicon
from .attribution_syntax import trim

_LABEL = re.compile(r"[\"“]?(?P<label>[^\W\d][^:\n]{0,60}?)\s*(?P<cue>:)[ \t]+(?P<content>\S[^\n]*)")
SPEAKER_ENTS = ("PERSON", "ORG", "GPE", "NORP")
_WORD = re.compile(r"[^\W\d][\w.'’-]*")
# A dateline opening a paragraph: "BAMAKO —", "MAIDUGURI, Nigeria (Reuters) -",
# "KYIV, Ukraine, March 3 (AP) —", "Gaza City (AFP) -". The place is in capitals, or an
# agency in brackets follows it; a dash ends it.
_DATELINE = re.compile(
    r"(?m)^[ \t]*(?:(?P<caps>[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]+){0,3})"
    r"|[A-Z][\w'’.\-]+(?:[ \t]+[A-Z][\w'’.\-]+){0,3})"
    r"(?:,[ \t]*(?P<date>\d{1,2}[ \t]+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?[ \t]+\d{1,2})(?=[ \t]*(?:\(|—|–|-))"
    r"|,[ \t]*[A-Z][\w'’.\-]*(?:[ \t]+[\w'’.\-]+){0,3}){0,2}"
    r"(?P<agency>[ \t]*\([^()\n]{1,40}\))?[ \t]*(?:—|–|--|-)[ \t]+"
)
_SIGNED = re.compile(
    r"(?P<quote>[“\"”].*[”\"])[ \t]*(?P<dash>%s)[ \t]*(?P<name>[^\W\d][^,\n]{0,80}?)[ \t]*(,[^\n]*)?$"
)


def layout_cues(doc: Doc, lex: Lexicon, text: str | None = None) -> list[Found]:
    """Label and signature cues, one per paragraph at most."""
    out: list[Found] = []
    text = text if text is not None else doc.text  # Doc.text is rebuilt on every access
    signed = re.compile(
        _SIGNED.pattern % "|".join(re.escape(d) for d in sorted(lex.dashes, key=len, reverse=True))
    )
    pos = 0
    for para in text.split("\n"):
        found = (
            _label(doc, lex, para, pos)
            or (_signature(doc, signed, para, pos) if lex.dashes else None)
            or _headline(doc, lex, para, pos)
        )
        if found is not None:
            out.append(found)
        pos += len(para) + 1
    return out


def datelines(text: str) -> list[tuple[int, int]]:
    """Spans of the datelines that open paragraphs: a place, never a speaker."""
    out = []
    for m in _DATELINE.finditer(text):
        if (m["caps"] and len(m["caps"]) > 2) or m["agency"] or m["date"]:  # "Damascus, 30 November -"
            out.append((m.start(), m.end()))
    return out


def _label(doc: Doc, lex: Lexicon, para: str, offset: int) -> Found | None:
    m = _LABEL.match(para)
    if m is None:
        return None
    words = _WORD.findall(m["label"])
    if not words or len(words) > lex.max_label_words or len(words) != len(m["label"].split()):
        return None
    if words[0].lower() in lex.label_stoplist or not all(w[0].isupper() for w in words):
        return None
    speaker = m["label"].isupper() or words[-1].lower() in lex.evidence  # "Poll: ..."
    if not (speaker or _names_someone(doc, offset + m.start("label"), offset + m.end("label"))):
        return None  # a title ("Stealth Over Health: ..."), not a speaker
    return _found(doc, offset, m.span("label"), m.span("cue"), m.span("content"))


def _names_someone(doc: Doc, start: int, end: int) -> bool:
    """Whether the label holds a person, organisation or place name ("Pence", "NATO")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ in SPEAKER_ENTS for t in span)


def _signature(doc: Doc, signed: re.Pattern[str], para: str, offset: int) -> Found | None:
    m = signed.search(para)
    if m is None or not all(w[0].isupper() for w in _WORD.findall(m["name"])[:2]):
        return None
    return _found(doc, offset, m.span("name"), m.span("dash"), m.span("quote"))


def _headline(doc: Doc, lex: Lexicon, para: str, offset: int) -> Found | None:
    words = para.split()
    if not 3 <= len(words) <= 25 or para.rstrip().endswith((":", ";")) or _WORD.match(words[0]) is None:
        return None
    if sum(w[0].isupper() for w in words if len(w) > 3) < 0.6 * sum(len(w) > 3 for w in words):
        return None
    span = doc.char_span(offset, offset + len(para), alignment_mode="expand")
    toks = [t for t in span if not t.is_space] if span is not None else []
    while toks and toks[-1].is_punct:
        toks.pop()
    for tok in toks[1:]:
        entry = lex.verb(tok) if tok.pos_ in ("PROPN", "NOUN", "VERB") and tok.text[:1].isupper() else None
        if entry is None or tok.lower_ == entry[0] or "quote" not in entry[1].content:
            continue
        cue = (tok.idx - offset, tok.idx - offset + len(tok.text))
        if tok.i == toks[-1].i:  # "Troops Will Stay, Minister Says."
            comma = para.rfind(",", 0, cue[0])
            if comma <= 0:
                return None
            return _found(doc, offset, trim(para, comma, cue[0]), cue, trim(para, 0, comma, keep_final=True))
        source = trim(para, 0, cue[0])
        content = trim(para, cue[1], len(para), keep_final=True)
        return _found(doc, offset, source, cue, content)
    return None


def _found(
    doc: Doc, offset: int, source: tuple[int, int], cue: tuple[int, int], content: tuple[int, int]
) -> Found | None:
    src = (offset + source[0], offset + source[1])
    span = doc.char_span(*src, alignment_mode="expand")
    cue_span = doc.char_span(offset + cue[0], offset + cue[1], alignment_mode="expand")
    if span is None or cue_span is None or not len(span):
        return None
    return Found(
        cue=(offset + cue[0], offset + cue[1]),
        content=(offset + content[0], offset + content[1]),
        stance="asserted",
        cue_tok=cue_span[0],
        source=src,
        source_tok=span.root,
        quoted=True,
    )
