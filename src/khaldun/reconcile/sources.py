"""Independent sources: which documents are copies of one wire story, and whose word each
stored event is.

A document that credits an agency (``data/wire_agencies.yaml``) and shares most of its body
with another document crediting the same agency, published a few days apart, is a copy of
the same story; copies form groups (pairwise, transitively) and a group's story key is its
smallest document id, so it does not depend on the order the copies arrived in. An event's
source key is then, in order: the named source its statement is attributed to inside the
report ("the Syrian Observatory said"), else the wire story, else the outlet."""

from __future__ import annotations

import datetime as dt
import functools
import re
import sqlite3
from collections.abc import Iterable
from typing import Any

from ..datafiles import load_yaml
from .features import config

_WORD = re.compile(r"\w+")


@functools.cache
def agencies() -> tuple[dict[str, Any], list[tuple[str, re.Pattern[str]]]]:
    raw = load_yaml("wire_agencies.yaml")
    pats = [
        (a["name"], re.compile("|".join(f"(?:{c})" for c in a["credits"]), re.M)) for a in raw["agencies"]
    ]
    return raw, pats


def credited(text: str | None) -> list[str]:
    """The agencies a text credits, in the order of the agency list."""
    return [name for name, pat in agencies()[1] if text and pat.search(text)]


def shingles(text: str | None, n: int | None = None) -> frozenset[tuple[str, ...]]:
    """Word n-grams of a document's body (its first line, the headline, left out)."""
    n = n or agencies()[0]["shingle"]
    body = (text or "").split("\n", 1)[-1]
    toks = _WORD.findall(body.lower())
    return frozenset(tuple(toks[i : i + n]) for i in range(max(0, len(toks) - n + 1)))


