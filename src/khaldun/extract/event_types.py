"""Event typing: which ACLED sub-event types a sentence reports, and why.

Per sentence: trigger phrases from the lexicon are matched, checked against their
conditions (context cues, arguments, irrealis), re-typed by the lexicon's rules
(protest + tear gas -> Protest with intervention; capture by state forces ->
Government regains territory), then overlapping and subsumed triggers are
resolved by priority. Each surviving :class:`Candidate` carries the trace of the
rules that produced it, for the evidence panel and debugging.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..records import ActorMention, PlaceMention
from . import event_syntax as syn
from .event_lexicon import Lexicon, Rule, TriggerSpec

NAME_ENTS = frozenset({"ORG", "LAW", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT"})
NOT_PLACE_ENTS = frozenset({"PERSON", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"})
PRONOUNS = frozenset({"they", "he", "she", "it", "we"})
POSSESSIVES = frozenset({"its", "their", "his", "her", "our"})
PROTEST_TYPES = frozenset(
    {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
        "Violent demonstration",
    }
)
ARMED_INTER = frozenset({1, 2, 3, 4, 8})
STATE_INTER = frozenset({1, 8})
KIND_BY_INTER = {
    1: "state",
    8: "state",
    2: "nonstate",
    3: "nonstate",
    4: "nonstate",
    5: "civilian",
    6: "civilian",
    7: "civilian",
}


def _is_crowd(m: ActorMention) -> bool:
    """A mention naming people by kind ("a mob of students"), not by name."""
    return m.generic or m.actor is None


def _title_case_line(sent: Span) -> bool:
    """A headline in title case, where capitals say nothing about names."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title for t in words) > 0.6 * len(words)


@dataclass
class Candidate:
    """One event mention found in a sentence."""

    type: str
    spec: TriggerSpec
    start: int  # token offsets of the trigger
    end: int
    head: Token
    sent: int  # sentence index
    priority: int
    attempted: bool = False
    doer: Token | None = None
    trace: list[str] = field(default_factory=list)

    @property
    def weak(self) -> bool:
        return self.spec.weak

    @property
    def confidence(self) -> float:
        c = 0.55 if self.weak else 0.8
        if self.attempted:
            c -= 0.15
        if self.doer is not None:
            c += 0.05
        if len(self.trace) > 1:
            c += 0.05
        return round(min(c, 0.95), 3)


