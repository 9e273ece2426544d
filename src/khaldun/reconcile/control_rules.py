"""The control rules a researcher tunes (``data/control_rules.yaml``), loaded once."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ..datafiles import load_yaml


@dataclass(frozen=True, slots=True)
class Rules:
    transfer_types: dict[str, str]
    contest_types: frozenset[str]
    weights: dict[str, float]
    min_support: float
    min_support_settled: float
    settled_after_days: int
    cluster_window_days: int
    fight_to_change_days: int
    contest_days: int
    wires: tuple[tuple[str, re.Pattern[str]], ...]

    def wire_of(self, text: str | None) -> str | None:
        """The wire agency a text credits (copies of one agency story are one source)."""
        if not text:
            return None
        for name, pat in self.wires:
            if pat.search(text):
                return name
        return None


@functools.cache
def rules() -> Rules:
    raw: dict[str, Any] = load_yaml("control_rules.yaml")
    wires = []
    for name, pats in (raw.get("wires") or {}).items():
        wires.append((name, re.compile("|".join(f"(?:{p})" for p in pats), re.MULTILINE)))
    return Rules(
        transfer_types=dict(raw.get("transfer_sub_event_types") or {}),
        contest_types=frozenset(raw.get("contest_sub_event_types") or ()),
        weights={k: float(v) for k, v in (raw.get("weights") or {}).items()},
        min_support=float(raw.get("min_support", 2.0)),
        min_support_settled=float(raw.get("min_support_settled", 1.0)),
        settled_after_days=int(raw.get("settled_after_days", 30)),
        cluster_window_days=int(raw.get("cluster_window_days", 10)),
        fight_to_change_days=int(raw.get("fight_to_change_days", 45)),
        contest_days=int(raw.get("contest_days", 14)),
        wires=tuple(wires),
    )
