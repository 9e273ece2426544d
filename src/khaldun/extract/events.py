"""ACLED-typed events assembled from the other components' records.

For each sentence the classifier (``event_types``) names the sub-event types it
reports; each becomes an :class:`Event` with actors, location, date, death toll
and source (``event_assembly``, ``fatalities``).

Duplicates within a document are merged: two events are the same when they have
the same sub-event type, compatible locations (same place, or one unknown),
compatible dates (overlapping ranges, or one only assumed from the publication
date), compatible actor1 (same name, or one unknown or "Unidentified ...") and
no denial on one side only (a denial is kept as its own claim). The merged event
keeps the first mention's evidence and trigger and takes each other slot from the
mention that states it best: the most firmly asserted source, the first named
actors (an "Unidentified" one only when no mention names them), the most precise
location, the first date the text states, the largest death toll.

Events are ordered most salient first: events of the reporting period before
background events (dated more than 30 days before publication), then by the
position of their first mention (headline and lead first), then, within a
sentence, explicit triggers before generic words and more specific types first.

Each event's reasoning (trigger, rules applied) is logged at DEBUG level on
``khaldun.extract.events``; :func:`khaldun.extract.event_types.classify` returns
the same traces for an evidence panel.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass

from ..records import SUB_EVENT_TYPES, ActorMention, DateMention, Event, PlaceMention, Span
from .base import DocContext, component
from .event_assembly import (
    assign_actors,
    crowd_roles,
    event_date,
    event_location,
    event_source,
    mentions_in,
)
from .event_lexicon import load_lexicon
from .event_types import Candidate, DocCues, classify
from .fatalities import fatalities_in

log = logging.getLogger(__name__)
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, None: 4}
STANCE_RANK = {"asserted": 0, "claimed": 1, "hedged": 2, "denied": 3}
BACKGROUND_DAYS = 30
UNIDENTIFIED = "unidentified"


@dataclass
class _Found:
    event: Event
    sent: int
    rank: int  # position among the sentence's events (most specific first)
    trace: list[str]


@component("events")
class EventExtractor:
    """The ``events`` pipeline component."""

    def __init__(self) -> None:
        self.lex = load_lexicon()
        self.toll_types = frozenset(self.lex.fatalities.get("types") or ())

    def __call__(self, ctx: DocContext) -> None:
        cues = DocCues(ctx.doc, self.lex, ctx.actors, ctx.places)
        per_sentence = _continuations(classify(cues))
        found: list[_Found] = []
        tolls = self._tolls(ctx, cues, per_sentence)
        for si, cands in enumerate(per_sentence):
            toll_given = False
            for rank, cand in enumerate(cands):
                ev = self._event(ctx, cues, cand)
                if ev is None:
                    continue
                if cand.type in self.toll_types and not toll_given:
                    ev.fatalities = tolls[si]
                    toll_given = True
                found.append(_Found(ev, si, rank, cand.trace))
                log.debug("event %s from %r: %s", ev.sub_event_type, ev.trigger.text, "; ".join(cand.trace))
        found = _escalate(ctx, cues, found, self.lex.escalation)
        merged = _merge(found)
        _claimed_by(ctx, cues, merged)
        ctx.events = [f.event for f in _order(ctx, merged)]

    def _event(self, ctx: DocContext, cues: DocCues, cand: Candidate) -> Event | None:
        doc = cues.doc
        t0, t1 = doc[cand.start].idx, doc[cand.end - 1].idx + len(doc[cand.end - 1])
        sentence = ctx.sentence_at(t0)
        if sentence is None:
            return None
        a1, a2 = assign_actors(ctx, cues, cand, sentence.start, sentence.end)
        location = event_location(ctx, sentence.start, sentence.end)
        roles = self.lex.roles.get(cand.type, {})
        if "actor1_generic" in roles or "actor2_generic" in roles:
            country = location.place.country_code if location is not None and location.place else None
            a1, a2 = crowd_roles(ctx, cand, roles, a1, a2, country)
        return Event(
            event_type=SUB_EVENT_TYPES[cand.type],
            sub_event_type=cand.type,
            evidence=sentence,
            trigger=Span(t0, t1, ctx.text[t0:t1]),
            source=event_source(ctx, t0, t1, [a for a in (a1, a2) if a is not None]),
            actor1=a1,
            actor2=a2,
            location=location,
            date=event_date(ctx, cand, sentence.start, sentence.end),
            confidence=cand.confidence,
        )

    def _tolls(self, ctx: DocContext, cues: DocCues, per_sentence: list[list[Candidate]]) -> list[int | None]:
        """Death toll per sentence; one of the next two sentences that reports no event of
        its own continues the story ("... At least 12 people died.")."""
        tolls: list[int | None] = []
        sents = list(cues.doc.sents)
        for si, sent in enumerate(sents):
            wants = any(c.type in self.toll_types for c in per_sentence[si])
            toll = fatalities_in(sent.text) if wants else None
            if wants and toll is None:
                for nxt in range(si + 1, min(si + 3, len(sents))):
                    if per_sentence[nxt]:
                        break
                    toll = fatalities_in(sents[nxt].text)
                    if toll is not None:
                        break
            tolls.append(toll)
        return tolls


def _escalate(ctx: DocContext, cues: DocCues, found: list[_Found], chains: list[dict]) -> list[_Found]:
    """Fold a document's mentions of one protest into one event of the most severe type."""
    for chain in chains:
        order: list[str] = chain["order"]
        absorbs: dict[str, str] = chain.get("absorbs") or {}
        unless: list[str] = chain.get("absorbs_unless") or []
        group = [f for f in found if f.event.sub_event_type in order or f.event.sub_event_type in absorbs]
        lead = next((f for f in group if f.event.sub_event_type in order), None)
        drop: set[int] = set()
        if lead is not None and len(group) > 1:
            group = [
                f
                for f in group
                if f is lead
                or (
                    _same_place(lead.event, f.event)
                    and _same_time(lead.event, f.event)
                    and (f.event.sub_event_type in order or _absorbable(ctx, cues, lead, f, unless))
                )
            ]
            rank = max(
                order.index(absorbs.get(f.event.sub_event_type, f.event.sub_event_type)) for f in group
            )
            for f in group:
                if f is not lead:
                    drop.add(id(f))
                    if lead.event.fatalities is None:
                        lead.event.fatalities = f.event.fatalities
                    lead.trace.append(
                        f"escalation: folded {f.event.sub_event_type} from {f.event.trigger.text!r}"
                    )
            if order[rank] != lead.event.sub_event_type:
                lead.event.sub_event_type = order[rank]
                lead.event.event_type = SUB_EVENT_TYPES[order[rank]]
        found = [f for f in found if id(f) not in drop]
    return found


