"""Geoparsing scores: GeoWebNews (GWN) and LGL from ``geoparsing/``, and event location
on ACLED notes from ``acled/`` (all read in place).

Each corpus is resolved twice: each article alone, then with the outlet homes the
first pass points to (the articles' URLs name their outlets; a local paper's towns
say where it reports from: :mod:`khaldun.extract.places_outlets`). The second pass is
the figure; the first is reported as ``each_article_alone``.

Per corpus, two modes:
- resolution-only: the gold toponym spans are given as ``mentions``; Acc@161 (share of
  toponyms placed within 161 km of gold; unresolved ones count as misses) and the
  mean / median error in km over the resolved ones;
- end-to-end: the pipeline finds toponyms itself; detection precision and recall
  (a prediction matches a gold toponym it overlaps; "exact" needs the same span)
  and Acc@161 over the matched gold toponyms.
Gold toponyms are those with coordinates (in GWN also: with a GeoNames id, reported
separately). Documents are built with :func:`make_document`, which normalises
whitespace; gold offsets are mapped onto the normalised text.

ACLED: ``locate(ctx, 0, len(text))`` on each note, scored within 25 km of the gold point.
"""

from __future__ import annotations

import csv
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..acquire.normalize import make_document
from ..extract.base import DocContext
from ..extract.pipeline import Pipeline
from ..geo.geodesy import km
from . import Missing, evaluation

MISS_KM = 20_038.0  # half the Earth's circumference: the error of an unresolved toponym


@dataclass
class Gold:
    start: int
    end: int
    lat: float
    lon: float
    geonames: bool  # has a GeoNames id


@dataclass
class Article:
    text: str
    gold: list[Gold]
    title: str | None = None
    url: str | None = None  # the article's address: its outlet's home is learned across articles


def offset_map(original: str, normalised: str) -> list[int] | None:
    """For each offset of ``original`` (and its end), the offset in ``normalised``.

    Normalisation only deletes characters and turns whitespace into other whitespace,
    so a greedy walk aligns every kept character with itself. None if it does not."""
    out, j = [], 0
    for ch in original:
        out.append(j)
        if j < len(normalised) and (ch == normalised[j] or (ch.isspace() and normalised[j].isspace())):
            j += 1
    out.append(j)
    return out if j == len(normalised) else None


def read_gwn(path: Path) -> Iterator[Article]:
    for art in ET.parse(path).getroot().iter("article"):
        gold = []
        for t in art.iter("toponym"):
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            if lat and lon:
                gold.append(
                    Gold(
                        int(t.findtext("start")),
                        int(t.findtext("end")),
                        float(lat),
                        float(lon),
                        bool(t.findtext("geonamesID")),
                    )
                )
        yield Article(art.findtext("text") or "", gold, art.findtext("title"), art.findtext("link"))


def read_lgl(path: Path) -> Iterator[Article]:
    for art in ET.parse(path).getroot().iter("article"):
        gold = []
        for t in art.iter("toponym"):
            g = t.find("gaztag")
            if g is None or not g.findtext("lat"):
                continue
            gold.append(
                Gold(
                    int(t.findtext("start")),
                    int(t.findtext("end")),
                    float(g.findtext("lat")),
                    float(g.findtext("lon")),
                    bool(g.get("geonameid")),
                )
            )
        yield Article(art.findtext("text") or "", gold, art.findtext("title"), art.findtext("url"))


def _documents(articles: list[Article]) -> tuple[list[Any], list[list[tuple[Gold, int, int]]], int]:
    """Documents and, per document, its gold toponyms with offsets in the normalised text."""
    docs, golds, lost = [], [], 0
    for i, a in enumerate(articles):
        doc = make_document(a.text, id=f"a{i}", title=a.title, url=a.url)
        mapping = offset_map(a.text, doc.text)
        kept = []
        for g in a.gold:
            if mapping is None or g.end > len(a.text):
                lost += 1
                continue
            s, e = mapping[g.start], mapping[g.end]
            if doc.text[s:e] != a.text[g.start : g.end].strip() and doc.text[s:e] != a.text[g.start : g.end]:
                lost += 1
                continue
            kept.append((g, s, e))
        docs.append(doc)
        golds.append(kept)
    return docs, golds, lost


def _error(pm: Any, g: Gold) -> float:
    p = pm.place if pm is not None else None
    return km(p.latitude, p.longitude, g.lat, g.lon) if p is not None else MISS_KM


def _summary(errors: list[float]) -> dict[str, Any]:
    resolved = [e for e in errors if e < MISS_KM]
    return {
        "n": len(errors),
        "acc161": round(sum(e <= 161 for e in errors) / len(errors), 4) if errors else None,
        "mean_km": round(statistics.fmean(resolved), 1) if resolved else None,
        "median_km": round(statistics.median(resolved), 1) if resolved else None,
        "resolved": round(len(resolved) / len(errors), 4) if errors else None,
    }


