"""The SQLite store: migrations, pragmas, transactions."""

import sqlite3
import threading

import pytest

from elderride.store import connect, migrate, writing
from elderride.store.schema import migrations


def _schema(db):
    return sorted(
        db.execute("select type, name, sql from sqlite_master").fetchall(),
        key=lambda row: (row[0], row[1]),
    )


def test_migrations_applied_twice_change_nothing(tmp_path):
    db = connect(tmp_path / "twice.db")
    migrate(db)
    schema = _schema(db)
    applied = [migration.name for migration in migrations.applied(db)]
    migrate(db)
    assert _schema(db) == schema
    assert [migration.name for migration in migrations.applied(db)] == applied
    assert migrations.pending(db) == []
    assert applied == [migration.name for migration in migrations._migrations]


def test_migrating_keeps_existing_rows(tmp_path, demo_data):
    before = demo_data.table("places").count
    migrate(demo_data)
    assert demo_data.table("places").count == before == 6


def test_connection_uses_wal_and_foreign_keys(tmp_path):
    db = connect(tmp_path / "pragmas.db")
    migrate(db)
    assert db.journal_mode == "wal"
    assert db.execute("pragma foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        db.table("places").insert(
            {
                "senior_id": 999,
                "label": "x",
                "address": "y",
                "aliases": "[]",
                "position": 0,
                "created_at": "now",
            }
        )


def test_writing_rolls_back_everything_on_error(tmp_path):
    db = connect(tmp_path / "rollback.db")
    migrate(db)
    with pytest.raises(RuntimeError):
        with writing(db):
            db.table("staff").insert(
                {
                    "email": "a@example.com",
                    "name": "A",
                    "role": "dispatcher",
                    "password_hash": "x",
                    "created_at": "t",
                }
            )
            with writing(db):
                db.table("staff").insert(
                    {
                        "email": "b@example.com",
                        "name": "B",
                        "role": "dispatcher",
                        "password_hash": "x",
                        "created_at": "t",
                    }
                )
            raise RuntimeError("boom")
    assert db.table("staff").count == 0


def test_concurrent_writers_wait_instead_of_failing(tmp_path):
    """Read-then-write transactions from many connections all succeed (BEGIN IMMEDIATE + busy
    timeout)."""
    path = tmp_path / "concurrent.db"
    migrate(connect(path))
    errors = []

    def work(worker):
        db = connect(path)
        try:
            for index in range(20):
                with writing(db):
                    count = db.table("staff").count
                    db.table("staff").insert(
                        {
                            "email": f"{worker}-{index}@example.com",
                            "name": str(count),
                            "role": "dispatcher",
                            "password_hash": "x",
                            "created_at": "t",
                        }
                    )
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            db.close()

    threads = [threading.Thread(target=work, args=(worker,)) for worker in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert connect(path).table("staff").count == 120
