"""One database connection per server thread, lent to each request that thread serves."""

import threading

from flask import Flask, current_app, g
from sqlite_utils import Database

from elderride.store import connect

# Opening SQLite and setting its pragmas costs more than a simple query; a server thread
# keeps its connection for the next request instead (one per thread: never shared).
_local = threading.local()


def get_db() -> Database:
    """Return this request's database connection."""
    if "db" not in g:
        path = current_app.config["DATABASE"]
        kept = getattr(_local, "db", None)
        if kept is None or _local.path != path:
            if kept is not None:
                kept.close()
            _local.db, _local.path = connect(path), path
        g.db = _local.db
    return g.db


def close_db(exception: BaseException | None = None) -> None:
    """End the request's use of the connection, leaving no transaction open behind it."""
    db = g.pop("db", None)
    if db is not None and db.conn.in_transaction:
        db.rollback()


def init_app(app: Flask) -> None:
    """Register the connection teardown with `app`."""
    app.teardown_appcontext(close_db)
