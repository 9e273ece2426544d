"""Opening a store database and bringing its schema up to date.

The schema is the ordered list of ``migrations/NNNN_name.sql`` files; the
``schema_version`` table records which have been applied. Each migration runs in
its own transaction, so a failed one leaves the database at the previous version."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

DEFAULT_DB = "khaldun.db"
_MIGRATION_NAME = re.compile(r"^(\d{4})_([\w-]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def default_path() -> str:
    """``$KHALDUN_DB``, else ``khaldun.db`` in the working directory."""
    return os.environ.get("KHALDUN_DB") or DEFAULT_DB


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), with foreign
    keys on, WAL journaling for file databases, and rows addressable by name."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    if str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def migrations() -> list[Migration]:
    """The bundled migrations, in version order."""
    found = []
    for entry in resources.files("khaldun.store").joinpath("migrations").iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda mig: mig.version)
    versions = [mig.version for mig in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"duplicate migration versions: {versions}")
    return found


def schema_version(conn: sqlite3.Connection) -> int:
    """The highest applied migration (0 for a new database)."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate(conn: sqlite3.Connection, available: list[Migration] | None = None) -> list[int]:
    """Apply the migrations newer than the database, in order; returns their versions."""
    available = migrations() if available is None else available
    current = schema_version(conn)
    if available and current > available[-1].version:
        raise RuntimeError(
            f"database schema version {current} is newer than this khaldun ({available[-1].version})"
        )
    applied = []
    for mig in available:
        if mig.version <= current:
            continue
        _apply(conn, mig)
        applied.append(mig.version)
    return applied


def _apply(conn: sqlite3.Connection, mig: Migration) -> None:
    # executescript commits any open transaction first, so the script carries its own.
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    record = "INSERT INTO schema_version (version, name, applied_at) VALUES ({}, '{}', '{}');".format(
        mig.version, mig.name.replace("'", "''"), stamp
    )
    try:
        conn.executescript(f"BEGIN IMMEDIATE;\n{mig.sql}\n;\n{record}\nCOMMIT;")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise RuntimeError(f"migration {mig.version:04d}_{mig.name} failed: {exc}") from exc
