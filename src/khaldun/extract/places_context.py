"""Countries a document's armed groups and state bodies point to, as evidence for
choosing among homonyms ("Tripoli" in a note about the LNA and the GNA is in Libya);
and, the same way, the countries whose time zones it writes after a clock time
(:func:`clock_countries`: "7 a.m. CT").

The places component runs before the actors component, so it cannot read
``ctx.actors``; it reads the same registry (``data/actors.yaml``) instead, through a
phrase table built once per process: every alias (any case) and acronym (exact
case) of a registry entry of a kind that fights or governs in one country. An
acronym two entries share ("NAF") says nothing. Media, monitors, persons and
foreign forces are left out: they name who reports or intervenes, not where.
"""

from __future__ import annotations

import functools
import logging
import re

log = logging.getLogger(__name__)

KINDS = frozenset({"state", "rebel", "militia", "identity_militia", "government_body"})
# State forces built for every country from its demonym ("Russian forces") say who
# fights, often abroad; demonyms already count. Named state forces ("LNA") stay.
_BUILT_STATE = re.compile(r"^(?:military|police|government)-[a-z]{2}$")
MAX_WORDS = 6
_WORD = re.compile(r"[A-Za-z][\w'’]*")


@functools.cache
def _table() -> tuple[dict[str, str], dict[str, str]]:
    """(lower-case alias -> country, exact acronym -> country); empty without the registry."""
    try:
        from .actors_registry import registry

        entries = list(registry().entries.values())
    except Exception:  # the actors component is optional; places work without it
        log.debug("actor registry unavailable: no actor evidence for places", exc_info=True)
        return {}, {}
    aliases: dict[str, set[str]] = {}
    acronyms: dict[str, set[str]] = {}
    for e in entries:
        cc = getattr(e.actor, "country", None)
        if not cc or getattr(e.actor, "kind", None) not in KINDS or _BUILT_STATE.match(e.actor.id):
            continue
        for a in getattr(e, "aliases", []):
            key = " ".join(_WORD.findall(a.lower()))
            if key and len(key.split()) <= MAX_WORDS:
                aliases.setdefault(key, set()).add(cc)
        for a in getattr(e, "acronyms", []):
            if len(a) >= 3:
                acronyms.setdefault(a, set()).add(cc)

    def single(d: dict[str, set[str]]) -> dict[str, str]:
        return {k: next(iter(v)) for k, v in d.items() if len(v) == 1}

    return single(aliases), single(acronyms)


def actor_countries(text: str) -> list[str]:
    """Countries of the registry actors the text names, each once, in order."""
    aliases, acronyms = _table()
    if not aliases and not acronyms:
        return []
    words = _WORD.findall(text)
    lower = [w.lower() for w in words]
    out: list[str] = []
    for i, w in enumerate(words):
        cc = acronyms.get(w)
        for n in range(MAX_WORDS, 0, -1):
            if cc is not None or i + n > len(words):
                continue
            cc = aliases.get(" ".join(lower[i : i + n]))
        if cc is not None and cc not in out:
            out.append(cc)
    return out


def clock_countries(text: str, zone: re.Pattern[str] | None, countries: dict[str, str]) -> list[str]:
    """Countries whose time zones the text writes after a clock time ("7 a.m. CT"), each once."""
    out: list[str] = []
    for m in zone.finditer(text) if zone is not None else ():
        cc = countries.get(m.group(1))
        if cc is not None and cc not in out:
            out.append(cc)
    return out
