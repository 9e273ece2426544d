"""Fetching a URL with a timeout, a size cap and redirects, turning every network
failure into one readable :class:`InputError`."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from .. import __version__
from .decode import MAX_BYTES, InputError, too_large

TIMEOUT_S = 20.0
MAX_REDIRECTS = 5
USER_AGENT = f"khaldun/{__version__} (+https://github.com/khaldun)"


@dataclass(slots=True)
class Fetched:
    """A fetched resource: its bytes, media type and final URL after redirects."""

    content: bytes
    media_type: str
    url: str


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def fetch(url: str, *, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES) -> Fetched:
    """GET ``url``; raises :class:`InputError` for unreachable hosts, HTTP errors,
    time-outs and bodies over ``max_bytes``."""
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                headers={"User-Agent": USER_AGENT},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise InputError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise too_large(int(declared), max_bytes)
            content = _read_capped(response, max_bytes)
            media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            return Fetched(content, media_type, str(response.url))
    except httpx.TimeoutException as exc:
        raise InputError(f"timed out after {timeout:.0f} s") from exc
    except httpx.TooManyRedirects as exc:
        raise InputError(f"more than {MAX_REDIRECTS} redirects") from exc
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise InputError(f"invalid URL: {exc}") from exc
    except httpx.ConnectError as exc:
        raise InputError(f"cannot reach host: {exc}") from exc
    except httpx.HTTPError as exc:
        raise InputError(f"download failed: {exc}") from exc


def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise too_large(None, max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)
