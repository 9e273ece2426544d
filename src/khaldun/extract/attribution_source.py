"""Who asserts an event, and how firmly: :func:`source_for`, for the events component.

The source of an event mentioned at [start, end) is the innermost attribution
whose content covers it, else a statement in the same sentence whose content
takes up the sentence, else the outlet itself.  A party's word about its own war
is a claim: an ``asserted`` statement by one of the event's parties, or by
someone on the same side (the actor registry's ``side``: SANA speaks for the
Syrian government), becomes ``claimed``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from ..datafiles import data_path, load_yaml
from ..records import Actor, ActorMention, Attribution, Source, Stance
from .attribution_lexicon import lexicon
from .attribution_stance import governed_by_hedge
from .base import DocContext

UNKNOWN_OUTLET = "unknown outlet"
STATE_FORCES = ("military", "police", "government")  # built registry ids: "military-sy"
SENTENCE_SHARE = 0.5  # a same-sentence statement must cover this share of the sentence


def source_for(ctx: DocContext, start: int, end: int, parties: Sequence[ActorMention] = ()) -> Source:
    """The source and stance of the event named at [start, end) (trigger or clause)."""
    att = _covering(ctx, start, end) or _same_sentence(ctx, start, end)
    if att is None:
        name = ctx.document.outlet or UNKNOWN_OUTLET
        stance: Stance = "hedged" if _hedged_here(ctx, start, end) else "asserted"
        speaker: list[Actor] = _actors_named(ctx, name)
        cue = None
    else:
        name = att.source_name or (att.source.text if att.source else ctx.document.outlet or UNKNOWN_OUTLET)
        stance = att.stance
        if stance == "asserted" and _hedged_here(ctx, start, end):
            stance = "hedged"
        speaker = _source_actors(ctx, att)
        cue = att.cue.text
    if stance == "asserted" and _speaks_for(speaker, name, parties):
        stance = "claimed"
    return Source(name=name, stance=stance, cue=cue)


def _covering(ctx: DocContext, start: int, end: int) -> Attribution | None:
    inside = [a for a in ctx.attributions if a.content.start <= start and end <= a.content.end]
    return min(inside, key=lambda a: a.content.end - a.content.start) if inside else None


def _same_sentence(ctx: DocContext, start: int, end: int) -> Attribution | None:
    sent = ctx.sentence_at(start)
    if sent is None:
        return None
    best = None
    for a in ctx.attributions:
        if not sent.start <= a.cue.start < sent.end:
            continue
        if a.source is not None and a.source.start <= start < a.source.end:
            continue  # the event is named in who speaks, not in what is said
        covered = min(a.content.end, sent.end) - max(a.content.start, sent.start)
        overlaps = a.content.start < end and start < a.content.end
        large = covered >= SENTENCE_SHARE * (sent.end - sent.start)
        if (overlaps or large) and (best is None or covered > best[0]):
            best = (covered, a)
    return best[1] if best else None


def _hedged_here(ctx: DocContext, start: int, end: int) -> bool:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and governed_by_hedge(ctx.doc, lexicon(), list(span))


# -- sides --------------------------------------------------------------------------------------
def _source_actors(ctx: DocContext, att: Attribution) -> list[Actor]:
    found = _actors_named(ctx, att.source_name) if att.source_name else []
    if att.source is not None:
        for m in ctx.actors:
            if m.actor is not None and m.start < att.source.end and att.source.start < m.end:
                found.append(m.actor)
    return found


def _actors_named(ctx: DocContext, name: str | None) -> list[Actor]:
    if not name:
        return []
    low = name.lower()
    return [m.actor for m in ctx.actors if m.actor is not None and low in (m.name.lower(), m.text.lower())]


def _speaks_for(speaker: Iterable[Actor], name: str, parties: Sequence[ActorMention]) -> bool:
    """Whether the source is one of the parties or on the same side as one."""
    speaker = list(speaker)
    low = name.lower()
    for party in parties:
        if party.name.lower() == low or party.text.lower() == low:
            return True
        if party.actor is None:
            continue
        for actor in speaker:
            if actor.id == party.actor.id or _related(actor, party.actor):
                return True
    return False


def _related(a: Actor, b: Actor) -> bool:
    side_a, side_b = side_of(a), side_of(b)
    if side_a and side_a == side_b:
        return True
    # one is the other's parent, or both belong to the same organisation
    return bool(set(_chain(a.id, a.parent)) & set(_chain(b.id, b.parent)))


def side_of(actor: Actor) -> str | None:
    """The actor's belligerent side: its own ``side``, the actors component's ``side_of``,
    else the registry's ``side`` of it or its nearest ancestor, else the state-force default."""
    own = getattr(actor, "side", None)
    if own:
        return str(own)
    helper = _actors_helper("side_of")
    if helper is not None:
        try:
            found = helper(actor)
        except Exception:  # another component's helper must not break source_for
            found = None
        if found:
            return str(found)
    registry = _registry()
    for actor_id in _chain(actor.id, actor.parent):
        side = registry.get(actor_id, {}).get("side")
        if side:
            return str(side)
        state = _state_side(actor_id)
        if state:
            return state
    return None


def _state_side(actor_id: str) -> str | None:
    """Fallback for built state forces ("military-sy"): the country's side in demonyms.tsv,
    else "<country name slug>-government" (the registry's documented default)."""
    prefix, _, code = actor_id.rpartition("-")
    if prefix not in STATE_FORCES or len(code) != 2:
        return None
    return _country_sides().get(code.upper())


@functools.cache
def _country_sides() -> dict[str, str]:
    path = data_path("demonyms.tsv")
    if not path.exists():
        return {}
    sides = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 2 or cols[0] == "code":
            continue
        side = cols[5].strip() if len(cols) > 5 else ""
        sides[cols[0]] = side or "-".join(cols[1].lower().split()) + "-government"
    return sides


def _actors_helper(name: str):
    """A helper function of the actors component, when it provides one."""
    try:
        from . import actors
    except ImportError:  # pragma: no cover - the actors module is part of the package
        return None
    return getattr(actors, name, None)


def _chain(actor_id: str, parent: str | None) -> list[str]:
    """The actor and its ancestors by ``parent`` links in the registry."""
    registry = _registry()
    chain = [actor_id]
    nxt = parent or registry.get(actor_id, {}).get("parent")
    while nxt and nxt not in chain and len(chain) < 10:
        chain.append(nxt)
        nxt = registry.get(nxt, {}).get("parent")
    return chain


@functools.cache
def _registry() -> dict[str, dict]:
    """Actor registry entries by id (``data/actors.yaml``, whatever its top-level shape)."""
    if not data_path("actors.yaml").exists():
        return {}
    raw = load_yaml("actors.yaml")
    entries: Iterable = ()
    if isinstance(raw, dict) and isinstance(raw.get("actors"), list | dict):
        raw = raw["actors"]
    if isinstance(raw, list):
        entries = raw
    elif isinstance(raw, dict):
        entries = ({**v, "id": v.get("id", k)} for k, v in raw.items() if isinstance(v, dict))
    return {str(e["id"]): e for e in entries if isinstance(e, dict) and "id" in e}
