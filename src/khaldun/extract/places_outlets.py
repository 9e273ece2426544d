"""The outlet's home: the province a news outlet reports from, as evidence for its
bare place names.

A local paper writes "Columbus" or "Mansfield" with no state: its readers know which.
Nothing in the article says so, but the outlet's other articles do: the towns they
place with confidence cluster in one province. :class:`OutletHomes` learns that
province from extractions already made (an earlier pass over the same batch, or the
documents already in the store), and takes curated homes from
``data/outlet_homes.tsv``, which win over learned ones. An outlet is known by the
host of its documents' URL (``www.`` dropped), else by its name. An outlet known in
none of these ways is at home in the country its web domain names ("autocar.co.uk":
GB), unless the domain is sold as a word (".tv", ".io").
"""

from __future__ import annotations

import csv
import functools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..datafiles import data_path
from ..records import Document, PlaceMention

MIN_DOCUMENTS = 3  # articles with a town in the province before it is taken for the outlet's home
MIN_SHARE = 0.3  # share of the outlet's located towns the province must hold
MOST_DOCUMENTS = 0.5  # ... or share of its documents that place a town there
MIN_NAMED_DOCUMENTS = 2  # the same for a province its name points to (one article only echoes itself)
TOWN_FEATURES = frozenset({"city", "admin2", "site", "landmark"})


@dataclass(frozen=True, slots=True)
class Home:
    """Where an outlet reports from: a country and, when known, a province (admin1 name)."""

    cc: str
    admin1: str | None = None
    learned: bool = False  # learned from the outlet's articles, not curated


def _read(path: Path) -> dict[str, Home]:
    out: dict[str, Home] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"):
            key = outlet_key(None, row.get("outlet"))
            if key and (row.get("cc") or "").strip():
                out[key] = Home(row["cc"].strip(), (row.get("admin1") or "").strip() or None)
    return out


def _registry_outlets() -> dict[str, str]:
    """Outlet names (lower case) -> country, from the actor registry's outlets."""
    try:
        from .actors_registry import registry

        entries = list(registry().entries.values())
    except Exception:  # the actors component is optional; places work without it
        return {}
    return {
        name.lower(): e.actor.country
        for e in entries
        if e.actor.kind == "media" and e.actor.country
        for name in (e.actor.name, *e.acronyms)
    }


def outlet_key(url: str | None, outlet: str | None = None) -> str | None:
    """An outlet's key: its URL's host, else its name (a host or a name, as
    ``outlet_homes.tsv`` lists them), in lower case and without ``www.``."""
    if url:
        host = (urlsplit(url).hostname or "").lower()
        if host:
            return host.removeprefix("www.")
    name = (outlet or "").strip().lower().removeprefix("www.")
    return name or None


@functools.lru_cache(maxsize=4096)
def domain_country(key: str) -> Home | None:
    """The country a host's two-letter domain names ("bbc.co.uk": GB, "news.com.au": AU),
    if any: not a generic one (:attr:`PlaceWords.generic_country_domains`), nor a name."""
    from ..geo.gazetteer import get_gazetteer
    from .places_lexicon import place_words

    if " " in key or "." not in key:
        return None
    tld = key.rsplit(".", 1)[1]
    if len(tld) != 2 or not tld.isalpha() or tld in place_words().generic_country_domains:
        return None
    cc = "GB" if tld == "uk" else tld.upper()
    return Home(cc) if get_gazetteer().country(cc) is not None else None


def town_provinces(places: Iterable[PlaceMention]) -> set[tuple[str, str]]:
    """The provinces (country, admin1 name) of the towns and districts a document names
    (a name placed at its neighbour adds nothing: the neighbour's province is there already)."""
    return {
        (pm.place.country_code, pm.place.admin1)
        for pm in places
        if pm.place is not None and pm.place.admin1 and pm.place.feature in TOWN_FEATURES
    }


