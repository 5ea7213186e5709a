"""The application factory."""

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from elderride import settings
from elderride.resources import resource_dir
from elderride.speech import engines
from elderride.store import connect, migrate


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the elderride web application from the layered configuration."""
    app = Flask(
        "elderride",
        instance_path=os.environ.get("ELDERRIDE_INSTANCE_PATH") or None,
        instance_relative_config=True,
        template_folder=str(resource_dir("templates")),
        static_folder=str(resource_dir("static")),
    )
    app.config.from_mapping(settings.DEFAULTS)
    app.config.from_mapping(settings.kept_at_setup(app.instance_path))
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_mapping(settings.from_environment())
    if test_config:
        app.config.from_mapping(test_config)
    settings.finish(app.config, app.instance_path)
    # Refused at start, not found out on the first ETA a driver reports or call that rings out.
    settings.check_ranges(app.config)
    settings.check_centers(app.config)
    settings.map_tiles_origin(app.config)
    engines.live_decoder(app.config)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # Senior pages have no time limits (docs/accessibility.md): a form token lasts as long as
        # the session.
        WTF_CSRF_TIME_LIMIT=None,
    )
    if (app.config.get("PUBLIC_BASE_URL") or "").startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True
    if app.config["TRUSTED_PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Only the proxies' own headers are believed: limits then see the client's address, and
        # request.is_secure the client's scheme. The Host header is never used for links.
        hops = int(app.config["TRUSTED_PROXIES"])
        # Flask's documented way to add middleware: mypy takes wsgi_app for a method only.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]

    if app.config.get("CLAIM_DATABASE"):
        # Before the first connection: a restore under way is waited out by nobody.
        from elderride.store import in_use

        in_use.claim(app.config["DATABASE"])
    db = connect(app.config["DATABASE"])
    try:
        migrate(db)
    finally:
        db.close()

    from elderride.web import assets, database, i18n, security

    database.init_app(app)
    i18n.init_app(app)
    assets.init_app(app)
    security.init_app(app)

    from elderride import api, console, demo, family, ivr, senior, system

    app.register_blueprint(system.bp)
    app.register_blueprint(senior.bp)
    app.register_blueprint(family.bp)
    app.register_blueprint(ivr.bp)
    app.register_blueprint(ivr.texts_bp)
    app.register_blueprint(demo.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(console.bp)
    return app