class DocCues:
    """Which cue groups cover which tokens of a document, and where its actors are."""

    def __init__(
        self, doc: Doc, lex: Lexicon, actors: list[ActorMention], places: list[PlaceMention] | None = None
    ) -> None:
        self.doc = doc
        self.lex = lex
        self.lowers = [t.lower_ for t in doc]
        self.poss = [t.pos_ for t in doc]
        self.sents = [(s.start, s.end) for s in doc.sents]
        self.kill_words = frozenset(lex.fatalities.get("victim_words") or ())
        self.arrest_words = frozenset(lex.fatalities.get("arrest_words") or ())
        self.covered: dict[str, set[int]] = {}
        self.triggers: list[tuple[str, int, int]] = []
        self.sent_groups: list[set[str]] = []
        self._sent_starts = [start for start, _ in self.sents]
        for start, end in self.sents:
            groups: set[str] = set()
            for key, s, e in lex.index.match(self.lowers, self.poss, start, end):
                if key.startswith("C:"):
                    self.covered.setdefault(key[2:], set()).update(range(s, e))
                    groups.add(key[2:])
                else:
                    self.triggers.append((key, s, e))
            self.sent_groups.append(groups)
        self._victims: dict[tuple[int, str], list[Token]] = {}
        self.actors = sorted(actors, key=lambda m: m.start)
        self._actor_starts = [m.start for m in self.actors]
        self.place_chars = {i for p in places or () if p.place is not None for i in range(p.start, p.end)}

    def victims(self, si: int, kind: str) -> list[Token]:
        """People the sentence says were hurt (``kind='kill'``) or arrested (``'arrest'``)."""
        key = (si, kind)
        if key not in self._victims:
            start, end = self.sents[si]
            words = self.kill_words if kind == "kill" else self.arrest_words
            toks = [self.doc[i] for i in range(start, end) if self.lowers[i] in words]
            self._victims[key] = syn.victims(toks, words)
        return self._victims[key]

    def context(self, si: int, group: str, story: bool = False) -> tuple[int, int]:
        """Token range where a required cue may occur: the sentence, and for an armed
        actor (or a trigger told as part of the story) also the two sentences before it."""
        start, end = self.sents[si]
        if group == "armed_actor" or story:
            start = self.sents[max(0, si - 2)][0]
        return start, end

    def present(self, group: str, start: int, end: int) -> bool:
        """Whether cue ``group`` occurs in tokens [start, end) (whole sentences)."""
        if group == "armed_actor":
            return self.present("conflict", start, end) or self._armed_actor_in(start, end)
        first = bisect.bisect_right(self._sent_starts, start) - 1
        last = bisect.bisect_left(self._sent_starts, end)
        return any(group in self.sent_groups[i] for i in range(max(first, 0), last))

    def covers(self, group: str, tok: Token) -> bool:
        if group == "place":
            if tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.idx in self.place_chars:
                return True
            return tok.pos_ == "PROPN" and tok.ent_type_ not in NOT_PLACE_ENTS and self.actor_at(tok) is None
        cov = self.covered.get(group)
        return bool(cov) and tok.i in cov

    def actor_at(self, tok: Token) -> ActorMention | None:
        """The actor mention covering the token, if any."""
        i = bisect.bisect_right(self._actor_starts, tok.idx) - 1
        if i >= 0 and self.actors[i].start <= tok.idx < self.actors[i].end:
            return self.actors[i]
        return None

    def in_name(self, s: int, e: int) -> bool:
        """Whether tokens [s, e) are part of a longer name: an actor's ("the Qassam
        Brigades") or a capitalised organisation's or law's ("the Chemical Weapons
        Convention"), which names no event."""
        doc = self.doc
        if not all(t.is_title or t.is_upper for t in doc[s:e]) or _title_case_line(doc[s].sent):
            return False
        lo, hi = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        m = self.actor_at(doc[s])
        if m is not None and not _is_crowd(m) and m.start <= lo and hi <= m.end and hi - lo < m.end - m.start:
            return True
        if not all(t.ent_type_ in NAME_ENTS for t in doc[s:e]):
            return False
        return doc[s].ent_iob_ == "I" or (e < len(doc) and doc[e].ent_iob_ == "I")

    def _armed_actor_in(self, start: int, end: int) -> bool:
        lo, hi = self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1])
        i = bisect.bisect_left(self._actor_starts, lo)
        while i < len(self.actors) and self.actors[i].start < hi:
            m = self.actors[i]
            if m.inter in ARMED_INTER and "police" not in m.name.lower():
                return True
            i += 1
        return False

    def kind(self, tok: Token | None) -> str | None:
        """'state', 'nonstate' or 'civilian' for an actor head token, from the actor
        registry when it knows the mention, else from the cue vocabularies."""
        if tok is None:
            return None
        m = self.actor_at(tok)
        if m is not None and m.inter in KIND_BY_INTER:
            return KIND_BY_INTER[m.inter]
        toks = [tok, *(c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss"))]
        if tok.lower_ in syn.words("quantity_heads"):  # "scores of terrorists", "members of the army"
            toks += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        for group, kind in (
            ("state_forces", "state"),
            ("nonstate_armed", "nonstate"),
            ("civilian", "civilian"),
        ):
            if any(self.covers(group, t) for t in toks):
                return kind
        return None


def classify(cues: DocCues) -> list[list[Candidate]]:
    """Candidates per sentence (index-aligned with ``doc.sents``), most specific first."""
    lex = cues.lex
    by_sent: list[list[Candidate]] = [[] for _ in cues.sents]
    starts = [s for s, _ in cues.sents]
    for key, s, e in cues.triggers:
        si = bisect.bisect_right(starts, s) - 1
        cand = _candidate(cues, lex.triggers[key], s, e, si)
        if cand is not None:
            by_sent[si].append(cand)
    return [_resolve(cues, cands) for cands in by_sent]


def _candidate(cues: DocCues, spec: TriggerSpec, s: int, e: int, si: int) -> Candidate | None:
    lex = cues.lex
    ss, se = cues.sents[si]
    if spec.requires and not any(cues.present(g, *cues.context(si, g, spec.story)) for g in spec.requires):
        return None
    if any(cues.present(g, ss, se) for g in spec.unless) or cues.in_name(s, e):
        return None
    head = syn.head_of(cues.doc, s, e)
    if head.dep_ in ("amod", "compound", "nmod") and (
        spec.not_modifier or syn.modifies(head, spec.not_modifier_of, lex.word_classes)
    ):
        return None
    if spec.arg or spec.arg_not:
        args = syn.arguments(head)
        if spec.arg and not any(cues.covers(g, a) for a in args for g in spec.arg):
            return None
        if any(cues.covers(g, a) for a in args for g in spec.arg_not):
            return None
    topics = lex.topic_heads if spec.type not in PROTEST_TYPES else frozenset()
    mood = syn.irrealis(head, lex.modals, lex.negations, lex.irrealis_heads, lex.attempt_heads, topics)
    if spec.announced:  # the announcement of a future action is the event
        if not syn.announced(head):
            return None
        mood = None
    if mood == "purpose":  # realised for most events ("used tear gas to disperse"), not a capture
        mood = "attempt" if spec.attempt_ok else None
    if mood in ("negated", "irrealis", "topic") or (mood == "attempt" and not spec.attempt_ok):
        return None
    text = cues.doc[s:e].text
    agent = syn.doer(head, spec.doer_prep)
    if spec.doer_prep and cues.lowers[e - 1] == spec.doer_prep:
        agent = syn.following_object(cues.doc[e - 1], spec.doer_prep) or agent
    named = agent  # the doer as written ("its aircraft"), for doer_in
    if agent is not None and agent.pos_ == "PRON" and agent.lower_ in PRONOUNS:
        agent = _antecedent(cues, agent, si) or agent
    elif agent is not None and cues.actor_at(agent) is None:
        owner = next((c for c in agent.children if c.dep_ == "poss" and c.lower_ in POSSESSIVES), None)
        if owner is not None:  # "its air defences" -> the force "its" stands for
            agent = _antecedent(cues, owner, si) or agent
    if spec.doer_in and not any(
        t is not None and _covers_np(cues, g, t) for t in (named, agent) for g in spec.doer_in
    ):
        return None
    cand = Candidate(
        type=spec.type,
        spec=spec,
        start=s,
        end=e,
        head=head,
        sent=si,
        priority=spec.priority if spec.priority is not None else lex.types[spec.type].priority,
        attempted=mood == "attempt",
        doer=agent,
        trace=[f"trigger {spec.key} '{text}' -> {spec.type}{' (weak)' if spec.weak else ''}"],
    )
    if cand.attempted:
        cand.trace.append("attempted/imminent")
    return cand


def _antecedent(cues: DocCues, pron: Token, si: int) -> Token | None:
    """The armed actor a pronoun doer most likely stands for: the nearest one before it in
    the sentence or the one before ("the army said they had taken control")."""
    start = cues.sents[max(0, si - 1)][0]
    for i in range(pron.i - 1, start - 1, -1):
        tok = cues.doc[i]
        if tok.dep_ == "pobj" and tok.head.lower_ == "by":
            continue  # a backer, not the actor ("militants backed by Ankara")
        if tok.pos_ in ("NOUN", "PROPN") and cues.kind(tok) in ("state", "nonstate"):
            return tok
    return None


def _resolve(cues: DocCues, cands: list[Candidate]) -> list[Candidate]:
    """Re-type by rules, drop overlaps and subsumed triggers, one candidate per type."""
    if not cands:
        return []
    lex = cues.lex
    for c in cands:
        for rule in lex.rules:
            if c.type in rule.from_types and _rule_holds(cues, rule, c):
                c.trace.append(f"rule {rule.name} -> {rule.to}")
                c.type = rule.to
                c.priority = lex.types[rule.to].priority
    cands.sort(key=lambda c: (-c.priority, c.weak, -(c.end - c.start), c.start))
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: -(c.end - c.start) if _contains_any(c, cands) else 0):
        if any(k.start < c.end and c.start < k.end for k in kept):
            continue
        kept.append(c)
    kept.sort(key=lambda c: (c.weak, -c.priority, c.start))
    survivors = [c for c in kept if not _suppressed(cues, c, kept)]
    if any(not c.spec.continuation for c in survivors):  # bare "killed" only when nothing else is said
        survivors = [c for c in survivors if not c.spec.continuation]
    strong_types = {c.type for c in survivors if not c.weak}
    if strong_types:
        survivors = [c for c in survivors if not (lex.types[c.type].yields and c.weak)]
    out: list[Candidate] = []
    seen: set[str] = set()
    for c in survivors:
        if c.weak and c.type in strong_types:
            continue
        if c.type in seen:
            continue
        seen.add(c.type)
        out.append(c)
    return out


def _suppressed(cues: DocCues, c: Candidate, kept: list[Candidate]) -> bool:
    """Whether a more specific event of the sentence suppresses ``c``; the suppressing
    event takes over c's doer when it has no actor of its own ("IS fighters fired mortar
    rounds filled with mustard gas": the chemical attack's doer is IS)."""
    lex = cues.lex
    by = [k for k in kept if k is not c and c.type in lex.types[k.type].suppresses and (c.weak or not k.weak)]
    if by and c.doer is not None and cues.kind(c.doer) in ("state", "nonstate"):
        for k in by:
            if k.doer is None or cues.kind(k.doer) is None:
                k.doer = c.doer
                k.trace.append(f"doer from suppressed {c.type} '{c.doer.text}'")
    return bool(by)


def _contains_any(c: Candidate, cands: list[Candidate]) -> bool:
    """Whether ``c`` strictly contains another trigger ("petrol bombs" contains "bombs")."""
    return any(
        o is not c and c.start <= o.start and o.end <= c.end and (o.end - o.start) < (c.end - c.start)
        for o in cands
    )


def _rule_holds(cues: DocCues, rule: Rule, c: Candidate) -> bool:
    ss, se = cues.sents[c.sent]
    if rule.attempted is not None and rule.attempted != c.attempted:
        return False
    for groups in (rule.sentence_has, rule.sentence_has_also):
        if groups and not any(cues.present(g, ss, se) for g in groups):
            return False
    if any(cues.present(g, ss, se) for g in rule.sentence_lacks):
        return False
    if rule.trigger_in and not any(i in cues.covered.get(rule.trigger_in, ()) for i in range(c.start, c.end)):
        return False
    if rule.doer is not None:
        kind = cues.kind(c.doer) or "unknown"
        if kind == "civilian":
            kind = "unknown"
        if kind != rule.doer:
            return False
    if rule.target is not None and target_kind(cues, c) != rule.target:
        return False
    for group, kind in ((rule.victims, "kill"), (rule.arrested, "arrest")):
        if group is not None and not any(_covers_np(cues, group, v) for v in cues.victims(c.sent, kind)):
            return False
    return True


def _covers_np(cues: DocCues, group: str, tok: Token) -> bool:
    return any(cues.covers(group, t) for t in (tok, *tok.children) if t.dep_ != "prep")


def target_kind(cues: DocCues, c: Candidate) -> str | None:
    """'armed' or 'civilian': who the event was done to (its object, else the sentence's victims)."""
    for group in (syn.targets(c.head), cues.victims(c.sent, "kill")):
        for t in group:
            kind = cues.kind(t)
            if kind is None and _covers_np(cues, "armed_target", t):
                kind = "state"
            if kind in ("state", "nonstate"):
                return "armed"
            if kind == "civilian":
                return "civilian"
    return None
