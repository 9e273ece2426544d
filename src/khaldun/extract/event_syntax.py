"""Dependency-tree helpers for events: the trigger's head, its doer, its targets,
its arguments, and whether it is real (not negated, planned or only attempted).

They work on spaCy tokens of en_core_web_md (ClearNLP-style labels) and only walk
a few arcs, so they cost microseconds per trigger.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

from .event_lexicon import load_lexicon


@functools.cache
def words(name: str) -> frozenset[str]:
    """A word list from the lexicon's ``syntax`` section (light_verbs, quantity_heads)."""
    return frozenset(str(w).lower() for w in load_lexicon().syntax.get(name, ()))


# Arcs along which a subject is shared ("X attacked the town and burned houses").
SHARE_SUBJECT = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep", "pobj", "acomp"})
# Arcs climbed when looking for what governs a trigger in the same clause.
CLAUSE_INTERNAL = frozenset(
    {
        "xcomp",
        "prep",
        "pobj",
        "pcomp",
        "dobj",
        "acl",
        "amod",
        "compound",
        "attr",
        "npadvmod",
        "nmod",
        "poss",
        "appos",
        "oprd",
        "agent",
        "dative",
    }
)
PATIENT_PREPS = frozenset({"on", "against", "at", "upon", "targeting", "towards", "toward", "into"})
PARTNER_PREPS = frozenset({"with", "between", "against"})
# Prepositions that introduce circumstances, not participants.
ADJUNCT_PREPS = frozenset(
    {
        "under",
        "with",
        "after",
        "before",
        "during",
        "despite",
        "amid",
        "since",
        "as",
        "following",
        "because",
        "due",
        "without",
        "like",
    }
)
TOPIC_PREPS = frozenset({"against", "over", "for", "about", "of"})
RELATIVE = frozenset({"who", "which", "that", "whom"})


def head_of(doc: Doc, start: int, end: int) -> Token:
    """The syntactic head of tokens [start, end): the one whose head lies outside."""
    for tok in doc[start:end]:
        outside = tok.head.i < start or tok.head.i >= end or tok.head.i == tok.i
        if outside and not tok.is_punct:
            return tok
    return doc[start]


def _noun_doer(tok: Token, doer_prep: str | None) -> Token | None:
    if doer_prep:
        found = prep_object(tok, doer_prep)
        if found is not None:
            return found
    for child in tok.children:
        if child.dep_ == "poss" and child.lower_ not in ("its", "their", "his", "her") and _agentive(child):
            return child
    for child in tok.children:
        if child.dep_ in ("agent",) or (child.dep_ == "prep" and child.lower_ in ("by", doer_prep)):
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    for child in tok.children:
        named = child.ent_type_ in ("NORP", "ORG", "GPE") or child.pos_ == "PROPN"
        named = named or child.lower_ in words("agent_nouns")  # "the government advance"
        if child.dep_ in ("amod", "compound", "nmod") and named and _agentive(child):
            return child
    return None


def _agentive(tok: Token) -> bool:
    """Not a date or number: "last May's seizure" names no doer."""
    return tok.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY")


