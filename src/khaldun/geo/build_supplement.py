"""Merging ``data/places_supplement.tsv`` into the gazetteer as it is built.

Rules (also in the file's header): a row whose ``geonames_id`` is in the gazetteer
adds its names to that place (and moves it, when it has coordinates); a country row
sets that country's point and adds names; a row without coordinates adds names to
the most populous place of that name, feature and country (an alias row), and so
does an admin1/admin2/continent row even with coordinates, which then also set the
area's point; any other row with coordinates is a new place, given the province
and district of the nearest town. Names from the supplement count as own names.

Towns stream past once (:meth:`Supplement.merge_town`, :meth:`Supplement.see_town`);
areas are in memory; what is left is settled with a few SQL queries at the end.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .names import name_key
from .sources import Entry, supplement_rows

if TYPE_CHECKING:
    from .build import Areas, Writer

_AREA_ROWS = frozenset({"admin1", "admin2", "continent"})
_key = name_key.__wrapped__


@dataclass
class Row:
    name: str
    alts: set[str]
    lat: float | None
    lon: float | None
    cc: str
    feature: str
    admin1: str
    gid: int | None
    population: int = 0  # a site's population-equivalent prominence; blank for most rows
    done: bool = False

    @property
    def wants_name_match(self) -> bool:
        return self.lat is None or self.feature in _AREA_ROWS


def read_rows(path: Path) -> list[Row]:
    """The supplement's rows, each with its own name among its names (``alts``)."""
    out = []
    for r in supplement_rows(path):
        alts = {a.strip() for a in r["alternate_names"].split("|") if a.strip()} | {r["name"]}
        out.append(
            Row(
                name=r["name"],
                alts=alts,
                lat=float(r["latitude"]) if r["latitude"] else None,
                lon=float(r["longitude"]) if r["longitude"] else None,
                cc=r["country_code"].upper(),
                feature=r["feature"] or "site",
                admin1=r["admin1"],
                gid=int(r["geonames_id"]) if r["geonames_id"] else None,
                population=int(r["population"] or 0),
            )
        )
    return out


def _merge(e: Entry, row: Row) -> None:
    e.curated |= row.alts
    if row.lat is not None:
        e.lat, e.lon = row.lat, row.lon
    row.done = True


class Supplement:
    def __init__(self, path: Path, areas: Areas) -> None:
        self.rows = read_rows(path)
        self.areas = areas
        self.by_gid = {r.gid: r for r in self.rows if r.gid}
        # alias rows for towns: (cc, "city", key) -> best (own name?, population, pid) so far
        self.town_alias: dict[tuple[str, str, str], list[Row]] = {}
        for r in self.rows:
            if r.wants_name_match:
                self.town_alias.setdefault((r.cc, r.feature, _key(r.name)), []).append(r)
        self.town_best: dict[tuple[str, str, str], tuple[bool, int, int]] = {}

    def merge_town(self, c: Entry) -> None:
        """A row naming this town by its GeoNames id: its names and point, before the town is written."""
        row = self.by_gid.get(c.gid) if c.gid else None
        if row is not None:
            _merge(c, row)

    def see_town(self, c: Entry, keys: dict[str, int]) -> None:
        """Remember the best town for each alias row (own name first, then population)."""
        for k, kind in keys.items():
            if kind > 1:
                continue
            wanted = (c.cc, "city", k)
            if wanted in self.town_alias:
                rank = (kind == 0, c.population, c.pid)
                if wanted not in self.town_best or self.town_best[wanted][:2] < rank[:2]:
                    self.town_best[wanted] = rank

    def finish(self, w: Writer, entry_keys: Callable[[Entry], dict[str, int]]) -> None:
        """Alias rows on towns (already written) and every row on an area."""
        for k, (_, _, pid) in self.town_best.items():
            for row in self.town_alias[k]:
                if row.done or self.by_gid_area(row) is not None:
                    continue
                tmp = Entry(name=row.name, lat=None, lon=None, cc=row.cc, feature="city", curated=row.alts)
                w.add_names(pid, entry_keys(tmp))
                if row.lat is not None:
                    w.con.execute("UPDATE places SET lat = ?, lon = ? WHERE pid = ?", (row.lat, row.lon, pid))
                row.done = True
        by_name = self._area_names()
        for row in self.rows:
            if row.done:
                continue
            target = self.by_gid_area(row)
            if target is None and row.feature == "country":
                target = self.areas.countries.get(row.cc)
            if target is None and row.wants_name_match:
                found = by_name.get((row.cc, row.feature, _key(row.name)))
                target = found[2] if found else None
            if target is not None:
                _merge(target, row)

    def by_gid_area(self, row: Row) -> Entry | None:
        if not row.gid:
            return None
        return next((e for e in self.areas.all() if e.gid == row.gid), None)

    def _area_names(self) -> dict[tuple[str, str, str], tuple[bool, int, Entry]]:
        by_name: dict[tuple[str, str, str], tuple[bool, int, Entry]] = {}
        for e in self.areas.all():
            for n in (e.name, *e.names):
                k, rank = (e.cc, e.feature, _key(n)), (n == e.name, e.population)
                if k not in by_name or by_name[k][:2] < rank:
                    by_name[k] = (*rank, e)
        return by_name

    def new_places(self, con: sqlite3.Connection, first_pid: int) -> Iterator[tuple[Entry, int | None]]:
        """Rows that are places of their own, with the district pid of their nearest town."""
        a1_by_name = {
            (cc, _key(n)): code for (cc, code), e in self.areas.admin1.items() for n in e.names | {e.name}
        }
        pid = first_pid
        for row in self.rows:
            if row.done or row.lat is None or row.lon is None:
                continue
            a1code = a1_by_name.get((row.cc, _key(row.admin1))) if row.admin1 else None
            near = _nearest_town(con, row.lat, row.lon, row.cc)
            e = Entry(
                name=row.name,
                lat=row.lat,
                lon=row.lon,
                cc=row.cc,
                feature=row.feature,
                population=row.population,
                gid=row.gid,
                a1code=a1code or (near[0] if near else None),
                curated=row.alts,
                source="supplement",
                pid=pid,
            )
            pid += 1
            yield e, near[1] if near else None


def _nearest_town(
    con: sqlite3.Connection, lat: float, lon: float, cc: str
) -> tuple[str | None, int | None] | None:
    """(a1code, a2pid) of the nearest town of a country within a degree or so."""
    y, x = int(lat // 1), int(lon // 1)
    rows = con.execute(
        "SELECT a1code, a2pid, lat, lon FROM places WHERE cc = ? AND feature = 'city' "
        "AND lat >= ? AND lat < ? AND lon >= ? AND lon < ?",
        (cc, y - 1, y + 2, x - 1, x + 2),
    ).fetchall()
    if not rows:
        return None
    best = min(rows, key=lambda r: (r[2] - lat) ** 2 + ((r[3] - lon) * 0.8) ** 2)
    return best[0], best[1]
