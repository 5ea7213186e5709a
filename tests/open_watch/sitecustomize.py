"""Loaded at start-up by every Python process the many-processes tests run (it is first on their
PYTHONPATH): writes down each time Python code opens one of the watched files.

Closing any descriptor of a SQLite database drops the whole process's locks on it, so no
elderride process may open the database or its -wal and -shm files itself: only SQLite may.
"""

import os
import sys
import traceback

_WATCHED = {
    os.path.realpath(path)
    for path in os.environ.get("OPEN_WATCH_FILES", "").split(os.pathsep)
    if path
}
_NAMES = {os.path.basename(path) for path in _WATCHED}
_LOG = os.environ.get("OPEN_WATCH_LOG")


def _opened(event, args):
    if event != "open" or not args or isinstance(args[0], int) or args[0] is None:
        return
    try:
        path = os.fsdecode(args[0])
    except TypeError:
        return
    # Every import opens files too: only a matching name is worth resolving.
    if os.path.basename(path) not in _NAMES or os.path.realpath(path) not in _WATCHED:
        return
    stack = "".join(traceback.format_stack(limit=12)[:-1])
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(f"pid {os.getpid()} opened {path}\n{stack}\n")


if _WATCHED and _LOG:
    sys.addaudithook(_opened)
