"""The bundled sample corpus (samples/) that `make run` ingests: enough reports, enough
conflicts, and every file carries the metadata ingestion needs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PUBLISHED_META = re.compile(
    r"""<meta\s+property=["']article:published_time["']\s+content=["'](\d{4}-\d{2}-\d{2})""", re.I
)
TABLE_ROW = re.compile(r"^\|\s*([\w.-]+\.(?:html|txt))\s*\|\s*([^|]+?)\s*\|")


def reports() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in (".html", ".txt"))


def readme_conflicts() -> dict[str, str]:
    """file name -> conflict, from the table in samples/README.md."""
    lines = (SAMPLES / "README.md").read_text(encoding="utf-8").splitlines()
    return {m[1]: m[2] for line in lines if (m := TABLE_ROW.match(line))}


@pytest.mark.parametrize("path", reports(), ids=lambda p: p.name)
def test_sample_has_its_metadata(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        assert "<html" in text.lower()
        assert "<title>" in text and 'property="og:site_name"' in text
        match = PUBLISHED_META.search(text)
        assert match, "no article:published_time meta"
        dt.date.fromisoformat(match[1])
    else:
        assert text.splitlines()[0].strip(), "a text report starts with its headline"
        sidecar = path.with_suffix(".meta.yaml")
        assert sidecar.exists(), f"{sidecar.name} is missing"
        meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
        assert set(meta) >= {"published", "outlet", "url"}
        assert type(meta["published"]) is dt.date


def test_sample_corpus_is_broad_and_documented() -> None:
    files = [p.name for p in reports()]
    table = readme_conflicts()
    assert len(files) >= 14
    assert sorted(table) == sorted(files), "samples/README.md must list every sample, and only those"
    conflicts = {c.casefold() for c in table.values() if not c.casefold().startswith("none")}
    assert len(conflicts) >= 8, sorted(conflicts)


def test_every_sidecar_belongs_to_a_text_report() -> None:
    for sidecar in SAMPLES.glob("*.meta.yaml"):
        assert sidecar.with_name(sidecar.name.replace(".meta.yaml", ".txt")).exists(), sidecar.name
