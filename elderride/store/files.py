"""Files only their owner may read: the database, its journal and callers' recordings."""

import os
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
    if it does."""
    path = Path(path)
    private_folder(path.parent)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    try:
        if os.fstat(descriptor).st_mode & 0o077:
            os.fchmod(descriptor, FILE_MODE)
    finally:
        os.close(descriptor)


def private_database(path: PathLike) -> None:
    """Make the database file and its -wal and -shm companions owner-only (creating the database
    file if new)."""
    private_file(path)
    # SQLite gives new -wal and -shm files the database file's mode; ones left by an older run are
    # tightened here.
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        try:
            if companion.stat().st_mode & 0o077:
                companion.chmod(FILE_MODE)
        except FileNotFoundError:
            pass


def write_private(path: PathLike, data: bytes) -> None:
    """Write `data` to a new owner-only file at `path`."""
    private_file(path)
    Path(path).write_bytes(data)
