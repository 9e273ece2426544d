"""Actor mentions resolved to the registry: who is named, by name, by kind or by reference.

``data/actors.yaml`` names the actors; ``data/actor_words.yaml`` and
``data/demonyms.tsv`` say how text names them by kind ("Syrian army", "gunmen",
"the agency"). The component finds candidates (:mod:`actors_scan`), keeps the
longest where they overlap, and resolves each in reading order:

- registry names and acronyms, checked against the document's countries when the
  form is ambiguous ("ADF", "SNA", "Saba") and localised ("Islamic State" in a
  Nigerian story is ISWAP);
- country word + force noun -> the state forces of that country; a bare force
  noun ("the army", "government forces") -> those of the document's focus country
  (most frequent country among resolved places, else among country words and named
  actors), or kept as generic text when no country is known;
- generic actors ("gunmen", "villagers") -> "<Kind> (<Country>)", unless they
  refer back to a named armed group ("militants" after "Boko Haram");
- anaphors ("the group", "the agency") -> the most recent mention of a fitting kind.

Persons (Bashar al-Assad) are kept as persons; ``registry().event_actor`` maps
them to the force they lead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..nlp import load_nlp
from ..records import Actor, ActorMention, PlaceMention
from .actors_lexicon import lexicon
from .actors_refs import allies_named, speaker_name
from .actors_registry import ARMED_KINDS, STATE_KINDS, Registry, registry
from .actors_scan import Cand, phrase_matchers, scan
from .base import DocContext, component

__all__ = [
    "ActorResolver",
    "actors_in",
    "allies_named",
    "find_actors",
    "focus_country",
    "registry",
    "resolve_name",
    "side_of",
    "speaker_name",
]


DEFINITE = frozenset({"the", "this", "that", "these", "those"})
FOCUS_KEY = "khaldun.actors.focus"  # doc.user_data: the focus find_actors settled on
COUNTRY_WEIGHT = 0.5  # a country named as such, against a town or province in it
NAMED_WEIGHT = 0.25  # an actor of the country named


@dataclass
class DocCountries:
    """Which countries a document is about: its focus and everything it mentions."""

    focus: str | None = None
    known: set[str] = field(default_factory=set)
    ranked: tuple[str, ...] = ()  # every country named, most named first


def select(cands: list[Cand]) -> list[Cand]:
    """Longest candidates first, then by rank (registry before built ones); no overlaps."""
    taken: set[int] = set()
    out = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.rank, c.start)):
        span = range(c.start, c.end)
        if not taken.intersection(span):
            taken.update(span)
            out.append(c)
    return sorted(out, key=lambda c: c.start)


def country_scores(
    places: list[PlaceMention],
    hits: Sequence[str] = (),
    named: Sequence[str] = (),
    taken: Sequence[tuple[int, int]] = (),
) -> Counter[str]:
    """How much a document is about each country: a town or province in it counts 1; the
    country named as such, as a place or a word ("Israel's offensive", "Burkinabe"), half,
    and each actor of it named, a quarter -- they often name a party, not where things happen.
    Places inside an actor's name ("the Saba news agency") do not count."""
    scores: Counter[str] = Counter()
    as_place: Counter[str] = Counter()
    for p in places:
        if p.place is None or not p.place.country_code or any(s <= p.start < e for s, e in taken):
            continue
        if p.place.feature == "country":
            as_place[p.place.country_code] += 1
        else:
            scores[p.place.country_code] += 1
    as_word = Counter(hits)
    for cc in dict.fromkeys([*as_place, *as_word]):  # text order, not hash order: ties fall alike every run
        scores[cc] += COUNTRY_WEIGHT * max(as_place[cc], as_word[cc])
    for cc in named:
        scores[cc] += NAMED_WEIGHT
    return scores


def doc_countries(
    places: list[PlaceMention], hits: list[str], picked: list[Cand], reg: Registry, doc: Doc | None = None
) -> DocCountries:
    """Focus: the country with the highest :func:`country_scores`."""
    taken: list[tuple[int, int]] = []
    named: list[str] = []
    for c in picked:
        if c.kind != "registry":
            continue
        if doc is not None:
            taken.append((doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])))
        if len(c.ids) == 1 and not c.ids[0][1]:
            a = reg.get(c.ids[0][0])
            if a and a.country:
                named.append(a.country)
    scores = country_scores(places, hits, named, taken)
    ranked = tuple(cc for cc, _n in scores.most_common())
    return DocCountries(focus=ranked[0] if ranked else None, known=set(scores), ranked=ranked)


