"""What other components ask of actor mentions: the name a speaking body goes by, and
the allies a mention names alongside it.

- :func:`speaker_name`: events name the Nigerian Air Force "Military Forces of Nigeria",
  but as a *source* a sub-unit keeps its own name ("Nigerian Air Force"), as a reader
  would cite it (``speaking_bodies`` in ``data/actor_words.yaml``);
- :func:`allies_named`: "Rwandan and Mozambican troops" names the forces of both
  countries although the mention ("Mozambican troops") resolves to one.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Actor, ActorMention
from .actors_lexicon import CountryForm, lexicon
from .actors_registry import STATE_KINDS, registry

_DETERMINERS = ("the ", "The ")


def speaker_name(m: ActorMention) -> str:
    """The name to cite a mention by as a source: a state body's own name when the mention
    names a sub-unit ("the Nigerian Air Force" -> "Nigerian Air Force"), else its actor's."""
    a = m.actor
    if a is None or m.generic or a.kind not in STATE_KINDS:
        return m.name
    low = " ".join(m.text.lower().replace("’", "'").split())
    if not any(low == body or low.endswith(" " + body) for body in lexicon().speaking_bodies):
        return m.name
    text = m.text
    for det in _DETERMINERS:
        if text.startswith(det):
            text = text[len(det) :]
    return text if text[:1].isupper() or "'" in text or "’" in text else m.name


def allies_named(doc: Doc, m: ActorMention) -> list[Actor]:
    """State forces of the other countries coordinated in the mention's noun phrase:
    "Rwandan and Mozambican troops", "US and British warplanes"."""
    if m.actor is None or m.actor.kind not in STATE_KINDS or not m.actor.country:
        return []
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return []
    head = span.root
    first = head.left_edge.i
    low = [t.lower_ for t in doc]
    lex, reg = lexicon(), registry()
    role = m.actor.id.split("-")[0] if m.actor.id.count("-") == 1 else "military"
    out: list[Actor] = []
    i = first
    while i < span.start:
        hit = lex.countries.longest(low, i)
        if not hit:
            i += 1
            continue
        end, forms = hit
        texts = tuple(t.text for t in doc[i:end])
        fits = [f for f in forms if isinstance(f, CountryForm) and (not f.exact or f.text == texts)]
        form = fits[0] if fits else None
        if form is not None and form.code != m.actor.country:
            ally = reg.state(form.code, role) or reg.state(form.code)
            if ally is not None and ally not in out:
                out.append(ally)
        i = end
    return out
