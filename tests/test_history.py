"""History kept, not in the way: old delivered work pruned, rides kept, backups taken while
serving."""

import datetime
import os
import sqlite3
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from elderride.cli import cli
from elderride.services import bookings, clock, history
from elderride.services.delivery import Deliverer, run_once
from elderride.services.outgoing import outbox
from elderride.services.outgoing.messages import BuiltinNotifier
from elderride.services.records import BookingRequest, Trip
from elderride.store import connect
from elderride.store.backup import integrity
from elderride.worker import Worker


def ride(db, senior, key):
    """Book a ride on this connection (the `book` fixture's is the test's own)."""
    trip = Trip(destination={"address": f"{key} Road"})
    request = BookingRequest(key, "web", "t", trip, senior_id=senior["id"])
    return bookings.create_booking(db, request)[0]


def deliver_all(db):
    while run_once(db, Deliverer(BuiltinNotifier()), "w"):
        pass


def test_delivered_work_and_messages_older_than_the_kept_days_go_and_rides_stay(
    demo_data, margaret
):
    db = demo_data
    old = ride(db, margaret, "old")
    deliver_all(db)
    # Age everything so far by 100 days, then add a fresh ride and a dead and a waiting entry.
    long_ago = clock.iso(clock.now() - datetime.timedelta(days=100))
    db.execute("update outbox set finished_at = ?, created_at = ?", [long_ago, long_ago])
    db.execute("update messages set created_at = ?", [long_ago])
    db.conn.commit()
    old_entries = db.table("outbox").count
    assert old_entries and db.table("messages").count
    new = ride(db, margaret, "new")
    deliver_all(db)
    kept_messages = db.execute(
        "select count(*) from messages where created_at > ?", [long_ago]
    ).fetchone()[0]
    waiting = bookings.transition(db, new["id"], "cancelled", actor="t")
    events_before = db.table("booking_events").count

    pruned = history.prune(db, keep_days=90)

    # The old ones went with their entries.
    assert pruned["outbox"] == old_entries and pruned["messages"] == 0
    assert (
        db.execute("select count(*) from messages where created_at <= ?", [long_ago]).fetchone()[0]
        == 0
    )
    assert db.table("messages").count == kept_messages
    assert (
        db.execute("select count(*) from outbox where finished_at <= ?", [long_ago]).fetchone()[0]
        == 0
    )
    # Waiting work stays.
    assert db.execute("select count(*) from outbox where status = 'pending'").fetchone()[0] > 0
    assert [row["id"] for row in db.table("bookings").rows_where(order_by="id")] == [
        old["id"],
        waiting["id"],
    ]
    assert db.table("booking_events").count == events_before
    assert history.prune(db, keep_days=90) == {
        "outbox": 0,
        "messages": 0,
        "unconfirmed accounts": 0,
    }


def test_a_message_without_an_entry_is_pruned_by_its_own_age(db):
    db.execute(
        "insert into messages (channel, recipient, body, created_at) values ('text', "
        "'+15550100002', 'hi', '2020-01-01T00:00:00+00:00')"
    )
    db.conn.commit()
    assert history.prune(db, keep_days=90) == {
        "outbox": 0,
        "messages": 1,
        "unconfirmed accounts": 0,
    }


def test_the_worker_prunes_as_it_runs(app, demo_data, margaret):
    ride(demo_data, margaret, "a")
    deliver_all(demo_data)
    demo_data.execute("update outbox set finished_at = '2020-01-01T00:00:00+00:00'")
    demo_data.conn.commit()
    worker = Worker(
        app.config["DATABASE"], Deliverer(BuiltinNotifier()), poll_seconds=0.05, keep_days=90
    )
    thread = worker.start_thread()
    try:
        for _ in range(100):
            if not demo_data.execute("select count(*) from outbox").fetchone()[0]:
                break
            threading.Event().wait(0.05)
    finally:
        worker.stop()
        thread.join(5)
    assert demo_data.execute("select count(*) from outbox").fetchone()[0] == 0
    assert demo_data.table("bookings").count == 1


