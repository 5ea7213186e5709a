"""Static files addressed by their content hash, so a changed file is never served stale."""

import functools
import hashlib
import os

from flask import Flask, Response, current_app, request, url_for

ONE_YEAR = 365 * 24 * 3600


@functools.lru_cache(maxsize=256)
def _digest(path: str, mtime_ns: int) -> str:
    """Return a short hash of the file's content (cached per modification time)."""
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()[:12]


def static_url(filename: str) -> str:
    """Return the URL of a static file with its content hash attached."""
    path = f"{current_app.static_folder}/{filename}"
    mtime = os.stat(path).st_mtime_ns
    return url_for("static", filename=filename, v=_digest(path, mtime))


def init_app(app: Flask) -> None:
    """Offer `static_url` to templates and let browsers keep hashed files for a year."""
    app.jinja_env.globals["static_url"] = static_url

    @app.after_request
    def cache_hashed_static(response: Response) -> Response:
        if request.endpoint == "static" and request.args.get("v") and response.status_code == 200:
            response.cache_control.max_age = ONE_YEAR
            response.cache_control.public = True
            response.cache_control.immutable = True
        return response