RESPONSIBLE_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
ARMED_INTER = (1, 2, 3, 4, 8)


def _claimed_by(ctx: DocContext, cues: DocCues, found: list[_Found]) -> None:
    """Name the doer of earlier violent events whose doer is unknown from a later sentence
    saying who did it ("Al Shabaab said its fighters had carried out the attack")."""
    for si, (start, end) in enumerate(cues.sents):
        if not cues.present("responsibility", start, end):
            continue
        span = cues.doc[start:end]
        armed = [m for m in mentions_in(ctx, span.start_char, span.end_char) if m.inter in ARMED_INTER]
        claimant = next((m for m in armed if m.inter != 1), armed[0] if armed else None)
        if claimant is None:
            continue
        for f in found:
            ev = f.event
            if f.sent > si or ev.event_type not in RESPONSIBLE_TYPES or not _unknown(ev.actor1):
                continue
            if ev.actor2 is None or ev.actor2.name != claimant.name:
                ev.actor1 = claimant
                f.trace.append(f"actor1 from responsibility claim: {claimant.name}")


def _continuations(per_sentence: list[list[Candidate]]) -> list[list[Candidate]]:
    """Drop sentences that only continue an earlier event's story (bare "were killed")."""
    seen_event = False
    out: list[list[Candidate]] = []
    for cands in per_sentence:
        if seen_event and cands and all(c.spec.continuation for c in cands):
            cands = []
        seen_event = seen_event or bool(cands)
        out.append(cands)
    return out


def _absorbable(ctx: DocContext, cues: DocCues, lead: _Found, f: _Found, unless: list[str]) -> bool:
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
    return _unknown(a.actor1) or _unknown(b.actor1) or a.actor1.name.lower() == b.actor1.name.lower()


def _unknown(m: ActorMention | None) -> bool:
    """No actor, or one the text does not identify ("Unidentified Armed Group (Nigeria)")."""
    return m is None or m.name.lower().startswith(UNIDENTIFIED)


def _merge(found: list[_Found]) -> list[_Found]:
    groups: list[list[_Found]] = []
    for f in found:
        for g in groups:
            if all(_compatible(f.event, h.event) for h in g):
                g.append(f)
                break
        else:
            groups.append([f])
    out: list[_Found] = []
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
        out.append(_Found(merged, first.sent, first.rank, first.trace))
    return out


def _best_actor(mentions: list[ActorMention | None]) -> ActorMention | None:
    """The first named actor, else the first "Unidentified ..." one."""
    named = [m for m in mentions if not _unknown(m)]
    return named[0] if named else next((m for m in mentions if m is not None), None)


def _best_location(events: list[Event]) -> PlaceMention | None:
    """The most precise location (ACLED geo_precision), the earliest mention on ties."""
    located = [e.location for e in events if e.location is not None and e.location.place is not None]
    return min(located, key=lambda p: p.geo_precision) if located else events[0].location


def _best_date(events: list[Event]) -> DateMention | None:
    """The first date the text states, else the finest assumed one."""
    stated = [e.date for e in events if e.date is not None and e.date.text]
    if stated:
        return stated[0]
    dated = [e.date for e in events if e.date is not None]
    return min(dated, key=lambda d: PRECISION_RANK.get(d.precision, 4)) if dated else None


def _background(ctx: DocContext, e: Event) -> bool:
    pub = ctx.document.published
    if pub is None or e.date is None or not e.date.text or e.date.end_date is None:
        return False
    return e.date.end_date < pub - dt.timedelta(days=BACKGROUND_DAYS)


def _order(ctx: DocContext, found: list[_Found]) -> list[_Found]:
    return sorted(found, key=lambda f: (_background(ctx, f.event), f.sent, f.rank))