def test_a_backup_taken_during_a_burst_of_bookings_restores_consistent(
    app, demo_data, margaret, tmp_path
):
    env = {
        "ELDERRIDE_DATABASE": app.config["DATABASE"],
        "ELDERRIDE_SECRET_KEY": "x",
        "ELDERRIDE_INSTANCE_PATH": str(tmp_path / "instance"),
    }
    acknowledged, stop, failures = [], threading.Event(), []

    def book(writer):
        db = connect(app.config["DATABASE"])
        try:
            number = 0
            while not stop.is_set():
                number += 1
                try:
                    booked = ride(db, margaret, f"burst-{writer}-{number}")["id"]
                    # A senior may have only three rides open: each is cancelled again, as a burst
                    # of
                    # bookings from many seniors would leave each of them with one.
                    bookings.transition(db, booked, "cancelled", actor="senior")
                    acknowledged.append(booked)
                except Exception as error:  # noqa: BLE001 - reported by the assertion below
                    failures.append(error)
                    return
        finally:
            db.close()

    writers = [threading.Thread(target=book, args=(writer,)) for writer in range(2)]
    for writer in writers:
        writer.start()
    try:
        while len(acknowledged) < 50 and not failures:
            threading.Event().wait(0.01)
        before = list(acknowledged)
        result = CliRunner().invoke(
            cli, ["backup", str(tmp_path / "copy.db")], env=env, catch_exceptions=False
        )
        during = len(acknowledged)
    finally:
        stop.set()
        for writer in writers:
            writer.join(10)
    assert result.exit_code == 0, result.output
    assert failures == [] and during > len(before)  # bookings went on being written while it copied
    assert integrity(tmp_path / "copy.db") == "ok"

    # Restore into a fresh place: every booking acknowledged before the backup, each with its log
    # and notices.
    env["ELDERRIDE_DATABASE"] = str(tmp_path / "restored.db")
    result = CliRunner().invoke(
        cli, ["restore", str(tmp_path / "copy.db")], env=env, catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    restored = connect(tmp_path / "restored.db")
    try:
        assert restored.execute("pragma integrity_check").fetchone()[0] == "ok"
        present = {row[0] for row in restored.execute("select id from bookings")}
        assert set(before) <= present
        # Each booking was written with its event and outbox entries in one transaction: none half
        # there.
        assert (
            restored.execute(
                "select count(*) from bookings where not exists (select 1 from booking_events "
                "where booking_id = bookings.id)"
                " or not exists (select 1 from outbox where booking_id = bookings.id)"
            ).fetchone()[0]
            == 0
        )
        assert restored.execute("pragma foreign_key_check").fetchall() == []
    finally:
        restored.close()


def test_restore_keeps_the_replaced_database_and_refuses_a_broken_file(
    app, demo_data, margaret, tmp_path
):
    env = {
        "ELDERRIDE_DATABASE": app.config["DATABASE"],
        "ELDERRIDE_SECRET_KEY": "x",
        "ELDERRIDE_INSTANCE_PATH": str(tmp_path / "instance"),
    }
    runner = CliRunner()
    assert runner.invoke(cli, ["backup", str(tmp_path / "empty.db")], env=env).exit_code == 0
    ride(demo_data, margaret, "after-the-backup")
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"SQLite format 3\0" + b"\x01" * 5000)
    refused = runner.invoke(cli, ["restore", str(broken)], env=env)
    assert refused.exit_code == 1 and "not a sound database" in refused.output
    assert demo_data.table("bookings").count == 1  # nothing replaced

    demo_data.close()  # a restore runs with nothing else holding the database
    result = runner.invoke(cli, ["restore", str(tmp_path / "empty.db")], env=env)
    assert result.exit_code == 0, result.output
    check = connect(app.config["DATABASE"])
    [kept_path] = Path(app.config["DATABASE"]).parent.glob("*.before-restore-*")
    kept = sqlite3.connect(kept_path)
    try:
        assert check.table("bookings").count == 0
        assert kept.execute("select count(*) from bookings").fetchone()[0] == 1
        assert outbox.backlog(check)["dead"] == 0
    finally:
        kept.close()
        check.close()


def test_restore_refuses_an_empty_file_or_another_programs_database_and_touches_nothing(
    app, demo_data, margaret, tmp_path
):
    env = {
        "ELDERRIDE_DATABASE": app.config["DATABASE"],
        "ELDERRIDE_SECRET_KEY": "x",
        "ELDERRIDE_INSTANCE_PATH": str(tmp_path / "instance"),
    }
    ride(demo_data, margaret, "precious")
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table notes (x)").connection.close()
    for candidate in (empty, other):
        refused = CliRunner().invoke(cli, ["restore", str(candidate)], env=env)
        assert refused.exit_code == 1 and "not an elderride database" in refused.output
    check = connect(app.config["DATABASE"])
    try:
        assert check.table("bookings").count == 1
    finally:
        check.close()
    assert list(Path(app.config["DATABASE"]).parent.glob("*.before-restore*")) == []


