"""Files only their owner may read: the database, its journal and callers' recordings."""

import os
import tempfile
from pathlib import Path

# A path as callers give it: text or a Path.
PathLike = str | os.PathLike[str]

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_folder(path: PathLike) -> None:
    """Create the folder `path` (and any missing parents) readable by its owner only; existing
    folders are left as they are."""
    path = Path(path)
    missing: list[Path] = []
    while not path.exists():
        missing.append(path)
        if path.parent == path:
            break
        path = path.parent
    for folder in reversed(missing):
        # mkdir's mode is masked by the umask, which can only take permissions away.
        folder.mkdir(mode=FOLDER_MODE, exist_ok=True)


def private_file(path: PathLike) -> None:
    """Create `path` empty and owner-only if it does not exist, and take group and other access away
    if it does, without ever opening it.

    Never open an existing file here: on Linux, closing *any* descriptor of a file drops every
    POSIX lock this process holds on it, SQLite's included (https://sqlite.org/howtocorrupt.html,
    section 2.2). One open and close of the live database in a server made another process (a
    backup, the sqlite3 shell) believe it was the last user: it checkpointed, deleted the
    write-ahead log the server was still writing to, and every booking after that was lost.
    """
    path = Path(path)
    private_folder(path.parent)
    try:
        _tighten(path)
    except FileNotFoundError:
        _create_new(path)


def _tighten(path: Path) -> None:
    """Take group and other access away from the file at `path`, by its name."""
    if path.stat().st_mode & 0o077:
        path.chmod(FILE_MODE)


def _create_new(path: Path) -> None:
    """Create `path` empty and owner-only where nothing is yet, leaving any file that got there
    first untouched."""
    # Made under a name of its own, closed, then linked into place: the file at `path` is never
    # one this process holds a descriptor of, even if another thread opens it the moment it appears.
    descriptor, spare = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # 0600
    os.close(descriptor)
    try:
        os.link(spare, path)
    except FileExistsError:
        _tighten(path)
    finally:
        os.unlink(spare)


def private_database(path: PathLike) -> None:
    """Make the database file and its -wal and -shm companions owner-only (creating the database
    file if new)."""
    private_file(path)
    # SQLite gives new -wal and -shm files the database file's mode; ones left by an older run are
    # tightened here.
    for suffix in ("-wal", "-shm"):
        try:
            _tighten(Path(f"{path}{suffix}"))
        except FileNotFoundError:
            pass


def identity(path: PathLike) -> tuple[int, int] | None:
    """Return which file is at `path` (its device and inode), or None when nothing is there."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    return status.st_dev, status.st_ino


def write_private(path: PathLike, data: bytes) -> None:
    """Write `data` to an owner-only file at `path`, whole or not at all."""
    path = Path(path)
    private_folder(path.parent)
    # Written under a name of its own and renamed into place: a process killed mid-write leaves a
    # hidden spare, never a half file under the name a database row points to.
    descriptor, spare = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # 0600
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(spare, path)
    except BaseException:
        Path(spare).unlink(missing_ok=True)
        raise
