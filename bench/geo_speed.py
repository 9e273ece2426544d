"""How fast, and how big, is the places component next to a plain dict lookup?

Measures, in one run:
- cold start: compiling the gazetteer into an empty cache (a subprocess), with its peak RSS;
- warm start: opening the compiled file and resolving one name (a subprocess), with its peak RSS;
- resolution: toponyms resolved per second by the resolver (candidates, context scoring,
  PlaceMentions) over gold toponym spans, against a baseline that looks the same name
  keys up in a plain dict (built in the same run from the same gazetteer);
- the whole component (recognition + resolution) per document, next to spaCy's parse.

Texts: GeoWebNews from ``../shared/eval/geoparsing`` when present (read in place),
else the seed report and ``samples/``.

    python bench/geo_speed.py [--limit N] [--skip-cold] [--output artifacts/geo_speed.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
WARM = (
    "import resource, time; t=time.perf_counter(); from khaldun.geo.gazetteer import get_gazetteer; "
    "get_gazetteer().lookup('Palmyra'); "
    "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
)


def child(code: str, env: dict[str, str]) -> tuple[float, list[float]]:
    """Wall seconds of a fresh Python running ``code``, and the numbers it prints."""
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - t0, [float(x) for x in out.stdout.split()]


def starts(skip_cold: bool) -> dict[str, Any]:
    """Cold start (a build into an empty cache) and warm start, each in a fresh process."""
    env = dict(os.environ)
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        if not skip_cold:
            env["KHALDUN_CACHE"] = tmp
            wall, (_, peak) = child(WARM, env)
            out["cold_start_s"], out["cold_peak_rss_mb"] = round(wall, 2), round(peak, 1)
        wall, (inner, peak) = child(WARM, env)
        out["warm_start_s"], out["warm_open_and_first_lookup_s"] = round(wall, 2), round(inner, 3)
        out["warm_peak_rss_mb"] = round(peak, 1)
    return out


def workload(limit: int | None) -> list[tuple[str, list[tuple[int, int]]]]:
    """(normalised text, toponym spans) per document."""
    from khaldun.evaluate import shared_eval_dir
    from khaldun.evaluate.geo import _documents, read_gwn

    gwn = shared_eval_dir() / "geoparsing" / "GWN.xml"
    if gwn.exists():
        articles = list(read_gwn(gwn))[:limit] if limit else list(read_gwn(gwn))
        docs, golds, _ = _documents(articles)
        return [(d.text, [(s, e) for _, s, e in g]) for d, g in zip(docs, golds, strict=True)]
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "samples").glob("*.txt"))]
    seed = REPO.parent / "shared" / "seed" / "palmyra-2016-03-25.txt"
    if seed.exists():
        texts.append(seed.read_text(encoding="utf-8"))
    return [(t, []) for t in texts]


def resolution(work: list[tuple[str, list[tuple[int, int]]]]) -> dict[str, Any]:
    """Resolver throughput vs a plain dict of name key -> first candidate."""
    import tracemalloc

    from khaldun.extract.places import _parts
    from khaldun.extract.places_recognize import Mention
    from khaldun.geo.names import name_key

    gaz, _words, _rec, resolver, _builder = _parts()
    names = [text[s:e] for text, spans in work for s, e in spans]
    if not names:
        return {"toponyms": 0}
    for name in set(names):  # warm the lookup cache once, as a long run would be
        gaz.lookup(name)
    tracemalloc.start()
    table = {name_key(n): (gaz.lookup(n) or (None,))[0] for n in set(names)}
    dict_bytes = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    t0 = time.perf_counter()
    for _ in range(20):
        hits = sum(1 for n in names if table.get(name_key(n)) is not None)
    dict_rate = 20 * len(names) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    resolved = 0
    for text, spans in work:
        res = resolver.resolve(text, [Mention(s, e, text[s:e], "given") for s, e in spans])
        resolved += sum(1 for r in res if r.best is not None)
    rate = len(names) / (time.perf_counter() - t0)  # candidates cached: steady state
    return {
        "toponyms": len(names),
        "resolved": resolved,
        "dict_hits": hits,
        "resolver_per_s": round(rate),
        "dict_lookup_per_s": round(dict_rate),
        "slowdown_vs_dict": round(dict_rate / rate, 1),
        "dict_peak_mb": round(dict_bytes / 2**20, 2),
        "process_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def component(work: list[tuple[str, list[tuple[int, int]]]]) -> dict[str, Any]:
    """Recognition + resolution per document, next to the spaCy parse of the same text."""
    from khaldun.acquire.normalize import make_document
    from khaldun.extract.base import DocContext
    from khaldun.extract.places import PlaceResolver
    from khaldun.nlp import load_nlp

    nlp, step = load_nlp(), PlaceResolver()
    texts = [text for text, _ in work]
    t0 = time.perf_counter()
    parsed = list(nlp.pipe(texts))
    parse_s = time.perf_counter() - t0
    found = 0
    for _round in range(2):  # the second round is timed: caches warm, as in a long run
        t0 = time.perf_counter()
        found = 0
        for text, doc in zip(texts, parsed, strict=True):
            ctx = DocContext(document=make_document(text), doc=doc)
            step(ctx)
            found += len(ctx.places)
        places_s = time.perf_counter() - t0
    return {
        "documents": len(texts),
        "places_found": found,
        "places_ms_per_doc": round(1000 * places_s / len(texts), 2),
        "spacy_parse_ms_per_doc": round(1000 * parse_s / len(texts), 2),
        "places_share_of_parse": round(places_s / parse_s, 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="documents to use (default: all)")
    ap.add_argument("--skip-cold", action="store_true", help="do not time a fresh build")
    ap.add_argument("--output", type=Path, default=None)
    args = ap.parse_args()
    report: dict[str, Any] = {"starts": starts(args.skip_cold)}
    work = workload(args.limit)
    report["resolution"] = resolution(work)
    report["component"] = component(work)
    text = json.dumps(report, indent=2)
    print(text)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
