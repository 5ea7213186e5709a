"""Every booking a senior was told about survives whatever else opens the database: real processes
side by side, checked from outside."""

import shutil
import threading
import time

import pytest

from elderride.bench.deployment import (
    Deployment,
    book_on_phone,
    book_on_senior_page,
    duplicates,
    integrity,
    stored,
    unique_name,
)

RIDERS = 24
# A booking acknowledged to the senior must be readable by any other process this soon.
VISIBLE_WITHIN_SECONDS = 1.0

pytestmark = pytest.mark.skipif(shutil.which("sqlite3") is None, reason="needs the sqlite3 shell")


def _visible(database, booking):
    """Return how long a fresh read-only connection took to find the booking, or None if it never
    did within the allowed second."""
    started = time.monotonic()
    while True:
        if stored(database, [booking]):
            return time.monotonic() - started
        if time.monotonic() - started > VISIBLE_WITHIN_SECONDS:
            return None
        time.sleep(0.02)


class Operator:
    """The commands an operator runs beside a live server, one after another until stopped."""

    def __init__(self, deployment, riders):
        self.deployment, self.riders = deployment, riders
        self.failures, self.runs = [], 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _commands(self, turn):
        deployment = self.deployment
        backups = deployment.folder / "backups"
        rider = self.riders[turn % len(self.riders)]
        return [
            lambda: deployment.run("backup", str(backups / f"{turn}.db")),
            lambda: deployment.run("device-link", rider.phone),
            lambda: deployment.run(
                "create-staff",
                f"{unique_name('staff')}@taxi.example",
                "--name",
                "Night shift",
                "--password",
                "a long enough password",
            ),
            lambda: deployment.sqlite3("select count(*) from bookings;"),
            lambda: deployment.sqlite3(
                "insert or replace into health_probe (id, at) values (7, datetime('now'));"
            ),
        ]

    def _loop(self):
        turn = 0
        while not self._stop.is_set():
            for command in self._commands(turn):
                result = command()
                self.runs += 1
                if result.returncode != 0:
                    self.failures.append((result.args, result.returncode, result.stderr[-500:]))
            turn += 1

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=300)


@pytest.fixture
def deployment(tmp_path):
    made = Deployment(tmp_path)
    try:
        yield made
    finally:
        made.close()


def test_bookings_survive_backups_commands_and_sqlite3_beside_the_server(deployment):
    riders = deployment.create(RIDERS)
    deployment.start_server()
    deployment.start("worker", "worker")
    acknowledged, late, refused = [], [], []
    with Operator(deployment, riders) as operator:
        for index, rider in enumerate(riders):
            channel = book_on_phone if index % 2 else book_on_senior_page
            booking = channel(deployment.base_url, rider)
            if booking is None:
                refused.append(rider.phone)
                continue
            acknowledged.append(booking)
            if _visible(deployment.database, booking) is None:
                late.append(booking)
            # Give the operator's commands time to run between bookings, as at any real site.
            time.sleep(0.3)
    assert refused == [], "every booking was acknowledged"
    assert operator.failures == [], "every operator command worked beside the server"
    assert operator.runs >= 10
    assert late == [], "every acknowledged booking was visible to another process within 1 s"
    deadline = time.monotonic() + 60
    while len(deployment.receiver.requested()) < RIDERS and time.monotonic() < deadline:
        time.sleep(0.2)
    deployment.kill("serve")
    deployment.kill("worker")
    assert stored(deployment.database, acknowledged) == set(acknowledged), "all kept after a kill"
    assert integrity(deployment.database) == "ok"
    assert len(deployment.receiver.requested()) == RIDERS, "every booking was handed to dispatch"
    assert duplicates(deployment.receiver) == {}, "and handed over once"
