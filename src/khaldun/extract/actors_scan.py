"""Candidate actor mentions in a parsed document, before overlaps and references are settled.

Two sources: spaCy PhraseMatchers over the registry's aliases (attr LOWER) and
case-sensitive forms (attr ORTH), and a token scanner for phrases built from
word classes (``actor_words.yaml``): country word + force noun, bare force nouns,
generic actors, identity militias and anaphors. :mod:`actors` picks the
non-overlapping ones and resolves them.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from ..nlp import load_nlp
from ..records import Actor
from .actors_lexicon import CountryForm, Lexicon, lexicon
from .actors_registry import registry

HYPHEN_PREFIXES = frozenset({"pro", "anti", "non", "ex"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
POSSESSIVE_PRONOUNS = frozenset({"its", "their"})
RANK_REGISTRY, RANK_STATE, RANK_GENERIC, RANK_ANAPHOR = 0, 1, 2, 3
FORCE_KINDS = frozenset({"rebel", "militia", "identity_militia", "external", "state"})


@dataclass(slots=True)
class Cand:
    """A candidate: the tokens it claims and the tokens its mention text covers."""

    start: int
    end: int
    mstart: int
    mend: int
    kind: str  # registry | state | media | generic | ethnic | anaphor
    rank: int
    ids: tuple[tuple[str, bool], ...] = ()  # registry: (actor id, needs country context)
    role: str | None = None  # state role, generic category or ethnic group
    country: str | None = None  # named by a country word in the phrase
    coref: str = "none"  # generic: none | nearby | document
    anaphor: int | None = None
    possessed: bool = False  # a state noun licensed only by "its"/"their": needs a state before it


@dataclass(slots=True)
class Scan:
    """What scanning one document found."""

    cands: list[Cand]
    country_hits: list[str]  # ISO codes of every country word, in order
    sent_of: list[int]  # per token, its sentence number


@functools.cache
def phrase_matchers() -> tuple[PhraseMatcher, PhraseMatcher, dict[int, list[tuple[str, bool]]]]:
    """Matchers over every registry form, built once: (LOWER, ORTH, key -> [(id, context)])."""
    nlp = load_nlp()
    ambiguous = lexicon().ambiguous_acronyms
    lower, orth = PhraseMatcher(nlp.vocab, attr="LOWER"), PhraseMatcher(nlp.vocab, attr="ORTH")
    targets: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    texts: dict[str, str] = {}
    for phrase, actor_id, case_sensitive, context_only in registry().phrases():
        key = ("O:" + phrase) if case_sensitive else ("L:" + phrase.lower())
        needs = context_only or (case_sensitive and phrase in ambiguous)
        if (actor_id, needs) not in targets[key]:
            targets[key].append((actor_id, needs))
        texts[key] = phrase
    keys = list(texts)
    by_hash: dict[int, list[tuple[str, bool]]] = {}
    for key, doc in zip(keys, nlp.tokenizer.pipe(texts[k] for k in keys), strict=True):
        (orth if key.startswith("O:") else lower).add(key, [doc])
        by_hash[nlp.vocab.strings[key]] = targets[key]
    return lower, orth, by_hash


def sentence_index(doc: Doc) -> list[int]:
    """Per token, the number of its sentence (all 0 for a doc without sentence starts)."""
    if not len(doc) or not doc.has_annotation("SENT_START"):
        return [0] * len(doc)
    starts = doc.to_array(["SENT_START"]).tolist()
    out, n = [], 0
    for i, flag in enumerate(starts):
        if flag == 1 and i:
            n += 1
        out.append(n)
    return out


def _caps_sentences(toks: list[Token], sent_of: list[int]) -> list[bool]:
    """Per token: is its sentence written in capitals (a headline), where acronyms mislead."""
    words: dict[int, list[bool]] = defaultdict(list)
    for t, n in zip(toks, sent_of, strict=True):
        if t.is_alpha and len(t.text) > 1:
            words[n].append(t.text.isupper())
    caps = {n: sum(w) >= 3 and sum(w) / len(w) > 0.6 for n, w in words.items()}
    return [caps.get(n, False) for n in sent_of]


class Scanner:
    """Finds candidates in one document; holds per-document token views."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.lex: Lexicon = lexicon()
        self.toks = list(doc)  # Token objects are built on access: build them once
        self.low = [t.lower_ for t in self.toks]
        self.sent_of = sentence_index(doc)
        self.cands: list[Cand] = []
        self.country_hits: list[str] = []

    def run(self) -> Scan:
        self._registry()
        self._protest_subjects()
        for i in range(len(self.doc)):
            self._country_led(i)
            self._noun_led(i)
            self._generic(i)
            self._ethnic(i)
            self._anaphor(i)
        return Scan(self.cands, self.country_hits, self.sent_of)

    # ---------------------------------------------------------------- registry phrases
    def _registry(self) -> None:
        lower, orth, targets = phrase_matchers()
        caps = _caps_sentences(self.toks, self.sent_of)
        ambiguous, reg = self.lex.ambiguous_acronyms, registry()
        for matcher, cased in ((lower, False), (orth, True)):
            for key, s, e in matcher(self.doc):
                # An ambiguous acronym in a sentence written in capitals may be a word
                # ("WHAT IS"). The tagger is no help: en_core_web_md tags most
                # upper-case "IS" as AUX even in "IS fighters had fled".
                if cased and e - s == 1 and caps[s] and self.toks[s].text in ambiguous:
                    continue
                ids = tuple(targets[key])
                end = self._members(e) if any(_forces(reg.get(a)) for a, _n in ids) else e
                self.cands.append(Cand(s, end, s, end, "registry", RANK_REGISTRY, ids=ids))

    def _members(self, e: int) -> int:
        """Extend a named mention over a following member noun ("IS fighters")."""
        hit = self.lex.members.longest(self.low, e)
        return hit[0] if hit else e

    # ---------------------------------------------------------------- country word + noun
    def _country_at(self, i: int) -> tuple[int, str, bool] | None:
        hit = self.lex.countries.longest(self.low, i)
        if not hit:
            return None
        end, forms = hit
        texts = [t.text for t in self.toks[i:end]]
        for form in forms:
            assert isinstance(form, CountryForm)
            if form.exact and tuple(texts) != form.text:
                continue
            if not form.exact and not texts[0][:1].isupper():
                continue
            return end, form.code, form.is_name
        return None

    def _country_led(self, i: int) -> None:
        found = self._country_at(i)
        if not found:
            return
        ce, code, is_name = found
        low = self.low
        if i >= 2 and low[i - 1] == "-" and low[i - 2] in HYPHEN_PREFIXES:
            return  # "pro-Russian separatists" are not Russia's forces
        self.country_hits.append(code)
        if ce + 1 < len(low) and low[ce] == "-" and low[ce + 1] in self.lex.backing:
            return  # "Turkish-backed rebels"
        j = ce + 1 if ce < len(low) and low[ce] in POSSESSIVE else ce
        best: tuple[int, str, object] | None = None  # (end, kind, trie value)
        for p in self._after_qualifiers(j):
            for trie, kind in (
                (self.lex.state_nouns, "state"),
                (self.lex.state_media, "media"),
                (self.lex.generic, "generic"),
                (self.lex.actions, "action"),
            ):
                hit = trie.longest(low, p)
                if hit and (best is None or hit[0] > best[0]):
                    best = (hit[0], kind, hit[1][0])
        if best is None:
            if is_name:
                self._country_subject(i, ce, code)
            return
        end, kind, val = best
        if kind == "action":
            self.cands.append(Cand(i, end, i, ce, "state", RANK_STATE, role="military", country=code))
        elif kind == "generic":
            category, coref = val  # type: ignore[misc]
            category = self._by_role(category, end - 1)
            self.cands.append(
                Cand(i, end, i, end, "generic", RANK_GENERIC, role=category, country=code, coref=coref)
            )
        else:
            role = val if kind == "state" else None
            self.cands.append(Cand(i, end, i, end, kind, RANK_STATE, role=role, country=code))  # type: ignore[arg-type]

    def _country_subject(self, i: int, ce: int, code: str) -> None:
        """A country as subject stands for its state: "Russia said", "Turkey shelled"."""
        tok = self.toks[ce - 1]
        head = tok.head
        agent = tok.dep_ == "pobj" and head.lower_ == "by" and head.dep_ == "agent"
        if tok.dep_ not in ("nsubj", "nsubjpass") and not agent:
            return
        verb = head.head if agent else head
        role = "military" if verb.lower_ in self.lex.military_verbs else "government"
        self.cands.append(Cand(i, ce, i, ce, "state", RANK_STATE, role=role, country=code))

    def _after_qualifiers(self, j: int) -> list[int]:
        """Positions after zero, one or two state qualifiers ("government", "security")."""
        out = [j]
        for _ in range(2):
            hit = self.lex.qualifiers.longest(self.low, out[-1])
            if not hit:
                break
            out.append(hit[0])
        return out

    # ---------------------------------------------------------------- bare force nouns
    def _noun_led(self, i: int) -> None:
        low, lex = self.low, self.lex
        if i and self._blocked_by(i - 1):
            return
        best: tuple[int, str, bool] | None = None  # (end, role, licensed)
        for n, p in enumerate(self._after_qualifiers(i)):
            hit = lex.state_nouns.longest(low, p)
            if hit and (best is None or hit[0] > best[0]):
                phrase = " ".join(low[p : hit[0]])
                licensed = (
                    n > 0 or phrase in lex.bare or (i and low[i - 1] == "the" and f"the {phrase}" in lex.bare)
                )
                best = (hit[0], hit[1][0], bool(licensed))
        if best is None:
            return
        end, role, licensed = best
        if end + 1 < len(low) and low[end] == "of":
            k = end + 2 if low[end + 1] == "the" else end + 1
            found = self._country_at(k)
            if found:
                self.cands.append(
                    Cand(i, found[0], i, found[0], "state", RANK_STATE, role=role, country=found[1])
                )
                return
        possessed = not licensed and i > 0 and low[i - 1] in POSSESSIVE_PRONOUNS  # "its units"
        if not (licensed or possessed) or self._is_modifier(end - 1):
            return
        self.cands.append(Cand(i, end, i, end, "state", RANK_STATE, role=role, possessed=possessed))

    def _blocked_by(self, k: int) -> bool:
        """Is token ``k`` a modifier showing the noun after it is not the state's?"""
        tok = self.toks[k]
        if self.low[k] in self.lex.blockers or self.low[k] in self.lex.backing:
            return True
        if tok.is_sent_start or not tok.text[:1].isupper() or tok.pos_ == "DET":
            return False
        return tok.pos_ in ("PROPN", "ADJ") and not self.lex.qualifiers.longest(self.low, k)

    def _is_modifier(self, k: int) -> bool:
        """Does the word modify the noun after it ("police station", "civilian casualties")?
        A word list, not the parse: the parser reads "a gendarme shot" as a compound."""
        return k + 1 < len(self.low) and self.low[k + 1] in self.lex.modifier_heads

    # ---------------------------------------------------------------- generic actors
    def _generic(self, i: int) -> None:
        low, lex = self.low, self.lex
        p = i + 1 if low[i] in lex.unidentified else i
        hit = lex.generic.longest(low, p)
        if not hit:
            return
        end, values = hit
        if end < len(low) and low[end] == "of" and " ".join(low[p:end]) in lex.partitives:
            return  # "a group of gunmen": the gunmen are the actor
        category, coref = values[0]
        if p > i:
            coref = "none"
        while (
            category == "civilians"
            and (more := lex.generic.longest(low, end))
            and more[1][0][0] == "civilians"
        ):
            end = more[0]  # "women residents"
        if category == "civilians" and end < len(low) and low[end] in lex.protest_participles:
            category, end = "protesters", end + 1
        elif self._is_modifier(end - 1):
            return
        category = self._by_role(category, end - 1)
        self.cands.append(Cand(i, end, i, end, "generic", RANK_GENERIC, role=category, coref=coref))

    def _by_role(self, category: str, k: int) -> str:
        """Civilians doing what protesters, rioters or gunmen do are named so ("residents
        protested" -> protesters), as ACLED names actors by their part in the event."""
        if category != "civilians":
            return category
        verb = _subject_verb(self.toks[k])
        if verb is None:
            return category
        for v in (verb, *verb.conjuncts):
            role = self.lex.subject_roles.get(v.lower_)
            if role:
                return role
            if v.lower_ in self.lex.light_verbs and self._has_protest_object(v):
                return "protesters"
        return category

    def _has_protest_object(self, verb: Token) -> bool:
        """Is a protest the verb's object: "staged a protest", "took part in a rally"?"""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for obj in objects:
            mods = [c.lower_ for c in obj.lefts if c.dep_ in ("compound", "amod")]
            if {obj.lower_, " ".join([*mods, obj.lower_])} & self.lex.protest_nouns:
                return True
        return False

    def _protest_subjects(self) -> None:
        """Whoever protests is a protester: the subject of "protested" or of "staged a
        protest", whatever noun names them ("firefighters", "a group")."""
        roles = self.lex.subject_roles
        for verb in self.toks:
            low = verb.lower_
            if roles.get(low) != "protesters" and not (
                low in self.lex.light_verbs and self._has_protest_object(verb)
            ):
                continue
            for subj in verb.children:
                if subj.dep_ != "nsubj" or subj.pos_ not in ("NOUN", "PROPN"):
                    continue
                subj = _after_partitive(subj) if subj.lower_ in self.lex.partitives else subj
                for tok in (subj, *subj.conjuncts):
                    left = min((c.i for c in tok.lefts if c.dep_ in ("compound", "amod")), default=tok.i)
                    end = tok.i + 1
                    self.cands.append(Cand(left, end, left, end, "generic", RANK_GENERIC, role="protesters"))

    def _ethnic(self, i: int) -> None:
        hit = self.lex.ethnic_groups.longest(self.low, i)
        if not hit or not self.toks[i].text[:1].isupper():
            return
        noun = self.lex.ethnic_nouns.longest(self.low, hit[0])
        if noun:
            self.cands.append(Cand(i, noun[0], i, noun[0], "ethnic", RANK_STATE, role=hit[1][0]))

    def _anaphor(self, i: int) -> None:
        hit = self.lex.anaphors.longest(self.low, i)
        if hit:
            self.cands.append(Cand(i, hit[0], i, hit[0], "anaphor", RANK_ANAPHOR, anaphor=hit[1][0]))


def _forces(actor: Actor | None) -> bool:
    """Can the actor have fighters ("IS fighters")? Not a government or a newspaper."""
    return actor is not None and actor.kind in FORCE_KINDS


def _after_partitive(tok: Token) -> Token:
    """The noun after a container word: "a group of workers" -> "workers"."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                    return pobj
    return tok


def _subject_verb(tok: Token) -> Token | None:
    """The verb whose subject (or "by" agent) the noun is, through "and" and "a group of"."""
    for _ in range(3):
        if tok.dep_ == "conj":
            tok = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "nsubj":
            tok = tok.head.head
        else:
            break
    if tok.dep_ == "nsubj":
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return tok.head.head
    return None


def scan(doc: Doc) -> Scan:
    """All candidate actor mentions in ``doc`` (overlapping; see actors.select)."""
    return Scanner(doc).run()
