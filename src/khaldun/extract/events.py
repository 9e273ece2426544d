"""ACLED-typed events assembled from the other components' records.

For each sentence the classifier (``event_types``) names the sub-event types it
reports; each becomes an :class:`Event` with actors, location, date, death toll
and source (``event_assembly``, ``fatalities``).

Mentions of the same event within a document are merged (``event_merge``); a
violent event whose doer is unknown takes it from a later claim of responsibility or
from the violent event told just before it.

Events are ordered most salient first: events of the reporting period before
background events (dated more than 30 days before publication), then by the
position of their first mention (headline and lead first), then, within a
sentence, explicit triggers before generic words and more specific types first.

Each event's reasoning (trigger, rules applied) is logged at DEBUG level on
``khaldun.extract.events``; :func:`khaldun.extract.event_types.classify` returns
the same traces for an evidence panel.
"""

from __future__ import annotations

import datetime as dt
import logging

from ..records import SUB_EVENT_TYPES, ActorMention, Event, PlaceMention, Span
from .base import DocContext, component
from .event_assembly import (
    assign_actors,
    crowd_roles,
    event_actor,
    event_locations,
    event_source,
    mentions_in,
    state_doer,
)
from .event_dates import event_date
from .event_lexicon import load_lexicon
from .event_merge import Found, escalate, merge, unknown
from .event_types import Candidate, DocCues, classify
from .fatalities import fatalities_in

log = logging.getLogger(__name__)
BACKGROUND_DAYS = 30
STORY_SENTENCES = 2


@component("events")
class EventExtractor:
    """The ``events`` pipeline component."""

    def __init__(self) -> None:
        self.lex = load_lexicon()
        self.toll_types = frozenset(self.lex.fatalities.get("types") or ())

    def __call__(self, ctx: DocContext) -> None:
        cues = DocCues(ctx.doc, self.lex, ctx.actors, ctx.places)
        per_sentence = _continuations(classify(cues))
        found: list[Found] = []
        tolls = self._tolls(ctx, cues, per_sentence)
        for si, cands in enumerate(per_sentence):
            toll_given = False
            nationwide = cues.present("nationwide", *cues.sents[si])
            for rank, cand in enumerate(cands):
                for ev in self._events(ctx, cues, cand):
                    if cand.type in self.toll_types and not toll_given:
                        ev.fatalities = tolls[si]
                        toll_given = True
                    found.append(Found(ev, si, rank, cand.trace, nationwide))
                    log.debug(
                        "event %s from %r: %s", ev.sub_event_type, ev.trigger.text, "; ".join(cand.trace)
                    )
        found = escalate(ctx, cues, found, self.lex.escalation)
        _story_doers(ctx, cues, found)
        _story_places(cues, found)
        merged = merge(found)
        _claimed_by(ctx, cues, merged)
        ctx.events = [f.event for f in _order(ctx, merged)]

    def _events(self, ctx: DocContext, cues: DocCues, cand: Candidate) -> list[Event]:
        """The candidate's event, one per place the sentence names side by side."""
        doc = cues.doc
        t0, t1 = doc[cand.start].idx, doc[cand.end - 1].idx + len(doc[cand.end - 1])
        sentence = ctx.sentence_at(t0)
        if sentence is None:
            return []
        parties = assign_actors(ctx, cues, cand, sentence.start, sentence.end)
        date = event_date(ctx, cand, sentence.start, sentence.end)
        roles = self.lex.roles.get(cand.type, {})
        out = []
        for location in event_locations(ctx, cues, cand, sentence.start, sentence.end):
            a1, a2 = parties
            country = location.place.country_code if location is not None and location.place else None
            if "actor1_generic" in roles or "actor2_generic" in roles:
                a1, a2 = crowd_roles(ctx, cand, roles, a1, a2, country)
            if roles.get("actor1_state"):
                a1 = state_doer(ctx, cand, a1, a2, country)
            event = Event(
                event_type=SUB_EVENT_TYPES[cand.type],
                sub_event_type=cand.type,
                evidence=sentence,
                trigger=Span(t0, t1, ctx.text[t0:t1]),
                source=event_source(ctx, t0, t1, [a for a in (a1, a2) if a is not None]),
                actor1=event_actor(a1),
                actor2=event_actor(a2),
                location=location,
                date=date,
                confidence=cand.confidence,
            )
            out.append(event)
        return out

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
                    if cues.present("cumulative_toll", sents[nxt].start, sents[nxt].end):
                        continue  # "The insurgency has killed more than 40,000 people"
                    toll = fatalities_in(sents[nxt].text)
                    if toll is not None:
                        break
            tolls.append(toll)
        return tolls