def are_copies(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two documents run one agency story: a shared credit, close dates, most of a body shared."""
    cfg = agencies()[0]
    if not set(a["agencies"]) & set(b["agencies"]):
        return False
    if a["published"] and b["published"]:
        gap = abs(dt.date.fromisoformat(a["published"]) - dt.date.fromisoformat(b["published"])).days
        if gap > cfg["copy_days"]:
            return False
    sa, sb = a["shingles"], b["shingles"]
    if not sa or not sb:
        return False
    return len(sa & sb) / min(len(sa), len(sb)) >= cfg["copy_overlap"]


def _docs(conn: sqlite3.Connection, where: str, params: Iterable[Any]) -> dict[str, dict[str, Any]]:
    sql = "SELECT id, outlet, published, text FROM documents WHERE status = 'ok' AND " + where
    out = {}
    for r in conn.execute(sql, list(params)):
        names = credited(r["text"])
        if names:
            out[r["id"]] = {
                "id": r["id"],
                "published": r["published"],
                "agencies": names,
                "shingles": shingles(r["text"]),
            }
    return out


def _story_keys(docs: dict[str, dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """document id -> (agency, story key) for documents with at least one copy among ``docs``."""
    ids = sorted(docs)
    parent = {i: i for i in ids}

    def find(i: str) -> str:
        while parent[i] != i:
            i = parent[i]
        return i

    by_day = sorted(ids, key=lambda i: (docs[i]["published"] or "", i))
    days = agencies()[0]["copy_days"]
    for n, a in enumerate(by_day):
        for b in by_day[n + 1 :]:
            pa, pb = docs[a]["published"], docs[b]["published"]
            if pa and pb and (dt.date.fromisoformat(pb) - dt.date.fromisoformat(pa)).days > days:
                break
            if are_copies(docs[a], docs[b]):
                ra, rb = find(a), find(b)
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(find(i), []).append(i)
    out = {}
    for root, members in groups.items():
        if len(members) < 2:
            continue
        shared = set.intersection(*(set(docs[m]["agencies"]) for m in members))
        agency = min(shared, key=[n for n, _ in agencies()[1]].index) if shared else docs[root]["agencies"][0]
        for m in members:
            out[m] = (agency, root)
    return out


def rebuild_stories(conn: sqlite3.Connection) -> None:
    """Recompute every document's wire story (inside the caller's transaction)."""
    conn.execute("DELETE FROM document_sources")
    keys = _story_keys(_docs(conn, "1", ()))
    conn.executemany(
        "INSERT INTO document_sources VALUES (?, ?, ?)", [(d, a, s) for d, (a, s) in keys.items()]
    )


def update_stories(conn: sqlite3.Connection, doc_ids: list[str]) -> set[str]:
    """Revise the wire stories the new documents belong to; returns the documents whose story
    key changed (the new ones included when they are copies)."""
    days = agencies()[0]["copy_days"]
    marks = ",".join("?" * len(doc_ids))
    new = _docs(conn, f"id IN ({marks})", doc_ids)
    if not new:
        return set()
    pool = dict(new)
    for d in new.values():
        if not d["published"]:
            continue
        day = dt.date.fromisoformat(d["published"])
        lo, hi = (day - dt.timedelta(days=days)).isoformat(), (day + dt.timedelta(days=days)).isoformat()
        near = _docs(conn, "published BETWEEN ? AND ?", (lo, hi))
        pool.update({k: v for k, v in near.items() if are_copies(d, v)})
    # whole stories the pool touches, so the story keys are recomputed over complete groups
    old = dict(
        conn.execute(
            "SELECT document_id, story_key FROM document_sources "
            f"WHERE document_id IN ({','.join('?' * len(pool))})",
            list(pool),
        ).fetchall()
    )
    stories = sorted(set(old.values()))
    if stories:
        marks = ",".join("?" * len(stories))
        members = [
            r[0]
            for r in conn.execute(
                f"SELECT document_id FROM document_sources WHERE story_key IN ({marks})", stories
            )
        ]
        missing = [m for m in members if m not in pool]
        if missing:
            pool.update(_docs(conn, f"id IN ({','.join('?' * len(missing))})", missing))
        old.update(
            dict(
                conn.execute(
                    f"SELECT document_id, story_key FROM document_sources WHERE story_key IN ({marks})",
                    stories,
                ).fetchall()
            )
        )
    keys = _story_keys(pool)
    changed = {d for d in pool if old.get(d) != (keys.get(d) or (None, None))[1]}
    conn.executemany("DELETE FROM document_sources WHERE document_id = ?", [(d,) for d in pool])
    conn.executemany(
        "INSERT INTO document_sources VALUES (?, ?, ?)", [(d, *keys[d]) for d in sorted(pool) if d in keys]
    )
    return changed


def story_of(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> dict[str, str]:
    ids = sorted(set(doc_ids))
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT document_id, story_key, agency FROM document_sources WHERE document_id IN ({marks})"
        out.update({r[0]: f"wire:{r[2]}:{r[1]}" for r in conn.execute(sql, chunk)})
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@functools.cache
def named_source(name: str | None, outlet: str | None) -> str | None:
    """The key of a named source inside a report (a party by its side, else the name), or
    None when the statement is the report's own (the outlet, a pronoun, a generic actor)."""
    if not name or (outlet and name.strip().lower() == outlet.strip().lower()):
        return None
    if config()["unnamed_re"].match(name) or name in {n for n, _ in agencies()[1]}:
        return None
    from ..extract.actors import resolve_name
    from ..extract.actors_registry import registry

    actor = registry().by_name(name) or resolve_name(name)
    if actor is not None:
        return "party:" + (registry().side_of(actor) or actor.id)
    return "named:" + _slug(name)


def source_key(row: dict[str, Any], stories: dict[str, str]) -> str:
    """Whose word an event is (one key per independent source)."""
    named = named_source(row.get("source_name"), row.get("outlet"))
    if named:
        return named
    doc = row["document_id"]
    if doc in stories:
        return stories[doc]
    outlet = row.get("outlet")
    return "outlet:" + _slug(outlet) if outlet else "document:" + doc
