"""The per-document working state and the component registry.

Like spaCy's pipeline, extraction is a list of components with one job each;
each reads what earlier ones left in the :class:`DocContext` and adds its own
records. The list and its order come from ``data/pipeline.yaml``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from spacy.tokens import Doc

from ..records import (
    ActorMention,
    Attribution,
    ControlClaim,
    DateMention,
    Document,
    Event,
    PlaceMention,
    Span,
)

if TYPE_CHECKING:
    from .places_outlets import Home


@dataclass
class DocContext:
    """What one document's components share while it is being extracted."""

    document: Document
    doc: Doc
    mentions: list[tuple[int, int]] | None = None  # given toponym spans (resolution-only)
    outlet_home: Home | None = None  # where the document's outlet reports from, when known
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    control_claims: list[ControlClaim] = field(default_factory=list)
    _sentences: list[Span] | None = None

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def sentences(self) -> list[Span]:
        """Sentences as spans of the text, trailing whitespace trimmed."""
        if self._sentences is None:
            out = []
            for s in self.doc.sents:
                start, end = s.start_char, s.end_char
                while end > start and self.text[end - 1].isspace():
                    end -= 1
                while start < end and self.text[start].isspace():
                    start += 1
                if end > start:
                    out.append(Span(start, end, self.text[start:end]))
            self._sentences = out
        return self._sentences

    def sentence_at(self, char: int) -> Span | None:
        """The sentence containing character offset ``char``."""
        sents = self.sentences
        i = bisect.bisect_right([s.start for s in sents], char) - 1
        if i >= 0 and sents[i].start <= char < max(sents[i].end, sents[i].start + 1):
            return sents[i]
        return None

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])


class Component(Protocol):
    """One extraction step: reads and extends the context in place."""

    def __call__(self, ctx: DocContext) -> None: ...


COMPONENTS: dict[str, Callable[[], Component]] = {}


def component(name: str) -> Callable[[Callable[[], Component]], Callable[[], Component]]:
    """Register a component factory under ``name`` (used in ``data/pipeline.yaml``)."""

    def register(factory: Callable[[], Component]) -> Callable[[], Component]:
        COMPONENTS[name] = factory
        return factory

    return register
