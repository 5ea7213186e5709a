"""Whether the database can take writes now, and what stops it: the failures a storage error
means."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from elderride.store.database import BUSY_TIMEOUT_MS, open_connections, opened_files
from elderride.store.files import PathLike

# SQLite's primary result codes for trouble with the storage, not with a query:
# BUSY, LOCKED, READONLY, IOERR, FULL and CANTOPEN (https://sqlite.org/rescode.html).
STORAGE_ERRORS = frozenset({5, 6, 8, 10, 13, 14})


def is_storage_error(error: BaseException) -> bool:
    """Return whether `error` means the database cannot be read or written, as opposed to a bug."""
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(error, sqlite3.Error) and code is not None and code & 0xFF in STORAGE_ERRORS


def write_probe(db: Database, stamp: str, *, wait_seconds: float = 1.0) -> str | None:
    """Write one row, waiting at most `wait_seconds` for the write lock; return None when it held,
    else what failed.

    Anyone may ask for the health page, so the probe must never queue behind a
    long write the way a request's own write does (up to the busy timeout).
    """
    lock = getattr(db, "writer_lock", None)
    if lock is not None and not lock.acquire(timeout=wait_seconds):
        return f"another write in this process has held the database for over {wait_seconds:g} s"
    try:
        db.execute(f"PRAGMA busy_timeout = {int(wait_seconds * 1000)}")
        try:
            db.conn.execute("BEGIN IMMEDIATE")
            db.conn.execute("insert or replace into health_probe (id, at) values (1, ?)", [stamp])
            db.conn.execute("COMMIT")
        except sqlite3.Error as error:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            return f"{getattr(error, 'sqlite_errorname', type(error).__name__)}: {error}"
        finally:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    finally:
        if lock is not None:
            lock.release()
    return None


def files_trouble(db: Database, path: PathLike) -> str | None:
    """Return what is wrong when the files `db` opened are no longer the ones at `path`, else None.

    Commits to a replaced database or a deleted log reach no other process and are gone at the
    next start, though every one of them succeeds: only a restart on the files at the path ends it.
    """
    everything_opened = {
        opened
        for connection in [db, *open_connections(path)]
        if (opened := getattr(connection, "opened_files", None)) is not None
    }
    if not everything_opened:
        return None
    database, log = opened_files(path)
    # Any connection still open on another file means this process writes where nobody reads.
    if any(database != opened[0] for opened in everything_opened):
        return (
            f"the database file at {path} is not the one this server has open: it was replaced "
            "or removed while serving (a restore?); restart the server"
        )
    if any(log != opened[1] for opened in everything_opened):
        return (
            "the database's write-ahead log was deleted or replaced while this server had it "
            "open, so what it writes reaches no other process; restart the server"
        )
    return None