def prep_object(tok: Token, prep: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def following_object(tok: Token, prep: str) -> Token | None:
    """The noun after a trigger ending in ``prep`` when the parser failed to attach it
    ("fall to IS" with IS read as a verb)."""
    doc = tok.doc
    i = tok.i + 1
    while i < len(doc) and i <= tok.i + 4:
        t = doc[i]
        if t.lower_ == prep:
            i += 1
            continue
        if t.pos_ == "DET":
            i += 1
            continue
        if t.pos_ in ("PROPN", "NOUN") or t.is_upper:
            return t
        return None
    return None


def doer(tok: Token, doer_prep: str | None = None) -> Token | None:
    """The head token of the agent of the event named by ``tok``, or None."""
    t = tok
    for _ in range(6):
        accused = _accused(t)
        if accused is not None:
            return accused
        if t.pos_ in ("NOUN", "PROPN", "NUM") or (t.pos_ == "ADJ" and t.dep_ != "acomp"):
            found = _noun_doer(t, doer_prep)
            if found is not None:
                return found
            if t.dep_ in ("dobj", "attr") and t.head.lower_ in words("light_verbs"):
                t = t.head
                continue
            if t.dep_ == "pobj" and t.head.lower_ in ("of", "in") and t.head.head.pos_ == "NOUN":
                t = t.head.head  # "a campaign of destruction" -> campaign
                continue
            if t.dep_ in ("pobj",) and t.head.dep_ == "agent":
                return None
            if t.dep_ == "pobj" and t.head.head.pos_ in ("VERB", "AUX"):
                t = t.head.head  # "the army is on the verge of retaking" -> is -> army
                continue
            if t.dep_ in ("compound", "amod"):
                t = t.head
                continue
            return None
        if t.pos_ in ("VERB", "AUX"):
            kids = list(t.children)
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
            for c in kids:
                if c.dep_ == "agent":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            return g
            if doer_prep:
                found = prep_object(t, doer_prep)
                if found is not None:
                    return found
            if not passive:
                for c in kids:
                    if c.dep_ in ("nsubj", "csubj"):
                        if c.lower_ in RELATIVE and t.dep_ == "relcl":
                            return t.head
                        if _agentive(c):
                            return c
                if t.dep_ == "acl" and t.tag_ == "VBG":
                    return t.head  # "militants driving around" -> militants
                if t.dep_ in ("acl", "relcl") and t.tag_ == "VBN":
                    return None  # "the city recaptured last week": the city is what was taken
                if t.dep_ == "relcl":
                    return t.head
            elif t.dep_ in ("acl", "relcl") or (
                t.dep_ == "advcl" and any(c.dep_ == "nsubjpass" for c in kids)
            ):
                return None  # "X returned after the city was recaptured": X did not retake it
            if t.dep_ in SHARE_SUBJECT and t.head.i != t.i:
                t = t.head
                continue
            return None
        if t.dep_ in SHARE_SUBJECT and t.head.i != t.i:
            t = t.head
            continue
        return None
    return None


def _accused(t: Token) -> Token | None:
    """The one accused of the event: "accused Russian forces of dropping grenades",
    "blamed the militants for the attack" (the object, not the accuser)."""
    prep = t.head
    if t.dep_ not in ("pcomp", "pobj") or prep.lower_ not in ("of", "for") or prep.dep_ != "prep":
        return None
    verb = prep.head
    while (verb.ent_type_ in ("DATE", "TIME") or verb.dep_ == "prep") and verb.head.i != verb.i:
        verb = verb.head  # "accused X on Thursday of ..." parsed with "of" under Thursday
    if verb.lower_ not in words("accuse_verbs"):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def arguments(tok: Token) -> list[Token]:
    """Tokens that fill the trigger's roles: objects, passive subjects, modifiers,
    prepositional objects; for a participle or relative clause, the noun it modifies."""
    out: list[Token] = []
    subject: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "poss", "compound", "oprd", "npadvmod", "appos"):
            out.append(c)
        elif c.dep_ == "nsubj":
            subject.append(c)
        elif (c.dep_ == "prep" and c.lower_ not in ADJUNCT_PREPS) or c.dep_ in ("agent", "prt"):
            out.extend(g for g in c.children if g.dep_ in ("pobj", "dobj"))
            if c.dep_ == "prt":
                out.extend(g for g in tok.children if g.dep_ == "dobj")
    if tok.dep_ in ("acl", "amod", "relcl", "compound") and tok.head.i != tok.i:
        out.append(tok.head)
    if tok.pos_ in ("NOUN", "PROPN") or not any(c.dep_ == "dobj" for c in tok.children):
        out.extend(subject)  # "the town fell", "Palmyra's fall"
    if tok.dep_ in ("dobj",) and tok.head.lower_ in words("light_verbs"):
        out.extend(arguments(tok.head))
    # "took control of the city" -> city
    more = [
        g for a in out if a.lower_ in ("control", "part", "parts", "most", "much") for g in _of_objects(a)
    ]
    return out + more


def _of_objects(tok: Token) -> list[Token]:
    return [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]


def targets(tok: Token) -> list[Token]:
    """What the event is done to: direct object, passive subject, "on/against X"."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in PATIENT_PREPS:
            out.extend(g for g in c.children if g.dep_ == "pobj")
    if not out and tok.dep_ in ("dobj", "attr") and tok.head.lower_ in words("light_verbs"):
        out = targets(tok.head)
    if not out and tok.dep_ in ("acl", "amod", "relcl") and tok.tag_ == "VBN":
        out.append(tok.head)  # "captured soldiers", "villagers killed by ..."
    if not out and tok.dep_ == "nsubj" and tok.head.pos_ == "VERB":
        out = targets(tok.head)  # "warplanes bombed RSF positions": what they bombed
    return out


def partners(tok: Token) -> list[Token]:
    """The other side in a two-sided event: "clashes with X", "fighting between X and Y"."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in PARTNER_PREPS:
            for g in c.children:
                if g.dep_ == "pobj":
                    out.append(g)
                    out.extend(x for x in g.conjuncts)
    return out


