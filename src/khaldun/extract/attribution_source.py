"""Who asserts an event, and how firmly: :func:`source_for`, for the events component.

The source of an event mentioned at [start, end) is the innermost attribution
whose content covers it, else a statement in the same sentence whose content
takes up the sentence, else the outlet itself.  A party's word about its own war
is a claim: an ``asserted`` statement by one of the event's parties, or by
someone on the same side (the actor registry's ``side``: SANA speaks for the
Syrian government; also the allies named with a party, "Rwandan and Mozambican
troops"), becomes ``claimed``. Sides are the actors component's :func:`side_of`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..records import Actor, ActorMention, Attribution, Source, Stance
from .actors import allies_named, registry
from .actors import side_of as actors_side_of
from .attribution_lexicon import lexicon
from .attribution_stance import governed_by_hedge
from .base import DocContext

UNKNOWN_OUTLET = "unknown outlet"
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
    if stance == "asserted" and _speaks_for(speaker, name, _with_allies(ctx, parties)):
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


def _with_allies(ctx: DocContext, parties: Sequence[ActorMention]) -> list[ActorMention]:
    """The parties and the allied forces named with them ("Rwandan and Mozambican troops")."""
    out = list(parties)
    for p in parties:
        out += [ActorMention(p.start, p.end, p.text, ally) for ally in allies_named(ctx.doc, p)]
    return out


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
    return bool(set(_chain(a)) & set(_chain(b)))


def side_of(actor: Actor) -> str | None:
    """The actor's belligerent side, as the actor registry defines it (its own ``side``,
    its parent's, else the default for its kind): :func:`actors.side_of`."""
    return actors_side_of(actor)


def _chain(actor: Actor) -> list[str]:
    """The actor and its ancestors by ``parent`` links (its own, then the registry's)."""
    reg = registry()
    chain = [actor.id]
    nxt = actor.parent or (reg.get(actor.id).parent if reg.get(actor.id) else None)
    while nxt and nxt not in chain and len(chain) < 10:
        chain.append(nxt)
        parent = reg.get(nxt)
        nxt = parent.parent if parent else None
    return chain
