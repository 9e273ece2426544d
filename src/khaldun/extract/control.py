"""Control claims: sentences saying a side took, lost, holds or is fighting for a place.

Cues come from ``data/control_words.yaml``; the sentence's grammar (spaCy's parse) says
which side: the subject of "captured", the agent of "was seized by", the object of "fell
to", the side before "control" in "under Ukrainian control". A negation ("had not
fallen") or a denying statement ("denied that the city had fallen") turns a gain or loss
into a holding claim of the side that keeps the place. Each claim keeps its claimant (the
attribution's source, else the outlet), stance, date and sentence; whether control
changed is decided later, across documents (``reconcile/control.py``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from ..datafiles import load_yaml
from ..records import Actor, ControlClaim, DateMention, PlaceMention, Span
from .base import DocContext, component
from .control_sides import claimant, controller_of, controllers_in
from .places_focus import focus_place

TRANSFER_TYPES = ("Government regains territory", "Non-state actor overtakes territory")
_FLIP = {"gain": "hold", "loss": "hold"}


@dataclass(frozen=True, slots=True)
class Cues:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    anaphors: re.Pattern[str]
    excluded: frozenset[str]
    lead: int
    negations: frozenset[str]


@functools.cache
def cues() -> Cues:
    raw: dict[str, Any] = load_yaml("control_words.yaml")
    pats = []
    for kind in ("gain", "loss", "hold", "hold_by_subject_denial", "contest"):
        for p in raw.get(kind) or []:
            pats.append((kind, re.compile(rf"\b(?:{p})\b", re.IGNORECASE)))
    ana = "|".join(re.escape(a) for a in raw.get("anaphors") or ["the city"])
    return Cues(
        patterns=tuple(pats),
        anaphors=re.compile(rf"\b(?:{ana})\b", re.IGNORECASE),
        excluded=frozenset(raw.get("place_features_excluded") or ()),
        lead=int(raw.get("lead_sentences", 3)),
        negations=frozenset(raw.get("negations") or ()),
    )


@component("control")
class ControlClaims:
    """Pipeline component: fills ``ctx.control_claims`` (after events)."""

    def __call__(self, ctx: DocContext) -> None:
        ctx.control_claims = extract_claims(ctx)


def extract_claims(ctx: DocContext) -> list[ControlClaim]:
    c = cues()
    focus = _focus(ctx)
    out: list[ControlClaim] = []
    for idx, sent in enumerate(ctx.sentences):
        matches = [
            (sent.start + m.start(), sent.start + m.end(), kind)
            for kind, pat in c.patterns
            for m in pat.finditer(sent.text)
        ]
        found: list[tuple[int, int, str]] = []
        for s, e, kind in sorted(matches, key=lambda x: (x[0] - x[1], x[0])):  # longest first
            if not any(s < fe and fs < e for fs, fe, _ in found):
                found.append((s, e, kind))
        for s, e, kind in sorted(found):
            claim = _claim(ctx, sent, idx, ctx.span(s, e), kind, focus)
            if claim is not None:
                out.append(claim)
    return out


def _focus(ctx: DocContext) -> PlaceMention | None:
    """The document's main place, as a plain mention of the place itself (no "near")."""
    focus = focus_place(ctx, ctx.places)
    if focus is None or focus.place is None or focus.place.feature in cues().excluded:
        return None
    for pm in ctx.places:
        same = pm.place is focus.place or (pm.place is not None and pm.place.name == focus.place.name)
        if same and pm.relation is None and pm.geo_precision == 1:
            return pm
    return None


