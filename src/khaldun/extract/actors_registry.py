"""The actor registry: ``data/actors.yaml`` plus built state actors for every country.

The registry is data a researcher edits; this module only loads it (once per
process), fills defaults (sides, built names) and answers look-ups. Matching text
against it lives in :mod:`actors_scan`.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..datafiles import data_path, load_yaml
from ..records import Actor

ARMED_KINDS = frozenset({"rebel", "militia", "identity_militia"})
STATE_KINDS = frozenset({"state", "government_body"})
SPEAKER_KINDS = frozenset({"media", "monitor"})


@dataclass(frozen=True, slots=True)
class Country:
    """One row of ``demonyms.tsv``."""

    code: str
    name: str  # "Democratic Republic of Congo": inside "Civilians (...)"
    of_name: str  # "the Democratic Republic of Congo": after "Forces of"
    demonyms: tuple[str, ...]
    names: tuple[str, ...]  # the name itself and its other names
    side: str


@dataclass(slots=True)
class Entry:
    """A registry entry: the :class:`Actor` plus what the shared record does not carry."""

    actor: Actor
    side: str | None = None
    acled: str | None = None
    aliases: list[str] = field(default_factory=list)
    context_aliases: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    by_country: dict[str, str] = field(default_factory=dict)
    state_media: bool = False
    wing: bool = False  # an armed wing that events name by its movement


def slug(text: str) -> str:
    """A name as an id part: "Burkina Faso" -> "burkina-faso"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def variants(phrase: str) -> set[str]:
    """Spelling variants news text uses: hyphens as spaces, apostrophes dropped or
    curly, accents dropped ("al-Shabaab", "al Shabaab"; "Da'esh", "Daesh", "Da’esh")."""
    out = {phrase}
    if "-" in phrase:
        out.add(phrase.replace("-", " "))
    for p in list(out):
        if "'" in p:
            out.update({p.replace("'", ""), p.replace("'", "\u2019")})
        if "\u2019" in p:
            out.update({p.replace("\u2019", "'"), p.replace("\u2019", "")})
    for p in list(out):
        plain = unicodedata.normalize("NFKD", p).encode("ascii", "ignore").decode()
        if plain and len(plain) >= len(p) - 3:
            out.add(plain)
    return {re.sub(r"\s+", " ", p).strip() for p in out if p.strip()}


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def load_countries() -> dict[str, Country]:
    """``demonyms.tsv`` as {code: Country}."""
    out: dict[str, Country] = {}
    with data_path("demonyms.tsv").open(encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        for row in rows:
            name = row["name"].strip()
            out[row["code"].strip()] = Country(
                code=row["code"].strip(),
                name=name,
                of_name=(row.get("of_name") or "").strip() or name,
                demonyms=_split(row.get("demonyms") or ""),
                names=(name, *_split(row.get("names") or "")),
                side=(row.get("side") or "").strip() or f"{slug(name)}-government",
            )
    return out


class Registry:
    """Look-ups over the registry: by id or name, sides, built state and generic actors."""

    def __init__(self, raw: dict[str, Any], words: dict[str, Any], countries: dict[str, Country]) -> None:
        self.countries = countries
        self.roles: dict[str, dict[str, Any]] = words["state_roles"]
        self.generic_defs: dict[str, dict[str, Any]] = {g["category"]: g for g in words["generic"]}
        self.ethnic_spec: dict[str, Any] = words.get("identity_militias") or {}
        self.entries: dict[str, Entry] = {}
        self._built: dict[tuple[str, str | None], Actor] = {}
        self._build_states()
        for item in raw.get("actors", []):
            self._add(item)
        self._add_outlets(raw.get("outlets") or {})
        self._by_name = {e.actor.name.lower(): e for e in self.entries.values()}
        for e in self.entries.values():
            if e.acled:
                self._by_name.setdefault(e.acled.lower(), e)
        self._state_media = {
            e.actor.country: e for e in self.entries.values() if e.state_media and e.actor.country
        }

    # ---------------------------------------------------------------- building
    def _build_states(self) -> None:
        for cc, c in self.countries.items():
            for role, spec in self.roles.items():
                actor = Actor(
                    id=f"{role}-{cc.lower()}",
                    name=spec["name"].format(of=c.of_name),
                    inter=spec.get("inter"),
                    country=cc,
                    kind=spec.get("kind", "state"),
                )
                self.entries[actor.id] = Entry(actor=actor, side=c.side)

    def _add(self, item: dict[str, Any]) -> None:
        old = self.entries.get(item["id"])
        if old is not None:  # extends a built state actor
            a = old.actor
            a.name = item.get("name", a.name)
            a.inter = item.get("inter", a.inter)
            a.kind = item.get("kind", a.kind)
            a.parent = item.get("parent", a.parent)
            old.side = item.get("side", old.side)
            old.acled = item.get("acled", old.acled)
            old.aliases += item.get("aliases") or []
            old.context_aliases += item.get("context_aliases") or []
            old.acronyms += item.get("acronyms") or []
            old.by_country.update(item.get("by_country") or {})
            old.state_media = item.get("state_media", old.state_media)
            return
        actor = Actor(
            id=item["id"],
            name=item["name"],
            inter=item.get("inter"),
            country=item.get("country"),
            parent=item.get("parent"),
            kind=item.get("kind"),
        )
        aliases = list(item.get("aliases") or [])
        acronyms = list(item.get("acronyms") or [])
        if ":" not in actor.name and "{" not in actor.name and actor.name not in acronyms:
            aliases.append(actor.name)
        self.entries[actor.id] = Entry(
            actor=actor,
            side=item.get("side"),
            acled=item.get("acled"),
            aliases=aliases,
            context_aliases=list(item.get("context_aliases") or []),
            acronyms=acronyms,
            by_country=dict(item.get("by_country") or {}),
            state_media=bool(item.get("state_media")),
            wing=bool(item.get("wing")),
        )

    def _add_outlets(self, outlets: dict[str, dict[str, list[str]]]) -> None:
        for status, by_cc in outlets.items():
            for cc, items in by_cc.items():
                for item in items:
                    names = [p.strip() for p in item.split("|") if p.strip()]
                    side = self.countries[cc].side if status == "state" and cc in self.countries else None
                    oid = f"outlet-{slug(names[0])}"
                    if oid in self.entries:
                        continue
                    actor = Actor(id=oid, name=names[0], country=cc, kind="media")
                    self.entries[oid] = Entry(actor=actor, side=side, acronyms=names)

    # ---------------------------------------------------------------- look-ups
    def get(self, actor_id: str | None) -> Actor | None:
        e = self.entries.get(actor_id or "")
        return e.actor if e else None

    def entry(self, actor: Actor | str | None) -> Entry | None:
        if actor is None:
            return None
        return self.entries.get(actor if isinstance(actor, str) else actor.id)

    def by_name(self, name: str) -> Actor | None:
        """The actor whose canonical or ACLED name is ``name`` (case-insensitive)."""
        e = self._by_name.get(name.strip().lower())
        return e.actor if e else None

    def side_of(self, actor: Actor | str | None) -> str | None:
        """The belligerent side: explicit, else the parent's, else by kind (see actors.yaml)."""
        seen: set[str] = set()
        e = self.entry(actor)
        if e is None and isinstance(actor, Actor):  # an actor built outside the registry
            e = Entry(actor=actor)
        while e is not None and e.actor.id not in seen:
            seen.add(e.actor.id)
            if e.side:
                return e.side
            if e.actor.parent:
                e = self.entries.get(e.actor.parent)
                continue
            if (e.actor.kind in STATE_KINDS or e.state_media) and e.actor.country in self.countries:
                return self.countries[e.actor.country].side
            if e.actor.kind in ARMED_KINDS:
                return e.actor.id
            return None
        return None

    def acled_name(self, actor: Actor) -> str:
        """ACLED's spelling of the actor's name (without ACLED's year periods)."""
        e = self.entry(actor)
        if not e or not e.acled:
            return actor.name
        c = self.countries.get(actor.country or "")
        return e.acled.format(country=c.name) if c else e.acled.replace(" ({country})", "")

    def acled_spelling(self, name: str | None) -> str | None:
        """ACLED's spelling of a canonical actor name; names not in the registry as they are."""
        if not name:
            return name
        actor = self.by_name(name)
        return self.acled_name(actor) if actor else name

    def called(self, actor: Actor, word: str) -> bool:
        """Is ``word`` part of one of the actor's names ("agency" for "the agency")?"""
        e = self.entry(actor)
        names = [actor.name, *(e.aliases if e else [])]
        return any(word.lower() in n.lower() for n in names)

    def event_actor(self, actor: Actor) -> Actor:
        """The actor an event should name: a person stands for the force they lead, an
        armed wing for its movement."""
        e = self.entry(actor)
        if e and (actor.kind == "person" or e.wing) and actor.parent:
            return self.get(actor.parent) or actor
        return actor

    def state(self, country: str | None, role: str = "military") -> Actor | None:
        """The state actor of a country by ISO code: "Military Forces of <Country>", police or government."""
        return self.get(f"{role}-{country.lower()}") if country else None

    def state_media(self, country: str | None) -> Actor | None:
        e = self._state_media.get(country or "")
        return e.actor if e else None

    def generic(self, category: str, country: str | None) -> Actor:
        """A built actor such as "Civilians (Nigeria)"; without a country, "Civilians"."""
        key = (category, country)
        if key not in self._built:
            spec = self.generic_defs[category]
            c = self.countries.get(country or "")
            name = spec["name"].format(country=c.name) if c else spec["name"].split(" (")[0]
            self._built[key] = Actor(
                id=f"generic-{category}-{(country or 'xx').lower()}",
                name=name,
                inter=spec.get("inter"),
                country=c.code if c else None,
                kind=spec.get("kind", "generic"),
            )
        return self._built[key]

    def ethnic(self, group: str, country: str | None) -> Actor:
        """A built identity militia such as "Fulani Ethnic Militia (Nigeria)"."""
        key = (f"ethnic:{group}", country)
        if key not in self._built:
            c = self.countries.get(country or "")
            name = (
                self.ethnic_spec["name"].format(group=group, country=c.name if c else "").replace(" ()", "")
            )
            self._built[key] = Actor(
                id=f"ethnic-{slug(group)}-{(country or 'xx').lower()}",
                name=name,
                inter=self.ethnic_spec.get("inter", 4),
                country=c.code if c else None,
                kind="identity_militia",
            )
        return self._built[key]

    def localise(self, actor: Actor, focus: str | None, others: tuple[str, ...] = ()) -> Actor:
        """The actor as meant in a document about ``focus`` (then ``others``, the other
        countries it names, most named first): follow by_country, fill {country}."""
        e = self.entry(actor)
        if e is None:
            return actor
        for cc in (focus, *others):
            if cc and cc in e.by_country and e.by_country[cc] in self.entries:
                return self.localise(self.entries[e.by_country[cc]].actor, cc)
        if "{" not in actor.name and "{" not in (e.acled or ""):
            return actor
        cc = focus if focus in self.countries else actor.country
        key = (actor.id, cc)
        if key not in self._built:
            c = self.countries.get(cc or "")
            name = actor.name.format(country=c.name if c else "").replace(" ()", "")
            self._built[key] = Actor(actor.id, name, actor.inter, cc, actor.parent, actor.kind)
        return self._built[key]

    def phrases(self) -> Iterator[tuple[str, str, bool, bool]]:
        """(phrase, actor id, case_sensitive, context_only) for every matchable form."""
        for e in self.entries.values():
            for a in e.aliases:
                for v in variants(a):
                    yield v, e.actor.id, False, False
            for a in e.context_aliases:
                for v in variants(a):
                    yield v, e.actor.id, False, True
            for a in e.acronyms:
                for v in variants(a):
                    yield v, e.actor.id, True, False


@functools.cache
def registry() -> Registry:
    """The process-wide registry, loaded on first use."""
    return Registry(load_yaml("actors.yaml"), load_yaml("actor_words.yaml"), load_countries())
