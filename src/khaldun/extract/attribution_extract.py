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

import re

from spacy.tokens import Doc, Token

from .attribution_found import Found, Range, overlaps
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

# Children of a cue verb that belong to its "speech clause" ("he told reporters on Friday").
SPEECH_CLAUSE = (
    "nsubj",
    "nsubjpass",
    "aux",
    "auxpass",
    "neg",
    "advmod",
    "npadvmod",
    "prep",
    "dobj",
    "dative",
    "agent",
    "prt",
    "expl",
)
_BEFORE_CLAUSE = re.compile(r"[\s,.;—–-]*")  # between a quotation and the "he said" after it
_AFTER_CLAUSE = re.compile(r"[ \t]*[,:—–-]?[ \t]*|[ \t]*:\s*")  # between "he said" and a following quotation


class Finder:
    """Finds the attributions of one parsed document."""

    def __init__(self, doc: Doc, lex: Lexicon, text: str | None = None) -> None:
        self.doc, self.lex = doc, lex
        self.text = text if text is not None else doc.text  # Doc.text is rebuilt on every access
        self.quotes = [q for q in find_quotes(self.text) if quote_words(self.text, *q) >= lex.min_quote_words]
        self.used: set[int] = set()

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

    def _verb_cue(self, v: Token) -> Found | None:
        entry = self.lex.verb(v)
        if entry is None:
            return None
        base, spec = entry
        subj, own = self._subject(v, base)
        weak = spec.weak and not (subj is not None and self._strong_subject(subj))
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
        """Evidence ("the poll shows ...") or a named speaker ("Russia backs ...") makes a
        weak verb with a bare object a statement."""
        if subj.lower_ in self.lex.evidence:
            return True
        return subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subj.lower_ in ("he", "she", "they")

    def _subject(self, v: Token, base: str) -> tuple[Token | None, bool]:
        """The cue verb's source noun, and whether it is the verb's own subject."""
        if base in self.lex.sourceless:
            return None, False
        own = [c for c in v.children if c.dep_ in SUBJECTS]
        if own:  # “..., Full panic mode,” said Leslie Wimes: not the words inside the quotation
            outside = [c for c in own if not self._in_quote(c.idx)]
            return (outside or own)[-1 if outside and len(outside) < len(own) else 0], True
        subj = subject_of(v)
        if subj is None and v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
            return v.head, True  # "a video claiming to show ..."
        return subj, subj is not None and subj.head.i == v.i

    def _verb_content(
        self, v: Token, kinds: frozenset[str], weak: bool, base: str
    ) -> tuple[Range | None, bool, list]:
        """The content range of a cue verb, whether it is a quotation, and particle tokens in the cue."""
        clause = self._clause(v) if "clause" in kinds else None
        if "quote" in kinds:
            quote = self._adjacent_quote(v)
            if quote is not None and (clause is None or overlaps(quote, clause)):
                return quote, True, []
        if clause is not None:
            return clause, False, []
        if "infinitive" in kinds:
            xcomp = child(v, "xcomp") or next(
                (c for c in v.children if c.dep_ == "advcl" and c.i == v.i + 2 and v.nbor().lower_ == "to"),
                None,
            )
            if xcomp is not None and xcomp.i > v.i and child(xcomp, "aux") is not None:
                self.used.add(xcomp.i)  # "purports to show": one cue, not two
                return self._span(xcomp), False, []
        particles = self.lex.particles.get(base, ())
        for c in v.children:  # "called for X", "pointed to X"
            if c.dep_ in ("prep", "prt") and c.lower_ in particles and c.i == v.i + 1:
                obj = child(c, "pobj", "pcomp")
                if obj is not None:
                    return self._span(obj), False, [c]
        if base in self.lex.naming:
            named = self._naming(v)
            if named is not None:
                return named, False, []
        obj = child(v, "dobj")
        if obj is None and "object" in kinds and not weak and child(v, "agent") is not None:
            patient = child(v, "nsubjpass")  # "the claim was dismissed by the army"
            if patient is not None:
                return self._span(patient), False, []
        if obj is None or obj.i < v.i:
            return None, False, []
        if obj.pos_ == "PRON":  # "accused her of lying": the pronoun is the target, not the content
            about = next(
                (c for c in v.children if c.dep_ == "prep" and c.i > obj.i and c.lower_ in ("of", "for")),
                None,
            )
            if about is None or "object" not in kinds or weak:
                return None, False, []
            return self._span(about), False, []
        end = subtree_chars(obj)[1]
        if "object" in kinds and not weak:
            for c in v.children:  # "accused the army of shelling ..."
                if c.dep_ == "prep" and c.i > obj.i and c.lower_ in ("of", "for"):
                    end = max(end, subtree_chars(c)[1])
            return trim(self.text, obj.left_edge.idx, end), False, []
        return None, False, []

    def _naming(self, v: Token) -> Range | None:
        """ "called Trump a liar", "described Clinton as a disgrace", "called the charges false":
        the object together with what it is called."""
        after = [c for c in v.children if c.i > v.i]
        obj = next((c for c in after if c.dep_ in ("dobj", "xcomp", "nsubj")), None)
        if obj is None:
            return None
        pred = next(
            (
                c
                for c in after
                if c.i > obj.i
                and (c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "as"))
            ),
            None,
        )
        if pred is None:
            pred = next((c for c in obj.children if c.i > obj.i and c.dep_ in ("acl", "amod", "appos")), None)
        if pred is None:
            return None
        return trim(self.text, obj.left_edge.idx, subtree_chars(pred)[1], keep_final=True)

    def _clause(self, v: Token) -> Range | None:
        comp = child(v, "ccomp")
        if comp is not None:
            span = self._span(comp)
            speech = self._speech_clause(v)
            if overlaps(span, speech):  # "IS, who it said had been ...": the clause wraps the cue
                span = trim(self.text, max(span[0], speech[1]), span[1])
            return span
        if self._as_clause(v):  # "..., as police have said"
            return trim(self.text, *without(subtree_chars(v.head), subtree_chars(v)))
        if v.dep_ in ("ccomp", "parataxis") and self._parenthetical(v):
            # "The army retook the hill, he said" / "Troops, he said, retook ...": the cue
            # hangs from its content.
            start, end = without(subtree_chars(v.head), subtree_chars(v))
            return trim(self.text, start, end)
        return None

    def _as_clause(self, v: Token) -> bool:
        return (
            v.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in v.children)
            and subject_of(v) is not None
        )

    def _parenthetical(self, v: Token) -> bool:
        """A speech clause set off by punctuation inside or after what it reports:
        "..., he said." / "Troops, he said, retook ..." (not "X says Y called Z")."""
        entry = self.lex.verb(v)
        if entry is None or "quote" not in entry[1].content or child(v, "nsubj") is None:
            return False
        if any(c.dep_ in ("mark", "dobj", "xcomp") for c in v.children):
            return False
        left = self._speech_clause(v)[0]
        before = self.doc.char_span(left, left + 1, alignment_mode="expand")
        if before is None or before[0].i == 0:
            return False
        prev = self.doc[before[0].i - 1]
        return prev.is_punct and prev.text not in (".", "!", "?")

    def _span(self, tok: Token) -> Range:
        start, end = subtree_chars(tok)
        return trim(self.text, start, end, keep_final=self.text[end - 1 : end] in "”\"’'")

    def _speech_clause(self, v: Token) -> Range:
        """The extent of the cue verb with its subject and modifiers ("he told reporters")."""
        toks = [v]
        for c in v.children:
            if c.dep_ in SPEECH_CLAUSE and not self._in_quote(c.idx):
                toks.extend((c.left_edge, c.right_edge))
        left = min(toks, key=lambda t: t.i)
        right = max(toks, key=lambda t: t.i)
        return left.idx, right.idx + len(right.text)

    def _in_quote(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.quotes)

    def _adjacent_quote(self, v: Token) -> Range | None:
        """A quotation right before "..., he said" or right after "He said:"."""
        if not self.quotes or self._in_quote(v.idx):
            return None
        left, right = self._speech_clause(v)
        for qs, qe in reversed(self.quotes):
            if qe <= left:
                if _BEFORE_CLAUSE.fullmatch(self.text, qe, left):
                    return qs, qe
                break
        for qs, qe in self.quotes:
            if qs >= right:
                if _AFTER_CLAUSE.fullmatch(self.text, right, qs):
                    return qs, qe
                break
        return None

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
        if subj.tag_ in RELATIVE_TAGS or subj.i == cue.head.i:
            start, end = (
                np_head_chars(subj) if subj.i == cue.head.i else (subj.idx, subj.idx + len(subj.text))
            )
        else:
            start, end = self._source_range(subj)
        start, end = trim(self.text, start, end, keep_final=True)
        if end <= start or overlaps((start, end), f.cue):
            return
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