def _claim(
    ctx: DocContext, sent: Span, idx: int, cue: Span, kind: str, focus: PlaceMention | None
) -> ControlClaim | None:
    tok = _token(ctx, cue.start)
    if tok is None:
        return None
    verb = _verb(tok)
    place = _place(ctx, sent, cue, verb, focus)
    if place is None:
        return None
    if kind == "contest":
        return _make(ctx, sent, idx, cue, place, "contest", None, None)
    negated = _negated(verb, tok)
    actor, other = _roles(ctx, cue, verb, tok, kind, sent)
    who, side, stance = claimant(ctx, cue)
    if kind == "hold_by_subject_denial":
        kind = "hold"
    if negated or stance == "denied":
        # "had not fallen", "denied losing": the side that keeps the place holds it
        keeper = other if kind == "gain" else actor
        if kind in ("gain", "loss") and keeper is None and side is not None:
            keeper = _side_actor(ctx, side, sent)
        if kind == "hold":  # "no longer holds": a loss of the holder
            return _make(ctx, sent, idx, cue, place, "loss", actor, None, (who, side, stance))
        return _make(ctx, sent, idx, cue, place, _FLIP[kind], keeper, None, (who, side, stance))
    if kind in ("gain", "hold") and actor is None and side is not None and "liberat" in cue.text.lower():
        actor = _side_actor(ctx, side, sent)  # "the liberation of X", said by a side
    if kind == "gain" and place.relation:
        kind = "contest"  # taking ground near a place is fighting for it
    return _make(ctx, sent, idx, cue, place, kind, actor, other, (who, side, stance))


def _make(
    ctx: DocContext,
    sent: Span,
    idx: int,
    cue: Span,
    place: PlaceMention,
    kind: str,
    actor: Actor | None,
    other: Actor | None,
    said: tuple[str | None, str | None, str] | None = None,
) -> ControlClaim:
    from .actors_registry import registry

    who, side, stance = said or claimant(ctx, cue)
    date, basis, event = _date(ctx, sent, idx, cue)
    reg = registry()
    return ControlClaim(
        place=place,
        kind=kind,  # type: ignore[arg-type]
        evidence=sent,
        cue=cue,
        controller=actor.name if actor else None,
        controller_side=reg.side_of(actor) if actor else None,
        counterpart=other.name if other else None,
        claimant=who,
        claimant_side=side,
        stance=stance,  # type: ignore[arg-type]
        date=date,
        date_basis=basis,
        event_index=event,
    )


def _token(ctx: DocContext, char: int) -> Token | None:
    for t in ctx.doc:
        if t.idx <= char < t.idx + max(len(t.text), 1):
            return t
    return None


