"""The web process's speech engine: one worker pool, started with the server (or on first use),
or none without a model."""

import atexit
import json
import logging
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from flask import Flask, current_app

from elderride.intake.keywords import keyword_phrases
from elderride.languages import CODES
from elderride.speech import engines, vocabulary

T = TypeVar("T")

KEY = "elderride.speech"
# Where a request handed to the page process carries the phone line's own speech health: the
# engine lives in the phone line's process, and /healthz is answered in the other.
HEALTH_ENVIRON = "elderride.speech_health"

log = logging.getLogger(__name__)
# A caller who hangs up during the hold never comes back for the transcript: forget it after this.
JOB_LIFETIME_SECONDS = 300


def _holder(app: Flask) -> dict[str, Any]:
    return app.extensions.setdefault(
        KEY,
        {"engine": None, "started": False, "lock": threading.Lock(), "jobs": {}, "executor": None},
    )


def status(config: Mapping[str, Any]) -> dict[str, Any]:
    """Return whether speech is ready and why not, from the settings alone (the running engine
    adds its own): for a local model, also whether stray speech can be told from an answer and
    the keyword phrases it cannot hear."""
    found = engines.status(config)
    if found["available"] and found.get("engine") != "remote":
        found["vocabulary"] = vocabulary.model_report(found["path"], keyword_lists())
    return found


def keyword_lists() -> dict[str, list[str]]:
    """The line's keyword phrase list in each language, as the model is checked against them."""
    return {language: keyword_phrases(language) for language in CODES}


# Any: a SpeechEngine, or what set_engine plugged in (a test double); the benches read the pool's
# own workers.
def get_engine(app: Flask | None = None) -> Any:
    """Return the speech engine, or None when no usable one is configured (the line then works by
    keys)."""
    app = app or current_app
    holder = _holder(app)
    with holder["lock"]:
        if not holder["started"]:
            holder["started"] = True
            engine = engines.build(app.config)
            if engine is not None:
                holder["engine"] = engine
                atexit.register(engine.close)
        return holder["engine"]


def hears_now(app: Flask | None = None) -> bool:
    """Tell whether the line should offer speech now: an engine is there and says it can take
    jobs (loaded, and not every recognizer failing)."""
    engine = get_engine(app)
    if engine is None:
        return False
    # A plain transcriber plugged in through set_engine says nothing of its health: it is ready.
    health = getattr(engine, "health", None)
    return health is None or bool(health()["available"])


def start(app: Flask) -> Any:
    """Build the speech engine now and load its workers in the background, saying in the log when
    they are ready; return the engine, or None without one."""
    engine = get_engine(app)
    if engine is None:
        return None
    log.info(
        'speech: loading the model (%s); /healthz says "loading" until it is', type(engine).__name__
    )
    started = time.monotonic()

    def wait() -> None:
        from elderride.speech.transcript import SpeechFailed, SpeechUnavailable

        try:
            engine.wait_ready()
        except (SpeechFailed, SpeechUnavailable) as error:
            log.error("speech: not ready, the line works by keys: %s", error)
            return
        log.info("speech: ready in %.1f s", time.monotonic() - started)

    threading.Thread(target=wait, name="elderride-speech-load", daemon=True).start()
    return engine


def health(app: Flask, environ: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Return what the running engine adds to the speech status: "loading", why it cannot take
    jobs, or how each recognizer answered; {} when no engine runs in this process."""
    carried = (environ or {}).get(HEALTH_ENVIRON)
    if carried is not None:
        return json.loads(carried)
    engine = _holder(app)["engine"]
    return {} if engine is None else dict(engine.health())


def carried_health(app: Flask) -> dict[str, str]:
    """Return the environ entry that carries this process's speech health to the page process."""
    return {HEALTH_ENVIRON: json.dumps(health(app))}


def set_engine(app: Flask, engine: object) -> None:
    """Use `engine` (any object with transcribe()) for this app: the seam a test double or a remote
    recognizer plugs into."""
    holder = _holder(app)
    with holder["lock"]:
        holder["engine"], holder["started"] = engine, True


def submit(app: Flask, key: str, function: Callable[..., T], *args: Any) -> Future[T]:
    """Run `function` in the background under `key`, so a caller can be put on hold while it
    works."""
    holder = _holder(app)
    with holder["lock"]:
        if holder["executor"] is None:
            holder["executor"] = ThreadPoolExecutor(
                max_workers=8, thread_name_prefix="elderride-speech"
            )
        now = time.monotonic()
        for stale in [
            name
            for name, (_, started) in holder["jobs"].items()
            if now - started > JOB_LIFETIME_SECONDS
        ]:
            del holder["jobs"][stale]
        if key not in holder["jobs"]:
            holder["jobs"][key] = (holder["executor"].submit(function, *args), now)
        return holder["jobs"][key][0]


def age(app: Flask, key: str) -> float | None:
    """Return how many seconds ago the job under `key` was submitted, or None when there is none."""
    holder = _holder(app)
    with holder["lock"]:
        job = holder["jobs"].get(key)
    return None if job is None else time.monotonic() - job[1]


def is_done(app: Flask, key: str) -> bool:
    """Return whether the job under `key` has finished (a missing job counts as finished)."""
    holder = _holder(app)
    with holder["lock"]:
        job = holder["jobs"].get(key)
    return job is None or job[0].done()


def take(app: Flask, key: str) -> Future[Any] | None:
    """Return and forget the background job under `key`, or None."""
    holder = _holder(app)
    with holder["lock"]:
        job = holder["jobs"].pop(key, None)
    return job[0] if job else None
