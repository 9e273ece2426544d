"""Fetching a URL for the write endpoint without letting a remote caller reach the server's
own network: every hop (the URL and each redirect) must resolve only to public addresses,
unless the server was started with ``--allow-private-urls``."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

import httpx

from ..acquire import MAX_BYTES, InputError
from ..acquire.fetch import MAX_REDIRECTS, TIMEOUT_S, USER_AGENT, Fetched


class RefusedURL(InputError):
    """A URL the server will not fetch (scheme, or a non-public address)."""


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise :class:`RefusedURL` unless ``url`` is http(s) and its host is public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RefusedURL("only http and https URLs with a host can be ingested")
    if allow_private:
        return
    for address in resolve(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)):
        if not is_public(address):
            raise RefusedURL(f"refused: {parts.hostname} resolves to a non-public address ({address})")


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(f"cannot resolve {host}: {exc}") from exc
    return sorted({str(info[4][0]).split("%")[0] for info in infos})


def is_public(address: str) -> bool:
    """Global unicast only: no loopback, private, link-local, shared, multicast or reserved."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_loopback or ip.is_link_local or ip.is_private)


def guarded_fetch(url: str, *, allow_private: bool = False, max_bytes: int = MAX_BYTES) -> Fetched:
    """GET ``url``, following redirects by hand so that every hop is checked."""
    with httpx.Client(
        timeout=TIMEOUT_S, follow_redirects=False, headers={"User-Agent": USER_AGENT}
    ) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url, allow_private=allow_private)
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        raise InputError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
                    content = _read(response, max_bytes)
                    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
                    return Fetched(content, media, str(response.url))
            except httpx.HTTPError as exc:
                raise InputError(f"download failed: {exc}") from exc
    raise InputError(f"more than {MAX_REDIRECTS} redirects")


def _read(response: httpx.Response, max_bytes: int) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"too large (limit {max_bytes // 2**20} MB)")
        chunks.append(chunk)
    return b"".join(chunks)