def _verb(tok: Token) -> Token:
    """The cue's clause head: the token itself when verbal, else the nearest verbal ancestor."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
            return cur
        if cur.pos_ == "NOUN" and cur.dep_ in ("nsubj", "dobj", "pobj", "nsubjpass"):
            return cur
        cur = cur.head
    return tok


def _span_of(tok: Token) -> tuple[int, int]:
    sub = list(tok.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


def _place(
    ctx: DocContext, sent: Span, cue: Span, verb: Token, focus: PlaceMention | None
) -> PlaceMention | None:
    c = cues()
    cands = [
        p
        for p in ctx.places
        if sent.start <= p.start < sent.end and p.place is not None and p.place.feature not in c.excluded
    ]
    lo, hi = _span_of(verb)
    if verb.dep_ in ("relcl", "acl") or verb.head.dep_ in ("relcl", "acl"):
        lo = min(lo, _span_of(verb.head)[0] if verb.dep_ in ("relcl", "acl") else verb.head.head.idx)
    linked = [p for p in cands if lo <= p.start < hi]
    if linked:
        return min(linked, key=lambda p: abs(p.start - cue.start))
    if focus is not None:
        for m in c.anaphors.finditer(ctx.text, sent.start, sent.end):
            if lo <= m.start() < hi:
                return focus
    if len(cands) == 1 and verb.dep_ == "ROOT" and sent.start == 0:
        return cands[0]  # a headline's only place
    return None


def _negated(verb: Token, tok: Token) -> bool:
    neg = cues().negations
    for t in (verb, tok):
        if any(c.dep_ == "neg" or c.lower_ in neg for c in t.children):
            return True
    return "no longer" in verb.sent.text[max(0, verb.idx - verb.sent.start_char - 12) :].lower()[:24]


def _roles(
    ctx: DocContext, cue: Span, verb: Token, tok: Token, kind: str, sent: Span
) -> tuple[Actor | None, Actor | None]:
    """(the side the claim is about, the other side) from the cue's grammar; a side named
    near the cue counts only inside the cue's sentence."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl") and any(c.dep_ == "agent" for c in verb.children)
    )
    main: Actor | None = None
    other: Actor | None = None
    # inside the cue ("under Ukrainian control")
    inside = controllers_in(ctx, cue.start, cue.end)
    if inside:
        main = inside[0]
    for child in verb.children:
        doer = child.dep_ == "agent" if passive else child.dep_ in ("nsubj", "poss")
        if main is None and doer:
            main = _first(ctx, child)
        elif child.dep_ == "prep" and child.lower_ == "to" and kind == "gain" and "f" in cue.text.lower()[:1]:
            main = main or _first(ctx, child)
        elif child.dep_ == "prep" and child.lower_ in ("from", "of") and kind == "gain":
            other = other or _first(ctx, child)
    if main is None and re.search(r"\b(?:to|by)$", cue.text, re.IGNORECASE):
        main = _near(ctx, cue.end, min(cue.end + 40, sent.end), first=True)
    if main is None and kind in ("gain", "loss", "hold") and not passive:
        main = _near(ctx, max(cue.start - 45, sent.start), cue.start, first=False)
    if re.search(r"\b(?:out of|cleared)\b", cue.text, re.IGNORECASE):
        other = other or (controllers_in(ctx, cue.start, cue.end)[-1:] or [None])[0]
    if main is None and not passive and verb.dep_ in ("conj", "xcomp", "advcl"):
        main = _first(ctx, verb.head, deps=("nsubj",))
    if main is None and verb.pos_ == "NOUN":
        main = _first(ctx, verb, deps=("poss",))
    if main is not None and other is not None and main.id == other.id:
        other = None
    return main, other


def _near(ctx: DocContext, lo: int, hi: int, first: bool) -> Actor | None:
    """The holding force named nearest one end of [lo, hi) (its start when ``first``)."""
    found = controllers_in(ctx, max(lo, 0), hi)
    if not found:
        return None
    return found[0] if first else found[-1]


def _first(ctx: DocContext, tok: Token, deps: tuple[str, ...] | None = None) -> Actor | None:
    heads = [c for c in tok.children if c.dep_ in deps] if deps else [tok]
    for h in heads:
        lo, hi = _span_of(h)
        found = controllers_in(ctx, lo, hi)
        if found:
            return found[0]
    return None


def _side_actor(ctx: DocContext, side: str, sent: Span) -> Actor | None:
    """A holding force of ``side`` named in the document (nearest the sentence first)."""
    from .actors_registry import registry

    reg = registry()
    for m in sorted(ctx.actors, key=lambda m: abs(m.start - sent.start)):
        c = controller_of(m.actor)
        if c is not None and reg.side_of(c) == side:
            return c
    return None


def _date(
    ctx: DocContext, sent: Span, idx: int, cue: Span
) -> tuple[DateMention | None, str | None, int | None]:
    """The claim's date: one written in its sentence (nearest the cue), else the date of a
    transfer event in the sentence, else (headline and lead only) the publication date."""
    event = None
    for i, ev in enumerate(ctx.events):
        if ev.evidence.start == sent.start and ev.sub_event_type in (
            *TRANSFER_TYPES,
            "Non-violent transfer of territory",
        ):
            event = i
            break
    in_sent = [d for d in ctx.dates if sent.start <= d.start < sent.end and d.resolved]
    if in_sent:
        return min(in_sent, key=lambda d: abs(d.start - cue.start)), "text", event
    for i in [event] if event is not None else []:
        ev = ctx.events[i]
        if ev.date is not None and ev.date.resolved:
            return ev.date, "event", event
    pub = ctx.document.published
    if pub is not None and idx < cues().lead:
        return DateMention(cue.start, cue.start, "", pub, pub, "day"), "published", event
    return None, None, event
