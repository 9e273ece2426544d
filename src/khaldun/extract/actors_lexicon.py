"""``data/actor_words.yaml`` and the country words of ``demonyms.tsv`` compiled to token tries.

Phrases are tokenised with the pipeline's own tokenizer so that they split the
way document text does ("pro-government" -> "pro", "-", "government"). A trie
maps lowercased token sequences to values; matching walks it from a token and
keeps the longest hit, a handful of dict look-ups per token.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language

from ..datafiles import load_yaml
from ..nlp import load_nlp
from .actors_registry import registry

END = "\0"  # trie key under which a node keeps its value


class Trie:
    """Lowercased token sequences -> value; the longest match from a position wins."""

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}

    def add(self, tokens: Sequence[str], value: Any) -> None:
        node = self.root
        for t in tokens:
            node = node.setdefault(t, {})
        node.setdefault(END, []).append(value)

    def longest(self, low: Sequence[str], i: int) -> tuple[int, list[Any]] | None:
        """(end, values) of the longest phrase starting at token ``i``."""
        node, best, j = self.root, None, i
        while j < len(low):
            node = node.get(low[j])
            if node is None:
                break
            j += 1
            if END in node:
                best = (j, node[END])
        return best


@dataclass(frozen=True, slots=True)
class CountryForm:
    """One way of writing a country: "Syrian", "Ukraine", "US", "DR Congo"."""

    code: str
    text: tuple[str, ...]  # the form's tokens, original case
    exact: bool  # all-capital forms (US, UK, DRC) must match case exactly
    is_name: bool  # a name of the country ("Syria"), not a demonym ("Syrian")


@dataclass
class Lexicon:
    """Everything the scanner matches, compiled once per process."""

    countries: Trie = field(default_factory=Trie)
    qualifiers: Trie = field(default_factory=Trie)
    state_nouns: Trie = field(default_factory=Trie)  # value: role
    actions: Trie = field(default_factory=Trie)
    state_media: Trie = field(default_factory=Trie)
    generic: Trie = field(default_factory=Trie)  # value: (category, coref)
    members: Trie = field(default_factory=Trie)
    anaphors: Trie = field(default_factory=Trie)  # value: index into anaphor_specs
    ethnic_groups: Trie = field(default_factory=Trie)  # value: canonical group name
    ethnic_nouns: Trie = field(default_factory=Trie)
    bare: set[str] = field(default_factory=set)
    blockers: set[str] = field(default_factory=set)
    backing: set[str] = field(default_factory=set)
    unidentified: set[str] = field(default_factory=set)
    protest_participles: set[str] = field(default_factory=set)
    ambiguous_acronyms: set[str] = field(default_factory=set)
    military_verbs: set[str] = field(default_factory=set)
    modifier_heads: set[str] = field(default_factory=set)
    subject_roles: dict[str, str] = field(default_factory=dict)  # verb form -> generic category
    light_verbs: set[str] = field(default_factory=set)
    protest_nouns: set[str] = field(default_factory=set)
    partitives: set[str] = field(default_factory=set)
    link_words: set[str] = field(default_factory=set)
    speaking_bodies: tuple[str, ...] = ()
    anaphor_specs: list[dict[str, Any]] = field(default_factory=list)
    ethnic_spec: dict[str, Any] = field(default_factory=dict)


def _tokens(nlp: Language, phrases: Iterable[str]) -> list[tuple[str, list[str]]]:
    phrases = list(phrases)
    return [(p, [t.text for t in doc]) for p, doc in zip(phrases, nlp.tokenizer.pipe(phrases), strict=True)]


def _fill(nlp: Language, trie: Trie, phrases: Iterable[str], value: Any = None) -> None:
    for p, toks in _tokens(nlp, phrases):
        trie.add([t.lower() for t in toks], p if value is None else value)


def _country_forms(nlp: Language, lex: Lexicon) -> None:
    forms = [
        (c.code, f, f in c.names) for c in registry().countries.values() for f in (*c.demonyms, *c.names)
    ]
    for (code, form, is_name), (_p, toks) in zip(
        forms, _tokens(nlp, [f for _c, f, _n in forms]), strict=True
    ):
        letters = [ch for ch in form if ch.isalpha()]
        exact = len(letters) <= 4 and all(ch.isupper() for ch in letters)
        lex.countries.add([t.lower() for t in toks], CountryForm(code, tuple(toks), exact, is_name))


@functools.cache
def lexicon() -> Lexicon:
    """The process-wide lexicon, compiled on first use."""
    nlp = load_nlp()
    words = load_yaml("actor_words.yaml")
    lex = Lexicon()
    _country_forms(nlp, lex)
    _fill(nlp, lex.qualifiers, words["qualifiers"])
    for role, nouns in words["state_nouns"].items():
        _fill(nlp, lex.state_nouns, nouns, role)
    _fill(nlp, lex.actions, words["action_nouns"])
    _fill(nlp, lex.state_media, words["state_media_nouns"])
    _fill(nlp, lex.members, words["member_nouns"])
    for spec in words["generic"]:
        _fill(nlp, lex.generic, spec["words"], (spec["category"], spec.get("coref", "none")))
    for i, spec in enumerate(words["anaphors"]):
        lex.anaphor_specs.append(spec)
        _fill(nlp, lex.anaphors, spec["phrases"], i)
    eth = words.get("identity_militias") or {}
    lex.ethnic_spec = eth
    for word, canon in (eth.get("groups") or {}).items():
        _fill(nlp, lex.ethnic_groups, [word], canon)
    _fill(nlp, lex.ethnic_nouns, eth.get("nouns") or [])
    lex.bare = {" ".join(t.lower() for t in toks) for _p, toks in _tokens(nlp, words["bare"])}
    lex.blockers = {w.lower() for w in words["blockers"]}
    lex.backing = {w.lower() for w in words["backing_suffixes"]}
    lex.unidentified = {w.lower() for w in words["unidentified_prefixes"]}
    lex.protest_participles = {w.lower() for w in words["protest_participles"]}
    lex.ambiguous_acronyms = set(words["ambiguous_acronyms"])
    lex.military_verbs = {w.lower() for w in words.get("military_verbs") or []}
    lex.modifier_heads = {w.lower() for w in words.get("modifier_heads") or []}
    for category, verbs in (words.get("subject_roles") or {}).items():
        lex.subject_roles.update({v.lower(): category for v in verbs})
    lex.light_verbs = {w.lower() for w in words.get("light_verbs") or []}
    lex.protest_nouns = {w.lower() for w in words.get("protest_nouns") or []}
    lex.partitives = {w.lower() for w in words.get("partitives") or []}
    lex.link_words = {w.lower() for w in words.get("link_words") or []}
    lex.speaking_bodies = tuple(w.lower() for w in words.get("speaking_bodies") or [])
    return lex
