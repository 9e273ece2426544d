"""Filling an event's slots: actors, location, date and source.

Actor1 is the doer (subject, passive agent, "X forces"/"Russian air strikes"
modifier; for territory the capturing side), actor2 the target or the other side.
A generic doer ("the militants") is replaced by the named actor of the same kind
mentioned just before it. The type's expected roles (lexicon ``roles``) break ties.

Dates: see ``event_dates``.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import Any

from spacy.tokens import Token

from ..records import ActorMention, PlaceMention, Source
from . import event_syntax as syn
from .base import DocContext
from .event_types import Candidate, DocCues

ARMED = frozenset({1, 2, 3, 4, 8})
_FOUND: dict[tuple[str, str], Callable[..., Any]] = {}


def helper(module: str, name: str) -> Callable[..., Any] | None:
    """A helper another component provides: ``module.name``, else ``module_*.name``
    re-exported or not (None until it exists)."""
    if (module, name) in _FOUND:
        return _FOUND[(module, name)]
    for candidate in (module, f"{module}_source"):
        try:
            mod = importlib.import_module(f"khaldun.extract.{candidate}")
        except ImportError:
            continue
        fn = getattr(mod, name, None)
        if fn is not None:
            _FOUND[(module, name)] = fn
            return fn
    return None


# -- actors -------------------------------------------------------------------
def mentions_in(ctx: DocContext, start: int, end: int) -> list[ActorMention]:
    fn = helper("actors", "actors_in")
    if fn is not None:
        return list(fn(ctx, start, end))
    return [m for m in ctx.actors if start <= m.start and m.end <= end]


def _mention_for(tok: Token | None, mentions: list[ActorMention]) -> ActorMention | None:
    """The actor mention naming the phrase headed by ``tok``."""
    if tok is None:
        return None
    for m in mentions:
        if m.start <= tok.idx < m.end:
            return m
    near = [tok, *(c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss", "appos"))]
    near += list(tok.conjuncts)  # "Russian and Syrian warplanes"
    for t in near:
        for m in mentions:
            if m.start <= t.idx < m.end:
                return m
    for c in tok.children:  # "forces of the regime", "fighters from IS"
        if c.dep_ == "prep" and c.lower_ in ("of", "from"):
            for g in c.children:
                for m in mentions:
                    if m.start <= g.idx < m.end:
                        return m
    return _demonym_force(near)


def _demonym_force(toks: list[Token]) -> ActorMention | None:
    """A country's adjective on a word of armed force ("Russian assaults", "Israeli
    strikes") names that country's military, as ACLED does."""
    force = syn.words("force_nouns")
    for t in toks:
        if t.dep_ in ("amod", "compound", "nmod") and t.head.lower_ in force:
            code = _demonyms().get(t.text)
            actor = _registry().state(code) if code else None
            if actor is not None:
                return ActorMention(t.idx, t.idx + len(t), t.text, actor=actor)
    return None


@functools.cache
def _demonyms() -> dict[str, str]:
    """Country adjectives ("Russian") -> ISO code, from the actor registry's countries."""
    reg = _registry()
    if reg is None:
        return {}
    return {d: c.code for c in reg.countries.values() for d in c.demonyms}


def _is_generic(m: ActorMention) -> bool:
    return m.generic or m.actor is None


def _resolve_generic(m: ActorMention, before: list[ActorMention]) -> ActorMention:
    """ "The militants" -> the named armed actor of the same kind mentioned last before it;
    never "unidentified gunmen" or "men in uniform" (their words' ``coref: none``)."""
    if not m.generic or m.coref == "none":
        return m
    for prev in reversed(before):
        if prev.start >= m.start or _is_generic(prev):
            continue
        if m.inter is None or prev.inter == m.inter or (m.inter in (2, 3, 4) and prev.inter in (2, 3, 4)):
            return prev
    return m