def test_restoring_twice_keeps_each_replaced_database(app, demo_data, margaret, tmp_path):
    env = {
        "ELDERRIDE_DATABASE": app.config["DATABASE"],
        "ELDERRIDE_SECRET_KEY": "x",
        "ELDERRIDE_INSTANCE_PATH": str(tmp_path / "instance"),
    }
    runner = CliRunner()
    assert runner.invoke(cli, ["backup", str(tmp_path / "night.db")], env=env).exit_code == 0
    ride(demo_data, margaret, "today")
    demo_data.close()  # a restore runs with nothing else holding the database
    for _ in range(2):
        assert runner.invoke(cli, ["restore", str(tmp_path / "night.db")], env=env).exit_code == 0
    kept = sorted(Path(app.config["DATABASE"]).parent.glob("*.before-restore-*"))
    counts = []
    for path in kept:
        copy = sqlite3.connect(path)
        counts.append(copy.execute("select count(*) from bookings").fetchone()[0])
        copy.close()
    assert counts.count(1) == 1 and len(kept) == 2  # today's ride survives in the first kept copy


def test_backups_and_kept_copies_are_owner_only(app, demo_data, margaret, tmp_path):
    env = {
        "ELDERRIDE_DATABASE": app.config["DATABASE"],
        "ELDERRIDE_SECRET_KEY": "x",
        "ELDERRIDE_INSTANCE_PATH": str(tmp_path / "instance"),
    }
    assert CliRunner().invoke(cli, ["backup", str(tmp_path / "night.db")], env=env).exit_code == 0
    demo_data.close()  # a restore runs with nothing else holding the database
    assert CliRunner().invoke(cli, ["restore", str(tmp_path / "night.db")], env=env).exit_code == 0
    [kept] = Path(app.config["DATABASE"]).parent.glob("*.before-restore-*")
    assert (tmp_path / "night.db").stat().st_mode & 0o777 == 0o600
    assert (
        kept.stat().st_mode & 0o777 == 0o600
        and Path(app.config["DATABASE"]).stat().st_mode & 0o777 == 0o600
    )


def test_a_backup_is_never_written_over_the_live_database(app, demo_data, margaret, tmp_path):
    env = {"ELDERRIDE_DATABASE": app.config["DATABASE"], "ELDERRIDE_SECRET_KEY": "x"}
    ride(demo_data, margaret, "kept")
    before = os.stat(app.config["DATABASE"]).st_ino
    folder = Path(app.config["DATABASE"]).parent
    # Another path to the same folder, as a bind mount gives (a link to the folder, here).
    (tmp_path / "elsewhere").symlink_to(folder)
    name = Path(app.config["DATABASE"]).name
    for destination in (
        app.config["DATABASE"],
        app.config["DATABASE"] + "-wal",
        app.config["DATABASE"] + ".serving",
        str(tmp_path / "elsewhere" / name),
    ):
        refused = CliRunner().invoke(cli, ["backup", destination], env=env)
        assert refused.exit_code == 1 and "is the live database" in refused.output, destination
    assert os.stat(app.config["DATABASE"]).st_ino == before
    assert demo_data.table("bookings").count == 1


def test_a_backup_is_never_written_over_the_live_database_through_a_bind_mount(
    app, demo_data, tmp_path
):
    import subprocess

    view = tmp_path / "view"
    view.mkdir()
    folder = Path(app.config["DATABASE"]).parent
    if subprocess.run(["mount", "--bind", str(folder), str(view)], capture_output=True).returncode:
        pytest.skip("a bind mount needs root")
    try:
        env = {"ELDERRIDE_DATABASE": app.config["DATABASE"], "ELDERRIDE_SECRET_KEY": "x"}
        before = os.stat(app.config["DATABASE"]).st_ino
        destination = view / Path(app.config["DATABASE"]).name
        refused = CliRunner().invoke(cli, ["backup", str(destination)], env=env)
        assert refused.exit_code == 1 and "is the live database" in refused.output
        assert os.stat(app.config["DATABASE"]).st_ino == before
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)
