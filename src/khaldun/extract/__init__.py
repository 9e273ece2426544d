"""Per-document extraction: dates, places, actors, attributions and events."""

from .pipeline import Pipeline

__all__ = ["Pipeline"]