def assign_actors(
    ctx: DocContext, cues: DocCues, cand: Candidate, sent_start: int, sent_end: int
) -> tuple[ActorMention | None, ActorMention | None]:
    """(actor1, actor2) for a candidate event."""
    mentions = mentions_in(ctx, sent_start, sent_end)
    roles = cues.lex.roles.get(cand.type, {})
    a1 = _mention_for(cand.doer, mentions)
    side = [t for t in syn.partners(cand.head) if t is not cand.doer]
    tgt = [*syn.targets(cand.head), *side]
    a2 = next((m for t in tgt if (m := _mention_for(t, mentions)) is not None and m is not a1), None)
    loser = roles.get("actor2_prep")
    if a2 is None and loser and (obj := syn.prep_object(cand.head, loser)) is not None:
        a2 = _mention_for(obj, mentions)  # "recaptured from Russian forces"
    if cand.spec.reversed_roles:  # "the army repelled an IS attack": IS attacked
        owner = next((m for t in tgt for c in (t, *t.children) if (m := _mention_for(c, mentions))), None)
        a1, a2 = owner, a1
    if a1 is None and len(side) >= 2:  # "clashes between X and Y"
        a1, a2 = _mention_for(side[0], mentions), _mention_for(side[1], mentions)
    if a2 is None:  # those the sentence says were killed or hurt ("four soldiers were killed when ...")
        a2 = next(
            (
                m
                for v in cues.victims(cand.sent, "kill")
                if (m := _mention_for(v, mentions)) not in (None, a1)
            ),
            None,
        )
    if a1 is None and cand.doer is not None and cand.doer.lower_ in syn.words("instrument_nouns"):
        a1 = next((m for m in mentions if m.inter in ARMED and m is not a2), None)  # whose system
    if a1 is not None or cand.doer is None:  # a doer the registry does not know stays unknown
        pool = [m for m in mentions if m is a1 or not _alleged(cues, cand.head, m)]
        a1 = _prefer(a1, pool, roles.get("actor1"), exclude=a2)
    a2 = _prefer(a2, mentions, roles.get("actor2"), exclude=a1, only_if_missing=True)
    if a1 is not None and a1.generic:
        before = mentions_in(ctx, 0, sent_end)
        a1 = _resolve_generic(a1, before)
    if a2 is a1:
        a2 = None
    if roles.get("symmetric") and cand.doer is None and a1 and a2 and a2.start < a1.start:
        a1, a2 = a2, a1  # no one is said to have started it: the sides in the order the text names them
    return a1, a2


def _alleged(cues: DocCues, head: Token, m: ActorMention) -> bool:
    """Is ``m`` named only as the victims' alleged side ("executed on suspicion of
    collaborating with the RSF")? Such an actor is not who did it."""
    span = cues.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok, cues_words = span.root, cues.lex.word_classes.get("allegation", ())
    for child in (c for verb in (head, *head.conjuncts) for c in verb.children):
        if child.dep_ in ("prep", "advcl") and child.left_edge.i <= tok.i <= child.right_edge.i:
            words = {t.lower_ for t in cues.doc[child.left_edge.i : tok.i]}
            return any(w in words for w in cues_words)
    return False


CROWDS = ("protesters", "rioters", "civilians")


def crowd_roles(
    ctx: DocContext,
    cand: Candidate,
    roles: dict[str, Any],
    a1: ActorMention | None,
    a2: ActorMention | None,
    country: str | None,
) -> tuple[ActorMention | None, ActorMention | None]:
    """Fill or rename the crowd a sub-event type implies ("Protesters (Kenya)", see the lexicon's roles)."""
    out = [a1, a2]
    for i, key in enumerate(("actor1_generic", "actor2_generic")):
        category = roles.get(key)
        current = out[i]
        if not category or _keeps(current, category, roles.get(key.split("_")[0]), i == 0):
            continue
        actor = _generic_actor(category, country or _focus(ctx))
        if actor is None:
            continue
        anchor = current or cand
        start, end = (anchor.start, anchor.end) if isinstance(anchor, ActorMention) else _span(cand)
        out[i] = ActorMention(start, end, ctx.text[start:end], actor=actor, generic=True)
    return out[0], out[1]


def state_doer(
    ctx: DocContext, cand: Candidate, a1: ActorMention | None, a2: ActorMention | None, country: str | None
) -> ActorMention | None:
    """The state forces of the event's country as actor1 when the text names no doer
    and the other side is not that state (lexicon role ``actor1_state``)."""
    reg = _registry() if a1 is None and country else None
    actor = reg.state(country) if reg is not None else None
    if actor is None or (a2 is not None and a2.actor is not None and a2.actor.country == country):
        return a1
    start, end = _span(cand)
    return ActorMention(start, end, ctx.text[start:end], actor=actor)


def _keeps(current: ActorMention | None, category: str, inters: frozenset[int] | None, doer: bool) -> bool:
    """Whether a slot's actor stays: a crowd of the right kind; a named actor as target;
    as doer, a named actor of an expected kind (a party "held a rally" -> Protesters)."""
    if current is None:
        return False
    crowd = _crowd(current)
    if crowd is not None:
        return crowd == category
    return not doer or (inters is not None and current.inter in inters)


def _crowd(m: ActorMention | None) -> str | None:
    """'protesters', 'rioters' or 'civilians' for a built crowd actor, else None."""
    if m is None or m.actor is None:
        return None
    for category in CROWDS:
        if m.actor.id.startswith(f"generic-{category}-"):
            return category
    return None


def _span(cand: Candidate) -> tuple[int, int]:
    doc = cand.head.doc
    return doc[cand.start].idx, doc[cand.end - 1].idx + len(doc[cand.end - 1])


def _registry() -> Any:
    try:
        from .actors_registry import registry
    except ImportError:  # the actors component is optional for typing
        return None
    return registry()


def _generic_actor(category: str, country: str | None) -> Any:
    reg = _registry()
    if reg is None:
        return None
    try:
        return reg.generic(category, country)
    except KeyError:
        return None


