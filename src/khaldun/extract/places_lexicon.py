"""The place vocabulary (``data/place_words.yaml``) compiled once per process into sets
and regular expressions the recogniser and resolver use."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..datafiles import load_yaml
from ..geo.geodesy import BEARINGS
from ..geo.names import name_key


def _alternation(phrases: list[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    parts = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)


@dataclass(frozen=True)
class PlaceWords:
    area_words: dict[str, str]  # "province" -> "admin1"
    area_words_before_any: frozenset[str]  # "the territory of X": any area, a country too
    area_prefixes: dict[str, str]  # "co." -> "admin2": "Co. Cork" is the county
    settlement_words: frozenset[str]
    site_words: frozenset[str]
    cue_words: frozenset[str]
    non_places: frozenset[str]  # name keys
    organisation_heads: frozenset[str]
    building_heads: frozenset[str]  # organisation heads that are also buildings: "High Court"
    hosted_heads: frozenset[str]  # "embassy", "show": held in or accredited at the place they name
    demonyms: dict[str, str]  # lower-case adjective -> country code
    adjective_places: dict[str, str]  # "european" -> "Europe"
    bloc_words: dict[str, str]  # "west" -> "Western world", when used as a bloc ("the West")
    abbreviations: dict[str, str]
    shared_abbreviations: dict[str, tuple[str, ...]]  # "SA" -> ("South Africa", "South Australia")
    relations: dict[str, str]  # phrase (lower case) -> relation name
    relation_suffixes: dict[str, str]
    road_words: frozenset[str]
    clock_zone: re.Pattern[str] | None  # "7 a.m. CT": group 1 is the zone
    zone_countries: dict[str, str]  # "CT" -> "US"
    part_before: re.Pattern[str]  # "central " right before a name: a part of an area
    street_after: re.Pattern[str]  # " street", " and Hubbard streets" right after a name
    street_before: re.Pattern[str]  # "the corner of " right before a name
    quarter_name: re.Pattern[str]  # "South Side", "the West End": a part of whichever city the story is in
    sovereigns: dict[str, str]  # territory country code -> its sovereign's ("MP" -> "US")
    generic_country_domains: frozenset[str]  # "tv", "io": two-letter domains that name no country
    outlet_name_words: frozenset[str]  # "tribune", "localnews": what an outlet adds to its town's name
    modifier_suffixes: frozenset[str]  # "-held", "-led": "Russian-held" is no name
    article_countries: frozenset[str]
    region_cues: dict[str, tuple[tuple[str, str], ...]]  # "OSCE SMM" -> (("UA", "Donetsk Oblast"), ...)
    region_cue: re.Pattern[str] | None  # any of those phrases, exact case
    relation_before: re.Pattern[str]  # "... near " right before a name
    kind_after: re.Pattern[str]  # " province", " village" right after a name
    kind_before: re.Pattern[str]  # "the town of " right before a name


def _demonyms(extra: dict[str, str]) -> dict[str, str]:
    """Country adjectives: those of ``demonyms.tsv`` (shared with the actors) and the
    extra forms ``place_words.yaml`` lists (plurals, peoples), lower case -> country."""
    from .actors_registry import load_countries

    out = {d.lower(): code for code, c in load_countries().items() for d in c.demonyms}
    out.update({k.lower(): str(v) for k, v in extra.items()})
    return out


_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}"


def _street_after(words: list[str], meetings: list[str]) -> re.Pattern[str]:
    """A lower-case street word after a name, or its plural after a second name joined
    by "and" (case-sensitive: "Baghdad Street" names a street, "Baghdad" alone is the city),
    or a meeting of streets ("the Chartres/Franklin intersection")."""
    one, many, meet = _alternation(words), _alternation([w + "s" for w in words]), _alternation(meetings)
    return re.compile(
        rf"(?:\s+({one})|,?\s+and\s+{_NAME}\s+({many})|\s+({many})|(?:\s*/\s*{_NAME})?\s+({meet}))\b"
    )


def _street_before(meetings: list[str]) -> re.Pattern[str]:
    """ "the corner of ", "the intersection of State and " right before a name."""
    return re.compile(rf"\b(?:{_alternation(meetings)})\s+of\s+(?:{_NAME}\s+and\s+)?$")


@functools.cache
def place_words() -> PlaceWords:
    data = load_yaml("place_words.yaml")
    relations = {p.lower(): rel for rel, phrases in data["relations"].items() for p in phrases}
    area = {k.lower(): v for k, v in data["area_words"].items()}
    settlements = [w.lower() for w in data["settlement_words"]]
    sites = [w.lower() for w in data["site_words"]]
    kinds = _alternation([*area, *settlements, *sites])
    cues = {
        phrase: tuple(tuple(v.split(":", 1)) for v in values)  # type: ignore[misc]
        for phrase, values in (data.get("region_cues") or {}).items()
    }
    zones = {str(z): str(cc) for cc, zs in (data.get("time_zones") or {}).items() for z in zs}
    return PlaceWords(
        area_words=area,
        area_words_before_any=frozenset(w.lower() for w in data.get("area_words_before_any") or ()),
        area_prefixes={str(k).lower(): v for k, v in (data.get("area_prefixes") or {}).items()},
        settlement_words=frozenset(settlements),
        site_words=frozenset(sites),
        cue_words=frozenset(w.lower() for w in data["cue_words"]),
        non_places=frozenset(name_key(w) for w in data["non_places"]),
        organisation_heads=frozenset(w.lower() for w in data["organisation_heads"]),
        building_heads=frozenset(w.lower() for w in data["building_heads"]),
        hosted_heads=frozenset(w.lower() for w in data.get("hosted_heads") or ()),
        demonyms=_demonyms(data["demonyms"]),
        adjective_places={k.lower(): v for k, v in data["adjective_places"].items()},
        bloc_words={k.lower(): v for k, v in (data.get("bloc_words") or {}).items()},
        abbreviations=dict(data["abbreviations"]),
        shared_abbreviations={k: tuple(v) for k, v in (data.get("shared_abbreviations") or {}).items()},
        relations=relations,
        relation_suffixes={k.lower(): v for k, v in data["relation_suffixes"].items()},
        road_words=frozenset(w.lower() for w in data["road_words"]),
        street_after=_street_after(data["street_words"], data["street_meetings"]),
        street_before=_street_before(data["street_meetings"]),
        clock_zone=re.compile(
            rf"\b\d{{1,2}}(?::\d\d\s*(?:[AaPp]\.?[Mm]\.?\s*)?|\s*[AaPp]\.?[Mm]\.?\s*)"
            rf"\(?({_alternation(list(zones))})\b"
        )
        if zones
        else None,
        zone_countries=zones,
        part_before=re.compile(rf"\b(?:{_alternation(data['part_adjectives'])})\s+$"),
        quarter_name=re.compile(
            rf"(?i)(?:the\s+)?(?:(?:far|near|upper|lower)\s+)?(?:{_alternation(list(BEARINGS))})\s+"
            rf"(?:{_alternation(data['quarter_suffixes'])})"
        ),
        sovereigns={str(k): str(v) for k, v in (data.get("sovereigns") or {}).items()},
        generic_country_domains=frozenset(w.lower() for w in data.get("generic_country_domains") or ()),
        outlet_name_words=frozenset(w.lower() for w in data.get("outlet_name_words") or ()),
        modifier_suffixes=frozenset(w.lower() for w in data["modifier_suffixes"]),
        article_countries=frozenset(data["article_countries"]),
        region_cues=cues,
        region_cue=re.compile(rf"\b(?:{_alternation(list(cues))})\b") if cues else None,
        relation_before=re.compile(
            rf"(?i)\b({_alternation(list(relations))})\s+(?:the\s+|a\s+)?"
            rf"(?:(?:[\w-]+\s+){{0,3}}(?:{_alternation(settlements)})\s+of\s+)?$"
        ),
        kind_after=re.compile(rf"(?i)^(?:'s|’s)?\s+({kinds})\b"),
        kind_before=re.compile(rf"(?i)\b(?:the\s+|a\s+)?(?:\w+\s+)?({kinds})\s+(?:of|called|named)\s+$"),
    )
