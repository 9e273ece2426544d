"""How fast does the clusters stage reconcile 10,000 events, next to a plain SQL GROUP BY?

Builds a synthetic store: ``--events`` events over 200 places (10 countries), two years,
six sub-event types and a few attackers, each real event reported by 1-6 documents (so
clusters have duplicates across documents, with jittered dates and wording; a third of the
reports sit in wire copies). Times, in the same run:

- ``reconcile.update(store, None)`` for the clusters stage alone (the full rebuild);
- ``--adds`` incremental updates, one new document each (``reconcile`` with its id);
- the baseline: ``SELECT ... GROUP BY sub_event_type, geonames_id, date_start`` over the
  same rows, the cheapest possible "clustering" (exact keys, no rules).

The target: the rebuild under a minute on 2 cores.

    python bench/reconcile_speed.py [--events 10000] [--adds 50] [--output artifacts/reconcile.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TYPES = [
    ("Battles", "Armed clash"),
    ("Battles", "Government regains territory"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
]
ACTORS = [
    "Military Forces of Russia",
    "Military Forces of Ukraine",
    "Military Forces of Syria",
    "Islamic State",
    "Rapid Support Forces",
    "Military Forces of Sudan",
    "Syrian Democratic Forces",
    None,
]
WORDS = (
    "artillery shelled killed wounded residential district troops captured town village strike drone "
    "fighters positions attack civilians market hospital convoy checkpoint bridge river night morning".split()
)


def synth(n_events: int, seed: int = 1) -> list[dict[str, Any]]:
    """Documents with their events: real events, each reported by 1-6 documents."""
    rng = random.Random(seed)
    places = [
        (f"Town {i}", 30 + rng.random() * 20, 30 + rng.random() * 15, 100000 + i, f"C{i % 10}")
        for i in range(200)
    ]
    start = dt.date(2022, 1, 1)
    docs: list[dict[str, Any]] = []
    made, real = 0, 0
    while made < n_events:
        real += 1
        etype, sub = rng.choice(TYPES)
        name, lat, lon, gid, cc = rng.choice(places)
        day = start + dt.timedelta(days=rng.randrange(730))
        actor = rng.choice(ACTORS)
        deaths = rng.choice([None, None, rng.randrange(1, 40)])
        words = rng.sample(WORDS, 8)
        wire = rng.random() < 0.3
        for r in range(rng.randint(1, 6)):
            jitter = rng.choice([0, 0, 0, 1]) if sub.startswith(("Gov", "Non")) else 0
            sentence = " ".join(words[:6] + rng.sample(WORDS, 2)) + f" in {name}."
            doc_id = f"{real:06d}{r}"
            text = f"Headline {real}\n" + (f"{name.upper()} (Reuters) - " if wire else "") + sentence * 6
            ev = {
                "event_type": etype,
                "sub_event_type": sub,
                "actor1_name": actor,
                "location_name": name,
                "latitude": lat,
                "longitude": lon,
                "geonames_id": gid,
                "country_code": cc,
                "geo_precision": 1,
                "date_start": (day + dt.timedelta(days=jitter)).isoformat(),
                "date_precision": "day",
                "fatalities": None if deaths is None else deaths + rng.choice([0, 0, 1]),
                "source_name": f"Outlet {rng.randrange(40)}",
                "stance": rng.choice(["asserted"] * 5 + ["claimed", "denied"]),
                "evidence_sentence": sentence,
            }
            docs.append(
                {
                    "id": doc_id,
                    "published": day.isoformat(),
                    "outlet": ev["source_name"],
                    "text": text,
                    "events": [ev],
                }
            )
            made += 1
    return docs


def insert(store: Any, docs: list[dict[str, Any]]) -> None:
    c = store.conn
    c.execute("BEGIN")
    for d in docs:
        c.execute(
            "INSERT INTO documents (id, hash, outlet, published, status, text, ingested_at) "
            "VALUES (?,?,?,?,?,?,?)",
            (d["id"], d["id"], d["outlet"], d["published"], "ok", d["text"], "2024-01-01T00:00:00"),
        )
        for i, ev in enumerate(d["events"]):
            row = {
                **ev,
                "document_id": d["id"],
                "ordinal": i,
                "date_end": ev["date_start"],
                "evidence_start": 0,
                "evidence_end": len(ev["evidence_sentence"]),
            }
            c.execute(
                f"INSERT INTO events ({', '.join(row)}) VALUES ({','.join('?' * len(row))})",
                list(row.values()),
            )
    c.execute("COMMIT")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10000)
    ap.add_argument("--adds", type=int, default=50)
    ap.add_argument("--output", help="write the figures as JSON here")
    args = ap.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    from khaldun import reconcile
    from khaldun.store import Store

    docs = synth(args.events + args.adds)
    rng = random.Random(2)
    added = rng.sample(docs, args.adds)
    base = [d for d in docs if d not in added]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        insert(store, base)
        n = store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        clusters = reconcile.get_stage("clusters")
        t0 = time.perf_counter()
        clusters(store, None)
        rebuild = time.perf_counter() - t0
        t0 = time.perf_counter()
        groups = store.conn.execute(
            "SELECT sub_event_type, geonames_id, date_start, COUNT(*), COUNT(DISTINCT document_id), "
            "MIN(fatalities), MAX(fatalities) FROM events GROUP BY sub_event_type, geonames_id, date_start"
        ).fetchall()
        baseline = time.perf_counter() - t0
        per_add = []
        for d in added:
            insert(store, [d])
            t0 = time.perf_counter()
            clusters(store, [d["id"]])
            per_add.append(time.perf_counter() - t0)
        n_clusters = store.conn.execute("SELECT COUNT(*) FROM clusters").fetchone()[0]
        store.close()
    add_mean = sum(per_add) / max(1, len(per_add))
    out = {
        "events": n,
        "clusters": n_clusters,
        "baseline_groups": len(groups),
        "rebuild_s": round(rebuild, 3),
        "rebuild_events_per_s": round(n / rebuild, 1),
        "baseline_s": round(baseline, 4),
        "baseline_events_per_s": round(n / baseline, 1),
        "ratio_rebuild_to_baseline": round(rebuild / baseline, 1),
        "incremental_adds": len(per_add),
        "incremental_mean_s": round(add_mean, 4),
        "incremental_vs_rebuild": round(add_mean / rebuild, 4),
        "target_rebuild_s": 60,
        "passed": rebuild < 60,
    }
    for k, v in out.items():
        print(f"{k:>28}: {v}")
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0 if out["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
