"""Who a control claim is about and who makes it: actors reduced to the force that holds ground.

A place is held by an armed force, not by a ministry, a president or a news agency:
"Russia's defence ministry", "the Kremlin" and "Vladimir Putin" all stand for "Military
Forces of Russia"; the DPR militia (parent: the Russian military) for Russia too. Sides
(``actors.yaml``) decide whether a claimant speaks for the side a claim favours."""

from __future__ import annotations

from ..records import Actor, ActorMention, Attribution, Span
from .actors_registry import ARMED_KINDS, STATE_KINDS, registry
from .base import DocContext

HOLDING_KINDS = ARMED_KINDS | STATE_KINDS | {"state", "external", "person"}


def controller_of(actor: Actor | None) -> Actor | None:
    """The force that would hold ground for ``actor`` (None for media, monitors, civilians)."""
    reg = registry()
    seen: set[str] = set()
    cur = actor
    while cur is not None and cur.id not in seen:
        seen.add(cur.id)
        parent = reg.get(cur.parent) if cur.parent else None
        if parent is None:
            break
        cur = parent
    if cur is None or cur.kind not in HOLDING_KINDS:
        return None
    if cur.kind in STATE_KINDS or cur.kind == "person":
        return reg.state(cur.country, "military") if cur.country else None
    return cur


def side_of_name(name: str | None) -> str | None:
    """The registry side of a canonical actor name (None when unknown)."""
    if not name:
        return None
    reg = registry()
    actor = reg.by_name(name)
    return reg.side_of(actor) if actor else None


def mention_controller(m: ActorMention) -> Actor | None:
    return None if m.generic and m.actor is None else controller_of(m.actor)


def controllers_in(ctx: DocContext, start: int, end: int) -> list[Actor]:
    """Holding forces named within characters [start, end), in text order, without repeats."""
    out: list[Actor] = []
    for m in ctx.actors:
        if m.start >= start and m.end <= end:
            c = mention_controller(m)
            if c is not None and all(c.id != o.id for o in out):
                out.append(c)
    return out


def claimant(ctx: DocContext, cue: Span) -> tuple[str | None, str | None, str]:
    """(claimant name, its side, stance) of the statement carrying ``cue``: the innermost
    attribution whose content holds it, else the outlet asserting it."""
    best: Attribution | None = None
    for a in ctx.attributions:
        size = a.content.end - a.content.start
        if a.content.start <= cue.start < a.content.end and (
            best is None or size < best.content.end - best.content.start
        ):
            best = a
    reg = registry()
    if best is None:
        outlet = ctx.document.outlet
        actor = reg.by_name(outlet) if outlet else None
        return outlet, reg.side_of(actor) if actor else None, "asserted"
    name = best.source_name or (best.source.text if best.source else None)
    side = side_of_name(best.source_name)
    if side is None and best.source is not None:
        for m in ctx.actors:
            if m.start >= best.source.start and m.end <= best.source.end and m.actor is not None:
                side = reg.side_of(m.actor) or side
    return name, side, best.stance
