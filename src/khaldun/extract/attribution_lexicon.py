"""The attribution lexicon (``data/attribution_cues.yaml``) compiled for fast lookup.

The spaCy pipeline runs without a lemmatizer, so cue verbs are recognised by a
small de-inflector (regular -s/-ed/-ing forms plus an irregular table) against
the lexicon's base forms.  Everything is loaded once per process, lazily.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..datafiles import load_yaml
from ..records import STANCES, Stance

LEXICON_FILE = "attribution_cues.yaml"


@dataclass(frozen=True, slots=True)
class VerbCue:
    """How one cue verb commits its source and which complements are its content."""

    stance: Stance
    content: frozenset[str]  # clause, quote, object, infinitive
    weak: bool = False


@dataclass(frozen=True, slots=True)
class PhraseCue:
    """A multi-word cue ("according to", "claimed responsibility for")."""

    words: tuple[str, ...]
    stance: Stance
    source: str  # object | subject
    content: str  # clause | object


@dataclass(frozen=True, slots=True)
class Antecedents:
    """What a pronoun or definite description may refer back to."""

    heads: frozenset[str] = frozenset()
    ents: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    plural: bool = False


@dataclass(slots=True)
class Lexicon:
    verbs: dict[str, VerbCue]
    nouns: dict[str, Stance]
    phrases: list[PhraseCue]
    irregular: dict[str, str]
    particles: dict[str, frozenset[str]]
    sourceless: frozenset[str]
    hedge_words: frozenset[str]
    hedge_phrases: list[tuple[str, ...]]
    retro_hedges: list[tuple[str, ...]]
    negated: dict[str, Stance]
    pronouns: dict[str, Antecedents]
    descriptions: dict[str, Antecedents]
    media: frozenset[str]
    producers: frozenset[str]
    speaker_pronouns: frozenset[str] = frozenset()
    naming: frozenset[str] = frozenset()
    evidence: frozenset[str] = frozenset()
    speakers: frozenset[str] = frozenset()
    about_preps: frozenset[str] = frozenset()
    addressees: frozenset[str] = frozenset()
    audiences: frozenset[str] = frozenset()
    reflexives: frozenset[str] = frozenset()
    pronoun_speakers: frozenset[str] = frozenset()
    label_stoplist: frozenset[str] = frozenset()
    max_label_words: int = 4
    dashes: tuple[str, ...] = ()
    passive_stance: Stance = "hedged"
    min_quote_words: int = 3
    _base_cache: dict[tuple[str, bool], str | None] = field(default_factory=dict)

    def base(self, word: str, known: Iterable[str] | None = None, noun: bool = False) -> str | None:
        """The lexicon base form of ``word`` (lowercase), or None when it is no cue word."""
        key = (word, noun)
        if key in self._base_cache and known is None:
            return self._base_cache[key]
        vocab = known if known is not None else (self.nouns if noun else self.verbs)
        found = next((c for c in _candidates(word, self.irregular) if c in vocab), None)
        if known is None:
            self._base_cache[key] = found
        return found

    def verb(self, tok: Token) -> tuple[str, VerbCue] | None:
        """The cue entry for a verb token, by its base form."""
        base = self.base(tok.lower_)
        return (base, self.verbs[base]) if base else None

    def noun(self, tok: Token) -> Stance | None:
        base = self.base(tok.lower_, noun=True)
        return self.nouns[base] if base else None


def _candidates(word: str, irregular: dict[str, str]) -> Iterable[str]:
    """Possible base forms of an inflected English verb or noun, most likely first."""
    if word in irregular:
        yield irregular[word]
    yield word
    if word.endswith("ies") or word.endswith("ied"):
        yield word[:-3] + "y"
    if word.endswith("es"):
        yield word[:-2]
    if word.endswith("s"):
        yield word[:-1]
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            yield stem
            yield stem + "e"
            if len(stem) > 2 and stem[-1] == stem[-2]:
                yield stem[:-1]  # admitted -> admit


def _tuple(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(str(w).lower() for w in words)


def _antecedents(spec: dict) -> Antecedents:
    return Antecedents(
        heads=frozenset(spec.get("heads", ())),
        ents=frozenset(spec.get("ents", ())),
        kinds=frozenset(spec.get("kinds", ())),
        plural=bool(spec.get("plural", False)),
    )


def _stance(value: str) -> Stance:
    if value not in STANCES:
        raise ValueError(f"{LEXICON_FILE}: unknown stance {value!r}")
    return value  # type: ignore[return-value]


@functools.cache
def lexicon() -> Lexicon:
    """The compiled lexicon, built on first use."""
    raw = load_yaml(LEXICON_FILE)
    weak = frozenset(raw.get("weak_verbs", ()))
    verbs: dict[str, VerbCue] = {}
    for group in raw["verb_cues"]:
        stance = _stance(group["stance"])
        content = frozenset(group["content"])
        for verb in group["verbs"]:
            verbs.setdefault(verb, VerbCue(stance, content, verb in weak))
    nouns = {n: _stance(s) for s, ns in raw["noun_cues"].items() for n in ns}
    phrases = [
        PhraseCue(_tuple(p["phrase"]), _stance(p["stance"]), p["source"], p["content"])
        for p in raw.get("phrase_cues", ())
    ]
    hedges = raw.get("hedges", {})
    pronouns = {k: _antecedents(v) for k, v in raw.get("pronouns", {}).items()}
    for possessive, pronoun in raw.get("possessive_pronouns", {}).items():
        pronouns.setdefault(possessive, pronouns[pronoun])
    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        phrases=phrases,
        irregular={str(k).lower(): v for k, v in raw.get("irregular", {}).items()},
        particles={v: frozenset(ps) for v, ps in raw.get("particle_cues", {}).items()},
        sourceless=frozenset(raw.get("sourceless_verbs", ())),
        hedge_words=frozenset(hedges.get("words", ())),
        hedge_phrases=[_tuple(p) for p in hedges.get("phrases", ())],
        retro_hedges=[_tuple(p) for p in raw.get("retrospective_hedges", ())],
        negated={k: _stance(v) for k, v in raw.get("negated_stance", {}).items()},
        pronouns=pronouns,
        descriptions={k: _antecedents(v) for k, v in raw.get("descriptions", {}).items()},
        media=frozenset(raw.get("media_nouns", ())),
        producers=frozenset(raw.get("producer_verbs", ())),
        passive_stance=_stance(raw.get("sourceless_passive_stance", "hedged")),
        min_quote_words=int(raw.get("min_quote_words", 3)),
        speaker_pronouns=frozenset(raw.get("speaker_pronouns", ())),
        naming=frozenset(raw.get("naming_verbs", ())),
        evidence=frozenset(raw.get("evidence_nouns", ())) | frozenset(raw.get("media_nouns", ())),
        speakers=frozenset(raw.get("speaker_nouns", ())),
        about_preps=frozenset(raw.get("content_prepositions", ())),
        addressees=frozenset(raw.get("addressee_verbs", ())),
        audiences=frozenset(raw.get("audience_nouns", ())),
        reflexives=frozenset(raw.get("reflexive_pronouns", ())),
        pronoun_speakers=frozenset(raw.get("pronoun_speakers", ("he", "she", "they"))),
        label_stoplist=frozenset(raw.get("layout_label_stoplist", ())),
        max_label_words=int(raw.get("layout_max_label_words", 4)),
        dashes=tuple(raw.get("layout_dashes", ())),
    )


_NORM = {"n't": "not", "cannot": "not", "’s": "'s"}
_KEYS = "khaldun.attribution.keys"


def token_key(tok: Token) -> str:
    """A token's lowercase form for phrase matching ("n't" reads "not")."""
    low = tok.lower_
    return _NORM.get(low, low)


def doc_keys(doc: Doc) -> list[str]:
    """Every token's :func:`token_key`, computed once per Doc (kept in ``doc.user_data``)."""
    keys = doc.user_data.get(_KEYS)
    if keys is None:
        keys = [_NORM.get(low, low) for low in (t.lower_ for t in doc)]
        doc.user_data[_KEYS] = keys
    return keys


def match_phrases(doc: Doc, phrases: Sequence[tuple[str, ...]]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Every (start, end) token range where one of ``phrases`` occurs, longest first per start."""
    by_first = _by_first(tuple(phrases))
    keys = doc_keys(doc)
    out = []
    for i, key in enumerate(keys):
        for p in by_first.get(key, ()):
            if tuple(keys[i : i + len(p)]) == p:
                out.append((i, i + len(p), p))
                break
    return out


@functools.lru_cache(maxsize=16)
def _by_first(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for p in sorted(phrases, key=len, reverse=True):
        by_first.setdefault(p[0], []).append(p)
    return by_first
