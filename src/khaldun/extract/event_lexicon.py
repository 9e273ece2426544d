"""The event lexicon (``data/event_lexicon.yaml``) compiled into a phrase index.

The YAML is written for researchers: phrases in a tiny pattern language (see the
file's header). This module turns each phrase into token patterns once per
process, so matching a document is one pass of dictionary look-ups over its tokens.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ..datafiles import load_yaml
from .phrase_index import Elem, Pattern, PhraseIndex

VOWELS = set("aeiou")
_GAP = re.compile(r"\.\.(\d+)|\.\.\.")


@dataclass(frozen=True, slots=True)
class TriggerSpec:
    """One trigger phrase and the conditions under which it names an event."""

    key: str
    type: str
    phrase: str
    weak: bool = False
    requires: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    arg: tuple[str, ...] = ()
    arg_not: tuple[str, ...] = ()
    doer_prep: str | None = None
    attempt_ok: bool = False
    not_modifier: bool = False
    not_modifier_of: tuple[str, ...] = ()  # word classes: not when it modifies one of these
    priority: int | None = None
    continuation: bool = False
    doer_in: tuple[str, ...] = ()
    reversed_roles: bool = False
    announced: bool = False
    story: bool = False


@dataclass(frozen=True, slots=True)
class TypeSpec:
    name: str
    priority: int
    suppresses: frozenset[str] = frozenset()
    yields: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """A contextual re-typing rule (first the type, then conditions, then the new type)."""

    name: str
    from_types: frozenset[str]
    to: str
    sentence_has: tuple[str, ...] = ()
    sentence_has_also: tuple[str, ...] = ()
    sentence_lacks: tuple[str, ...] = ()
    doer: str | None = None
    target: str | None = None
    trigger_in: str | None = None
    attempted: bool | None = None
    victims: str | None = None
    arrested: str | None = None


@dataclass
class Lexicon:
    """Everything the event classifier knows, loaded once per process."""

    types: dict[str, TypeSpec]
    triggers: dict[str, TriggerSpec]
    rules: list[Rule]
    cue_phrases: dict[str, list[str]]
    irregular: dict[str, set[str]]
    fixed: set[str]
    gap: int
    modals: frozenset[str]
    negations: frozenset[str]
    irrealis_heads: frozenset[str]
    attempt_heads: frozenset[str]
    topic_heads: frozenset[str]
    fatalities: dict[str, Any]
    roles: dict[str, dict[str, Any]]
    escalation: list[dict[str, Any]]
    syntax: dict[str, list[str]]
    word_classes: dict[str, list[str]]
    _index: PhraseIndex | None = None

    @property
    def index(self) -> PhraseIndex:
        """Every trigger (key ``T<n>``) and cue phrase (key ``C:<group>``), compiled once."""
        if self._index is None:
            idx = PhraseIndex()
            for key, spec in self.triggers.items():
                for pat in self.patterns(spec.phrase, verbal=True):
                    idx.add(key, pat)
            for group, phrases in self.cue_phrases.items():
                for ph in phrases:
                    for pat in self.patterns(ph, verbal=False):
                        idx.add(f"C:{group}", pat)
            self._index = idx
        return self._index

    # -- the pattern language -------------------------------------------------
    def patterns(self, phrase: str, verbal: bool) -> list[Pattern]:
        """Element sequences for one phrase: hyphenated words both split and whole."""
        words = phrase.split()
        out = [self._pattern(words, verbal, split_hyphens=True)]
        if any("-" in w.strip("-") for w in words):
            out.append(self._pattern(words, verbal, split_hyphens=False))
        return out

    def _pattern(self, words: list[str], verbal: bool, split_hyphens: bool) -> Pattern:
        pat: list[Elem] = []
        for raw in words:
            gap = _GAP.fullmatch(raw)
            if gap:
                pat.append(Elem(gap=int(gap.group(1)) if gap.group(1) else self.gap))
                continue
            optional = raw.endswith("?") and len(raw) > 1
            raw = raw.rstrip("?") if optional else raw
            exact = raw.startswith("=")
            parts = (
                raw.lstrip("=").split("-") if split_hyphens and "-" in raw.strip("-") else [raw.lstrip("=")]
            )
            for k, part in enumerate(parts):
                forms, pos = self._forms(("=" if exact else "") + part, verbal)
                pat.append(Elem(forms=forms, pos=pos, optional=optional, joined=k > 0))
        return tuple(pat)

    def _forms(self, raw: str, verbal: bool) -> tuple[frozenset[str], frozenset[str]]:
        forms: set[str] = set()
        pos: set[str] = set()
        for alt in raw.split("|"):
            exact = alt.startswith("=")
            alt = alt.lstrip("=")
            if "@" in alt:
                alt, p = alt.rsplit("@", 1)
                pos.add(p)
            alt = alt.lower()
            if alt.startswith("<") and alt.endswith(">"):
                for word in self.word_classes.get(alt[1:-1], ()):
                    forms |= {word[1:]} if word.startswith("=") else self.inflect(word, verbal)
                continue
            forms |= {alt} if exact else self.inflect(alt, verbal)
        return frozenset(forms), frozenset(pos)

    def inflect(self, w: str, verbal: bool) -> set[str]:
        """Regular inflections of ``w`` (plural/singular; verb forms when ``verbal``)."""
        if w in self.fixed or not w.replace("'", "").isalpha():
            return {w}
        out = {w} | self.irregular.get(w, set())
        if w.endswith(("s", "x", "z", "ch", "sh")):
            out.add(w + "es")
        elif w.endswith("y") and len(w) > 2 and w[-2] not in VOWELS:
            out.add(w[:-1] + "ies")
        else:
            out.add(w + "s")
        if w.endswith("ies"):
            out.add(w[:-3] + "y")
        elif w.endswith("es") and len(w) > 4:
            out |= {w[:-2], w[:-1]}
        elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            out.add(w[:-1])
        if verbal:
            out |= _verb_forms(w)
        return out


def _verb_forms(w: str) -> set[str]:
    if w.endswith("e"):
        forms = {w + "d", w + "s"}
        forms.add(w + "ing" if w.endswith("ee") else w[:-1] + "ing")
        return forms
    if w.endswith("y") and len(w) > 2 and w[-2] not in VOWELS:
        return {w[:-1] + "ied", w + "ing"}
    forms = {w + "ed", w + "ing"}
    if len(w) >= 3 and w[-1] in "bdgmnprt" and w[-2] in VOWELS and w[-3] not in VOWELS:
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return forms


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list) else (value,)


def _triggers(types: dict[str, Any]) -> dict[str, TriggerSpec]:
    out: dict[str, TriggerSpec] = {}
    for tname, tdata in types.items():
        for group in tdata.get("triggers", []):
            for phrase in group["phrases"]:
                key = f"T{len(out)}"
                out[key] = TriggerSpec(
                    key=key,
                    type=tname,
                    phrase=str(phrase),
                    weak=bool(group.get("weak", False)),
                    requires=_tuple(group.get("requires")),
                    unless=_tuple(group.get("unless")),
                    arg=_tuple(group.get("arg")),
                    arg_not=_tuple(group.get("arg_not")),
                    doer_prep=group.get("doer_prep"),
                    attempt_ok=bool(group.get("attempt_ok", False)),
                    not_modifier=bool(group.get("not_modifier", False)),
                    not_modifier_of=_tuple(group.get("not_modifier_of")),
                    priority=group.get("priority"),
                    continuation=bool(group.get("continuation", False)),
                    doer_in=_tuple(group.get("doer_in")),
                    reversed_roles=bool(group.get("reversed_roles", False)),
                    announced=bool(group.get("announced", False)),
                    story=bool(group.get("story", False)),
                )
    return out


def _rules(raw: list[dict[str, Any]]) -> list[Rule]:
    return [
        Rule(
            name=r["name"],
            from_types=frozenset(_tuple(r["from"])),
            to=r["to"],
            sentence_has=_tuple(r.get("sentence_has")),
            sentence_has_also=_tuple(r.get("sentence_has_also")),
            sentence_lacks=_tuple(r.get("sentence_lacks")),
            doer=r.get("doer"),
            target=r.get("target"),
            trigger_in=r.get("trigger_in"),
            attempted=r.get("attempted"),
            victims=r.get("victims"),
            arrested=r.get("arrested"),
        )
        for r in raw
    ]


def _role(raw: dict[str, Any]) -> dict[str, Any]:
    """Inter-code lists become frozensets; generic categories stay strings."""
    return {k: frozenset(int(i) for i in v) if isinstance(v, list) else v for k, v in raw.items()}


@functools.cache
def load_lexicon() -> Lexicon:
    """Parse ``event_lexicon.yaml`` (once per process)."""
    data = load_yaml("event_lexicon.yaml")
    irregular: dict[str, set[str]] = {}
    for lemma, forms in (data.get("irregular") or {}).items():
        irregular[str(lemma)] = {str(f).lower() for f in forms or ()}
    cues: dict[str, list[str]] = {}
    for section in ("cues", "extra_cues", "extra_rule_cues"):
        for group, phrases in (data.get(section) or {}).items():
            cues.setdefault(group, []).extend(str(p) for p in phrases)
    types = {
        name: TypeSpec(
            name,
            int(t.get("priority", 0)),
            frozenset(t.get("suppresses") or ()),
            bool(t.get("yields", False)),
        )
        for name, t in data["types"].items()
    }
    irr = data.get("irrealis") or {}
    return Lexicon(
        types=types,
        triggers=_triggers(data["types"]),
        rules=_rules(data.get("rules") or []),
        cue_phrases=cues,
        irregular=irregular,
        fixed={str(w).lower() for w in data.get("fixed_words") or ()},
        gap=int(data.get("gap", 3)),
        modals=frozenset(irr.get("modals") or ()),
        negations=frozenset(irr.get("negations") or ()),
        irrealis_heads=frozenset(irr.get("heads") or ()),
        attempt_heads=frozenset(irr.get("attempt_heads") or ()),
        topic_heads=frozenset(irr.get("topic_heads") or ()),
        fatalities=data.get("fatalities") or {},
        escalation=list(data.get("escalation") or []),
        syntax=dict(data.get("syntax") or {}),
        word_classes={k: [str(w).lower() for w in v] for k, v in (data.get("word_classes") or {}).items()},
        roles={t: _role(r or {}) for t, r in (data.get("roles") or {}).items()},
    )
