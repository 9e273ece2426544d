"""The control rules a researcher tunes (``data/control_rules.yaml``), loaded once."""

from __future__ import annotations

import functools
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
    late_admission_days: int
    fight_to_change_days: int
    contest_days: int


@functools.cache
def rules() -> Rules:
    raw: dict[str, Any] = load_yaml("control_rules.yaml")
    return Rules(
        transfer_types=dict(raw.get("transfer_sub_event_types") or {}),
        contest_types=frozenset(raw.get("contest_sub_event_types") or ()),
        weights={k: float(v) for k, v in (raw.get("weights") or {}).items()},
        min_support=float(raw.get("min_support", 2.0)),
        min_support_settled=float(raw.get("min_support_settled", 1.0)),
        settled_after_days=int(raw.get("settled_after_days", 30)),
        cluster_window_days=int(raw.get("cluster_window_days", 10)),
        late_admission_days=int(raw.get("late_admission_days", 21)),
        fight_to_change_days=int(raw.get("fight_to_change_days", 45)),
        contest_days=int(raw.get("contest_days", 14)),
    )
