"""Text normalisation and document identity: the same report acquired twice, from
HTML or text, with different whitespace, gets the same hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

from ..records import Document

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """NFC, Unix newlines, no control characters, runs of spaces collapsed.

    Offsets of every record refer to this normalised text."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def text_hash(text: str) -> str:
    """Identity of a text regardless of whitespace and case."""
    canonical = " ".join(text.lower().split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def make_document(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: dt.date | str | None = None,
    author: str | None = None,
    origin: str | None = None,
) -> Document:
    """A :class:`Document` with normalised text, its hash, and an id (the hash prefix by default)."""
    norm = normalize_text(text)
    digest = text_hash(norm)
    if isinstance(published, str):
        published = dt.date.fromisoformat(published[:10]) if published else None
    return Document(
        id=id or digest[:16],
        text=norm,
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        author=author,
        origin=origin,
        hash=digest,
    )
