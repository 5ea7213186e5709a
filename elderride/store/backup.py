"""Copies of the database taken while it serves, and putting one back."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from elderride.store.database import connect
from elderride.store.files import PathLike, identity
from elderride.store.in_use import alone

# The files SQLite keeps beside a database in WAL mode.
SQLITE_COMPANIONS = ("-wal", "-shm")
# Every file kept beside the live database: SQLite's, the serving claim, a restore's copy.
LIVE_SUFFIXES = (*SQLITE_COMPANIONS, "-journal", ".serving")


class BackupError(Exception):
    """A copy that cannot be made, or a file that is not a sound elderride database."""


def integrity(path: PathLike) -> str:
    """Return SQLite's integrity_check verdict on the file at `path` ("ok" when sound)."""
    conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        rows = conn.execute("pragma integrity_check").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        conn.close()
    return "; ".join(row[0] for row in rows)


def backup(database: PathLike, destination: PathLike) -> dict[str, Any]:
    """Copy the live database to `destination` with SQLite's online backup API; return what was
    copied.

    The copy is one read transaction: in WAL mode writers carry on meanwhile, and the copy is the
    database as of one commit. It is written beside `destination` and renamed into place only once
    it passes integrity_check, so a half-made copy never takes the place of a good one.
    """
    destination = Path(destination)
    if destination.is_dir():
        raise BackupError(f"{destination} is a folder; give the file to write.")
    if _is_live(destination, Path(database)):
        # Renamed over the live file, the copy would cut the server off from the real database.
        raise BackupError(f"{destination} is the live database; give another file to write.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f".{destination.name}.partial")
    source = connect(database)
    try:
        bookings = _copy(source.conn, partial)
    finally:
        source.close()
    os.replace(partial, destination)
    return {"path": str(destination), "bytes": destination.stat().st_size, "bookings": bookings}


def _is_live(destination: Path, database: Path) -> bool:
    """Return whether `destination` names the database or a file beside it that SQLite or elderride
    keeps, by any path (a link, a bind mount)."""
    names = {
        database.name,
        f".{database.name}.restoring",
        *(f"{database.name}{suffix}" for suffix in LIVE_SUFFIXES),
    }
    if destination.resolve() == database.resolve():
        return True
    # The same folder and name, compared as files: another path to the folder is the same folder.
    return destination.name in names and identity(destination.parent) == identity(database.parent)


def _copy(source: sqlite3.Connection, path: Path) -> int:
    """Copy the database `source` is connected to into a new owner-only file at `path`, checked with
    integrity_check; return how many bookings it holds."""
    path.unlink(missing_ok=True)
    _create_private(path)
    target = sqlite3.connect(str(path))
    try:
        source.backup(target)  # all pages in one step: one consistent snapshot
        bookings: int = target.execute("select count(*) from bookings").fetchone()[0]
        target.execute("pragma journal_mode = delete")
    finally:
        target.close()
    verdict = integrity(path)
    if verdict != "ok":
        path.unlink(missing_ok=True)
        raise BackupError(f"The copy failed its integrity check: {verdict}")
    return bookings


def _create_private(path: Path) -> None:
    """Create `path` empty and owner-only: a copy holds the same secrets as the database."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    os.chmod(path, 0o600)


def _not_elderride(path: Path) -> str | None:
    """Return why the file at `path` is not an elderride database, or None when it is one."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {
            row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")
        }
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        conn.close()
    # An empty file or another program's database passes integrity_check; it has none of ours.
    missing = {"_sqlite_migrations", "bookings", "seniors"} - tables
    return f"it has no {', '.join(sorted(missing))} table" if missing else None


def restore(source: PathLike, database: PathLike) -> dict[str, Any]:
    """Put the backup at `source` in place of the database, keeping the current one aside; raise
    InUse while anything has the database open.

    Nothing is touched until the backup is known to be a sound elderride database; the
    current one is kept under a name of its own (never overwriting an earlier kept copy),
    and the restored file takes its place in one rename. Returns where the replaced
    database was kept (None when there was none) and how many bookings the restored one has.
    """
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"There is no backup at {source}.")
    verdict = integrity(source)
    if verdict != "ok":
        raise BackupError(f"{source} is not a sound database: {verdict}")
    problem = _not_elderride(source)
    if problem:
        raise BackupError(f"{source} is not an elderride database: {problem}.")
    database = Path(database)
    database.parent.mkdir(parents=True, exist_ok=True)
    with alone(database) as held:
        return _swap(source, database, held)


def _swap(source: Path, database: Path, held: sqlite3.Connection | None) -> dict[str, Any]:
    """Copy `source` beside the database, keep the database aside through `held` (the connection
    that has it alone), and rename the copy into place."""
    staged = database.with_name(f".{database.name}.restoring")
    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        bookings = _copy(origin, staged)
    finally:
        origin.close()
    kept = None
    if held is not None:
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        kept = database.with_name(f"{database.name}.before-restore-{stamp}")
        number = 1
        while kept.exists():
            number += 1
            kept = database.with_name(f"{database.name}.before-restore-{stamp}-{number}")
        # Through the connection that holds it alone, so what the write-ahead log held is kept
        # too and nothing is written to the old file after it is copied.
        _copy(held, kept)
        # The log is folded into the old file and removed by SQLite itself, still alone with it: a
        # log left beside the restored file would be replayed into it.
        held.execute("pragma journal_mode = delete")
        Path(f"{database}-shm").unlink(missing_ok=True)
    os.replace(staged, database)
    return {"kept": None if kept is None else str(kept), "bookings": bookings}