def event_actor(m: ActorMention | None) -> ActorMention | None:
    """The actor an event names: a person stands for the force they lead, an armed wing
    for its movement (the registry's ``event_actor``); the mention keeps its text."""
    reg = _registry() if m is not None and m.actor is not None else None
    if reg is None or m is None or m.actor is None:
        return m
    actor = reg.event_actor(m.actor)
    if actor is m.actor:
        return m
    return ActorMention(m.start, m.end, m.text, actor=actor, generic=m.generic)


def _focus(ctx: DocContext) -> str | None:
    fn = helper("actors", "focus_country")
    return fn(ctx) if fn is not None else None


def _prefer(
    m: ActorMention | None,
    mentions: list[ActorMention],
    inters: frozenset[int] | None,
    exclude: ActorMention | None,
    only_if_missing: bool = False,
) -> ActorMention | None:
    if not inters or (m is not None and (m.inter in inters or m.inter is None or only_if_missing)):
        return m
    for cand in mentions:
        if cand is exclude or cand.inter not in inters:
            continue
        if exclude is not None and exclude.name == cand.name:
            continue
        if exclude is not None and _side(exclude) is not None and _side(exclude) == _side(cand):
            continue  # the other side is not an ally of actor1 ("backed by Russian air strikes")
        return cand
    return m


def _side(m: ActorMention) -> str | None:
    if m.inter in (1, 8):
        return "state"
    if m.inter in (2, 3, 4):
        return "nonstate"
    return None


# -- location -----------------------------------------------------------------
def event_location(ctx: DocContext, start: int, end: int, anchor: int | None = None) -> PlaceMention | None:
    """Where text[start:end] happened; ties go to the place nearest ``anchor`` (the trigger)."""
    fn = helper("places", "locate")
    if fn is not None:
        return fn(ctx, start, end, anchor=anchor)
    inside = [p for p in ctx.places if p.place is not None and start <= p.start < end]
    if inside:
        return inside[0]
    resolved = [p for p in ctx.places if p.place is not None]
    if not resolved:
        return None
    counts: dict[str, int] = {}
    for p in resolved:
        counts[p.place.name] = counts.get(p.place.name, 0) + 1  # type: ignore[union-attr]
    top = max(resolved, key=lambda p: counts[p.place.name])  # type: ignore[union-attr]
    return top


def event_locations(
    ctx: DocContext, cues: DocCues, cand: Candidate, start: int, end: int
) -> list[PlaceMention | None]:
    """Where the event told in text[start:end] happened: one location, or one per place
    the trigger's clause names side by side as where it happened ("strikes hit the
    capital, Sanaa, and several areas of Hodeidah province"), since each place is its
    own event in ACLED's terms."""
    pms = [p for p in ctx.places if p.place is not None and start <= p.start < end]
    if len(pms) >= 2:
        toks = [_head_token(cues, p) for p in pms]
        verb = cand.head if cand.head.pos_ in ("VERB", "AUX") else cand.head.head
        for i, t in enumerate(toks):
            group = [pms[j] for j, u in enumerate(toks) if j == i or _side_by_side(t, u)]
            if len({p.place.name for p in group if p.place}) >= 2 and _where(_anchor(t), cand.head, verb):
                return [event_location(ctx, p.start, p.end) for p in group]
    return [event_location(ctx, start, end)]


def _where(anchor: Token, trigger: Token, verb: Token) -> bool:
    """Whether coordinated places are where the trigger's event happened: the object of
    its verb or of a locative preposition on it ("hit X and Y", "clashes in X and Y")."""
    first = anchor
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    first = _anchor(first)
    governor = first.head
    if first.dep_ == "pobj" and governor.lower_ in syn.words("locative_preps"):
        governor = governor.head
    elif first.dep_ != "dobj":
        return False
    return governor.i in (trigger.i, verb.i)


def _head_token(cues: DocCues, pm: PlaceMention) -> Token:
    span = cues.doc.char_span(pm.start, pm.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else cues.doc[0]


def _anchor(tok: Token) -> Token:
    """The noun phrase a place names or qualifies ("Sanaa" in "the capital, Sanaa";
    "Hodeidah" in "several areas of Hodeidah province")."""
    t = tok
    for _ in range(4):
        if t.dep_ in ("appos", "compound") and t.head.i != t.i:
            t = t.head
        elif t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ == "NOUN":
            t = t.head.head
        else:
            break
    return t


def _side_by_side(a: Token, b: Token) -> bool:
    """Two places coordinated with each other (directly or through what they name)."""
    if a.i == b.i:
        return False
    pairs = ((a, b), (_anchor(a), _anchor(b)))
    return any(y in x.conjuncts for x, y in pairs if x.i != y.i)


# -- source -------------------------------------------------------------------
def event_source(ctx: DocContext, start: int, end: int, parties: list[ActorMention]) -> Source:
    fn = helper("attribution", "source_for")
    if fn is not None:
        return fn(ctx, start, end, parties=parties)
    return Source(name=ctx.document.outlet or "unknown", stance="asserted")
