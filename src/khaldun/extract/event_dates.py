"""When an event happened: which date mention of the text is the event's.

Date rule, in order:
1. a resolved date mention tied to the trigger's own clause ("clashes erupted on
   Monday night"), else to a clause governing it ("swept into Aleppo on Friday,
   taking control"), else elsewhere in the sentence -- the closest to the trigger;
   a date inside a side remark about a place ("Izium, the city recaptured last
   week") is another event's and never used;
2. else a date carried by a verb of saying ("the agency said on Friday that the army
   had retaken ...") -- when the event was reported;
3. else the nearest preceding resolved date in the same paragraph or the two
   sentences before, outside relative and participle clauses (wire copy often runs one sentence per
   paragraph, and a sentence without a date goes on telling the story of the one before);
4. else the publication date with precision "week" (an empty mention at the trigger)
   -- the report is assumed recent but the day is not stated;
5. else no date.
Dates after publication are plans ("will pull out on May 10"), never the event's.
Relative expressions such as "today" are resolved by the time component.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..records import DateMention
from .base import DocContext
from .event_assembly import helper
from .event_syntax import words
from .event_types import Candidate

STORY_SENTENCES = 2


def clause_verb(tok: Token) -> Token:
    """The verb of the clause a trigger belongs to (a noun trigger climbs to its governor)."""
    t = tok
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            break
        t = t.head
    return t


# Date ties, closest first: the trigger's own clause, a clause governing it, another
# clause of the sentence (a relative clause about a participant: "protesters who
# stormed parliament on Tuesday"), a reporting verb ("the agency said on Friday"), a
# side remark about a place ("Izium, the city recaptured last week"), never used.
OWN, GOVERNING, OTHER, REPORT, SIDE = 0, 1, 2, 3, 4
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def date_tie(date_tok: Token, trigger: Token, verb: Token, report_verbs: frozenset[str]) -> int:
    """How a date token is tied to the event a trigger names (see OWN .. SIDE)."""
    owner: Token | None = None
    level = 0  # 1: inside a relative clause, 2: inside a side remark about a place
    t = date_tok
    for _ in range(60):
        if t.i in (trigger.i, verb.i):
            if owner is not None and owner.i != verb.i and owner.lower_ in report_verbs:
                return REPORT
            return (OWN, OTHER, SIDE)[level]
        if owner is None and t.pos_ in ("VERB", "AUX"):
            owner = t
        if t.head.i != trigger.i:
            level = max(level, _clause_level(t))
        if t.head.i == t.i:
            break
        t = t.head
    owner = owner or t
    if owner.lower_ in report_verbs:
        return REPORT
    if level:
        return (OTHER, SIDE)[level - 1]
    return GOVERNING if owner.is_ancestor(verb) else OTHER


def _clause_level(t: Token) -> int:
    """0 unless ``t`` heads a relative or participle clause (not an infinitive: "a bid to
    take the city in March"); 2 when that clause describes a place or an apposition
    ("Kherson, a city retaken last week", "an area where fighting occurred in the
    1980s"), else 1."""
    if t.pos_ not in ("VERB", "AUX"):
        return 0
    if not (t.dep_ == "relcl" or (t.dep_ == "acl" and t.tag_ in ("VBN", "VBG"))):
        return 0
    head = t.head
    place = head.ent_type_ in PLACE_ENTS or head.lower_ in words("place_nouns")
    return 2 if head.dep_ == "appos" or place else 1


def in_side_clause(tok: Token) -> bool:
    """Whether a token lies in a relative or participle clause ("friends who had been
    executed in 1972"): not the date of the story its sentence tells."""
    t = tok
    for _ in range(60):
        if _clause_level(t):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _resolved_dates(ctx: DocContext, start: int, end: int) -> list[DateMention]:
    fn = helper("time", "dates_in")
    found = fn(ctx, start, end) if fn is not None else [d for d in ctx.dates if start <= d.start < end]
    return [d for d in found if d.resolved]


def _past_dates(ctx: DocContext, start: int, end: int) -> list[DateMention]:
    """Resolved dates not after publication: a later one is a plan, not when the event was."""
    pub = ctx.document.published
    found = _resolved_dates(ctx, start, end)
    return [d for d in found if pub is None or d.start_date is None or d.start_date <= pub]


def event_date(ctx: DocContext, cand: Candidate, sent_start: int, sent_end: int) -> DateMention | None:
    """The event's date by the rule in the module docstring."""
    trig = cand.head.idx
    verb = clause_verb(cand.head)
    report = words("report_verbs")
    tiers: dict[int, list[DateMention]] = {}
    for d in _past_dates(ctx, sent_start, sent_end):
        tok = _root_of(cand.head.doc, d.start, d.end)
        tie = OTHER if tok is None else date_tie(tok, cand.head, verb, report)
        tiers.setdefault(tie, []).append(d)
    for tie in (OWN, GOVERNING, OTHER, REPORT):
        if tie in tiers:
            return min(tiers[tie], key=lambda d: abs(d.start - trig))
    para_start = ctx.text.rfind("\n", 0, sent_start) + 1
    sents = [s for s in ctx.sentences if s.start < sent_start]
    story_start = sents[-STORY_SENTENCES].start if len(sents) >= STORY_SENTENCES else 0
    before = [d for d in _past_dates(ctx, min(para_start, story_start), sent_start) if not _foreign(cand, d)]
    if before:
        return before[-1]
    pub = ctx.document.published
    if pub is None:
        return None
    return DateMention(start=trig, end=trig, text="", start_date=pub, end_date=pub, precision="week")


def _foreign(cand: Candidate, d: DateMention) -> bool:
    """Whether a date of an earlier sentence belongs to a side remark (a relative clause
    about something else), not to the story that sentence tells."""
    tok = _root_of(cand.head.doc, d.start, d.end)
    return tok is not None and in_side_clause(tok)


def _root_of(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the tokens covering characters [start, end)."""
    span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    return span.root if span is not None and len(span) else None