def two_passes(pipeline: Pipeline, items: list[tuple[Any, Any]]) -> tuple[list[Any], list[Any]]:
    """Each article alone, then again with the outlet homes the first pass points to
    (learned from the system's own output over the corpus, never from gold)."""
    first = list(pipeline.pipe(items))
    homes = pipeline.outlet_homes.learn((ext.document, ext.places) for ext in first)
    return first, list(pipeline.pipe(items, outlet_homes=homes))


def resolution_only(pipeline: Pipeline, articles: list[Article]) -> dict[str, Any]:
    docs, golds, lost = _documents(articles)
    items = [(d, [(s, e) for _, s, e in g]) for d, g in zip(docs, golds, strict=True)]
    alone, homed = two_passes(pipeline, items)

    def score(extractions: list[Any]) -> tuple[list[float], list[float]]:
        errors: list[float] = []
        with_id: list[float] = []
        for ext, gold in zip(extractions, golds, strict=True):
            by_span = {(pm.start, pm.end): pm for pm in ext.places}
            for g, s, e in gold:
                err = _error(by_span.get((s, e)), g)
                errors.append(err)
                if g.geonames:
                    with_id.append(err)
        return errors, with_id

    errors, with_id = score(homed)
    return {
        **_summary(errors),
        "with_geonames_id": _summary(with_id),
        "unmapped_gold": lost,
        "each_article_alone": _summary(score(alone)[0]),
    }


def end_to_end(pipeline: Pipeline, articles: list[Article]) -> dict[str, Any]:
    docs, golds, _lost = _documents(articles)
    n_gold = n_pred = gold_hit = pred_hit = exact = 0
    errors: list[float] = []
    _alone, homed = two_passes(pipeline, [(d, None) for d in docs])
    for ext, gold in zip(homed, golds, strict=True):
        preds = [pm for pm in ext.places if pm.place is not None]
        n_gold += len(gold)
        n_pred += len(preds)
        for g, s, e in gold:
            over = [pm for pm in preds if pm.start < e and s < pm.end]
            if over:
                gold_hit += 1
                exact += any(pm.start == s and pm.end == e for pm in over)
                errors.append(_error(over[0], g))
        pred_hit += sum(1 for pm in preds if any(pm.start < e and s < pm.end for _, s, e in gold))
    return {
        "gold": n_gold,
        "predicted": n_pred,
        "recall": round(gold_hit / n_gold, 4) if n_gold else None,
        "precision": round(pred_hit / n_pred, 4) if n_pred else None,
        "exact_recall": round(exact / n_gold, 4) if n_gold else None,
        "acc161_matched": _summary(errors)["acc161"],
    }


def acled_locate(pipeline: Pipeline, path: Path, limit: int | None) -> dict[str, Any]:
    """Share of ACLED notes whose located event place is within 25 km of gold."""
    from ..extract.places import locate

    rows = [r for r in csv.DictReader(path.open(encoding="utf-8")) if r.get("latitude") and r.get("notes")]
    if limit and limit < len(rows):  # an evenly spaced sample keeps the mix of countries
        rows = rows[:: len(rows) // limit][:limit]
    docs = [make_document(r["notes"], id=f"acled{i}") for i, r in enumerate(rows)]
    located = events = event_ok = within = 0
    for ext, r in zip(pipeline.pipe((d, None) for d in docs), rows, strict=True):
        glat, glon = float(r["latitude"]), float(r["longitude"])
        ctx = DocContext(document=ext.document, doc=None, places=ext.places)  # type: ignore[arg-type]
        loc = locate(ctx, 0, len(ext.document.text))
        if loc is not None and loc.lat is not None:
            located += 1
            within += km(loc.lat, loc.lon, glat, glon) <= 25
        ev = next(
            (e.location for e in ext.events if e.location is not None and e.location.lat is not None), None
        )
        if ev is not None:
            events += 1
            event_ok += km(ev.lat, ev.lon, glat, glon) <= 25
    n = len(rows)
    return {
        "n": n,
        "locate_within_25km": round(within / n, 4) if n else None,
        "located": round(located / n, 4) if n else None,
        "event_location_within_25km": round(event_ok / n, 4) if n else None,
    }


@evaluation("geo")
def geo(shared_eval_dir: Path, pipeline: Pipeline, limit: int | None) -> dict[str, Any]:
    """GWN and LGL (resolution-only and end-to-end), and ACLED event location."""
    folder = shared_eval_dir / "geoparsing"
    corpora = {"gwn": (folder / "GWN.xml", read_gwn), "lgl": (folder / "lgl.xml", read_lgl)}
    missing = [str(p) for p, _ in corpora.values() if not p.exists()]
    if missing:
        raise Missing(f"geoparsing data absent: {', '.join(missing)}")
    out: dict[str, Any] = {}
    for name, (path, reader) in corpora.items():
        articles = list(reader(path))[:limit] if limit else list(reader(path))
        out[name] = {
            "articles": len(articles),
            "resolution_only": resolution_only(pipeline, articles),
            "end_to_end": end_to_end(pipeline, articles),
        }
    acled = shared_eval_dir / "acled" / "acled-2020-05-global.csv"
    if acled.exists():
        out["acled"] = acled_locate(pipeline, acled, limit)
    return out
