"""Who has the database open: the claim a running server or worker holds, and SQLite's own locks.

A restore swaps the database file by name. A process that still has the old file open keeps
writing to it, successfully, and everything it writes is lost (issue 25), so a restore must run
alone. The claim lives in a file of its own beside the database (`<name>.serving`), never in
the database file: a descriptor of the database opened and closed here would drop SQLite's own
locks (see `files.private_file`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

from elderride.store.files import FILE_MODE, PathLike

# Descriptors of the claims this process holds, by database: kept open for the life of the
# process, since closing one would end its claim.
_claims: dict[str, int] = {}


class InUse(Exception):
    """The database is open somewhere else, so it cannot be replaced now."""


def _claim_file(database: PathLike) -> int:
    """Open the claim file beside the database, refusing anything but a plain file of its own."""
    path = f"{database}.serving"
    try:
        # Never through a link: one to the database would open and close the database itself.
        descriptor = os.open(
            path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK, FILE_MODE
        )
    except OSError as error:
        raise InUse(f"{path} must be a plain file elderride made: {error.strerror}.") from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise InUse(f"{path} must be a plain file elderride made; remove it.")
    return descriptor


def claim(database: PathLike) -> None:
    """Mark the database as served by this process until it exits; raise InUse while a restore
    of it runs."""
    key = str(Path(database).resolve())
    if key in _claims:
        return
    descriptor = _claim_file(database)
    try:
        # Shared: a server, its page process and a worker may all serve one database at once.
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        raise InUse(
            f"{database} is being restored; start again once `elderride restore` has finished."
        ) from None
    _claims[key] = descriptor


def _hold_alone(database: PathLike) -> sqlite3.Connection | None:
    """Return a connection that holds the database for itself alone until closed, or None when any
    other connection, in any process, has it open."""
    connection = sqlite3.connect(str(database), timeout=0)
    try:
        # Every connection that has read a WAL database keeps a shared lock on it until it closes
        # (the sqlite3 shell, a backup, a page process left behind), so an exclusive lock is only
        # granted to a connection that is alone; in exclusive locking mode it is then kept until
        # the connection closes, so nobody can write between this check and the swap.
        connection.execute("pragma locking_mode = exclusive")
        connection.execute("begin exclusive")
        connection.execute("rollback")
    except sqlite3.OperationalError as error:
        connection.close()
        if getattr(error, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return None
        raise
    return connection


@contextlib.contextmanager
def alone(database: PathLike) -> Iterator[sqlite3.Connection | None]:
    """Hold the database for this process only while the block runs, through the connection it
    yields (None when there is no database yet); raise InUse, saying who has it, if anyone does."""
    descriptor = _claim_file(database)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InUse(
                f"elderride is running on {database} (`elderride serve` or `elderride worker`). "
                "Stop it first: a server left running would go on writing to the file that is "
                "replaced, and everything it wrote would be lost."
            ) from None
        if not Path(database).exists():
            yield None
            return
        held = _hold_alone(database)
        if held is None:
            raise InUse(
                f"Another program has {database} open (a backup, the sqlite3 shell, a server "
                "process still stopping). Close it first, then restore."
            )
        try:
            yield held
        finally:
            held.close()
    finally:
        os.close(descriptor)  # ends the exclusive claim: servers may start again
