"""Domain knowledge lives in data files under ``khaldun/data/`` so a researcher can
edit the actor registry, event lexicon or place supplement without touching code.
``KHALDUN_DATA`` may point at a folder whose files take precedence."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import yaml

PACKAGE_DATA = Path(__file__).parent / "data"


def data_path(name: str) -> Path:
    """The file ``name``, from ``$KHALDUN_DATA`` when present there, else the package's."""
    override = os.environ.get("KHALDUN_DATA")
    if override and (Path(override) / name).exists():
        return Path(override) / name
    return PACKAGE_DATA / name


@functools.cache
def load_yaml(name: str) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~5x faster on actors.yaml
    with data_path(name).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)
