"""Event typing scored on CASE 2021 Task 2 (``event-types/case2021-task2-dev.tsv``).

Each snippet (columns ``id``, ``EventSnippet``, ``SubType``) is extracted as a
document with no publication date; the predicted label is the sub-event type of
the first (most salient) event, or ``none`` when no event comes out.

Gold labels are CASE codes: the 25 ACLED sub-event types (mapped below) plus five
non-ACLED types (organised crime, natural and man-made disasters, diplomacy,
claims of responsibility) for which the correct answer is no event, i.e. ``none``.

Figures:
- ``weighted_f1_acled``: F1 per ACLED class, averaged weighted by gold support,
  over all snippets (a conflict event predicted for a non-ACLED snippet lowers that
  class's precision) -- the headline figure;
- ``weighted_f1_overall``: the same over the 25 classes plus ``none`` (non-ACLED
  gold folded into ``none``);
- ``weighted_f1_acled_only``: as CASE scores it, only snippets with ACLED gold;
- ``rejection_accuracy``: share of non-ACLED snippets for which no event is output;
- ``accuracy``: share of all snippets labelled correctly; ``per_class`` P/R/F1/support.
"""

from __future__ import annotations

import csv
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..acquire.normalize import make_document
from ..extract.pipeline import Pipeline
from ..records import SUB_EVENT_TYPES
from . import Missing, evaluation

NONE = "none"
FILE = Path("event-types") / "case2021-task2-dev.tsv"

# CASE 2021 Task 2 codes -> ACLED sub-event types; codes not listed are non-ACLED.
CASE_TO_ACLED: dict[str, str] = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}
NON_ACLED = frozenset({"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"})
ACLED_LABELS = tuple(SUB_EVENT_TYPES)


def gold_label(code: str) -> str:
    """The ACLED sub-event type for a CASE code, ``none`` for a non-ACLED one."""
    code = code.strip()
    if code in CASE_TO_ACLED:
        return CASE_TO_ACLED[code]
    if code in NON_ACLED:
        return NONE
    raise ValueError(f"unknown CASE code {code!r}")


def per_class(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support per label (sklearn's definitions, 0 when undefined)."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    out: dict[str, dict[str, float]] = {}
    for lab in labels:
        prec = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        rec = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[lab] = {
            "precision": round(prec, 4),
            "recall": round(rec, 4),
            "f1": round(f1, 4),
            "support": tp[lab] + fn[lab],
        }
    return out


def weighted_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> float:
    """F1 averaged over ``labels`` weighted by gold support (sklearn ``average='weighted'``)."""
    table = per_class(gold, pred, labels)
    total = sum(r["support"] for r in table.values())
    if not total:
        return 0.0
    return round(sum(r["f1"] * r["support"] for r in table.values()) / total, 4)


def read_snippets(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [(r["id"], r["EventSnippet"], r["SubType"]) for r in rows]


def stratified(rows: list[tuple[str, str, str]], limit: int | None) -> list[tuple[str, str, str]]:
    """``limit`` rows taken round-robin across gold codes (file order within a code)."""
    if limit is None or limit >= len(rows):
        return rows
    by_code: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for r in rows:
        by_code[r[2]].append(r)
    out: list[tuple[str, str, str]] = []
    depth = 0
    while len(out) < limit:
        for code in sorted(by_code):
            if depth < len(by_code[code]) and len(out) < limit:
                out.append(by_code[code][depth])
        depth += 1
    return out


def predict(pipeline: Pipeline, texts: Sequence[str]) -> list[str]:
    """The first event's sub-event type per text, or ``none``."""
    docs = ((make_document(t), None) for t in texts)
    return [ext.events[0].sub_event_type if ext.events else NONE for ext in pipeline.pipe(docs)]


@evaluation("case")
def evaluate_case(shared: Path, pipeline: Pipeline, limit: int | None = None) -> dict[str, Any]:
    path = shared / FILE
    if not path.exists():
        raise Missing(f"{path} is absent")
    rows = stratified(read_snippets(path), limit)
    started = time.perf_counter()
    pred = predict(pipeline, [r[1] for r in rows])
    seconds = time.perf_counter() - started
    gold = [gold_label(r[2]) for r in rows]
    rejected = [p == NONE for g, p in zip(gold, pred, strict=True) if g == NONE]
    acled_pairs = [(g, p) for g, p in zip(gold, pred, strict=True) if g != NONE]
    return {
        "snippets": len(rows),
        "weighted_f1_acled": weighted_f1(gold, pred, ACLED_LABELS),
        "weighted_f1_overall": weighted_f1(gold, pred, (*ACLED_LABELS, NONE)),
        "weighted_f1_acled_only": weighted_f1(
            [g for g, _ in acled_pairs], [p for _, p in acled_pairs], ACLED_LABELS
        ),
        "rejection_accuracy": round(sum(rejected) / len(rejected), 4) if rejected else None,
        "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(rows), 4)
        if rows
        else None,
        "per_class": per_class(gold, pred, (*ACLED_LABELS, NONE)),
        "confusions": [
            f"{g} -> {p}: {n}"
            for (g, p), n in Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p).most_common(
                25
            )
        ],
        "docs_per_second": round(len(rows) / seconds, 1) if seconds else None,
    }
