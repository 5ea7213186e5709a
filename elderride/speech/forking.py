"""Speech worker processes that share one loaded model.

Each worker is forked from the standard library's forkserver, which loads the
model once before it forks anything: a second worker costs its own decoding
memory, not a second copy of the model (570 MB for the Korean one).  The web
server itself never forks (it has threads); the forkserver is a fresh,
single-threaded process.  Where the platform has no forkserver, workers are
spawned and load the model themselves, as before.
"""

import json
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext, SpawnContext
from typing import Any

log = logging.getLogger(__name__)

Context = SpawnContext | ForkServerContext

# The forkserver's preload list names modules only, so the model it loads is told through the
# environment it starts with (a copy of ours at that moment).
PRELOAD_VARIABLE = "ELDERRIDE_INTERNAL_PRELOAD_MODEL"
PRELOAD_MODULE = "elderride.speech.preloaded"


def context(model_path: str, trailing_silence: float | None, *, share: bool = True) -> Context:
    """Return how workers for this model start: forked from a server that loaded it (when `share`
    and the platform allows), or spawned."""
    if not share or "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    os.environ[PRELOAD_VARIABLE] = json.dumps([model_path, trailing_silence])
    server = multiprocessing.get_context("forkserver")
    # Takes effect when the forkserver starts; one already running (another pool in this process)
    # keeps what it loaded, and a worker whose model it is not loads its own.
    server.set_forkserver_preload([PRELOAD_MODULE])
    return server


class WorkerProcess:
    """A worker process started in the background: a fork from the model's server waits until the
    model is loaded, and the server must answer "loading" meanwhile, not wait."""

    def __init__(
        self,
        context: Context,
        target: Callable[..., None],
        args: tuple[Any, ...],
        name: str,
    ) -> None:
        self.connection, child = context.Pipe()
        self._process = context.Process(target=target, args=(child, *args), daemon=True, name=name)
        self._lock = threading.Lock()
        self._stopped = False
        self.started = threading.Event()
        threading.Thread(
            target=self._start, args=(child,), daemon=True, name=f"{name}-start"
        ).start()

    def _start(self, child: Connection) -> None:
        try:
            self._process.start()
        except Exception as error:  # noqa: BLE001 - the worker's pipe closing says it failed
            log.error("a speech worker could not start: %s: %s", type(error).__name__, error)
        finally:
            # Our copy of the worker's end closes: once the worker ends, reading its pipe ends.
            child.close()
            with self._lock:
                self.started.set()
                stopped = self._stopped
            if stopped:
                self._kill_started()

    @property
    def pid(self) -> int | None:
        """The worker's process id, or None while it is being started."""
        return self._process.pid

    @property
    def exitcode(self) -> int | None:
        return self._process.exitcode

    def is_alive(self) -> bool:
        return self.started.is_set() and self._process.is_alive()

    def kill(self) -> None:
        """Kill the worker now, or as soon as it has started."""
        with self._lock:
            self._stopped = True
            if not self.started.is_set():
                return  # the starting thread kills it once it exists
        self._kill_started()

    def _kill_started(self) -> None:
        if self._process.pid is not None and self._process.exitcode is None:
            self._process.kill()

    def join(self, timeout: float | None = None) -> None:
        """Wait for the worker to end (no longer than `timeout`), if it was ever started."""
        if self.started.is_set() and self._process.pid is not None:
            self._process.join(timeout)