class Resolver:
    """Turns selected candidates into mentions, in reading order, tracking antecedents."""

    def __init__(self, doc: Doc, countries: DocCountries, sent_of: list[int]) -> None:
        self.doc, self.countries, self.reg, self.lex = doc, countries, registry(), lexicon()
        self.sent_of = sent_of
        self.text = doc.text  # Doc.text joins every token on each access
        self.out: list[tuple[Cand, ActorMention]] = []
        self.picked: list[Cand] = []
        self.forward: set[int] = set()  # starts of mentions resolved by a later name
        self.n = 0

    def run(self, picked: list[Cand]) -> list[ActorMention]:
        self.picked = picked
        for n, c in enumerate(picked):
            self.n = n
            m = self._resolve(c, picked[n + 1] if n + 1 < len(picked) else None)
            if m is not None:
                self.out.append((c, m))
        return [m for _c, m in self.out]

    def _mention(self, c: Cand, actor: Actor | None, generic: bool = False) -> ActorMention:
        first, last = self.doc[c.mstart], self.doc[c.mend - 1]
        start, end = first.idx, last.idx + len(last.text)
        text = self.text[start:end]
        override = None
        if generic and actor is not None:  # without a country the text names it best
            override = actor.name if actor.country else text
        coref = c.coref if c.kind == "generic" else "nearby"  # the generic words' own policy
        return ActorMention(start, end, text, actor, generic, override, coref=coref)

    def _resolve(self, c: Cand, nxt: Cand | None) -> ActorMention | None:
        focus = self.countries.focus
        if c.kind == "registry":
            actor = self._registry_actor(c)
            return self._mention(c, self._localise(actor)) if actor else None
        if c.kind == "state":
            owner = self._possessor_country(c)
            if c.possessed and owner is None:
                return None  # "their units" of a group, not of a state
            actor = self.reg.state(c.country or owner or focus, c.role or "military")
            return self._mention(c, actor, generic=actor is None)
        if c.kind == "media":
            return self._mention(c, self.reg.state_media(c.country))
        if c.kind == "ethnic":
            return self._mention(c, self.reg.ethnic(c.role or "", focus), generic=True)
        if c.kind == "generic":
            ante = None
            if c.role in ("armed", "gang"):
                ante = self._linked(c, nxt) or self._antecedent(c, ARMED_KINDS, c.coref)
                if ante is None and (ante := self._named_later(c)) is not None:
                    self.forward.add(c.start)  # named only later: no antecedent until then
            if ante is not None:
                return self._mention(c, ante)
            return self._mention(c, self.reg.generic(c.role or "armed", c.country or focus), generic=True)
        return self._anaphor(c)

    def _possessor_country(self, c: Cand) -> str | None:
        """ "Ukraine's military said its troops ...": "its" is the state named before it in
        the sentence."""
        if not c.start or self.doc[c.start - 1].lower_ not in ("its", "their"):
            return None
        here = self.sent_of[c.start]
        for prev, m in reversed(self.out):
            if self.sent_of[prev.start] != here:
                return None
            if m.actor is not None and m.actor.kind in STATE_KINDS and m.actor.country:
                return m.actor.country
        return None

    def _registry_actor(self, c: Cand) -> Actor | None:
        return registry_actor(c, self.countries, self.reg)

    def _localise(self, actor: Actor) -> Actor:
        return self.reg.localise(actor, self.countries.focus, self.countries.ranked)

    def _linked(self, c: Cand, nxt: Cand | None) -> Actor | None:
        """The named group a generic noun is tied to: "fighters of the Fano militia"."""
        if nxt is None or nxt.kind != "registry" or self.sent_of[nxt.start] != self.sent_of[c.start]:
            return None
        between = [t.lower_ for t in self.doc[c.end : nxt.start]]
        if not between or len(between) > 6 or not set(between) <= self.lex.link_words:
            return None
        actor = self._registry_actor(nxt)
        actor = self._localise(actor) if actor else None
        return actor if actor and actor.kind in ARMED_KINDS | {"external"} else None

    def _named_later(self, c: Cand) -> Actor | None:
        """An indefinite "a gang" that the next sentence names: "kidnapped by a gang ... The
        group were seized by the 400 Mawozo gang" -- the same noun, now with its name."""
        if c.coref == "none" or (c.start and self.doc[c.start - 1].lower_ in DEFINITE):
            return None
        here, noun = self.sent_of[c.start], self.doc[c.end - 1].lower_
        for later in self.picked[self.n + 1 :]:
            if self.sent_of[later.start] > here + 1:
                return None
            if later.kind == "registry" and self.doc[later.end - 1].lower_ == noun:
                actor = self._registry_actor(later)
                actor = self._localise(actor) if actor else None
                if actor is not None and actor.kind in ARMED_KINDS:
                    return actor
        return None

    def _antecedent(
        self, c: Cand, kinds: frozenset[str] | set[str], reach: str, word: str | None = None
    ) -> Actor | None:
        """The actor of the most recent earlier mention of one of ``kinds`` within ``reach``."""
        if reach == "none":
            return None
        here = self.sent_of[c.start]
        for prev, m in reversed(self.out):
            if reach == "nearby" and here - self.sent_of[prev.start] > 1:
                return None
            a = m.actor
            if prev.start in self.forward:
                continue
            if a is not None and not m.generic and a.kind in kinds and (not word or self.reg.called(a, word)):
                return a
        return None

    def _anaphor(self, c: Cand) -> ActorMention | None:
        spec = self.lex.anaphor_specs[c.anaphor or 0]
        ante = self._antecedent(c, set(spec["kinds"]), "document", spec.get("name_contains"))
        if ante is not None:
            return self._mention(c, ante)
        if spec.get("fallback"):
            return self._mention(c, self.reg.generic(spec["fallback"], self.countries.focus), generic=True)
        return None


