"""Filling an event's slots: actors, location, date and source.

Actor1 is the doer (subject, passive agent, "X forces"/"Russian air strikes"
modifier; for territory the capturing side), actor2 the target or the other side.
A generic doer ("the militants") is replaced by the named actor of the same kind
mentioned just before it. The type's expected roles (lexicon ``roles``) break ties.

Date rule, in order:
1. a resolved date mention in the trigger's clause (so "last May's seizure" keeps
   its own background date), the closest to the trigger;
2. else a resolved date mention in the same sentence, the closest to the trigger
   ("SANA said on Friday that the army had retaken ...");
3. else the nearest preceding resolved date mention in the same paragraph or the
   two sentences before (wire copy often runs one sentence per paragraph, and a
   sentence without a date goes on telling the story of the one before);
4. else the publication date with precision "week" (an empty mention at the
   trigger) -- the report is assumed recent but the day is not stated;
5. else no date.
Relative expressions such as "today" are resolved by the time component, so an
event said to happen "today" gets the publication date with day precision in step 1/2.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from spacy.tokens import Token

from ..records import ActorMention, DateMention, PlaceMention, Source
from . import event_syntax as syn
from .base import DocContext
from .event_types import Candidate, DocCues

STORY_SENTENCES = 2
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
    return None


def _is_generic(m: ActorMention) -> bool:
    return m.generic or m.actor is None


def _resolve_generic(m: ActorMention, before: list[ActorMention]) -> ActorMention:
    """ "The militants" -> the named armed actor of the same kind mentioned last before it."""
    if not m.generic:
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
    if a1 is not None or cand.doer is None:  # a doer the registry does not know stays unknown
        a1 = _prefer(a1, mentions, roles.get("actor1"), exclude=a2)
    a2 = _prefer(a2, mentions, roles.get("actor2"), exclude=a1, only_if_missing=True)
    if a1 is not None and a1.generic:
        before = mentions_in(ctx, 0, sent_end)
        a1 = _resolve_generic(a1, before)
    if a2 is a1:
        a2 = None
    return a1, a2


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


def _generic_actor(category: str, country: str | None) -> Any:
    try:
        from .actors_registry import registry
    except ImportError:  # the actors component is optional for typing
        return None
    try:
        return registry().generic(category, country)
    except KeyError:
        return None


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
def event_location(ctx: DocContext, start: int, end: int) -> PlaceMention | None:
    fn = helper("places", "locate")
    if fn is not None:
        return fn(ctx, start, end)
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


# -- date ---------------------------------------------------------------------
def _resolved_dates(ctx: DocContext, start: int, end: int) -> list[DateMention]:
    fn = helper("time", "dates_in")
    found = fn(ctx, start, end) if fn is not None else [d for d in ctx.dates if start <= d.start < end]
    return [d for d in found if d.resolved]


def event_date(ctx: DocContext, cand: Candidate, sent_start: int, sent_end: int) -> DateMention | None:
    """The event's date by the rule in the module docstring."""
    trig = cand.head.idx
    in_sentence = _resolved_dates(ctx, sent_start, sent_end)
    c0, c1 = syn.clause_span(cand.head)
    for pool in ([d for d in in_sentence if c0 <= d.start < c1], in_sentence):
        if pool:
            return min(pool, key=lambda d: abs(d.start - trig))
    para_start = ctx.text.rfind("\n", 0, sent_start) + 1
    sents = [s for s in ctx.sentences if s.start < sent_start]
    story_start = sents[-STORY_SENTENCES].start if len(sents) >= STORY_SENTENCES else 0
    before = _resolved_dates(ctx, min(para_start, story_start), sent_start)
    if before:
        return before[-1]
    pub = ctx.document.published
    if pub is None:
        return None
    return DateMention(start=trig, end=trig, text="", start_date=pub, end_date=pub, precision="week")


# -- source -------------------------------------------------------------------
def event_source(ctx: DocContext, start: int, end: int, parties: list[ActorMention]) -> Source:
    fn = helper("attribution", "source_for")
    if fn is not None:
        return fn(ctx, start, end, parties=parties)
    return Source(name=ctx.document.outlet or "unknown", stance="asserted")
