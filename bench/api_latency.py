"""Latency of the web API over a large store: p50/p95 of the main endpoints.

Builds a database of synthetic events (100,000 by default, in 10,000 documents, at 500
places with control timelines), starts ``khaldun serve`` on it in a subprocess, and times
requests from a client on loopback. Targets (issue 5): p95 under 100 ms for a filtered
page of events and for a place's control timeline.

    python bench/api_latency.py [--events 100000] [--requests 200] [--output artifacts/api_latency.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
TYPES = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": ["Shelling/artillery/missile attack", "Air/drone strike", "Suicide bomb"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest"],
    "Riots": ["Mob violence", "Violent demonstration"],
    "Strategic developments": ["Non-violent transfer of territory", "Looting/property destruction"],
}
COUNTRIES = ["SY", "UA", "SD", "ML", "MM", "CD", "NG", "SO", "YE", "AF"]
STANCES = ["asserted", "claimed", "denied", "hedged"]
ACTORS = [f"Armed group {i}" for i in range(60)]
SOURCES = [f"Outlet {i}" for i in range(80)]
TARGETS_MS = {"events: filtered page": 100.0, "places: control timeline": 100.0}


def build(path: Path, n_events: int, seed: int = 5) -> dict:
    """Fill a new store with synthetic documents, events and control timelines."""
    from khaldun.store import Store

    rng = random.Random(seed)
    places = [
        (f"Place {i}", rng.uniform(-30, 50), rng.uniform(-20, 100), 100000 + i, COUNTRIES[i % len(COUNTRIES)])
        for i in range(500)
    ]
    start = dt.date(2022, 1, 1)
    per_doc = 10
    with Store(path) as store:
        c = store.conn
        c.execute("BEGIN")
        docs, events = [], []
        for d in range(max(1, n_events // per_doc)):
            doc_id = f"doc{d:07d}"
            published = start + dt.timedelta(days=rng.randrange(1000))
            text = f"Report {d}. " + " ".join(
                f"Sentence {k} about fighting near {places[k % 500][0]}." for k in range(12)
            )
            docs.append(
                (
                    doc_id,
                    f"h{d}",
                    f"https://news.example/{d}",
                    rng.choice(SOURCES),
                    f"Report {d}",
                    published.isoformat(),
                    "bench",
                    "en",
                    "ok",
                    text,
                    "2024-01-01T00:00:00+00:00",
                )
            )
            for k in range(per_doc):
                etype = rng.choice(list(TYPES))
                name, lat, lon, gid, cc = rng.choice(places)
                day = (published - dt.timedelta(days=rng.randrange(3))).isoformat()
                events.append(
                    (
                        doc_id,
                        k,
                        etype,
                        rng.choice(TYPES[etype]),
                        rng.choice(ACTORS),
                        "group",
                        2,
                        rng.choice(ACTORS),
                        "army",
                        1,
                        name,
                        name,
                        lat,
                        lon,
                        gid,
                        cc,
                        "Region",
                        1,
                        day,
                        day,
                        "day",
                        "on Monday",
                        rng.choice([None, 0, 1, 3, 12]),
                        rng.choice(SOURCES),
                        rng.choice(STANCES),
                        "said",
                        0,
                        40,
                        "Sentence.",
                        0,
                        5,
                        "fight",
                        0.8,
                    )
                )
        c.executemany(
            "INSERT INTO documents (id, hash, url, outlet, title, published, origin, language, status, text, "
            "ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            docs,
        )
        from khaldun.store.rows import EVENT_COLUMNS, insert_sql

        c.executemany(insert_sql("events", EVENT_COLUMNS), events)
        keys = _control(c, rng, places, start)
        c.execute("COMMIT")
    return {"events": len(events), "documents": len(docs), "places": keys}


def _control(c, rng: random.Random, places: list, start: dt.date) -> list[str]:
    """Control intervals (with evidence) for every place, when the control tables exist."""
    if not c.execute("SELECT 1 FROM sqlite_master WHERE name = 'control_intervals'").fetchone():
        return []
    keys = []
    for name, lat, lon, gid, cc in places:
        key = f"gn:{gid}"
        keys.append(key)
        c.execute(
            "INSERT INTO control_places (place_key, name, latitude, longitude, geonames_id, country_code, "
            "aliases) VALUES (?,?,?,?,?,?,?)",
            (key, name, lat, lon, gid, cc, name.lower()),
        )
        day = start
        for i in range(8):
            nxt = day + dt.timedelta(days=rng.randrange(20, 120))
            iid = f"{key}:{i}"
            c.execute(
                "INSERT INTO control_intervals (id, place_key, place_name, latitude, longitude, "
                "geonames_id, country_code, date_from, date_to, controller, status, confidence) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    iid,
                    key,
                    name,
                    lat,
                    lon,
                    gid,
                    cc,
                    day.isoformat(),
                    nxt.isoformat(),
                    rng.choice(ACTORS),
                    rng.choice(["held", "contested", "unknown"]),
                    0.7,
                ),
            )
            for j in range(3):
                c.execute(
                    "INSERT INTO control_evidence (interval_id, document_id, url, outlet, published, "
                    'sentence, start, "end", source, stance, supports) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
                    (
                        iid,
                        f"doc{rng.randrange(10000):07d}",
                        "https://news.example/x",
                        "Outlet",
                        day.isoformat(),
                        f"Forces hold {name}.",
                        0,
                        10,
                        rng.choice(SOURCES),
                        "asserted",
                        j % 2,
                    ),
                )
            day = nxt
    return keys


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path, port: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "khaldun.cli", "--db", str(db), "serve", "--port", str(port)]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=2).raise_for_status()
            return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("khaldun serve did not start")


def measure(client: httpx.Client, paths: Callable[[random.Random], str], n: int) -> dict:
    rng = random.Random(7)
    for _ in range(5):  # warm-up
        client.get(paths(rng)).raise_for_status()
    times = []
    for _ in range(n):
        path = paths(rng)
        t = time.perf_counter()
        client.get(path).raise_for_status()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (n - 1))], 1),
        "max_ms": round(times[-1], 1),
        "n": n,
    }


def endpoints(keys: list[str], n_events: int) -> dict[str, Callable[[random.Random], str]]:
    types = list(TYPES)
    out = {
        "events: filtered page": lambda r: (
            f"/api/events?type={r.choice(types)}&country={r.choice(COUNTRIES)}&since=2023-01-01&limit=50"
            f"&offset={r.choice([0, 50, 100])}"
        ),
        "events: first page, no filter": lambda r: "/api/events?limit=100",
        "events: place (substring)": lambda r: f"/api/events?place=Place%20{r.randrange(500)}&limit=50",
        "events: actor + stance": lambda r: (
            f"/api/events?actor={r.choice(ACTORS)}&stance={r.choice(STANCES)}&limit=50"
        ),
        "event with evidence": lambda r: f"/api/events/{r.randrange(1, n_events)}",
        "histogram, one type": lambda r: f"/api/histogram?type={r.choice(types)}",
        "search": lambda r: f"/api/search?q=Report%20{r.randrange(10000)}",
    }
    if keys:
        out["places: control timeline"] = lambda r: f"/api/places/{r.choice(keys)}/control"
        out["places: control at a date"] = lambda r: f"/api/places/{r.choice(keys)}/control?at=2023-03-01"
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--output", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t = time.perf_counter()
        info = build(db, args.events)
        print(
            f"built {info['events']} events, {info['documents']} documents, {len(info['places'])} timelines "
            f"in {time.perf_counter() - t:.1f} s",
            file=sys.stderr,
        )
        port = free_port()
        proc = serve(db, port)
        results = {}
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
                for name, paths in endpoints(info["places"], info["events"]).items():
                    results[name] = measure(client, paths, args.requests)
                    r = results[name]
                    target = TARGETS_MS.get(name)
                    verdict = (
                        ""
                        if target is None
                        else (" ok" if r["p95_ms"] < target else f" OVER {target:.0f} ms")
                    )
                    print(f"{name:32} p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms{verdict}")
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    met = all(results[k]["p95_ms"] < v for k, v in TARGETS_MS.items() if k in results)
    missing = [k for k in TARGETS_MS if k not in results]
    if missing:
        print(f"not measured (no control tables): {missing}", file=sys.stderr)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        report = {
            "events": info["events"],
            "targets_ms": TARGETS_MS,
            "met": met and not missing,
            "results": results,
        }
        args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if met and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