RESPONSIBLE_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
ARMED_INTER = (1, 2, 3, 4, 8)


def _claimed_by(ctx: DocContext, cues: DocCues, found: list[Found]) -> None:
    """Name the doer of earlier violent events whose doer is unknown from a later sentence
    saying who did it ("Al Shabaab said its fighters had carried out the attack")."""
    for si, (start, end) in enumerate(cues.sents):
        responsibility = cues.present("responsibility", start, end)
        if not responsibility and not cues.present("kill_claim", start, end):
            continue
        span = cues.doc[start:end]
        armed = [m for m in mentions_in(ctx, span.start_char, span.end_char) if m.inter in ARMED_INTER]
        # a claim of responsibility is a non-state group's; "X said it had killed ..." is X's
        claimant = next((m for m in armed if m.inter != 1 or not responsibility), armed[0] if armed else None)
        if claimant is None:
            continue
        for f in found:
            ev = f.event
            if f.sent > si or ev.event_type not in RESPONSIBLE_TYPES or not unknown(ev.actor1):
                continue
            if not _same_side(claimant, ev.actor2):
                ev.actor1 = event_actor(claimant)
                f.trace.append(f"actor1 from responsibility claim: {claimant.name}")


def _story_doers(ctx: DocContext, cues: DocCues, found: list[Found]) -> None:
    """Name the doer of a violent event whose sentence names no armed actor from the
    armed doer of the event told just before it ("Fighters of the RSF raped ... Witnesses also
    described the killing of dozens of men"): the sentence goes on with the same story,
    unless it opens another one ("In a separate incident, ...")."""
    for i, f in enumerate(found):
        ev = f.event
        if ev.event_type not in RESPONSIBLE_TYPES or not unknown(ev.actor1) or f.sent == 0:
            continue
        start, end = cues.sents[f.sent]
        sentence = ev.evidence
        if cues.present("new_story", start, end) or any(
            m.inter in ARMED_INTER for m in mentions_in(ctx, sentence.start, sentence.end)
        ):
            continue
        prev = next(
            (
                g
                for g in reversed(found[:i])
                if f.sent - STORY_SENTENCES <= g.sent < f.sent
                and not unknown(g.event.actor1)
                and g.event.actor1.inter in ARMED_INTER
            ),
            None,
        )
        if prev is not None and (ev.actor2 is None or ev.actor2.name != prev.event.actor1.name):
            ev.actor1 = prev.event.actor1
            f.trace.append(f"actor1 from the story before: {ev.actor1.name}")


def _story_places(cues: DocCues, found: list[Found]) -> None:
    """An event whose sentence names only where something came from ("rockets launched
    from the Gaza Strip ... were intercepted") happened where the story before it did."""
    for i, f in enumerate(found):
        loc = f.event.location
        if loc is None or not _origin(cues, loc):
            continue
        prev = next(
            (
                g
                for g in reversed(found[:i])
                if f.sent - STORY_SENTENCES <= g.sent < f.sent
                and g.event.location is not None
                and g.event.location.place is not None
                and not _origin(cues, g.event.location)
            ),
            None,
        )
        if prev is not None:
            f.event.location = prev.event.location
            f.trace.append(f"location from the story before: {prev.event.location.text}")


def _origin(cues: DocCues, loc: PlaceMention) -> bool:
    """Whether a location's mention only says where something came from ("from X")."""
    span = cues.doc.char_span(loc.start, loc.end, alignment_mode="expand")
    if span is None or not len(span) or not (span.start_char <= loc.start < span.end_char):
        return False
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ == "from"


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


def _same_side(a: ActorMention, b: ActorMention | None) -> bool:
    """The same actor, or the same country's state forces (no one claims attacks on themselves)."""
    if b is None:
        return False
    if a.name == b.name:
        return True
    state = (1, 8)
    return (
        a.inter in state
        and b.inter in state
        and a.actor is not None
        and b.actor is not None
        and (a.actor.country == b.actor.country)
    )


def _background(ctx: DocContext, e: Event) -> bool:
    pub = ctx.document.published
    if pub is None or e.date is None or not e.date.text or e.date.end_date is None:
        return False
    return e.date.end_date < pub - dt.timedelta(days=BACKGROUND_DAYS)


def _order(ctx: DocContext, found: list[Found]) -> list[Found]:
    return sorted(found, key=lambda f: (_background(ctx, f.event), f.sent, f.rank))