@functools.lru_cache(maxsize=4096)
def named_provinces(key: str) -> tuple[tuple[str, str], ...]:
    """The provinces of the towns (or the states) an outlet's name may name, followed
    only by words outlets add ("columbuslocalnews.com", "chicago tribune",
    "parisbeacon.com"): every namesake's, since a small town's paper bears its name
    too; the outlet's own articles tell which (:meth:`OutletHomes.learn_provinces`)."""
    from ..geo.gazetteer import get_gazetteer
    from .places_lexicon import place_words

    words = place_words().outlet_name_words
    label = key.split(".")[0] if "." in key and " " not in key else key
    letters = "".join(ch for ch in label.lower() if ch.isalpha())
    gaz = get_gazetteer()
    for cut in range(len(letters) - 1, 3, -1):
        if not _made_of(letters[cut:], words):
            continue
        found = {
            (c.cc, c.name if c.feature == "admin1" else c.a1name)
            for c in gaz.lookup(letters[:cut])
            if c.kind == 0 and c.a1name and c.feature in ("admin1", "city")
        }
        if found:
            return tuple(sorted(found))
    return ()


def _made_of(rest: str, words: frozenset[str]) -> bool:
    """Can ``rest`` be cut into the given words ("localnews" = "local" + "news")?"""
    ok = [True] + [False] * len(rest)
    for i in range(1, len(rest) + 1):
        ok[i] = any(ok[j] and rest[j:i] in words for j in range(max(0, i - 12), i))
    return ok[len(rest)]


class OutletHomes:
    """Outlet -> :class:`Home`, curated and learned."""

    def __init__(self, homes: dict[str, Home] | None = None) -> None:
        self.homes: dict[str, Home] = dict(homes or {})

    @classmethod
    def curated(cls, extra: Path | None = None) -> OutletHomes:
        """The homes in ``data/outlet_homes.tsv``, then those of ``extra`` (same
        columns: outlet, cc, admin1, source), then the registry's national outlets."""
        out = _read(data_path("outlet_homes.tsv"))
        if extra is not None:
            out.update(_read(extra))
        for name, cc in _registry_outlets().items():
            out.setdefault(name, Home(cc))
        return cls(out)

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(outlet, cc, admin1, source) rows, sorted: the TSV ``curated`` reads."""
        return sorted(
            (k, h.cc, h.admin1 or "", "learned" if h.learned else "curated") for k, h in self.homes.items()
        )

    def home_of(self, document: Document) -> Home | None:
        key = outlet_key(document.url, document.outlet)
        if not key:
            return None
        return self.homes.get(key) or domain_country(key)

    def learn(self, extractions: Iterable[tuple[Document, list[PlaceMention]]]) -> OutletHomes:
        """These homes plus the ones the documents' resolved towns point to."""
        return self.learn_provinces(
            (outlet_key(doc.url, doc.outlet), town_provinces(places)) for doc, places in extractions
        )

    def learn_stored(self, store: Any) -> OutletHomes:
        """These homes plus the ones a :class:`~khaldun.store.Store`'s documents point to."""
        stored = store.place_provinces(TOWN_FEATURES)
        return self.learn_provinces((outlet_key(url, outlet), found) for url, outlet, found in stored)

    def learn_provinces(self, documents: Iterable[tuple[str | None, set[tuple[str, str]]]]) -> OutletHomes:
        """These homes plus, for each outlet not curated, the province most of its
        documents place towns in (:data:`MIN_DOCUMENTS`, and :data:`MIN_SHARE` of the
        provinces its documents name, or :data:`MOST_DOCUMENTS` of the documents), or, for an
        outlet named after a town, the namesake's province that most of them (at least
        :data:`MIN_NAMED_DOCUMENTS`) place towns in; each document counts a province
        once. Input: (outlet key, provinces) per document."""
        by_outlet: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
        located: Counter[str] = Counter()  # documents placing any town, per outlet
        for key, provinces in documents:
            if key is not None:
                by_outlet[key].update(provinces)
                located[key] += bool(provinces)
        learned = dict(self.homes)
        for key, counts in by_outlet.items():
            known = learned.get(key)
            curated = known is not None and not known.learned
            if not counts or (curated and known.admin1):  # type: ignore[union-attr]
                continue
            named = [(counts[p], p) for p in named_provinces(key) if counts[p] >= MIN_NAMED_DOCUMENTS]
            if named and not curated:  # "columbuslocalnews.com" naming towns of Ohio
                learned[key] = Home(*max(named)[1], learned=True)
                continue
            (cc, admin1), n = counts.most_common(1)[0]
            if curated and known.cc != cc:  # type: ignore[union-attr]
                continue  # a national outlet's province must lie in its country
            share = n >= MIN_SHARE * sum(counts.values()) or n >= MOST_DOCUMENTS * located[key]
            if n >= MIN_DOCUMENTS and share:
                learned[key] = Home(cc, admin1, learned=True)
        return OutletHomes(learned)
