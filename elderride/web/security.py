"""Form tokens, security headers and kind error pages for every blueprint."""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from flask import Flask, Response, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import IntegerConverter, Map

from elderride import settings
from elderride.store.health import is_storage_error
from elderride.web.i18n import chosen_language

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

csrf = CSRFProtect()

# Scripts and styles come only from our own static files: no inline code to inject into.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'none'"
)
# The blueprints whose answers are the same for everyone: the health checks and the device's
# preferences. Every other blueprint answers about a person (a senior's rides, a family's seniors,
# the dispatch queue, the API's bookings, a call's TwiML), so no browser, proxy or back button may
# keep a copy; a new blueprint is private until it is listed here.
PUBLIC_BLUEPRINTS = frozenset({"system"})


@functools.cache
def content_security_policy(map_tiles: str | None) -> str:
    """Return the pages' policy: everything from our own host, but for map tiles from the
    operator's tile source (ELDERRIDE_MAP_TILES) when there is one."""
    tiles = settings.map_tiles_origin({"MAP_TILES": map_tiles})
    if tiles is None:
        return CONTENT_SECURITY_POLICY
    return CONTENT_SECURITY_POLICY.replace("img-src 'self' data:", f"img-src 'self' data: {tiles}")


class RowIdConverter(IntegerConverter):
    """`<int:…>` in a URL, bounded to what SQLite can store (a larger number is simply not
    found)."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(url_map, *args, **kwargs)


def _api(response_page: Callable[[], str], status: int, message: str) -> tuple[Response | str, int]:
    """Answer API clients in JSON and everyone else with a page."""
    if request.path.startswith("/api/"):
        return jsonify({"error": message}), status
    return response_page(), status


def restarting(app: Flask) -> WSGIApplication:
    """Return a WSGI app answering that pages are starting up again (503), in the asker's language
    and in JSON for API clients: what the phone line's process says while the page process is
    down."""

    def answer(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        with app.request_context(environ):
            body, status = _api(
                lambda: render_template(
                    "errors/restarting.html",
                    language_chosen=chosen_language() is not None,
                ),
                503,
                "The service is starting up again; try again in a few seconds.",
            )
            response = app.process_response(app.make_response((body, status, {"Retry-After": "5"})))
        return response(environ, start_response)

    return answer


def init_app(app: Flask) -> None:
    """Protect every form with a token and answer errors with pages a senior can read."""
    csrf.init_app(app)
    app.url_map.converters["int"] = RowIdConverter

    @app.after_request
    def security_headers(response: Response) -> Response:
        policy = content_security_policy(app.config.get("MAP_TILES"))
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    @app.after_request
    def private_answers_are_never_stored(response: Response) -> Response:
        if request.blueprint is not None and request.blueprint not in PUBLIC_BLUEPRINTS:
            response.cache_control.no_store = True
        return response

    @app.errorhandler(CSRFError)
    def form_expired(error: CSRFError) -> ResponseReturnValue:
        return render_template("errors/form_expired.html", back=request.referrer), 400

    @app.errorhandler(404)
    def not_found(error: HTTPException) -> ResponseReturnValue:
        return _api(lambda: render_template("errors/not_found.html"), 404, "Not found.")

    @app.errorhandler(405)
    def wrong_method(error: MethodNotAllowed) -> ResponseReturnValue:
        response, status = _api(
            lambda: render_template("errors/not_found.html"), 405, "Method not allowed."
        )
        # RFC 9110: a 405 says which methods are allowed.
        return response, status, {"Allow": ", ".join(sorted(error.valid_methods or []))}

    @app.errorhandler(413)
    def too_large(error: HTTPException) -> ResponseReturnValue:
        return _api(
            lambda: render_template("errors/too_large.html"), 413, "The request is too large."
        )

    @app.errorhandler(500)
    def server_error(error: BaseException) -> ResponseReturnValue:
        return _api(
            lambda: render_template("errors/server_error.html"),
            500,
            "Something went wrong on our side.",
        )

    @app.errorhandler(sqlite3.Error)
    def storage_trouble(error: sqlite3.Error) -> ResponseReturnValue:
        if not is_storage_error(error):
            app.logger.exception("a database error that is not the storage's", exc_info=error)
            return server_error(error)
        # The write was one transaction and is rolled back: nothing half-written stays behind.
        app.logger.warning("the database cannot be used: %s", error)
        return _api(
            lambda: render_template("errors/unavailable.html"),
            503,
            "The service cannot save anything right now; try again shortly.",
        )

    # Oversized posts are refused before Flask reads them: nothing here needs more than a
    # short recording on the demo phone; form fields are far smaller still.
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = 4 * 1024 * 1024
    app.config["MAX_FORM_MEMORY_SIZE"] = 64 * 1024


# Anything below a space, and DEL: a header or a path never carries them.
_UNSAFE_IN_PATH = re.compile(r"[\x00-\x20\x7f\\]")


def local_path(target: object, *, under: str = "/") -> str | None:
    """Return `target` if it is a path on this site below `under`, else None (no open or
    header-splitting redirects)."""
    if not isinstance(target, str) or not target.startswith(under) or target.startswith("//"):
        return None
    if _UNSAFE_IN_PATH.search(target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def next_or(target: object, fallback: str, *, under: str = "/") -> str:
    """Return `target`, the page to go back to, when it is on this site below `under`, else
    `fallback`."""
    return local_path(target, under=under) or fallback
