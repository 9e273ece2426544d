"""Naming the source of an attribution.

A source span is named, in order of preference, by the actor mention at its head
(``ctx.actors``, filled by the actors component), the producer of a media object
("a video released by X", "X released a video claiming ..."), the antecedent of
a pronoun or definite description ("he", "the agency"), a named entity inside it,
and finally its own text.  Antecedents are searched in the same and the few
preceding sentences, subjects first, nearest first.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.attrs import DEP
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..records import ActorMention
from .actors import resolve_name, speaker_name
from .attribution_lexicon import Antecedents, Lexicon, doc_keys
from .attribution_syntax import (
    RELATIVE_TAGS,
    child,
    np_head_chars,
    sentence_of,
    sentence_starts,
    subject_of,
    token_at,
)
from .base import DocContext

NAMED_ENTS = ("PERSON", "ORG", "GPE", "NORP")
LOOKBACK_SENTENCES = 3
MEDIA_LOOKBACK_SENTENCES = 8
_DEFINITE = ("the", "this", "that", "these", "those")


@dataclass(slots=True)
class Candidate:
    """Something earlier in the text that a pronoun or description may point to."""

    start: int
    tok: Token
    sent: int
    subject: bool
    plural: bool
    ent: str = ""
    kind: str = ""
    speaker: bool = False  # subject of a cue verb: most likely a person or body that speaks


class SourceResolver:
    """Resolves source spans of one document to names; build one per document."""

    def __init__(self, ctx: DocContext, lex: Lexicon) -> None:
        self.ctx, self.lex, self.doc = ctx, lex, ctx.doc
        self.mentions = sorted(ctx.actors, key=lambda m: m.start)
        self._mention_starts = [m.start for m in self.mentions]
        self._sent_starts = sentence_starts(self.doc)
        self._candidates: list[Candidate] | None = None
        self._ents: dict[int, str] | None = None
        self._ent_spans: tuple[SpacySpan, ...] | None = None

    # -- public -------------------------------------------------------------------------------
    def name(self, head: Token, start: int, end: int) -> str:
        """The canonical name of the source whose head token is ``head`` and span [start, end)."""
        found = self._resolve(head, depth=2)
        if found:
            return found
        text = self.ctx.text[start:end]
        actor = resolve_name(text, self.ctx)  # an Actor: cite it by its name
        if actor is not None:
            return actor.name
        return text

    # -- resolution steps ---------------------------------------------------------------------
    def _resolve(self, head: Token, depth: int) -> str | None:
        if head.tag_ in RELATIVE_TAGS and head.head.dep_ == "relcl":
            return self.np_name(head.head.head, depth)
        low = head.lower_
        if low in self.lex.pronouns:
            ante = self._antecedent(self.lex.pronouns[low], head)
            return self.np_name(ante.tok, depth - 1) if ante and depth else None
        if self._is_media(head):
            producer = self.producer(head, depth)
            if producer:
                return producer
        person = self._appositive_person(head)  # "the deputy minister, Hanna Maliar"
        if person is not None:
            return person
        actor = self._actor_at(head)
        if actor is not None:
            return speaker_name(actor)
        if head.ent_type_ in NAMED_ENTS:
            return self._entity_text(head)
        if low in self.lex.descriptions and self._is_anaphoric(head):
            ante = self._antecedent(self.lex.descriptions[low], head)
            if ante is not None and depth:
                return self.np_name(ante.tok, depth - 1)
        return self._inside_name(head)

    def np_name(self, tok: Token, depth: int = 1) -> str:
        """A noun phrase's name: resolved when possible, else its text up to the noun."""
        found = self._resolve(tok, depth) if depth >= 0 else None
        if found:
            return found
        start, end = np_head_chars(tok)
        return self.ctx.text[start:end]

    def producer(self, media: Token, depth: int = 2) -> str | None:
        """Who made a media object: "X's video", "a video by/from X", "X released a video"."""
        owner = child(media, "poss")
        if owner is not None and owner.tag_ not in ("PRP$",):
            return self.np_name(owner, depth - 1)
        for c in media.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                obj = child(c, "pobj")
                if obj is not None:
                    return self.np_name(obj, depth - 1)
            if c.dep_ in ("acl", "relcl"):
                agent = child(c, "agent")
                obj = child(agent, "pobj") if agent is not None else None
                if obj is not None:
                    return self.np_name(obj, depth - 1)
        for c in media.children:
            if c.dep_ == "compound" and (c.ent_type_ in NAMED_ENTS or self._actor_at(c)):
                return self.np_name(c, 0)
        verb = media.head
        if media.dep_ in ("dobj", "nsubjpass") and self.lex.base(verb.lower_, self.lex.producers):
            subj = subject_of(verb)
            if subj is not None and subj.i != media.i:
                return self.np_name(subj, depth - 1)
        if self._is_definite(media) or (owner is not None and owner.tag_ == "PRP$"):
            return self._earlier_producer(media, depth)
        return None

    # -- helpers ------------------------------------------------------------------------------
    def _is_media(self, tok: Token) -> bool:
        return tok.pos_ in ("NOUN", "PROPN") and tok.lower_ in self.lex.media

    @staticmethod
    def _is_definite(tok: Token) -> bool:
        return any(
            c.dep_ in ("det", "poss") and c.lower_ in (*_DEFINITE, "its", "their") for c in tok.children
        )

    def _is_anaphoric(self, head: Token) -> bool:
        """ "the agency" points back; "the SANA state agency" names its referent itself."""
        if not self._is_definite(head):
            return False
        return not any(
            t.pos_ == "PROPN" or t.ent_type_ in NAMED_ENTS or self._actor_at(t)
            for t in self.doc[head.left_edge.i : head.i]
        )

    def _earlier_producer(self, media: Token, depth: int) -> str | None:
        """The producer of the nearest earlier media object with the same noun."""
        first = self._sent_index(media.idx) - MEDIA_LOOKBACK_SENTENCES
        sent_start = self._sent_starts[max(first, 0)]
        for tok in reversed(self.doc[sent_start : media.i]):
            if tok.lower_ == media.lower_ and not self._is_definite(tok):
                return self.producer(tok, depth)
        return None

    def _actor_at(self, tok: Token) -> ActorMention | None:
        """The actor mention covering ``tok``."""
        i = bisect.bisect_right(self._mention_starts, tok.idx) - 1
        for m in self.mentions[max(i - 2, 0) : i + 1]:
            if m.start <= tok.idx < m.end:
                return m
        return None

    def _entity_text(self, tok: Token) -> str:
        if self._ents is None:
            self._ents = {i: ent.text for ent in self._entities() for i in range(ent.start, ent.end)}
        return self._ents.get(tok.i, tok.text)

    def _entities(self) -> tuple[SpacySpan, ...]:
        if self._ent_spans is None:
            self._ent_spans = self.doc.ents  # computing Doc.ents is costly: once per document
        return self._ent_spans

    def _appositive_person(self, head: Token) -> str | None:
        """ "the head of the junta, Colonel Assimi Goita": the person a title noun names."""
        for c in head.children:
            if c.dep_ == "appos" and c.i > head.i and c.ent_type_ == "PERSON":
                return self._entity_text(c)
        return None

    def _inside_name(self, head: Token) -> str | None:
        """An actor or named entity among the noun's premodifiers ("the SANA state agency")."""
        for tok in self.doc[head.left_edge.i : head.i]:
            actor = self._actor_at(tok)
            if actor is not None:
                return speaker_name(actor)
        for tok in self.doc[head.left_edge.i : head.i]:
            if tok.ent_type_ in ("ORG", "PERSON") and tok.dep_ in ("compound", "amod", "nmod", "poss"):
                return self._entity_text(tok)
        return None

    def _sent_index(self, char: int) -> int:
        return sentence_of(self.doc, char)

    def _token_at(self, char: int) -> int:
        return token_at(self.doc, char)

    # -- antecedents --------------------------------------------------------------------------
    def _antecedent(self, spec: Antecedents, anaphor: Token) -> Candidate | None:
        here = self._sent_index(anaphor.idx)
        best: tuple[int, int, int] | None = None
        found: Candidate | None = None
        for cand in self.candidates():
            if cand.start >= anaphor.idx or here - cand.sent > LOOKBACK_SENTENCES or cand.sent > here:
                continue
            if cand.tok.i == anaphor.i or not self._fits(spec, cand, anaphor):
                continue
            rank = (here - cand.sent, 0 if cand.subject else 1, -cand.start)
            if best is None or rank < best:
                best, found = rank, cand
        return found

    def _fits(self, spec: Antecedents, cand: Candidate, anaphor: Token) -> bool:
        if cand.plural and not spec.plural:
            return False
        if anaphor.head.i == cand.tok.head.i and anaphor.dep_ == cand.tok.dep_:
            return False
        if spec.plural and cand.plural and cand.subject and cand.tok.pos_ == "NOUN":
            return True
        if cand.ent in spec.ents or cand.kind in spec.kinds or cand.tok.lower_ in spec.heads:
            return True
        # a proper-name subject of a cue ("McAuliffe said ...", whatever its entity label)
        # fits a personal pronoun; so does an unlabelled proper-name subject
        if cand.tok.pos_ != "PROPN" or "PERSON" not in spec.ents or cand.ent in ("GPE", "NORP"):
            return False
        return cand.speaker or (not cand.ent and not cand.kind)

    def candidates(self) -> list[Candidate]:
        """Actor mentions, named entities and noun phrases that may be referred back to."""
        if self._candidates is None:
            self._candidates = sorted(self._collect(), key=lambda c: c.start)
        return self._candidates

    def _collect(self) -> list[Candidate]:
        doc, lex = self.doc, self.lex
        heads = {h for spec in (*lex.pronouns.values(), *lex.descriptions.values()) for h in spec.heads}
        out: list[Candidate] = []
        for m in self.mentions:
            tok = doc[self._token_at(max(m.end - 1, m.start))]
            kind = (m.actor.kind or "") if m.actor else ""
            out.append(self._candidate(tok, kind=kind, plural=m.generic and tok.tag_ in ("NNS", "NNPS")))
        for ent in self._entities():
            if ent.label_ in NAMED_ENTS:
                root = ent.root
                out.append(self._candidate(root, ent=ent.label_, plural=ent.label_ == "NORP"))
        subjects = {doc.vocab.strings[d] for d in ("nsubj", "nsubjpass")}
        deps = doc.to_array([DEP])
        for i, key in enumerate(doc_keys(doc)):
            if key not in heads and deps[i] not in subjects:
                continue  # decided without building a Token
            tok = doc[i]
            if tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in NAMED_ENTS:
                plural = tok.tag_ in ("NNS", "NNPS")
                subject = tok.dep_ in ("nsubj", "nsubjpass")
                if tok.lower_ in heads or (subject and (plural or tok.pos_ == "PROPN")):
                    out.append(self._candidate(tok, plural=plural))
        return out

    def _candidate(self, tok: Token, ent: str = "", kind: str = "", plural: bool = False) -> Candidate:
        start = tok.left_edge.idx if tok.left_edge.i <= tok.i else tok.idx
        subject = tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ == "compound" and tok.head.dep_ == "nsubj")
        speaker = tok.dep_ == "nsubj" and self.lex.verb(tok.head) is not None
        return Candidate(start, tok, self._sent_index(tok.idx), subject, plural, ent, kind, speaker)
