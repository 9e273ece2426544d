"""Plain-text tables for the terminal: what ``khaldun events``, ``stats`` and
``eval`` print."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def render(headers: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 48) -> str:
    """Columns padded to their widest cell (cut at ``max_width``); numbers right-aligned."""
    cells = [[_cell(v, max_width) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, v in enumerate(row):
            widths[i] = max(widths[i], len(v))
    numeric = [
        all(_is_number(row[i]) for row in rows if row[i] not in (None, "")) for i in range(len(headers))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    out = [line(list(headers)), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _cell(value: Any, max_width: int) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.4g}" if abs(value) < 1000 else f"{value:.1f}"
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= max_width else text[: max_width - 1] + "…"


def summary(stats: dict[str, Any]) -> str:
    """The summary ``ingest --summary`` and ``stats`` print: documents, events by
    type, top places and actors, stances."""
    docs = stats["documents"]
    parts = [
        render(
            ["documents", "count"], [[status, docs.get(status, 0)] for status in ("ok", "skipped", "error")]
        ),
        render(
            ["event type", "sub-event type", "events"],
            [*stats["event_types"], ["all", "", stats["events"]]],
        ),
    ]
    for title, key in (("top places", "places"), ("top actors", "actors"), ("stance", "stances")):
        parts.append(render([title, "events"], stats[key] or [["(none)", 0]]))
    return "\n\n".join(parts)
