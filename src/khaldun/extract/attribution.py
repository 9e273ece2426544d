"""Who says what, and how firmly: reported statements as :class:`Attribution` records.

PARC/PolNeAR style: each statement has a cue ("said", "according to", "denied"),
a content (what is said), and usually a source (who says it), as character spans
of the document text, plus the source's canonical name and the stance
(asserted / claimed / denied / hedged).  The work is split over:

- ``attribution_lexicon``  the cue/hedge lexicon (``data/attribution_cues.yaml``)
- ``attribution_quotes``   direct quotations, also over several sentences
- ``attribution_extract``  cue and source spans from the dependency parse (datelines are
  never sources)
- ``attribution_content``  the content of a verb cue: clause, quotation, to-clause, object
- ``attribution_layout``   "Name: ..." labels, signed quotations, headlines, datelines
- ``attribution_stance``   hedges
- ``attribution_resolve``  naming the source (actors, pronouns, "the agency", media)
- ``attribution_source``   :func:`source_for`, used by the events component
"""

from __future__ import annotations

from ..records import Attribution
from .attribution_extract import Finder
from .attribution_found import drop_speaker_pronouns
from .attribution_layout import layout_cues
from .attribution_lexicon import lexicon
from .attribution_resolve import SourceResolver
from .attribution_source import side_of, source_for
from .attribution_stance import apply_hedges
from .base import DocContext, component

__all__ = ["AttributionExtractor", "extract_attributions", "side_of", "source_for"]


def extract_attributions(ctx: DocContext) -> list[Attribution]:
    """Every reported statement of the document, in text order."""
    lex = lexicon()
    finder = Finder(ctx.doc, lex, ctx.text)
    found = finder.find()
    taken = {f.cue_tok.i for f in found}
    found += [f for f in layout_cues(ctx.doc, lex, ctx.text) if f.cue_tok.i not in taken]
    found = drop_speaker_pronouns(sorted(found, key=lambda f: f.cue[0]), lex, finder.quotes)
    apply_hedges(found, ctx.doc, lex)
    resolver = SourceResolver(ctx, lex)
    out = []
    for f in found:
        source, name = None, None
        if f.source is not None and f.source_tok is not None:
            source = ctx.span(*f.source)
            name = resolver.name(f.source_tok, *f.source)
        out.append(
            Attribution(
                cue=ctx.span(*f.cue),
                content=ctx.span(*f.content),
                source=source,
                source_name=name,
                stance=f.stance,
            )
        )
    return out


@component("attribution")
class AttributionExtractor:
    """Pipeline step: fills ``ctx.attributions``."""

    def __call__(self, ctx: DocContext) -> None:
        ctx.attributions.extend(extract_attributions(ctx))
