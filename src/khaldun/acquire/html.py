"""A news page's main text and metadata, through trafilatura.

The headline is kept as the first line of the text: headlines report events
("Army retakes Palmyra") and the pipeline should see them."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from dataclasses import dataclass

from .decode import InputError

# Only structured markup (meta tags, <time>, the URL) counts as the publication
# date: a date found in the body is usually the date of an event, not of the report.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Fewer words than this is page furniture or debris ("Home | World"), not a report.
MIN_WORDS = 6
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(slots=True)
class HtmlContent:
    """What trafilatura found in a page."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None


@functools.cache
def _quiet_loggers() -> None:
    """trafilatura and htmldate warn about every odd page; the caller reports errors itself."""
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.ERROR)


def extract_html(html: str, url: str | None = None) -> HtmlContent:
    """Main text (headline first) and metadata of an HTML page.

    Raises :class:`InputError` when the page has no main text."""
    import trafilatura  # imported lazily: it costs a fifth of a second

    _quiet_loggers()
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            favor_recall=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura/lxml raise a variety of parser errors
        raise InputError(f"cannot parse HTML: {exc}") from exc
    body = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if len(_WORD.findall(body)) < MIN_WORDS:
        raise InputError("malformed or empty HTML: no main text found")
    title = _clean(result.title)
    return HtmlContent(
        text=with_headline(title, body),
        title=title,
        published=_date(result.date),
        outlet=_clean(result.sitename) or _clean(result.hostname),
        url=_clean(result.url) or url,
        author=_clean(result.author),
    )


def with_headline(title: str | None, body: str) -> str:
    """``title`` as the first paragraph unless the body already starts with it."""
    if not title:
        return body
    if " ".join(body[: len(title) + 40].split()).lower().startswith(" ".join(title.split()).lower()):
        return body
    return f"{title}\n\n{body}"


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else None
    return value or None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
