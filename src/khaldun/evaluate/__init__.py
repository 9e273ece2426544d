"""Scoring the pipeline on the development sets in ``../shared/eval`` (read in place).

Each evaluation registers itself with :func:`evaluation`; ``khaldun eval`` runs them.
An evaluation returns a flat-ish dict of metrics, or raises :class:`Missing` when
its data is absent (a user's checkout has no ``../shared``)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..extract.pipeline import Pipeline


class Missing(Exception):
    """The evaluation data is not there; the message says what is missing."""


Evaluation = Callable[[Path, Pipeline, int | None], dict[str, Any]]
EVALUATIONS: dict[str, Evaluation] = {}


def evaluation(name: str) -> Callable[[Evaluation], Evaluation]:
    def register(fn: Evaluation) -> Evaluation:
        EVALUATIONS[name] = fn
        return fn

    return register


def shared_eval_dir() -> Path:
    """``$KHALDUN_SHARED_EVAL``, else ``../shared/eval`` next to the working directory or the repo."""
    env = os.environ.get("KHALDUN_SHARED_EVAL")
    if env:
        return Path(env)
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        cand = base.parent / "shared" / "eval"
        if cand.is_dir():
            return cand
    return Path.cwd().parent / "shared" / "eval"
