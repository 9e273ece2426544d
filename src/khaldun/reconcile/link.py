"""When two stored events are reports of one real event, and how linked events form clusters.

Two events *link* when every hard rule holds (same family of sub-event types, dates within
the family's window, compatible places, compatible actors; :func:`compatible`) and their
score reaches ``link_score`` (:func:`score`). Linked events form *components* (union-find);
each component is then cut into clusters by merging its links best first, never putting two
conflicting events into one cluster, so a vague report cannot chain two events together
(:func:`may_merge`). Both steps depend only on the set of events, never on the order they were stored in."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

from .features import Ev, config, family_rules

EARTH_KM = 6371.0


def km(a: tuple[float, float, bool], b: tuple[float, float, bool]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def linkable(e: Ev) -> bool:
    """Whether an event may link at all: dated, and not too vague in time."""
    return e.lo is not None and e.span <= config()["max_span_days"]


def window(a: Ev, b: Ev) -> int:
    """Days two events of a family may lie apart and still be one event."""
    cfg = config()
    slack = cfg["precision_slack_days"]
    return int(family_rules(a.family)["window_days"]) + max(
        slack.get(a.precision, 0), slack.get(b.precision, 0)
    )


def place_part(a: Ev, b: Ev) -> float | None:
    """1 for the same place, 0.5 when a sentence names the other's place (as a point or by
    name), 0 when either has no usable place, None when both are placed apart."""
    near = config()["distance_km"]
    best = None
    for p in a.points:
        for q in b.points:
            if km(p, q) <= near:
                best = max(best or 0.0, 1.0 if p[2] and q[2] else 0.5)
    if best is None and (any(n in b.text for n in a.own_names) or any(n in a.text for n in b.own_names)):
        best = 0.5
    if best is not None:
        return best
    return None if a.located and b.located else 0.0


def actor_part(a: Ev, b: Ev) -> float | None:
    """1 when the sides agree, 0.5 when one is unknown, None when they differ."""
    rule = family_rules(a.family)["actors"]
    if rule == "any":
        return 1.0 if a.sides & b.sides else 0.5
    if rule == "ordered":
        if a.side1 and b.side1:
            return 1.0 if a.side1 == b.side1 else None
        return 0.5
    if a.sides and b.sides:
        return 1.0 if a.sides & b.sides else None
    return 0.5


def text_part(a: Ev, b: Ev) -> float:
    if not a.words or not b.words:
        return 0.0
    return len(a.words & b.words) / len(a.words | b.words)


def compatible(a: Ev, b: Ev) -> bool:
    """The hard rules: could these two events be reports of one real event?"""
    return _parts(a, b) is not None


def conflict(a: Ev, b: Ev) -> bool:
    """Evidence that two events are different ones: another family, dates too far apart, or
    actors that cannot both be right. (A place mismatch is no such evidence on its own:
    extraction misplaces events more often than it misdates them.)"""
    if a.family != b.family or not linkable(a) or not linkable(b):
        return True
    assert a.lo is not None and a.hi is not None and b.lo is not None and b.hi is not None
    return max(a.lo - b.hi, b.lo - a.hi, 0) > window(a, b) or actor_part(a, b) is None


def may_merge(xs: Sequence[Ev], ys: Sequence[Ev]) -> bool:
    """Two groups may become one cluster when no pair across them conflicts and more pairs
    across them pass every hard rule than are placed apart (both located, far from each
    other, neither sentence naming the other's place); pairs with no place evidence either
    way do not count."""
    for_, against = 0, 0
    for x in xs:
        for y in ys:
            if conflict(x, y):
                return False
            if compatible(x, y):
                for_ += 1
            elif place_part(x, y) is None:
                against += 1
    return for_ > against


def _parts(a: Ev, b: Ev) -> tuple[float, float, float, float] | None:
    """(date, place, actors, text) parts of a compatible pair; None when a hard rule fails."""
    if a.family != b.family or not linkable(a) or not linkable(b):
        return None
    w = window(a, b)
    assert a.lo is not None and a.hi is not None and b.lo is not None and b.hi is not None
    gap = max(a.lo - b.hi, b.lo - a.hi, 0)
    if gap > w:
        return None
    place, actors = place_part(a, b), actor_part(a, b)
    if place is None or actors is None:
        return None
    text = text_part(a, b)
    if place == 0.0 and (text < config()["unlocated_text_min"] or actors < 1.0):
        return None
    return 1.0 - gap / (w + 1), place, actors, text


def score(a: Ev, b: Ev) -> float | None:
    """The link score of two compatible events (None when incompatible)."""
    parts = _parts(a, b)
    if parts is None:
        return None
    wt = config()["weights"]
    date, place, actors, text = parts
    same = 1.0 if a.row["sub_event_type"] == b.row["sub_event_type"] else 0.0
    return (
        wt["same_sub_event_type"] * same
        + wt["date"] * date
        + wt["place"] * place
        + wt["actors"] * actors
        + wt["text"] * text
    )


def link(a: Ev, b: Ev) -> float | None:
    """The score when the two events link, else None."""
    s = score(a, b)
    return s if s is not None and s >= config()["link_score"] else None


def candidate_pairs(events: Sequence[Ev]) -> Iterator[tuple[Ev, Ev]]:
    """Every pair that might link: same family, date ranges within the widest window (a sweep
    over events sorted by first day, so it costs the pairs close in time, not all pairs)."""
    cfg = config()
    widest = max(f["window_days"] for f in [*cfg["families"].values(), cfg["default_family"]])
    widest += max(cfg["precision_slack_days"].values())
    by_family: dict[str, list[Ev]] = {}
    for e in events:
        if linkable(e):
            by_family.setdefault(e.family, []).append(e)
    for fam in sorted(by_family):
        evs = sorted(by_family[fam], key=lambda e: (e.lo, e.key))
        for i, a in enumerate(evs):
            assert a.hi is not None
            for b in evs[i + 1 :]:
                assert b.lo is not None
                if b.lo > a.hi + widest:
                    break
                yield a, b


class _Sets:
    """Union-find over event keys."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group(events: Sequence[Ev]) -> list[tuple[str, list[Ev]]]:
    """Clusters of these events as (component key, members), each sorted by key.

    The component key is the smallest event key of the linked component the cluster was
    cut from; clusters come out sorted by their smallest member key."""
    by_key = {e.key: e for e in events}
    links = [(s, a.key, b.key) for a, b in candidate_pairs(events) if (s := link(a, b)) is not None]
    comps = _Sets(sorted(by_key))
    for _, a, b in links:
        comps.union(a, b)
    clusters = _Sets(sorted(by_key))
    members: dict[str, list[str]] = {k: [k] for k in by_key}
    for _, a, b in sorted(links, key=lambda x: (-x[0], x[1], x[2])):
        ra, rb = clusters.find(a), clusters.find(b)
        if ra == rb:
            continue
        if may_merge([by_key[x] for x in members[ra]], [by_key[y] for y in members[rb]]):
            clusters.union(ra, rb)
            root = clusters.find(ra)
            other = rb if root == ra else ra
            members[root] = members[root] + members.pop(other)
    out = [
        (comps.find(root), sorted((by_key[k] for k in keys), key=lambda e: e.key))
        for root, keys in members.items()
    ]
    return sorted(out, key=lambda c: c[1][0].key)
