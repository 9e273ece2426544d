"""The claims ledger of a cluster: every member's source, stance, figures and dates, the
cluster's reconciled figures (UCDP-style best/low/high), and the contradictions between its
independent sources (toll, occurrence, date)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..records import SUB_EVENT_TYPES
from .features import Ev, config

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
STANCE_RANK = {"asserted": 0, "claimed": 1, "hedged": 2, "denied": 3}


def short_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def cluster_id(members: Sequence[Ev]) -> str:
    return "c" + short_hash(min(e.key for e in members))


def _mode(values: Sequence[Any], tie: Any) -> Any:
    """The most frequent non-empty value; ties go to ``tie`` when it is among them, else the smallest."""
    counts = Counter(v for v in values if v not in (None, ""))
    if not counts:
        return None
    top = max(counts.values())
    best = sorted((v for v, n in counts.items() if n == top), key=str)
    return tie if tie in best else best[0]


def lead(members: Sequence[Ev]) -> Ev:
    """The member that best states the event: most precise date, firmest stance, placed, with actors."""
    return min(
        members,
        key=lambda e: (
            PRECISION_RANK.get(e.precision, 4),
            STANCE_RANK.get(e.row["stance"], 4),
            not e.located,
            e.row.get("actor1_name") is None,
            e.key,
        ),
    )


def figures(members: Sequence[Ev], keys: dict[str, str]) -> dict[str, int]:
    """source key -> the fatalities that source gives (the highest of its reports); denials left out."""
    out: dict[str, int] = {}
    for e in members:
        f = e.row.get("fatalities")
        if f is not None and e.row["stance"] != "denied":
            k = keys[e.key]
            out[k] = max(out.get(k, f), f)
    return out


def tolls(by_source: dict[str, int]) -> tuple[int | None, int | None, int | None]:
    """(best, low, high): best is the median of the independent figures (the lower middle one)."""
    if not by_source:
        return None, None, None
    vals = sorted(by_source.values())
    return vals[(len(vals) - 1) // 2], vals[0], vals[-1]


def cluster_row(cid: str, members: Sequence[Ev], keys: dict[str, str]) -> dict[str, Any]:
    head = lead(members)
    sub = _mode([e.row["sub_event_type"] for e in members], head.row["sub_event_type"])
    precise = [e for e in members if e.precision == head.precision]
    start = _mode([e.row["date_start"] for e in precise], head.row["date_start"])
    end = _mode([e.row["date_end"] for e in precise if e.row["date_start"] == start], head.row["date_end"])
    placed = [e for e in members if e.located] or [head]
    gid = _mode([e.row.get("geonames_id") or e.row.get("location_name") for e in placed], None)
    where = next(
        (
            e
            for e in sorted(placed, key=lambda e: e.key)
            if (e.row.get("geonames_id") or e.row.get("location_name")) == gid
        ),
        head,
    )
    best, low, high = tolls(figures(members, keys))
    a1 = _mode([e.row.get("actor1_name") for e in members], head.row.get("actor1_name"))
    a2 = _mode(
        [e.row.get("actor2_name") for e in members if e.row.get("actor2_name") != a1],
        head.row.get("actor2_name"),
    )
    reports, sources = len({e.doc for e in members}), len({keys[e.key] for e in members})
    loc = where.row.get("location_name")
    summary = f"{sub}{' at ' + loc if loc else ''} on {start}"
    if a1:
        summary += f": {a1}" + (f" against {a2}" if a2 else "")
    summary += f" ({reports} report{'s' * (reports != 1)}, {sources} source{'s' * (sources != 1)})"
    return {
        "id": cid,
        "event_type": SUB_EVENT_TYPES.get(sub, head.row.get("event_type")),
        "sub_event_type": sub,
        "date_start": start,
        "date_end": end or start,
        "date_precision": head.precision,
        "location_name": loc,
        "latitude": where.row.get("latitude"),
        "longitude": where.row.get("longitude"),
        "geonames_id": where.row.get("geonames_id"),
        "country_code": where.row.get("country_code"),
        "admin1": where.row.get("admin1"),
        "actor1_name": a1,
        "actor2_name": a2,
        "reports": reports,
        "sources": sources,
        "fatalities_best": best,
        "fatalities_low": low,
        "fatalities_high": high,
        "lead_event_key": head.key,
        "summary": summary,
    }


def _side(e: Ev, keys: dict[str, str], position: str) -> dict[str, Any]:
    return {
        "document_id": e.doc,
        "event_key": e.key,
        "claim_id": None,
        "source": e.row.get("source_name") or e.row.get("outlet"),
        "source_key": keys[e.key],
        "stance": e.row["stance"],
        "position": position,
        "sentence": e.row.get("evidence_sentence"),
        "start": e.row.get("evidence_start"),
        "end": e.row.get("evidence_end"),
    }


def contradictions(
    cluster: dict[str, Any], members: Sequence[Ev], keys: dict[str, str]
) -> list[dict[str, Any]]:
    """Toll, occurrence and date disagreements between the cluster's independent sources."""
    cfg = config()
    out = []
    base = {
        "stage": "clusters",
        "subject": cluster["id"],
        "place_name": cluster["location_name"],
        "latitude": cluster["latitude"],
        "longitude": cluster["longitude"],
        "geonames_id": cluster["geonames_id"],
        "date": cluster["date_start"],
    }
    what = cluster["sub_event_type"]
    by_source = figures(members, keys)
    if len(set(by_source.values())) > 1:
        low, high = min(by_source.values()), max(by_source.values())
        tol = cfg["toll_tolerance"]
        if high - low >= max(tol["absolute"], tol["relative"] * high):
            sides = [
                _side(e, keys, f"{e.row['fatalities']} killed")
                for e in members
                if e.row.get("fatalities") is not None and e.row["stance"] != "denied"
            ]
            out.append(
                {
                    **base,
                    "kind": "toll",
                    "summary": f"sources give {low} to {high} killed in the {what.lower()}",
                    "sides": sides,
                }
            )
    asserting = set(cfg["asserting"])
    deny = [e for e in members if e.row["stance"] == "denied"]
    assert_ = [e for e in members if e.row["stance"] in asserting]
    if any(keys[d.key] != keys[a.key] for d in deny for a in assert_):
        sides = [_side(e, keys, "it happened") for e in assert_] + [
            _side(e, keys, "it did not happen") for e in deny
        ]
        out.append(
            {
                **base,
                "kind": "occurrence",
                "summary": f"{len(deny)} report(s) deny the {what.lower()} that {len(assert_)} assert",
                "sides": sides,
            }
        )
    days = [e for e in members if e.precision == "day" and e.lo is not None]
    by_key: dict[str, set[int]] = {}
    for e in days:
        by_key.setdefault(keys[e.key], set()).add(e.lo)  # type: ignore[arg-type]
    firsts = sorted({min(v) for v in by_key.values()})
    if len(firsts) > 1 and firsts[-1] - firsts[0] >= cfg["date_gap_days"]:
        sides = [_side(e, keys, f"on {e.row['date_start']}") for e in days]
        out.append(
            {
                **base,
                "kind": "date",
                "summary": f"sources date the {what.lower()} from {_iso(firsts[0])} to {_iso(firsts[-1])}",
                "sides": sides,
            }
        )
    for c in out:
        c["id"] = "x" + short_hash("clusters", c["kind"], cluster["id"])
    return out


def _iso(n: int) -> str:
    from .features import iso_day

    return iso_day(n)
