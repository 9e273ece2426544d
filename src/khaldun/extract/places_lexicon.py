"""The place vocabulary (``data/place_words.yaml``) compiled once per process into sets
and regular expressions the recogniser and resolver use."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..datafiles import load_yaml
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
