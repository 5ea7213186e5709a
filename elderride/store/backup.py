"""Copies of the database taken while it serves, and putting one back."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from elderride.store.database import connect


class BackupError(Exception):
    """A copy that cannot be made, or a file that is not a sound elderride database."""


def integrity(path: str | os.PathLike) -> str:
    """Return SQLite's integrity_check verdict on the file at `path` ("ok" when sound)."""
    conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        rows = conn.execute("pragma integrity_check").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        conn.close()
    return "; ".join(row[0] for row in rows)


def backup(database: str | os.PathLike, destination: str | os.PathLike) -> dict:
    """Copy the live database to `destination` with SQLite's online backup API; return what was copied.

    The copy is one read transaction: in WAL mode writers carry on meanwhile, and the copy is the
    database as of one commit. It is written beside `destination` and renamed into place only once
    it passes integrity_check, so a half-made copy never takes the place of a good one.
    """
    destination = Path(destination)
    if destination.is_dir():
        raise BackupError(f"{destination} is a folder; give the file to write.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f".{destination.name}.partial")
    partial.unlink(missing_ok=True)
    source = connect(database)
    target = sqlite3.connect(str(partial))
    try:
        source.conn.backup(target)  # all pages in one step: one consistent snapshot
        bookings = target.execute("select count(*) from bookings").fetchone()[0]
        target.execute("pragma journal_mode = delete")
    finally:
        target.close()
        source.close()
    verdict = integrity(partial)
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"The copy failed its integrity check: {verdict}")
    os.replace(partial, destination)
    return {"path": str(destination), "bytes": destination.stat().st_size, "bookings": bookings}


def restore(source: str | os.PathLike, database: str | os.PathLike) -> dict:
    """Put the backup at `source` in place of the database, keeping the current one aside; stop the server first.

    Returns where the replaced database was kept (None when there was none) and how many bookings the restored one has.
    """
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"There is no backup at {source}.")
    verdict = integrity(source)
    if verdict != "ok":
        raise BackupError(f"{source} is not a sound database: {verdict}")
    database = Path(database)
    kept = None
    if database.exists():
        kept = database.with_name(f"{database.name}.before-restore")
        backup(database, kept)
    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    target = connect(database)
    try:
        origin.backup(target.conn)
        bookings = target.execute("select count(*) from bookings").fetchone()[0]
    finally:
        target.close()
        origin.close()
    return {"kept": None if kept is None else str(kept), "bookings": bookings}
