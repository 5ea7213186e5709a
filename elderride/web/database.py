"""One database connection per request, closed when the request ends."""

from flask import current_app, g

from elderride.store import connect


def get_db():
    """Return this request's database connection, opening it on first use."""
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    return g.db


def close_db(exception=None):
    """Close the request's connection, if one was opened."""
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_app(app):
    """Register the connection teardown with `app`."""
    app.teardown_appcontext(close_db)
