"""The system pages every audience shares: the health check and the device preferences."""

import hmac
import shutil
import threading
import time
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask.typing import ResponseReturnValue
from sqlite_utils import Database
from werkzeug.wrappers import Response

from elderride.languages import CODES as LANGUAGES
from elderride.senior import device
from elderride.services import clock
from elderride.services.outgoing import outbox
from elderride.services.people import phones
from elderride.store.health import files_trouble, write_probe
from elderride.store.schema import migrations
from elderride.web import links, speech
from elderride.web.database import get_db
from elderride.web.i18n import COOKIE as LANGUAGE_COOKIE
from elderride.web.security import next_or

bp = Blueprint("system", __name__)

ONE_YEAR = 365 * 24 * 3600
TEXT_SIZES = ("normal", "large", "largest")
THEMES = ("standard", "contrast")


@bp.get("/")
def front() -> ResponseReturnValue:
    """The first address a stranger opens: a device that is a senior's goes to its page; anyone
    else is shown the door for each audience."""
    if device.current_senior(get_db()) is not None:
        return redirect(url_for("senior.home"), code=303)
    number = links.line_number()
    return render_template(
        "front.html", line_number=number, line_shown=phones.display(number) if number else None
    )


@bp.get("/favicon.ico")
def favicon() -> Response:
    """The icon every browser asks for at this address, whatever the page links to."""
    return send_from_directory(
        str(current_app.static_folder), "favicon.svg", mimetype="image/svg+xml", max_age=86400
    )


@bp.get("/livez")
def livez() -> ResponseReturnValue:
    """Answer that the process serves requests, touching nothing else (the benchmarks' baseline)."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}


# The outbox worker reports every few seconds; this long without a report, it is taken for dead.
WORKER_SILENT_SECONDS = 60


# One write probe at a time, its answer shared for a few seconds: a flood of health checks
# must not become a flood of writes.
PROBE_REUSE_SECONDS = 2.0
_probe_lock = threading.Lock()
_last_probes: dict[str, tuple[float, str | None]] = {}  # database path -> (when, what failed)


def _probed_write_error(db: Database, path: str) -> str | None:
    with _probe_lock:
        at, error = _last_probes.get(path, (None, None))
        if at is None or time.monotonic() - at > PROBE_REUSE_SECONDS:
            # A real write: a read-only file, a full disk or a stuck lock show here, not in a read.
            error = write_probe(db, clock.iso())
            _last_probes[path] = (time.monotonic(), error)
        return error


def _database_health(db: Database, path: str) -> dict[str, Any]:
    pending = [migration.name for migration in migrations.pending(db)]
    write_error = _probed_write_error(db, path)
    trouble = files_trouble(db, path)
    health: dict[str, Any] = {
        "ok": not pending and write_error is None and trouble is None,
        "journal_mode": db.journal_mode,
        "pending_migrations": pending,
        "writable": write_error is None,
        # Waiting and dead entries only, each counted up to a cap: the probe costs the same in year
        # five.
        "outbox": outbox.backlog(db),
    }
    if write_error or trouble:
        health["error"] = write_error or trouble
    return health


def _disk_health(path: str, minimum_mb: int) -> dict[str, Any]:
    free_mb = shutil.disk_usage(Path(path).resolve().parent).free // (1024 * 1024)
    return {"ok": free_mb >= minimum_mb, "free_mb": free_mb, "minimum_mb": minimum_mb}


def _worker_health(db: Database) -> dict[str, Any]:
    age = outbox.last_beat_age(db)
    return {
        "ok": age is not None and age <= WORKER_SILENT_SECONDS,
        "last_report_seconds_ago": None if age is None else round(age, 1),
    }


@bp.get("/healthz")
def healthz() -> Response:
    """Report whether the database takes writes, the disk has room, the worker runs and speech is
    ready, as JSON: to anyone ok or failing and which check, to the operator's token everything."""
    config = current_app.config
    checks: dict[str, dict[str, Any]] = {}
    dispatch: dict[str, Any] | None = None
    try:
        db = get_db()
        checks["database"] = _database_health(db, config["DATABASE"])
        checks["worker"] = _worker_health(db)
        waited = outbox.oldest_pending_age(db, "dispatch")
        # Reported, not failed on: the dispatch system being down is no reason to stop serving.
        dispatch = {"oldest_waiting_seconds": None if waited is None else round(waited, 1)}
        dispatch["alarm"] = waited is not None and waited > config["DISPATCH_ALARM_SECONDS"]
    except Exception as error:  # noqa: BLE001 - a health check reports failures, it does not raise them
        checks["database"] = {
            "ok": False,
            "writable": False,
            "error": f"{type(error).__name__}: {error}",
        }
    try:
        checks["disk"] = _disk_health(config["DATABASE"], config["MIN_FREE_MB"])
    except OSError as error:
        checks["disk"] = {"ok": False, "error": f"{type(error).__name__}: {error}"}
    failing = [name for name, check in checks.items() if not check["ok"]]
    status = 503 if failing else 200
    if not _operator_asks():
        # Anyone may ask (a load balancer, a stranger): what the checks found (recognizer
        # addresses and their credentials, folders, error text, counts) is the operator's.
        return _fresh(
            jsonify({"status": "failing" if failing else "ok", "failing": failing}), status
        )
    body = {"status": "failing" if failing else "ok", "failing": failing, **checks}
    if dispatch is not None:
        body["dispatch"] = dispatch
    body["speech"] = speech.status(config) | speech.health(current_app, request.environ)
    return _fresh(jsonify(body), status)


def _fresh(response: Response, status: int) -> Response:
    """Mark a health answer as never to be stored: the operator's names secrets, and a cached
    "ok" would hide a failure."""
    response.status_code = status
    response.cache_control.no_store = True
    response.vary.add("Authorization")
    return response


def _operator_asks() -> bool:
    """Tell whether the request carries `Authorization: Bearer <ELDERRIDE_HEALTH_TOKEN>`."""
    token = current_app.config.get("HEALTH_TOKEN")
    given = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


@bp.post("/preferences")
def preferences() -> Response:
    """Remember this device's language, text size and theme, then go back to the page."""
    response = redirect(next_or(request.form.get("next"), url_for("senior.home")), code=303)
    choices = {
        LANGUAGE_COOKIE: (request.form.get("lang"), LANGUAGES),
        "size": (request.form.get("size"), TEXT_SIZES),
        "theme": (request.form.get("theme"), THEMES),
    }
    for cookie, (value, allowed) in choices.items():
        if value in allowed:
            response.set_cookie(
                cookie,
                value,
                max_age=ONE_YEAR,
                samesite="Lax",
                secure=request.is_secure,
                httponly=True,
            )
    return response
