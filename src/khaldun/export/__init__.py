"""Exports of stored events: ACLED CSV, JSONL and GeoJSON (see ``docs/export.md``)."""

from .formats import EXPORTERS, exporter
from .shape import ACLED_COLUMNS, acled_row, event_json

__all__ = ["ACLED_COLUMNS", "EXPORTERS", "acled_row", "event_json", "exporter"]
