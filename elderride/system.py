"""The system pages every audience shares: the health check and the device preferences."""

from flask import Blueprint, current_app, jsonify, redirect, request, url_for

from elderride.services import outbox
from elderride.speech.models import model_status
from elderride.store.schema import migrations
from elderride.web.database import get_db
from elderride.web.i18n import COOKIE as LANGUAGE_COOKIE
from elderride.web.i18n import LANGUAGES
from elderride.web.security import local_path

bp = Blueprint("system", __name__)

ONE_YEAR = 365 * 24 * 3600
TEXT_SIZES = ("normal", "large", "largest")
THEMES = ("standard", "contrast")


@bp.get("/livez")
def livez():
    """Answer that the process serves requests, touching nothing else (the benchmarks' baseline)."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.get("/healthz")
def healthz():
    """Report whether the database and the speech engine are ready, as JSON."""
    try:
        db = get_db()
        pending = [migration.name for migration in migrations.pending(db)]
        database = {
            "ok": not pending,
            "journal_mode": db.journal_mode,
            "pending_migrations": pending,
            "outbox": outbox.counts(db),
        }
    except Exception as error:  # noqa: BLE001 - a health check reports failures, it does not raise them
        database = {"ok": False, "error": f"{type(error).__name__}: {error}"}
    speech = model_status(current_app.config.get("VOSK_MODEL"))
    status = 200 if database["ok"] else 503
    return jsonify({"status": "ok" if database["ok"] else "failing", "database": database, "speech": speech}), status


@bp.post("/preferences")
def preferences():
    """Remember this device's language, text size and theme, then go back to the page."""
    response = redirect(local_path(request.form.get("next")) or url_for("senior.home"), code=303)
    choices = {
        LANGUAGE_COOKIE: (request.form.get("lang"), LANGUAGES),
        "size": (request.form.get("size"), TEXT_SIZES),
        "theme": (request.form.get("theme"), THEMES),
    }
    for cookie, (value, allowed) in choices.items():
        if value in allowed:
            response.set_cookie(
                cookie, value, max_age=ONE_YEAR, samesite="Lax", secure=request.is_secure, httponly=True
            )
    return response
