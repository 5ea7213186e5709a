"""Opening the SQLite database and writing to it safely from several threads."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from elderride.store.files import PathLike, identity, private_database

# How long a writer waits for another connection's write lock before giving up.
BUSY_TIMEOUT_MS = 10_000


# One writer lock per database file in this process: threads queue on it in turn, rather than
# on SQLite's busy handler, which polls with sleeps of up to 100 ms and makes long tails.
_writer_locks: dict[str, threading.Lock] = {}
_writer_locks_guard = threading.Lock()


def _writer_lock(path: PathLike) -> threading.Lock | None:
    key = str(Path(path).resolve()) if str(path) != ":memory:" else None
    if key is None:
        return None
    with _writer_locks_guard:
        return _writer_locks.setdefault(key, threading.Lock())


# Every connection this process opened, for the health check: a database replaced underneath the
# server is seen by the connections opened before, whichever thread answers the check.
_opened: weakref.WeakSet[sqlite_utils.Database] = weakref.WeakSet()
_opened_guard = threading.Lock()


def open_connections(path: PathLike) -> list[sqlite_utils.Database]:
    """Return this process's connections to the database at `path` that are still open."""
    key = str(Path(path).resolve())
    with _opened_guard:
        candidates = [db for db in _opened if getattr(db, "opened_path", None) == key]
    still_open = []
    for db in candidates:
        try:
            db.conn.total_changes  # noqa: B018 - raises on a closed connection
        except sqlite3.ProgrammingError:
            continue
        still_open.append(db)
    return still_open


def connect(path: PathLike) -> sqlite_utils.Database:
    """Open the database at `path` with WAL, foreign keys and a busy timeout set."""
    if str(path) != ":memory:":
        private_database(path)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    # Plugins are not used; skipping pluggy's discovery keeps a per-request open cheap.
    db = sqlite_utils.Database(conn, execute_plugins=False)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:" and db.journal_mode != "wal":
        db.enable_wal()
    # WAL makes NORMAL durable against application crashes; only a power cut can lose the last
    # commit.
    db.execute("PRAGMA synchronous = NORMAL")
    # writing() and the health probe find the lock on the connection they are given.
    db.writer_lock = _writer_lock(path)  # type: ignore[attr-defined]
    if str(path) != ":memory:":
        # The health check compares these with what is at the path later: a database restored or
        # replaced underneath the connection, or a log deleted by another process, is only seen so.
        db.execute("select count(*) from sqlite_master")  # opens the write-ahead log
        db.opened_files = opened_files(path)  # type: ignore[attr-defined]
        db.opened_path = str(Path(path).resolve())  # type: ignore[attr-defined]
        with _opened_guard:
            _opened.add(db)
    return db


def opened_files(path: PathLike) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Return which files are at the database's path and its write-ahead log's path now."""
    return identity(path), identity(f"{path}-wal")


def migrate(db: sqlite_utils.Database) -> None:
    """Apply every pending schema migration; applying them again changes nothing."""
    from elderride.store.schema import migrations

    migrations.apply(db)


@contextlib.contextmanager
def writing(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Run a block as one write transaction that takes the write lock up front.

    A deferred BEGIN that reads before it writes fails at once with SQLITE_BUSY
    when another connection commits in between (https://sqlite.org/wal.html#busy);
    BEGIN IMMEDIATE waits on the busy timeout instead.  Nested use becomes a
    savepoint through sqlite-utils' atomic().
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    lock: contextlib.AbstractContextManager[Any] = (
        getattr(db, "writer_lock", None) or contextlib.nullcontext()
    )
    with lock:
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            with db.atomic():
                yield db
        except BaseException:
            db.rollback()
            raise
        else:
            db.conn.execute("COMMIT")


def inserted_id(table: sqlite_utils.db.Table) -> int:
    """Return the id of the row `table` last inserted (sqlite-utils types it as optional)."""
    if table.last_pk is None:
        raise RuntimeError(f"nothing was inserted into {table.name}")
    return int(table.last_pk)


def loads(value: str | None, default: Any) -> Any:
    """Decode a JSON column, giving `default` for NULL."""
    if value is None:
        return default
    return json.loads(value)
