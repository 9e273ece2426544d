"""Finding reported statements in a parsed document: cue, source and content spans.

Cues are verbs ("said", "claimed", "denied"), nouns with a that-clause ("the
claim that ..."), and multi-word phrases ("according to", "claimed
responsibility for"), all listed in ``data/attribution_cues.yaml``.  The content
is the cue's clausal complement, an adjacent direct quotation (which may run
over several sentences), a to-clause, or a noun-phrase object; the source is the
cue's subject (inherited through "..., denying", "and added"), a passive agent,
the possessor of a noun cue, or the object of "according to".
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .attribution_content import VerbContent
from .attribution_found import Found, Range, overlaps
from .attribution_layout import datelines
from .attribution_lexicon import Lexicon, PhraseCue, doc_keys, match_phrases
from .attribution_quotes import find_quotes, quote_words
from .attribution_syntax import (
    RELATIVE_TAGS,
    SUBJECTS,
    child,
    is_negated,
    is_passive,
    is_verb,
    np_head_chars,
    subject_of,
    subtree_chars,
    trim,
    without,
)


class Finder(VerbContent):
    """Finds the attributions of one parsed document."""

    def __init__(self, doc: Doc, lex: Lexicon, text: str | None = None) -> None:
        self.doc, self.lex = doc, lex
        self.text = text if text is not None else doc.text  # Doc.text is rebuilt on every access
        self.quotes = [q for q in find_quotes(self.text) if quote_words(self.text, *q) >= lex.min_quote_words]
        self.used: set[int] = set()
        self.datelines = datelines(self.text)

    def find(self) -> list[Found]:
        found = self._phrase_cues()
        base, doc = self.lex.base, self.doc
        for i, key in enumerate(doc_keys(doc)):
            if i in self.used or not (base(key) or base(key, noun=True)):
                continue  # most words are no cue: skip them before building a Token
            tok = doc[i]
            f = None
            if (is_verb(tok) and tok.dep_ not in ("aux", "auxpass")) or self._mistagged_verb(tok):
                f = self._verb_cue(tok)
            elif tok.pos_ == "NOUN":
                f = self._noun_cue(tok)
            if f is not None and f.content[1] > f.content[0]:
                found.append(f)
        found.sort(key=lambda f: f.cue[0])
        return found + self._follow_on_quotes(found)

    # -- verbs --------------------------------------------------------------------------------
    def _mistagged_verb(self, tok: Token) -> bool:
        """A "noun" with a subject of its own is a verb the tagger got wrong ("The video purports")."""
        return (
            tok.pos_ in ("NOUN", "PROPN")
            and child(tok, "nsubj") is not None
            and self.lex.verb(tok) is not None
        )

    def _producer(self, media: Token) -> Token | None:
        """Who issued a statement or released a video: "the council issued a statement
        calling for ..." is the council's statement."""
        verb = media.head
        if media.dep_ != "dobj" or media.lower_ not in self.lex.media:
            return None
        if not self.lex.base(verb.lower_, self.lex.producers) and verb.lower_ not in self.lex.producers:
            return None
        subj = subject_of(verb)
        return subj if subj is not None and subj.i < media.i else None

    def _verb_cue(self, v: Token) -> Found | None:
        entry = self.lex.verb(v)
        if entry is None:
            return None
        base, spec = entry
        subj, own = self._subject(v, base)
        weak = spec.weak and not (
            subj is not None and (self._strong_subject(subj) or subj.head.dep_ == "agent")
        )
        content, quoted, particle = self._verb_content(v, spec.content, weak, base)
        if content is None:
            return None
        stance = spec.stance
        if subj is None and is_passive(v) and stance == "asserted":
            stance = self.lex.passive_stance
        if is_negated(v):
            stance = self.lex.negated.get(stance, stance)
        cue_end = max([v.idx + len(v.text), *(t.idx + len(t.text) for t in particle)])
        f = Found((v.idx, cue_end), content, stance, v, quoted=quoted)
        self._set_source(f, subj, v, own)
        return f

    def _strong_subject(self, subj: Token) -> bool:
        """Evidence ("the poll shows ..."), a named speaker ("Russia backs ..."), a person or
        body that speaks ("critics questioned ...") makes a weak verb with a bare object a
        statement."""
        low = subj.lower_
        if low in self.lex.evidence or low in self.lex.speakers or low in self.lex.pronoun_speakers:
            return True
        return subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or (
            subj.pos_ == "PROPN" and subj.ent_type_ not in ("DATE", "TIME", "LOC", "FAC")
        )

    def _subject(self, v: Token, base: str) -> tuple[Token | None, bool]:
        """The cue verb's source noun, and whether it is the verb's own subject."""
        if base in self.lex.sourceless:
            return None, False
        own = [c for c in v.children if c.dep_ in SUBJECTS and c.lower_ not in self.lex.reflexives]
        if not own and v.dep_ == "conj" and child(v, *SUBJECTS) is not None:
            subj = subject_of(v.head)  # "rejected the claim and has itself accused ..."
            return subj, False
        if len(own) > 1:  # "BAMAKO — the army said": the dateline is no subject
            own = [c for c in own if not self._in_dateline(c.idx)] or own
        if own:  # “..., Full panic mode,” said Leslie Wimes: not the words inside the quotation
            outside = [c for c in own if not self._in_quote(c.idx)]
            return (outside or own)[-1 if outside and len(outside) < len(own) else 0], True
        subj = subject_of(v)
        if subj is None and v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
            return self._producer(v.head) or v.head, True  # "a video claiming to show ..."
        return subj, subj is not None and subj.head.i == v.i

    def _in_dateline(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.datelines)

    def _after_dateline(self, start: int, end: int) -> int:
        """A source span never begins with a dateline ("MAIDUGURI, Nigeria (Reuters) -")."""
        for s, e in self.datelines:
            if s <= start < e:
                return min(e, end)
        return start

    # -- nouns --------------------------------------------------------------------------------
    def _noun_cue(self, n: Token) -> Found | None:
        stance = self.lex.noun(n)
        if stance is None or (n.dep_ in ("nsubj", "dobj") and self._is_cue_verb(n.head)):
            return None
        content = None
        for c in n.children:
            if c.dep_ in ("acl", "ccomp", "appos") and any(m.dep_ == "mark" for m in c.children):
                content = self._span(c)
                break
        owner = child(n, "poss")
        if owner is None:
            by = next((c for c in n.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
            owner = child(by, "pobj") if by is not None else None
        if content is None and (owner is not None or stance != "asserted"):
            about = next((c for c in n.children if c.dep_ == "prep" and c.lower_ in ("of", "about")), None)
            obj = child(about, "pobj") if about is not None else None
            content = self._span(obj) if obj is not None else None
        if content is None:
            return None
        if owner is None and n.dep_ == "dobj" and is_verb(n.head):  # "issued a denial of ..."
            owner = subject_of(n.head)
        f = Found((n.idx, n.idx + len(n.text)), content, stance, n)
        self._set_source(f, owner, n)
        return f

    def _is_cue_verb(self, tok: Token) -> bool:
        return is_verb(tok) and self.lex.verb(tok) is not None

    # -- phrases ------------------------------------------------------------------------------
    def _phrase_cues(self) -> list[Found]:
        by_words = {p.words: p for p in self.lex.phrases}
        out = []
        for i, j, words in match_phrases(self.doc, list(by_words)):
            f = self._phrase_cue(self.doc[i:j], by_words[words])
            if f is not None:
                out.append(f)
                self.used.update(range(i, j))
        return out

    def _phrase_cue(self, toks, spec: PhraseCue) -> Found | None:
        first, last = toks[0], toks[-1]
        cue = (first.idx, last.idx + len(last.text))
        if spec.content == "object":
            obj = child(last, "pobj")
            if obj is None:
                return None
            content = self._span(obj)
        else:
            gov = first.head
            while not is_verb(gov) and gov.head.i != gov.i:
                gov = gov.head
            outer = subtree_chars(gov) if is_verb(gov) else (first.sent.start_char, first.sent.end_char)
            start, end = without(outer, subtree_chars(first))
            content = trim(self.text, start, end)
        if spec.source == "object":
            src = child(last, "pobj")
        else:
            verb = next((t for t in toks if is_verb(t)), first)
            src = subject_of(verb)
        f = Found(cue, content, spec.stance, first)
        self._set_source(f, src, first)
        return f

    # -- sources ------------------------------------------------------------------------------
    def _set_source(self, f: Found, subj: Token | None, cue: Token, own: bool = True) -> None:
        if subj is None:
            return
        if subj.lower_ == "that" and subj.tag_ == "WDT" and cue.dep_ == "relcl" and cue.head.i < subj.i:
            subj = cue.head  # "nations that oppose ...": the nations speak
        if subj.tag_ in RELATIVE_TAGS or subj.i == cue.head.i:
            start, end = (
                np_head_chars(subj) if subj.i == cue.head.i else (subj.idx, subj.idx + len(subj.text))
            )
        else:
            start, end = self._source_range(subj)
        after = self._after_dateline(start, end)
        start, end = trim(self.text, after, end, keep_final=True)
        if end <= start or overlaps((start, end), f.cue):
            return
        if after > subj.idx:  # the subject token was the dateline's: name what follows it
            rest = self.doc.char_span(start, end, alignment_mode="expand")
            if rest is None:
                return
            subj = rest.root
        if overlaps((start, end), f.content):
            if f.content[0] <= start and end <= f.content[1]:
                if not own:
                    return  # an inherited subject inside the content: no source of its own
            else:
                f.content = without(f.content, (start, end))
        f.source, f.source_tok = (start, end), subj

    def _source_range(self, subj: Token) -> Range:
        """The subject's subtree, less trailing time adverbials the parser hung on it
        ("UNESCO on Thursday welcomed ...")."""
        right = subj.right_edge.i
        for c in subj.children:
            if c.i < subj.i:
                continue
            obj = child(c, "pobj") if c.dep_ == "prep" else c if c.dep_ == "npadvmod" else None
            if obj is not None and obj.ent_type_ in ("DATE", "TIME"):
                right = min(right, c.left_edge.i - 1)
        last = self.doc[max(right, subj.i)]
        return subj.left_edge.idx, last.idx + len(last.text)

    # -- quotations that continue a quoted statement --------------------------------------------
    def _follow_on_quotes(self, found: list[Found]) -> list[Found]:
        """“A,” he said. “B.”  -- B is more of the same statement."""
        taken = {f.content for f in found}
        extra = []
        for f in found:
            if not f.quoted:
                continue
            end = self._sentence_end(max(f.cue[1], f.source[1] if f.source else 0))
            for qs, qe in self.quotes:
                if qs < f.content[1] or (qs, qe) in taken:
                    continue
                gap = self.text[end:qs]
                if gap.strip() or "\n" in gap:
                    break
                extra.append(Found(f.cue, (qs, qe), f.stance, f.cue_tok, f.source, f.source_tok, True))
                taken.add((qs, qe))
                end = qe
        return extra

    def _sentence_end(self, char: int) -> int:
        tok = self.doc.char_span(char - 1, char, alignment_mode="expand")
        if tok is None:
            return char
        sent = tok[0].sent
        end = sent.end_char
        while end > char and self.text[end - 1].isspace():
            end -= 1
        return end