def victims(sent_tokens: list[Token], kill_words: frozenset[str]) -> list[Token]:
    """The people a sentence says were killed or hurt ("killing 12 soldiers", "3 civilians died")."""
    out: list[Token] = []
    for t in sent_tokens:
        if t.lower_ not in kill_words:
            continue
        for c in t.children:
            if c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "nsubj" and t.lower_ in ("died", "dead")):
                out.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("against", "on", "at", "upon"):
                out.extend(g for g in c.children if g.dep_ == "pobj")
        if t.dep_ in ("amod", "acl") and t.head.pos_ in ("NOUN", "PROPN"):
            out.append(t.head)
    return out


def irrealis(
    tok: Token,
    modals: frozenset[str],
    negations: frozenset[str],
    heads: frozenset[str],
    attempts: frozenset[str],
    topics: frozenset[str] = frozenset(),
) -> str | None:
    """'negated', 'irrealis' (modal, planned, threatened), 'attempt' (bid to, on the verge of),
    'purpose' (an infinitive of purpose: "sent troops to retake"), 'topic' (what a protest is
    about) or None."""
    if tok.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "aux" and c.lower_ in modals for c in tok.head.children
    ):
        return "irrealis"  # "its recapture would be a victory"
    t = tok
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lower_ in words("aspect_verbs"):
        t = tok.head  # "the pull-out had begun": whether it began
    via_topic = via_complement = False
    for step in range(6):
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no" and (step == 0 or t.pos_ == "NOUN")):
                return "negated"
            if c.dep_ in ("aux",) and c.lower_ in modals:
                return "irrealis"
            if c.dep_ == "mark" and c.lower_ in heads:
                return "irrealis"
        if step > 0:
            if t.lower_ in attempts and via_complement:
                return "attempt"
            if t.lower_ in heads:
                return "irrealis"
            if t.lower_ in topics and via_topic:
                return "topic"
        if t.dep_ in ("advcl", "xcomp", "acl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in t.children
        ):
            # a purpose ("launched an offensive to retake the city") unless a plan or threat
            return "irrealis" if t.head.lower_ in heads else "purpose"
        noun_conj = t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN")
        if (t.dep_ not in CLAUSE_INTERNAL and not noun_conj) or t.head.i == t.i:
            return None
        via_topic = (
            via_topic or (t.dep_ == "pobj" and t.head.lower_ in TOPIC_PREPS) or t.dep_ in ("xcomp", "dobj")
        )
        via_complement = (
            via_complement
            or t.dep_ in ("xcomp", "acl", "pcomp")
            or (t.dep_ == "pobj" and t.head.lower_ in ("for", "of", "at", "to"))
        )
        if t.dep_ == "dobj" and step > 0 and t.head.lower_ not in heads | attempts | topics:
            return None
        t = t.head
    return None


def announced(tok: Token) -> bool:
    """Whether an action is announced for the future ("his fighters would pull out",
    "plans to withdraw"), and not negated."""
    t = tok
    for step in range(6):
        for c in t.children:
            if c.dep_ == "neg":
                return False
            if c.dep_ == "aux" and c.lower_ in words("future_modals"):
                return True
        if step > 0 and t.lower_ in words("future_heads"):
            return True
        if t.dep_ not in CLAUSE_INTERNAL or t.head.i == t.i:
            return False
        t = t.head
    return False


def modifies(tok: Token, classes: tuple[str, ...], words: dict[str, list[str]]) -> bool:
    """Does ``tok`` modify a noun of one of these word classes ("artillery positions")?"""
    word = tok.head.lower_
    return any(word in _noun_forms(w) for c in classes for w in words.get(c, ()))


@functools.cache
def _noun_forms(word: str) -> frozenset[str]:
    """A word-class entry's forms: itself and its plural, or exactly itself when written "=word"."""
    if word.startswith("="):
        return frozenset({word[1:]})
    plural = (
        word[:-1] + "ies"
        if word.endswith("y")
        else word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")
    )
    return frozenset({word, plural})
