"""``khaldun eval``: run the registered evaluations on ``../shared/eval`` and
collect their figures. Evaluations whose data is absent are skipped with a message."""

from __future__ import annotations

import datetime as dt
import importlib
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

# The evaluation modules; each registers itself with khaldun.evaluate.evaluation.
MODULES = ("case", "acled", "geo", "polnear")


def load_evaluations() -> dict[str, Any]:
    """Import the evaluation modules that exist; returns the registry."""
    from . import evaluate

    for name in MODULES:
        module = f"khaldun.evaluate.{name}"
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    return evaluate.EVALUATIONS


def run_evaluations(
    only: Sequence[str] = (),
    limit: int | None = None,
    log: Callable[[str], None] = print,
    pipeline_factory: Callable[[], Any] | None = None,
) -> dict[str, Any]:
    """Run the selected evaluations; returns the JSON report (figures per evaluation)."""
    from .evaluate import Missing, shared_eval_dir

    registry = load_evaluations()
    unknown = [n for n in only if n not in registry]
    if unknown:
        known = ", ".join(sorted(registry)) or "none"
        raise ValueError(f"unknown evaluation {', '.join(unknown)} (known: {known})")
    names = list(only) or list(registry)
    data = shared_eval_dir()
    pipeline = None
    report: dict[str, Any] = {"date": dt.date.today().isoformat(), "commit": git_commit(), "limit": limit}
    report["data"], report["results"], report["skipped"], report["seconds"] = str(data), {}, {}, {}
    for name in names:
        if pipeline is None:
            pipeline = (pipeline_factory or _default_pipeline)()
        log(f"khaldun eval: {name} ...")
        started = time.perf_counter()
        try:
            report["results"][name] = registry[name](data, pipeline, limit)
        except Missing as exc:
            report["skipped"][name] = str(exc)
            log(f"khaldun eval: {name}: skipped: {exc}")
        report["seconds"][name] = round(time.perf_counter() - started, 1)
    return report


def _default_pipeline() -> Any:
    from .extract.pipeline import Pipeline

    return Pipeline()


def flatten(figures: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """Nested figures -> ``("a.b", value)`` rows; lists and long strings are left out."""
    rows: list[tuple[str, Any]] = []
    for key, value in figures.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows.extend(flatten(value, name + "."))
        elif isinstance(value, int | float | bool) or (isinstance(value, str) and len(value) <= 40):
            rows.append((name, value))
    return rows


def table_rows(report: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for name, figures in report["results"].items():
        rows.extend([name, metric, value] for metric, value in flatten(figures))
    rows.extend([name, "skipped", reason] for name, reason in report["skipped"].items())
    return rows


def git_commit() -> str | None:
    """The checkout's commit, when run from a git working tree."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=Path(__file__).resolve().parent,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None
