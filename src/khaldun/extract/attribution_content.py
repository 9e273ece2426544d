"""The content of a verb cue: its clause, an adjacent quotation, a to-clause or an object.

:class:`VerbContent` is the part of the attribution :class:`~.attribution_extract.Finder`
that reads a cue verb's complements in the dependency parse; it needs the Finder's
``doc``, ``lex``, ``text``, ``quotes`` and ``used``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .attribution_found import Range, overlaps
from .attribution_lexicon import Lexicon
from .attribution_syntax import RELATIVE_TAGS, child, np_head_chars, subject_of, subtree_chars, trim, without

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


class VerbContent:
    """Complements of cue verbs as content ranges."""

    doc: Doc
    lex: Lexicon
    text: str
    quotes: list[Range]
    used: set[int]

    def _verb_content(
        self, v: Token, kinds: frozenset[str], weak: bool, base: str
    ) -> tuple[Range | None, bool, list]:
        """The content range of a cue verb, whether it is a quotation, and particle tokens in the cue."""
        if base in self.lex.addressees and self._addressee(child(v, "dobj")):
            kinds = kinds - {"object"}  # "told reporters": the object is who is told, not what
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
        if obj is None and "object" in kinds and not weak:
            about = self._about(v)  # "criticized for its policies", "decided against charges"
            if about is not None:
                return about, False, []
        relative = obj is not None and obj.i < v.i and obj.tag_ in RELATIVE_TAGS and v.dep_ == "relcl"
        if relative and "object" in kinds and not weak:  # "the plan, which the bank detailed"
            return trim(self.text, *np_head_chars(v.head)), False, []
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
            for c in self._charge_preps(v, obj):  # "accused the army (on Monday) of shelling ..."
                end = max(end, subtree_chars(c)[1])
            return trim(self.text, obj.left_edge.idx, end), False, []
        return None, False, []

    def _addressee(self, obj: Token | None) -> bool:
        """Is the object someone spoken to ("reporters", "AFP", "him") rather than what is said?"""
        if obj is None:
            return False
        return (
            obj.pos_ in ("PRON", "PROPN")
            or obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
            or obj.lower_ in self.lex.speakers
            or obj.lower_ in self.lex.audiences
        )

    def _charge_preps(self, v: Token, obj: Token) -> list[Token]:
        """ "of"/"for" phrases after the object saying what it is accused of or praised for,
        also where the parser hung them on a time phrase ("accused X on Monday of ...")."""
        out = []
        for c in v.children:
            if c.dep_ != "prep" or c.i <= obj.i:
                continue
            if c.lower_ in ("of", "for"):
                out.append(c)
            when = child(c, "pobj")
            if when is not None and when.ent_type_ in ("DATE", "TIME"):
                out.extend(g for g in when.children if g.dep_ == "prep" and g.lower_ in ("of", "for"))
        return out

    def _about(self, v: Token) -> Range | None:
        """The object of a "what about" preposition after the verb ("accused of X")."""
        for c in v.children:
            if c.dep_ == "prep" and c.i > v.i and c.lower_ in self.lex.about_preps:
                obj = child(c, "pobj", "pcomp")
                if obj is not None:
                    return self._span(obj)
        return None

    def _naming(self, v: Token) -> Range | None:
        """ "called Trump a liar", "described Clinton as a disgrace", "called the charges false":
        the object together with what it is called; in "what analysts described as tactics",
        what it is called."""
        after = [c for c in v.children if c.i > v.i]
        obj = next((c for c in after if c.dep_ in ("dobj", "xcomp", "nsubj")), None)
        if obj is None:
            rel = child(v, "dobj")
            relative = rel is not None and rel.i < v.i and rel.tag_ in RELATIVE_TAGS
            if not relative and child(v, "nsubjpass") is None:
                return None
            obj = v  # "what X called ...", "X was called ...": only the predicate is new
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
        start = pred.left_edge.idx if obj is v else obj.left_edge.idx
        return trim(self.text, start, subtree_chars(pred)[1], keep_final=True)

    def _clause(self, v: Token) -> Range | None:
        comp = child(v, "ccomp")
        if comp is not None:
            span = self._span(comp)
            if span[0] < v.idx < span[1]:  # "IS, who it said had been ...": the clause wraps the cue
                span = trim(self.text, max(span[0], self._speech_clause(v)[1]), span[1])
            return self._clip(span)
        if self._as_clause(v):  # "..., as police have said"
            return trim(self.text, *without(subtree_chars(v.head), subtree_chars(v)))
        if v.dep_ in ("ccomp", "parataxis", "conj") and self._parenthetical(v):
            # "The army retook the hill, he said" / "Troops, he said, retook ...": the cue
            # hangs from its content.
            start, end = without(subtree_chars(v.head), subtree_chars(v))
            return trim(self.text, start, end)
        return None

    def _clip(self, span: Range) -> Range:
        """A reported clause ends at a semicolon: what follows is the writer's again."""
        semi = self.text.find(";", span[0], span[1])
        return trim(self.text, span[0], semi) if semi > span[0] else span

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
        blocking = ("mark", "xcomp") if entry[0] in self.lex.addressees else ("mark", "dobj", "xcomp")
        if any(c.dep_ in blocking for c in v.children):
            return False
        if v.dep_ == "conj" and any(c.dep_ == "cc" and c.i < v.i for c in v.head.children):
            return False  # "X happened and Y said ...": a second statement, not a parenthesis
        # the subject is set off by punctuation ("Back in Virginia, Mr. Clarke said, he ...")
        first = child(v, "nsubj").left_edge  # type: ignore[union-attr]
        if first.i == 0:
            return False
        prev = self.doc[first.i - 1]
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
