"""khaldun: a ledger of who did what, where, when, and who says so."""

__version__ = "0.1.0"
