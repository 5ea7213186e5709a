"""Whether the database can take writes now, and what stops it: the failures a storage error means."""

from __future__ import annotations

import sqlite3

from elderride.store.database import writing

# SQLite's primary result codes for trouble with the storage, not with a query:
# BUSY, LOCKED, READONLY, IOERR, FULL and CANTOPEN (https://sqlite.org/rescode.html).
STORAGE_ERRORS = frozenset({5, 6, 8, 10, 13, 14})


def is_storage_error(error: BaseException) -> bool:
    """Return whether `error` means the database cannot be read or written, as opposed to a bug."""
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(error, sqlite3.Error) and code is not None and code & 0xFF in STORAGE_ERRORS


def write_probe(db, stamp: str) -> str | None:
    """Write one row and roll nothing back; return None when the write held, else what failed."""
    try:
        with writing(db):
            db.execute("insert or replace into health_probe (id, at) values (1, ?)", [stamp])
    except sqlite3.Error as error:
        return f"{getattr(error, 'sqlite_errorname', type(error).__name__)}: {error}"
    return None
