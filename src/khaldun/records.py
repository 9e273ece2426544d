"""Typed records shared by every stage: acquire -> extract -> reconcile -> store -> export.

Every record that comes out of a document carries character offsets into that
document's normalised text (``Document.text``), so any claim can be traced back
to the sentence that makes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Stance = Literal["asserted", "claimed", "denied", "hedged"]
Precision = Literal["day", "week", "month", "year"]
STANCES: tuple[Stance, ...] = ("asserted", "claimed", "denied", "hedged")
PRECISIONS: tuple[Precision, ...] = ("day", "week", "month", "year")

# ACLED's taxonomy: event type -> its sub-event types (ACLED codebook 2019-2023).
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
SUB_EVENT_TYPES: dict[str, str] = {sub: etype for etype, subs in EVENT_TYPES.items() for sub in subs}


@dataclass(slots=True)
class Span:
    """A stretch of the document text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Document:
    """One acquired news item, its normalised text and the metadata we know."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    author: str | None = None
    origin: str | None = None  # the path, URL or "-" it came from
    hash: str | None = None


@dataclass(slots=True)
class Actor:
    """A canonical actor from the registry (``data/actors.yaml``)."""

    id: str
    name: str
    inter: int | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    parent: str | None = None
    kind: str | None = None  # state, rebel, militia, ..., media, organisation


@dataclass(slots=True)
class ActorMention:
    """A stretch of text naming an actor; ``actor`` is None when not in the registry."""

    start: int
    end: int
    text: str
    actor: Actor | None = None
    generic: bool = False  # "gunmen", "protesters": named by kind, not identity
    name_override: str | None = None  # e.g. "Protesters (Nigeria)" built from context
    coref: str = "nearby"  # generic: may stand for a named actor "nearby", in the "document", or "none"

    @property
    def name(self) -> str:
        if self.name_override:
            return self.name_override
        return self.actor.name if self.actor else self.text

    @property
    def inter(self) -> int | None:
        return self.actor.inter if self.actor else None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "name": self.name}

    def ref_json(self) -> dict[str, Any]:
        return {"name": self.name, "mention": self.text, "inter": self.inter}


@dataclass(slots=True)
class Place:
    """A gazetteer entry (GeoNames or the bundled supplement)."""

    name: str
    latitude: float
    longitude: float
    country_code: str
    geonames_id: int | None = None
    admin1: str | None = None
    feature: str | None = None  # "country", "admin1", "admin2", "city", "site", ...
    population: int = 0


@dataclass(slots=True)
class PlaceMention:
    """A toponym in the text and the place it resolves to (None when unresolved).

    ``geo_precision`` follows ACLED: 1 = the place itself, 2 = near it / part of
    it, 3 = only the province or region is known.
    """

    start: int
    end: int
    text: str
    place: Place | None = None
    geo_precision: int = 1
    relation: str | None = None  # "near", "outskirts", "20 km south of", ...
    latitude: float | None = None  # offset point when distance and bearing are given
    longitude: float | None = None
    note: str | None = None  # why it is placed there, when not at its own entry ("not in gazetteer; ...")

    @property
    def lat(self) -> float | None:
        return self.latitude if self.latitude is not None else (self.place.latitude if self.place else None)

    @property
    def lon(self) -> float | None:
        return (
            self.longitude if self.longitude is not None else (self.place.longitude if self.place else None)
        )

    def to_json(self) -> dict[str, Any]:
        p = self.place
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": p.name if p else self.text,
            "latitude": self.lat,
            "longitude": self.lon,
            "geonames_id": p.geonames_id if p else None,
            "country_code": p.country_code if p else None,
            "feature": p.feature if p else None,
            "geo_precision": self.geo_precision,
            "relation": self.relation,
            "note": self.note,
        }

    def location_json(self) -> dict[str, Any] | None:
        p = self.place
        if p is None:
            return None
        return {
            "name": p.name,
            "latitude": self.lat,
            "longitude": self.lon,
            "geonames_id": p.geonames_id,
            "country_code": p.country_code,
            "admin1": p.admin1,
            "geo_precision": self.geo_precision,
            "mention": self.text,
        }


@dataclass(slots=True)
class DateMention:
    """A temporal expression; start/end are None when it cannot be resolved."""

    start: int
    end: int
    text: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    precision: Precision | None = None

    @property
    def resolved(self) -> bool:
        return self.start_date is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "start_date": _iso(self.start_date),
            "end_date": _iso(self.end_date),
            "precision": self.precision,
        }

    def ref_json(self) -> dict[str, Any] | None:
        if not self.resolved:
            return None
        return {
            "start": _iso(self.start_date),
            "end": _iso(self.end_date),
            "precision": self.precision,
            "text": self.text,
        }


@dataclass(slots=True)
class Attribution:
    """A reported statement, PARC/PolNeAR style: who (source) says (cue) what (content)."""

    cue: Span
    content: Span
    source: Span | None = None
    source_name: str | None = None  # canonical name when the source is resolved
    stance: Stance = "asserted"

    def to_json(self) -> dict[str, Any]:
        src = None
        if self.source is not None:
            src = {**self.source.to_json(), "name": self.source_name}
        return {
            "source": src,
            "cue": self.cue.to_json(),
            "content": {"start": self.content.start, "end": self.content.end},
            "stance": self.stance,
        }


@dataclass(slots=True)
class Source:
    """Who asserts an event and how firmly."""

    name: str
    stance: Stance = "asserted"
    cue: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "stance": self.stance, "cue": self.cue}


@dataclass(slots=True)
class Event:
    """One reported conflict event with its evidence."""

    event_type: str
    sub_event_type: str
    evidence: Span  # the sentence
    trigger: Span  # the word(s) that name the event
    source: Source
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    location: PlaceMention | None = None
    date: DateMention | None = None
    fatalities: int | None = None
    confidence: float = 0.5

    def to_json(self) -> dict[str, Any]:
        return {
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1.ref_json() if self.actor1 else None,
            "actor2": self.actor2.ref_json() if self.actor2 else None,
            "location": self.location.location_json() if self.location else None,
            "date": self.date.ref_json() if self.date else None,
            "fatalities": self.fatalities,
            "source": self.source.to_json(),
            "evidence": {
                "sentence": self.evidence.text,
                "start": self.evidence.start,
                "end": self.evidence.end,
            },
            "trigger": self.trigger.to_json(),
            "confidence": round(self.confidence, 3),
        }


ControlKind = Literal["gain", "loss", "hold", "contest"]
CONTROL_KINDS: tuple[ControlKind, ...] = ("gain", "loss", "hold", "contest")


@dataclass(slots=True)
class ControlClaim:
    """A statement that a side took, lost, holds or is fighting for a place.

    ``controller`` is the side the claim is about: the new holder for ``gain``, the
    side giving the place up for ``loss``, the holder for ``hold``, None for
    ``contest``; ``counterpart`` the other side when the sentence names it. The
    claimant is who makes the statement (the attribution's source, else the outlet).
    Claims stay claims: whether control changed is decided across documents
    (``reconcile/control.py``)."""

    place: PlaceMention
    kind: ControlKind
    evidence: Span  # the sentence
    cue: Span  # the words that carry the claim
    controller: str | None = None
    controller_side: str | None = None
    counterpart: str | None = None
    claimant: str | None = None
    claimant_side: str | None = None
    stance: Stance = "asserted"
    date: DateMention | None = None
    date_basis: str | None = None  # "text", "event" or "published"; None: undated
    event_index: int | None = None  # the transfer event sharing this sentence, if any

    def to_json(self) -> dict[str, Any]:
        return {
            "place": self.place.location_json(),
            "kind": self.kind,
            "controller": self.controller,
            "controller_side": self.controller_side,
            "counterpart": self.counterpart,
            "claimant": self.claimant,
            "claimant_side": self.claimant_side,
            "stance": self.stance,
            "date": self.date.ref_json() if self.date else None,
            "date_basis": self.date_basis,
            "event": self.event_index,
            "evidence": {
                "sentence": self.evidence.text,
                "start": self.evidence.start,
                "end": self.evidence.end,
            },
            "cue": self.cue.to_json(),
        }


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one document (or why nothing was)."""

    document: Document
    language: str | None = None
    error: str | None = None
    skipped: str | None = None  # reason a document was not processed (e.g. not English)
    events: list[Event] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    control_claims: list[ControlClaim] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.document.id,
            "language": self.language,
            "published": _iso(self.document.published),
            "error": self.error,
            "skipped": self.skipped,
            "events": [e.to_json() for e in self.events],
            "places": [p.to_json() for p in self.places],
            "actors": [a.to_json() for a in self.actors],
            "attributions": [a.to_json() for a in self.attributions],
            "dates": [d.to_json() for d in self.dates],
            "control_claims": [c.to_json() for c in self.control_claims],
        }


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None
