"""Daily-control F1 of khaldun's timelines on the control corpus (tests/control).

For each place and each day of the truth timelines' span (from the first dated boundary
minus 30 days, or the first dated ``from``, to the last boundary plus 30 days), compare the
controller khaldun gives with the true one. Micro-averaged F1 over (place, day) labels: a day
without a khaldun controller counts as a miss (recall), a wrong one as a false positive and
a miss. VIINA reports F1 0.66 for its daily control classifier.

    .venv/bin/python bench/control_f1.py [--json]
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MARGIN = dt.timedelta(days=30)


def _d(v: Any) -> dt.date | None:
    return None if v is None else (v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)))


def truth_span(truth: dict[str, Any]) -> tuple[dt.date, dt.date]:
    tl = truth["timeline"]
    bounds = [_d(s["from"]) for s in tl if s["from"]] + [_d(s["to"]) for s in tl if s["to"]]
    start = _d(tl[0]["from"]) or (min(bounds) - MARGIN)
    return start, max(bounds) + MARGIN


def label_at(timeline: list[dict[str, Any]], day: dt.date) -> str | None:
    for seg in timeline:
        lo, hi = _d(seg["from"]), _d(seg["to"])
        if (lo is None or lo <= day) and (hi is None or day < hi):
            return seg["controller"]
    return None


def daily_counts(truth: dict[str, Any], timeline: list[dict[str, Any]]) -> tuple[int, int, int]:
    """(true positives, predicted labels, true labels) over the truth span."""
    start, end = truth_span(truth)
    tp = pred = gold = 0
    day = start
    while day < end:
        t, p = label_at(truth["timeline"], day), label_at(timeline, day)
        gold += t is not None
        pred += p is not None
        tp += t is not None and p == t
        day += dt.timedelta(days=1)
    return tp, pred, gold


def corpus_f1(conn: sqlite3.Connection) -> dict[str, Any]:
    """F1 per place and overall, for a store holding the reconciled control corpus."""
    from tests.control_corpus import places, truth

    from khaldun.reconcile.timeline import control_json, find_places

    out: dict[str, Any] = {"places": {}}
    TP = P = G = 0
    for name in places():
        tr = truth(name)
        found = find_places(conn, tr["place"]["name"]) or [
            p for a in tr.get("aliases") or [] for p in find_places(conn, a)
        ]
        timeline = control_json(conn, found[0]["place_key"])["timeline"] if found else []
        tp, p, g = daily_counts(tr, timeline)
        TP, P, G = TP + tp, P + p, G + g
        out["places"][name] = round(2 * tp / (p + g), 3) if p + g else 0.0
    out["f1"] = round(2 * TP / (P + G), 3) if P + G else 0.0
    return out


def main() -> None:
    import tempfile

    from tests.control_corpus import ingest, reports

    from khaldun.extract import Pipeline
    from khaldun.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "control.db")
        ingest(store, Pipeline(), reports())
        result = corpus_f1(store.conn)
        store.close()
    print(json.dumps(result, indent=None if "--json" in sys.argv else 2))


if __name__ == "__main__":
    main()
