"""Sources -> documents: files, directories (recursively), URLs and ``-`` (stdin).

Every input yields one :class:`Acquired`: a document, or an error naming the
input, so a batch goes on past bad inputs. Metadata comes, weakest first, from the
page itself (HTML), a ``.meta.yaml`` sidecar, and the caller's overrides."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from ..records import Document
from .decode import MAX_BYTES, InputError, check_size, decode, looks_like_html, too_large
from .fetch import fetch, is_url
from .html import extract_html
from .normalize import make_document

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".md", ".text"})
SIDECAR_SUFFIX = ".meta.yaml"
# A folder's own documentation, not news: skipped when walking a directory.
FOLDER_DOCS = frozenset({"readme", "license", "licence", "changelog", "contributing", "copying", "notice"})
META_KEYS = ("published", "outlet", "url", "title", "author")
HTML_MEDIA = frozenset({"text/html", "application/xhtml+xml"})
TEXT_MEDIA = frozenset({"text/plain", "text/markdown"})


@dataclass(slots=True)
class Acquired:
    """One input's outcome: a document, or the reason there is none."""

    origin: str
    document: Document | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.document is not None


def acquire(
    sources: Iterable[str],
    *,
    overrides: dict[str, Any] | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Acquired]:
    """Acquire every source in order; directories expand to their files, sorted."""
    for source in sources:
        empty = True
        for origin in expand(source):
            empty = False
            yield acquire_one(origin, overrides=overrides, stdin=stdin)
        if empty:
            yield Acquired(source, error="no .html, .htm, .txt or .md files in this directory")


def expand(source: str) -> Iterator[str]:
    """A directory's text and HTML files (recursive, sorted; no hidden files,
    sidecars or README-like files); any other source as it is."""
    if source == "-" or is_url(source) or not Path(source).is_dir():
        yield source
        return
    for path in sorted(Path(source).rglob("*")):
        rel = path.relative_to(source).parts
        if any(part.startswith(".") for part in rel) or not path.is_file():
            continue
        if path.name.endswith(SIDECAR_SUFFIX) or path.stem.lower() in FOLDER_DOCS:
            continue
        if path.suffix.lower() in HTML_SUFFIXES | TEXT_SUFFIXES:
            yield str(path)


def acquire_one(
    origin: str, *, overrides: dict[str, Any] | None = None, stdin: BinaryIO | None = None
) -> Acquired:
    """Read, decode and extract one input; never raises for a bad input."""
    out = Acquired(origin)
    try:
        text, is_html, meta = _load(origin, stdin, out.warnings)
        meta.update({k: v for k, v in (overrides or {}).items() if v is not None})
        out.document = build_document(text, is_html=is_html, meta=meta, origin=origin)
    except InputError as exc:
        out.error = str(exc)
    except OSError as exc:
        out.error = exc.strerror or str(exc)
    except Exception as exc:  # whatever else goes wrong, the batch goes on
        out.error = f"unexpected error: {type(exc).__name__}: {exc}"
    return out


def build_document(text: str, *, is_html: bool, meta: dict[str, Any], origin: str | None) -> Document:
    """A normalised :class:`Document` from decoded text (HTML is extracted first)."""
    if is_html:
        page = extract_html(text, url=meta.get("url"))
        text = page.text
        found = {"title": page.title, "published": page.published, "outlet": page.outlet}
        found |= {"url": page.url, "author": page.author}
        meta = {**{k: v for k, v in found.items() if v is not None}, **meta}
    elif "title" not in meta:
        meta["title"] = headline(text)
    doc = make_document(
        text,
        title=meta.get("title"),
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        published=_as_date(meta.get("published")),
        author=meta.get("author"),
        origin=origin,
    )
    if not doc.text:
        raise InputError("empty input: no text")
    return doc


def headline(text: str) -> str | None:
    """The first non-blank line of a plain text, when short enough to be a headline."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 200 else None
    return None


def _load(origin: str, stdin: BinaryIO | None, warnings: list[str]) -> tuple[str, bool, dict[str, Any]]:
    """(decoded text, is it HTML, metadata from a sidecar or the server)."""
    meta: dict[str, Any] = {}
    if origin == "-":
        data = _read_capped(stdin or sys.stdin.buffer)
        kind = None
    elif is_url(origin):
        fetched = fetch(origin)
        data, meta["url"] = fetched.content, fetched.url
        kind = _kind_of_media(fetched.media_type)
    else:
        path = Path(origin)
        if not path.exists():
            raise InputError("no such file or directory")
        check_size(path.stat().st_size)
        data = path.read_bytes()
        kind = "html" if path.suffix.lower() in HTML_SUFFIXES else None
        meta.update(read_sidecar(path))
    text, warning = decode(data)
    if warning:
        warnings.append(warning)
    is_html = kind == "html" or (kind is None and looks_like_html(text))
    return text, is_html, meta


def _kind_of_media(media_type: str) -> str | None:
    if media_type in HTML_MEDIA:
        return "html"
    if media_type in TEXT_MEDIA or not media_type:
        return None  # sniffed from the content
    raise InputError(f"unsupported content type {media_type!r} (need HTML or plain text)")


def _read_capped(stream: BinaryIO) -> bytes:
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise too_large(None)
    return data


def sidecar_paths(path: Path) -> list[Path]:
    """``report.meta.yaml`` and ``report.txt.meta.yaml`` next to ``report.txt``."""
    return [path.with_name(path.stem + SIDECAR_SUFFIX), path.with_name(path.name + SIDECAR_SUFFIX)]


def read_sidecar(path: Path) -> dict[str, Any]:
    """Metadata from a ``.meta.yaml`` sidecar next to ``path`` (empty when there is none)."""
    for candidate in sidecar_paths(path):
        if candidate.is_file():
            try:
                data = yaml.safe_load(candidate.read_text(encoding="utf-8")) or {}
            except (yaml.YAMLError, UnicodeDecodeError) as exc:
                raise InputError(f"bad sidecar {candidate.name}: {exc}") from exc
            if not isinstance(data, dict):
                raise InputError(f"bad sidecar {candidate.name}: not a mapping")
            return {k: data[k] for k in META_KEYS if data.get(k) is not None}
    return {}


def _as_date(value: Any) -> dt.date | None:
    """A date from a ``date``, a ``datetime`` or a ``YYYY-MM-DD...`` string."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError as exc:
        raise InputError(f"bad publication date {value!r} (need YYYY-MM-DD)") from exc
