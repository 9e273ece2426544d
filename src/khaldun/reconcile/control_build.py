"""One place's control timeline from its observations: pure functions, no database.

Observations are control claims (and transfer/fighting events) of many documents. Gains
of one side close in time form one candidate change; a change is accepted when enough
independent sources support it (``data/control_rules.yaml``), and dated by what the
non-interested sources say, so a premature claim by the winner does not date it. Refused
changes, fighting and claims nobody confirms make the holder's interval ``contested``.
Everything is sorted by stable keys, so the result does not depend on arrival order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .control_rules import Rules

FINE = ("day", "week")


@dataclass(slots=True)
class Obs:
    key: str  # claim id "<document>:c<n>" or event key "<document>:<ordinal>"
    kind: str  # gain | loss | hold | contest
    controller: str | None
    side: str | None
    claimant: str | None
    claimant_side: str | None
    stance: str
    date: dt.date | None
    date_end: dt.date | None
    precision: str | None
    basis: str | None
    published: dt.date
    source_key: str
    evidence: dict  # document_id, url, outlet, published, sentence, start, end, event_key, claim_id
    counterpart_side: str | None = None
    from_event: bool = False
    identified: bool = True  # the claimant is the outlet or a known actor (else: someone unnamed)

    @property
    def when(self) -> dt.date:
        return self.date or self.published


@dataclass(slots=True)
class Change:
    side: str
    obs: list[Obs] = field(default_factory=list)
    losses: list[Obs] = field(default_factory=list)
    date: dt.date | None = None
    support: float = 0.0
    accepted: bool = False

    @property
    def controller(self) -> str:
        names = sorted(o.controller for o in self.obs if o.controller)
        return max(names, key=names.count)

    @property
    def loser_sides(self) -> set[str]:
        out = {o.side for o in self.losses if o.side}
        out |= {o.counterpart_side for o in self.obs if o.counterpart_side}
        return out - {self.side}


@dataclass(slots=True)
class Interval:
    date_from: dt.date | None
    date_to: dt.date | None
    controller: str | None
    side: str | None
    status: str
    confidence: float = 0.0
    evidence: list[tuple[Obs, bool]] = field(default_factory=list)


def weight(o: Obs, change_side: str | None, loser_sides: set[str], r: Rules) -> tuple[float, str]:
    """How much one statement counts for a change to ``change_side``, and as what."""
    w = r.weights
    if o.kind == "loss":
        cls = "adverse" if o.claimant_side and o.claimant_side == o.side else None
    else:
        cls = "adverse" if o.claimant_side and o.claimant_side in loser_sides else None
    if cls is None and not o.claimant_side:
        cls = "independent" if o.identified else "unidentified"
    if cls is None:
        cls = "interested"
    val = w.get(cls, 1.0)
    if o.stance == "hedged":
        val *= w.get("hedged", 0.5)
    if o.precision == "year":
        val *= w.get("year_date", 0.5)
    if o.from_event:
        val *= w.get("event", 0.5)
    return val, cls


def cluster(gains: list[Obs], r: Rules) -> list[Change]:
    """Gains by one side within ``cluster_window_days`` of each other: one candidate change."""
    window = dt.timedelta(days=r.cluster_window_days)
    changes: list[Change] = []
    fine = sorted((o for o in gains if _fine(o)), key=lambda o: (o.side or "", o.when, o.key))
    for o in fine:
        last = changes[-1] if changes else None
        if last and last.side == o.side and o.when - last.obs[-1].when <= window:
            last.obs.append(o)
        else:
            changes.append(Change(side=o.side or "", obs=[o]))
    for o in sorted((o for o in gains if not _fine(o)), key=lambda o: (o.when, o.key)):
        end = o.date_end or o.when
        near = [
            c
            for c in changes
            if c.side == o.side and c.obs[0].when - window <= end and o.when <= c.obs[-1].when + window
        ]
        if near:
            min(near, key=lambda c: abs((c.obs[0].when - o.when).days)).obs.append(o)
        else:
            changes.append(Change(side=o.side or "", obs=[o]))
    return changes


def attach_losses(changes: list[Change], losses: list[Obs], r: Rules) -> None:
    """A side's admission of a loss goes with the nearest gain by another side; an admission
    may come weeks after the gain ("confirmed on Wednesday it had withdrawn")."""
    window, late = r.cluster_window_days, r.late_admission_days
    for o in sorted(losses, key=lambda o: (o.when, o.key)):
        cands = [
            c
            for c in changes
            if c.side != o.side and -window <= (o.when - c.obs[0].when).days <= max(window, late)
        ]
        if cands:
            min(cands, key=lambda c: (abs((c.obs[0].when - o.when).days), c.side)).losses.append(o)


def evaluate(c: Change, r: Rules, holds: list[Obs] | None = None) -> list[tuple[dt.date, Obs]]:
    """Accept or refuse a candidate change and date it; returns its premature claims.

    ``holds``: the place's holding claims, those of other sides near the change count against it."""
    best: dict[str, float] = {}
    trusted: list[Obs] = []
    settled = False
    backing = [
        h
        for h in holds or []
        if h.side == c.side and 0 <= (h.when - c.obs[0].when).days <= r.cluster_window_days
    ]  # "the rebels were in control of most of the city on Wednesday"
    near = [h for h in holds or [] if abs((h.when - c.obs[0].when).days) <= r.cluster_window_days]
    losers = c.loser_sides | {h.side for h in near if h.side and h.side != c.side}  # who held it
    for o in [*c.obs, *c.losses, *backing]:
        val, cls = weight(o, c.side, losers, r)
        best[o.source_key] = max(best.get(o.source_key, 0.0), val)
        if cls != "interested":
            trusted.append(o)
            if o.date and (o.published - o.date).days >= r.settled_after_days:
                settled = True
    fine = [o for o in [*c.obs, *c.losses] if _fine(o)]
    late = c.obs[0].when + dt.timedelta(days=r.cluster_window_days)
    # a loss admitted weeks later confirms the change without dating it
    t0 = min(
        (o.when for o in trusted if o in fine and not (o.kind == "loss" and o.when > late)), default=None
    )
    pool = [o for o in fine if t0 is None or o.when >= t0 - dt.timedelta(days=2)]
    dates = sorted(o.when for o in pool) or sorted(o.when for o in c.obs)
    c.date = dates[(len(dates) - 1) // 2]
    window = r.cluster_window_days
    against: dict[str, float] = {}
    for h in holds or []:
        if h.side and h.side != c.side and h.date and 0 < (h.when - c.date).days <= window:
            val, cls = weight(h, h.side, set(), r)
            if cls != "interested":  # a side denying its loss contests the change, does not undo it
                against[h.source_key] = max(against.get(h.source_key, 0.0), val)
    c.support = round(sum(best.values()) - sum(against.values()), 3)
    need = r.min_support_settled if settled else r.min_support
    c.accepted = bool(trusted) and c.support >= need
    return [(o.when, o) for o in c.obs if o.when < c.date]


def build(obs: list[Obs], r: Rules) -> list[Interval]:
    """The intervals of one place, oldest first."""
    obs = sorted(obs, key=lambda o: (o.when, o.key))
    gains = [o for o in obs if o.kind == "gain" and o.side]
    changes = cluster(gains, r)
    attach_losses(changes, [o for o in obs if o.kind == "loss" and o.side], r)
    contest_at: list[dt.date] = []
    holds = [o for o in obs if o.kind == "hold"]
    for c in changes:
        early = evaluate(c, r, holds)
        if c.accepted:
            contest_at += [d for d, _ in early]
        else:
            contest_at += [o.when for o in c.obs]
    accepted: list[Change] = []
    for c in sorted((c for c in changes if c.accepted), key=lambda c: (c.date, c.side)):
        if accepted and accepted[-1].side == c.side:
            continue  # already held: a second report of the same hand-over
        accepted.append(c)
    contest_at += [o.when for o in obs if o.kind == "contest" or (o.kind == "gain" and not o.side)]
    segments = _segments(accepted, obs)
    intervals = _split(segments, accepted, sorted(contest_at), obs, r)
    _evidence(intervals, obs, accepted, r)
    return intervals


def _segments(accepted: list[Change], obs: list[Obs]) -> list[Interval]:
    names = {o.side: o.controller for o in obs if o.side and o.controller}
    out: list[Interval] = []
    if not accepted:
        holds = [o for o in obs if o.kind == "hold" and o.side]
        side = holds[0].side if holds else None
        out.append(
            Interval(None, None, names.get(side) if side else None, side, "held" if side else "unknown")
        )
        return out
    first = accepted[0]
    before = sorted(first.loser_sides) or sorted(
        {o.side for o in obs if o.kind == "hold" and o.side and o.when <= first.date and o.side != first.side}
    )
    side0 = before[0] if before else None
    out.append(
        Interval(None, first.date, names.get(side0) if side0 else None, side0, "held" if side0 else "unknown")
    )
    for i, c in enumerate(accepted):
        end = accepted[i + 1].date if i + 1 < len(accepted) else None
        out.append(Interval(c.date, end, c.controller, c.side, "held"))
    return out


def _split(
    segments: list[Interval], accepted: list[Change], dates: list[dt.date], obs: list[Obs], r: Rules
) -> list[Interval]:
    """Mark the contested stretches of each segment (fighting, claims nobody confirms)."""
    last_seen = max((o.published for o in obs), default=None)
    spans: list[list[dt.date | None]] = []
    for d in dates:
        seg = next((s for s in segments if _inside(d, s.date_from, s.date_to)), None)
        if seg is None:
            continue
        if seg.date_to and (seg.date_to - d).days <= r.fight_to_change_days:
            end: dt.date | None = seg.date_to
        else:
            end = d + dt.timedelta(days=r.contest_days)
            if seg.date_to and end > seg.date_to:
                end = seg.date_to
            elif seg.date_to is None and last_seen and end > last_seen:
                end = None  # still contested as far as the reports go
        if seg.date_from and d == seg.date_from:
            continue  # fighting on the day of a change is the change itself
        if spans and spans[-1][1] is not None and d <= spans[-1][1] + dt.timedelta(days=r.contest_days):
            spans[-1][1] = None if end is None or spans[-1][1] is None else max(end, spans[-1][1])
            continue
        spans.append([d, end])
    out: list[Interval] = []
    for seg in segments:
        cur, open_end = seg.date_from, False
        for s, e in spans:
            assert s is not None
            if not _inside(s, seg.date_from, seg.date_to) or (cur is not None and s < cur):
                continue
            if cur != s:
                out.append(Interval(cur, s, seg.controller, seg.side, seg.status))
            stop = seg.date_to if e is None else (e if seg.date_to is None else min(e, seg.date_to))
            out.append(Interval(s, stop, seg.controller, seg.side, "contested"))
            cur = stop
            if stop is None or stop == seg.date_to:
                open_end = True
                break
        if not open_end:
            out.append(Interval(cur, seg.date_to, seg.controller, seg.side, seg.status))
    return [iv for iv in out if iv.date_from is None or iv.date_to is None or iv.date_from < iv.date_to]


def _fine(o: Obs) -> bool:
    """A statement dated to the day or week: one that can date a change."""
    return o.date is not None and o.precision in FINE


def _inside(d: dt.date, lo: dt.date | None, hi: dt.date | None) -> bool:
    return (lo is None or d >= lo) and (hi is None or d < hi)


def _evidence(intervals: list[Interval], obs: list[Obs], accepted: list[Change], r: Rules) -> None:
    opened = {c.date: c for c in accepted}
    for o in obs:
        iv = next((i for i in intervals if _inside(o.when, i.date_from, i.date_to)), None)
        if iv is None:
            continue
        if o.kind in ("gain", "hold"):
            ok = bool(o.side) and o.side == iv.side
        elif o.kind == "loss":
            ok = bool(o.side) and o.side != iv.side
        else:
            ok = False
        iv.evidence.append((o, ok))
    for iv in intervals:
        change = opened.get(iv.date_from) if iv.date_from else None
        best_for: dict[str, float] = {}
        best_against: dict[str, float] = {}
        for o, ok in iv.evidence:
            val, _ = weight(o, iv.side, set(), r)
            book = best_for if ok else best_against
            book[o.source_key] = max(book.get(o.source_key, 0.0), val)
        s = (change.support if change else 0.0) + sum(best_for.values())
        against = sum(best_against.values())
        conf = s / (s + against + 1.0) if iv.controller else 0.0
        iv.confidence = round(conf * (0.5 if iv.status == "contested" else 1.0), 3)
