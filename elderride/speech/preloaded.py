"""The model the forkserver loads before it forks any speech worker (see speech.forking)."""

import json
import logging
import os
from typing import Any

from elderride.speech.forking import PRELOAD_VARIABLE

log = logging.getLogger(__name__)

_loaded: tuple[str, float | None, Any] | None = None


def _load() -> None:
    global _loaded
    wanted = os.environ.get(PRELOAD_VARIABLE)
    if not wanted:
        return
    try:
        path, trailing_silence = json.loads(wanted)
        from elderride.speech.recognizer import load_model

        _loaded = (path, trailing_silence, load_model(path, trailing_silence=trailing_silence))
    except Exception as error:  # noqa: BLE001 - each worker then loads (and reports) for itself
        log.warning("the speech model was not preloaded: %s: %s", type(error).__name__, error)


def model_for(path: str, trailing_silence: float | None) -> Any | None:
    """Return the model loaded before this worker was forked, if it is the one asked for."""
    if _loaded is not None and _loaded[:2] == (path, trailing_silence):
        return _loaded[2]
    return None


# Only the forkserver imports this module (its preload list), before it forks any worker; a
# worker finds it already in sys.modules, with the model.
_load()
