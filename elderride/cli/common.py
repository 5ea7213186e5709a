"""What the commands share: the app, its database, the site's address."""

from typing import Any

from flask import Flask
from sqlite_utils import Database

from elderride.store import connect

DEFAULT_PORT = 5000


def build_app(**overrides: Any) -> Flask:
    """Build the app (layered configuration, migrated database) for a command."""
    from elderride import create_app

    return create_app(overrides or None)


def database(app: Flask) -> Database:
    """Open the app's database."""
    return connect(app.config["DATABASE"])


def base_url(app: Flask, host: str, port: int) -> str:
    """Return the address the site is reached at: the public one when set, else the local server."""
    if app.config.get("PUBLIC_BASE_URL"):
        return app.config["PUBLIC_BASE_URL"].rstrip("/")
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    return f"http://{shown}:{port}"


def device_url(site: str, token: str) -> str:
    """Return a senior's device link on `site`."""
    return f"{site}/s/{token}"