def registry_actor(c: Cand, countries: DocCountries, reg: Registry) -> Actor | None:
    """Pick among the actors a form may name, using the document's countries: forms
    needing context ("ADF", "AU troops") only name actors of countries the text concerns."""
    known = countries.known
    ok = []
    for actor_id, needs_context in c.ids:
        a = reg.get(actor_id)
        if a and (not needs_context or a.country is None or a.country in known):
            ok.append(a)
    ok.sort(key=lambda a: 0 if a.country in known else (1 if a.country is None else 2))
    return ok[0] if ok else None


def find_actors(
    doc: Doc, places: list[PlaceMention] | None = None, focus: str | None = None
) -> list[ActorMention]:
    """Every actor mention in ``doc``, sorted by start, without overlaps."""
    found, reg = scan(doc), registry()
    countries = doc_countries(places or [], found.country_hits, found.cands, reg, doc)
    if focus:
        countries.focus = focus
        countries.known.add(focus)
    doc.user_data[FOCUS_KEY] = countries.focus or ""
    viable = [c for c in found.cands if c.kind != "registry" or registry_actor(c, countries, reg)]
    return Resolver(doc, countries, found.sent_of).run(select(viable))


@component("actors")
class ActorResolver:
    """Pipeline component: fills ``ctx.actors`` (places must have run before)."""

    def __init__(self) -> None:
        phrase_matchers()  # build the registry matchers now, not on the first document

    def __call__(self, ctx: DocContext) -> None:
        ctx.actors = find_actors(ctx.doc, ctx.places)


def actors_in(ctx: DocContext, start: int, end: int) -> list[ActorMention]:
    """The document's actor mentions lying within characters [start, end)."""
    return [m for m in ctx.actors if m.start >= start and m.end <= end]


def side_of(actor: Actor | None) -> str | None:
    """The actor's belligerent side ("syria-government" for SANA and the Syrian army)."""
    return registry().side_of(actor)


def focus_country(ctx: DocContext) -> str | None:
    """The document's focus country as the component saw it (:func:`country_scores`)."""
    found = ctx.doc.user_data.get(FOCUS_KEY)
    if found is not None:
        return found or None
    taken = [(m.start, m.end) for m in ctx.actors if m.actor and m.actor.kind not in STATE_KINDS]
    named = [m.actor.country for m in ctx.actors if m.actor and m.actor.country and not m.generic]
    scores = country_scores(ctx.places, (), named, taken)
    return scores.most_common(1)[0][0] if scores else None


def resolve_name(text: str, ctx: DocContext | None = None) -> Actor | None:
    """Map free text ("the Syrian state news agency", "SANA", "the army") to an actor.

    With ``ctx``, bare nouns and localised names use the document's focus country
    and anaphors ("the agency") the document's earlier mentions up to nowhere.
    """
    text = text.strip()
    if not text:
        return None
    reg = registry()
    direct = reg.by_name(text)
    if direct is not None:
        return direct
    doc = load_nlp().make_doc(text)
    mentions = find_actors(doc, None, focus_country(ctx) if ctx else None)
    mentions = [m for m in mentions if m.actor is not None and (m.actor.country or not m.generic)]
    if not mentions and ctx is not None:
        return _resolve_reference(text, ctx)
    if not mentions:
        return None
    return max(mentions, key=lambda m: (m.end - m.start, -m.start)).actor


def _resolve_reference(text: str, ctx: DocContext) -> Actor | None:
    """An anaphor given alone ("the agency"): the document's last fitting actor."""
    hit = lexicon().anaphors.longest([t.lower_ for t in load_nlp().make_doc(text)], 0)
    if not hit:
        return None
    spec = lexicon().anaphor_specs[hit[1][0]]
    kinds, word, reg = set(spec["kinds"]), spec.get("name_contains"), registry()
    for m in reversed(ctx.actors):
        a = m.actor
        if a is not None and not m.generic and a.kind in kinds and (not word or reg.called(a, word)):
            return a
    return None
