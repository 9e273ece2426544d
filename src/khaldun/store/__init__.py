"""Storage: SQLite with versioned migrations, behind a small repository API."""

from .db import connect, default_path, migrate, migrations, schema_version
from .query import EventFilter
from .repository import Store

__all__ = ["EventFilter", "Store", "connect", "default_path", "migrate", "migrations", "schema_version"]
