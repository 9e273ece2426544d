"""Bytes -> text, refusing what is not text: empty input, binary files, oversized
input, and bytes in an unknown character set. Each refusal is an :class:`InputError`
whose message says what is wrong, so the caller can name the input and go on."""

from __future__ import annotations

import codecs
import re

MAX_BYTES = 5 * 1024 * 1024  # larger inputs are refused: no news report is that long

# Leading bytes of common binary formats people point a news tool at by mistake.
_MAGIC: dict[bytes, str] = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP archive (or office document)",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|article|main|div|p|h1)[\s>/]", re.IGNORECASE)


class InputError(Exception):
    """An input that cannot be turned into a document; the message says why."""


def too_large(size: int | None, limit: int = MAX_BYTES) -> InputError:
    """The error for an input over ``limit`` bytes (``size`` None: not known exactly)."""
    shown = f"{size / 2**20:.1f} MB" if size else f"over {limit / 2**20:.0f} MB"
    return InputError(f"too large: {shown} (limit {limit / 2**20:.0f} MB)")


def check_size(size: int, limit: int = MAX_BYTES) -> None:
    """Refuse inputs over ``limit`` bytes before reading them whole."""
    if size > limit:
        raise too_large(size, limit)


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode ``data`` to text; returns ``(text, warning)`` where the warning says
    how a non-UTF-8 input was decoded. Raises :class:`InputError` for non-text."""
    check_size(len(data))
    if not data.strip():
        raise InputError("empty input")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), f"not UTF-8: decoded as {encoding.upper()} (byte-order mark)"
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"binary input: looks like {what}, not text or HTML")
    if b"\x00" in data:
        raise InputError("binary input: contains NUL bytes, not text or HTML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _decode_other(data, exc.start)
    if _looks_binary(text):
        raise InputError("binary input: mostly control characters, not text or HTML")
    return text, None


def _decode_other(data: bytes, first_bad: int) -> tuple[str, str]:
    """Non-UTF-8 bytes: an HTML ``<meta charset>`` first, then Windows-1252, then
    charset detection (other legacy encodings are rare in English news, and a text
    they garble is then skipped as not English rather than mis-extracted)."""
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace")
        try:
            return data.decode(name), f"not UTF-8: decoded as {name} (declared in the page)"
        except (LookupError, UnicodeDecodeError):
            pass
    try:  # the web's default for undeclared legacy text (WHATWG), and English news's usual one
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        if not _looks_binary(text):
            return text, "not UTF-8: decoded as Windows-1252 (no charset declared; check the text)"
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - trafilatura depends on it
        from_bytes = None
    best = from_bytes(data).best() if from_bytes else None
    if best is None or best.encoding is None:
        raise InputError(
            f"not UTF-8 (invalid byte at offset {first_bad}) and no character set could be detected"
        )
    text = str(best)
    if _looks_binary(text):
        raise InputError("binary input: not text or HTML")
    return text, f"not UTF-8: decoded as {best.encoding} (detected; check the text)"


def _looks_binary(text: str) -> bool:
    """Control characters in more than 1% of the characters: not prose."""
    sample = text[:10000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return controls > len(sample) / 100


def looks_like_html(text: str) -> bool:
    """Does this text start like an HTML page (for stdin and extension-less files)?"""
    return bool(_HTML_START.search(text[:2000]))
