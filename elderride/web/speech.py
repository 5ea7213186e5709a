"""The web process's speech engine: one worker pool, started on first use, or none without a
model."""

import atexit
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from flask import current_app

from elderride.intake.vocabulary import keyword_phrases
from elderride.languages import CODES
from elderride.speech import vocabulary
from elderride.speech.models import ELDER_TRAILING_SILENCE, model_status
from elderride.speech.remote import parse_servers
from elderride.speech.transcript import SpeechEngine

KEY = "elderride.speech"
# A caller who hangs up during the hold never comes back for the transcript: forget it after this.
JOB_LIFETIME_SECONDS = 300


def _holder(app):
    return app.extensions.setdefault(
        KEY,
        {"engine": None, "started": False, "lock": threading.Lock(), "jobs": {}, "executor": None},
    )


def status(config):
    """Return whether speech is ready and why not: remote recognizers when configured, else the
    local model."""
    if config.get("VOSK_SERVER"):
        try:
            servers = parse_servers(config["VOSK_SERVER"])
        except ValueError as error:
            return {"available": False, "engine": "remote", "reason": str(error), "servers": []}
        return {
            "available": bool(servers),
            "engine": "remote",
            "reason": "ready" if servers else "No speech server is configured.",
            "servers": servers,
        }
    found = model_status(config.get("VOSK_MODEL"))
    if found["available"]:
        # Whether stray speech can be told from an answer, and the phrases the model cannot hear.
        found["vocabulary"] = vocabulary.model_report(found["path"], keyword_lists())
    return found


def keyword_lists():
    """The line's keyword phrase list in each language, as the model is checked against them."""
    return {language: keyword_phrases(language) for language in CODES}


def get_engine(app=None):
    """Return the speech engine, or None when no usable one is configured (the line then works by
    keys)."""
    app = app or current_app
    holder = _holder(app)
    with holder["lock"]:
        if not holder["started"]:
            holder["started"] = True
            status_now = status(app.config)
            engine: SpeechEngine | None = None
            if status_now["available"] and status_now.get("engine") == "remote":
                from elderride.speech.remote import RemoteVosk

                engine = RemoteVosk(
                    status_now["servers"], timeout=float(app.config["SPEECH_TIMEOUT"])
                )
            elif status_now["available"] and app.config.get("SPEECH_MODE") == "stream":
                from elderride.speech.streaming import StreamingPool

                # The same workers take live streams and whole recordings: one model per process,
                # not two.
                engine = StreamingPool(
                    status_now["path"],
                    workers=int(app.config["SPEECH_WORKERS"]),
                    trailing_silence=ELDER_TRAILING_SILENCE,
                    timeout=float(app.config["SPEECH_TIMEOUT"]),
                    streams_per_worker=int(app.config["SPEECH_STREAMS_PER_WORKER"]),
                )
            elif status_now["available"]:
                from elderride.speech.pool import VoskPool

                engine = VoskPool(
                    status_now["path"],
                    workers=int(app.config["SPEECH_WORKERS"]),
                    trailing_silence=ELDER_TRAILING_SILENCE,
                    timeout=float(app.config["SPEECH_TIMEOUT"]),
                )
            if engine is not None:
                holder["engine"] = engine
                atexit.register(engine.close)
        return holder["engine"]


def set_engine(app, engine):
    """Use `engine` (any object with transcribe()) for this app: the seam a test double or a remote
    recognizer plugs into."""
    holder = _holder(app)
    with holder["lock"]:
        holder["engine"], holder["started"] = engine, True


def submit(app, key, function, *args):
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


def age(app, key):
    """Return how many seconds ago the job under `key` was submitted, or None when there is none."""
    holder = _holder(app)
    with holder["lock"]:
        job = holder["jobs"].get(key)
    return None if job is None else time.monotonic() - job[1]


def is_done(app, key):
    """Return whether the job under `key` has finished (a missing job counts as finished)."""
    holder = _holder(app)
    with holder["lock"]:
        job = holder["jobs"].get(key)
    return job is None or job[0].done()


def take(app, key):
    """Return and forget the background job under `key`, or None."""
    holder = _holder(app)
    with holder["lock"]:
        job = holder["jobs"].pop(key, None)
    return job[0] if job else None
