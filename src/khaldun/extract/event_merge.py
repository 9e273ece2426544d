"""Events of one document that are the same event, merged.

Two events are the same when they have the same sub-event type, compatible locations
(same place, or one unknown), compatible dates (overlapping ranges, or one only
assumed from the publication date), compatible actor1 (same name, or one unknown or
"Unidentified ..."), no denial on one side only (a denial is kept as its own claim),
and not one a tally across a whole country and the other a local event. The merged
event keeps the first mention's evidence and trigger and takes each other slot from
the mention that states it best: the most firmly asserted source, the first named
actors (an "Unidentified" one only when no mention names them), the most precise
location, the finest date a mention's own sentence states, the largest toll.

Mentions of one protest at growing severity are folded into one event of the most
severe type first (lexicon ``escalation``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..records import SUB_EVENT_TYPES, ActorMention, DateMention, Event, PlaceMention, Span
from .base import DocContext
from .event_types import DocCues

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, None: 4}
STANCE_RANK = {"asserted": 0, "claimed": 1, "hedged": 2, "denied": 3}
UNIDENTIFIED = "unidentified"
STATE = (1, 8)


@dataclass
class Found:
    """An event and where the document tells it."""

    event: Event
    sent: int
    rank: int  # position among the sentence's events (most specific first)
    trace: list[str]
    nationwide: bool = False  # a tally across a country ("killing 38 people across the country")


def escalate(ctx: DocContext, cues: DocCues, found: list[Found], chains: list[dict]) -> list[Found]:
    """Fold a document's mentions of one protest into one event of the most severe type.

    A protest the text says ended peacefully is closed: protest mentions after it
    ("Later, police dispersed demonstrators who blocked a highway") are another protest."""
    for chain in chains:
        order: list[str] = chain["order"]
        absorbs: dict[str, str] = chain.get("absorbs") or {}
        group = [f for f in found if f.event.sub_event_type in order or f.event.sub_event_type in absorbs]
        drop: set[int] = set()
        for segment in _segments(cues, group, chain.get("closes") or []):
            drop |= _fold(ctx, cues, segment, chain)
        found = [f for f in found if id(f) not in drop]
    return found


def _segments(cues: DocCues, group: list[Found], closes: list[str]) -> list[list[Found]]:
    """The group split after each protest mention whose sentence says it ended peacefully."""
    out: list[list[Found]] = [[]]
    for f in group:
        out[-1].append(f)
        start, end = cues.sents[f.sent]
        if f.event.sub_event_type == "Peaceful protest" and any(cues.present(g, start, end) for g in closes):
            out.append([])
    return [seg for seg in out if seg]


def _fold(ctx: DocContext, cues: DocCues, group: list[Found], chain: dict) -> set[int]:
    """Fold one segment into its first protest mention; the ids of the folded mentions."""
    order: list[str] = chain["order"]
    absorbs: dict[str, str] = chain.get("absorbs") or {}
    unless: list[str] = chain.get("absorbs_unless") or []
    lead = next((f for f in group if f.event.sub_event_type in order), None)
    if lead is None or len(group) < 2:
        return set()
    group = [
        f
        for f in group
        if f is lead
        or (
            f.nationwide == lead.nationwide
            and _same_place(lead.event, f.event)
            and _same_time(lead.event, f.event)
            and (f.event.sub_event_type in order or _absorbable(ctx, cues, lead, f, unless))
        )
    ]
    rank = max(order.index(absorbs.get(f.event.sub_event_type, f.event.sub_event_type)) for f in group)
    drop: set[int] = set()
    for f in group:
        if f is lead:
            continue
        drop.add(id(f))
        if lead.event.fatalities is None:
            lead.event.fatalities = f.event.fatalities
        if lead.event.actor2 is None:  # the force that intervened
            forces = (f.event.actor2, f.event.actor1)
            lead.event.actor2 = next((m for m in forces if m and m.inter in STATE), None)
        lead.trace.append(f"escalation: folded {f.event.sub_event_type} from {f.event.trigger.text!r}")
    if order[rank] != lead.event.sub_event_type:
        lead.event.sub_event_type = order[rank]
        lead.event.event_type = SUB_EVENT_TYPES[order[rank]]
    return drop


def _absorbable(ctx: DocContext, cues: DocCues, lead: Found, f: Found, unless: list[str]) -> bool:
    """An event of another type told after the protest in the same paragraph, not as background."""
    if f.sent <= lead.sent or ctx.text.rfind("\n", 0, f.event.evidence.start) != ctx.text.rfind(
        "\n", 0, lead.event.evidence.start
    ):
        return False
    start, end = cues.sents[f.sent]
    return not any(cues.present(g, start, end) for g in unless)


def _same_place(a: Event, b: Event) -> bool:
    la, lb = a.location, b.location
    if la is None or lb is None or la.place is None or lb.place is None:
        return True
    return la.place.name == lb.place.name


def _same_time(a: Event, b: Event) -> bool:
    da, db = a.date, b.date
    if (
        da is None
        or db is None
        or not da.text
        or not db.text
        or da.start_date is None
        or db.start_date is None
    ):
        return True
    return not (da.end_date < db.start_date or db.end_date < da.start_date)  # type: ignore[operator]


def _compatible(a: Event, b: Event) -> bool:
    if a.sub_event_type != b.sub_event_type:
        return False
    if (a.source.name, a.source.stance) != (b.source.name, b.source.stance) and "denied" in (
        a.source.stance,
        b.source.stance,
    ):
        return False  # a denial is a separate claim about the event
    la, lb = a.location, b.location
    if la is not None and lb is not None and la.place is not None and lb.place is not None:
        same = (
            la.place.geonames_id and la.place.geonames_id == lb.place.geonames_id
        ) or la.place.name == lb.place.name
        if not same:
            return False
    if not _same_time(a, b):
        return False
    return unknown(a.actor1) or unknown(b.actor1) or a.actor1.name.lower() == b.actor1.name.lower()


def unknown(m: ActorMention | None) -> bool:
    """No actor, or one the text does not identify ("Unidentified Armed Group (Nigeria)")."""
    return m is None or m.name.lower().startswith(UNIDENTIFIED)


def merge(found: list[Found]) -> list[Found]:
    groups: list[list[Found]] = []
    for f in found:
        for g in groups:
            if all(_compatible(f.event, h.event) and f.nationwide == h.nationwide for h in g):
                g.append(f)
                break
        else:
            groups.append([f])
    out: list[Found] = []
    for g in groups:
        first = g[0]
        events = [f.event for f in g]
        merged = dataclasses.replace(
            first.event,
            source=min((e.source for e in events), key=lambda s: STANCE_RANK.get(s.stance, 4)),
            actor1=_best_actor([e.actor1 for e in events]),
            actor2=_best_actor([e.actor2 for e in events]),
            location=_best_location(events),
            date=_best_date(events),
            fatalities=max((e.fatalities for e in events if e.fatalities is not None), default=None),
            confidence=max(e.confidence for e in events),
        )
        out.append(Found(merged, first.sent, first.rank, first.trace, first.nationwide))
    return out


def _best_actor(mentions: list[ActorMention | None]) -> ActorMention | None:
    """The first named actor, else the first "Unidentified ..." one."""
    named = [m for m in mentions if not unknown(m)]
    return named[0] if named else next((m for m in mentions if m is not None), None)


def _best_location(events: list[Event]) -> PlaceMention | None:
    """The most precise location (ACLED geo_precision), the earliest mention on ties."""
    located = [e.location for e in events if e.location is not None and e.location.place is not None]
    return min(located, key=lambda p: p.geo_precision) if located else events[0].location


def _best_date(events: list[Event]) -> DateMention | None:
    """The finest date a mention's own sentence states ("last week ... on Thursday" gives
    Thursday; the first on ties), else the first date taken from the story around a
    mention, else the finest assumed one."""
    own = [e.date for e in events if e.date is not None and e.date.text and _inside(e.date, e.evidence)]
    if own:
        return min(own, key=lambda d: PRECISION_RANK.get(d.precision, 4))
    stated = [e.date for e in events if e.date is not None and e.date.text]
    if stated:
        return stated[0]
    dated = [e.date for e in events if e.date is not None]
    return min(dated, key=lambda d: PRECISION_RANK.get(d.precision, 4)) if dated else None


def _inside(d: DateMention, sentence: Span) -> bool:
    return sentence.start <= d.start < sentence.end
