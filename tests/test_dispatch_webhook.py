"""The dispatch webhook: signed, retried until acknowledged, in order per booking, never lost."""

import datetime
import os
import signal
import subprocess
import sys
import time

import pytest

from elderride.services import bookings, clock, notify, outbox
from elderride.services.delivery import Deliverer, run_once
from elderride.services.dispatch import Webhook
from tests.dispatch_receiver import SECRET, DispatchReceiver

ASSIGNMENT = {"driver_name": "Sam Lee", "car_make": "Toyota", "car_colour": "Blue", "plate": "ABC 123", "eta_minutes": 5}


@pytest.fixture
def receiver():
    server = DispatchReceiver()
    yield server
    server.stop()


def deliver_all(db, deliverer, *, rounds=50):
    """Run the worker until nothing is due, moving retries forward in time instead of waiting."""
    for _ in range(rounds):
        db.execute("update outbox set next_attempt_at = ? where status = 'pending'", [clock.iso(clock.now() - datetime.timedelta(seconds=1))])
        if not run_once(db, deliverer, "test"):
            return


def book(db, senior, key):
    hospital = next(db.table("places").rows_where("senior_id = ? and position = 1", [senior["id"]]))["id"]
    booking, _ = bookings.create_booking(db, idempotency_key=key, channel="web", created_by="senior", senior_id=senior["id"], destination={"place_id": hospital})
    return booking


def test_a_booking_arrives_signed_and_is_then_forwarded(db, margaret, receiver):
    booking = book(db, margaret, "w1")
    deliver_all(db, Deliverer(notify.BuiltinNotifier(), dispatch=Webhook(receiver.url, SECRET)))
    assert receiver.deliveries[0][1:] == (booking["id"], "requested", True)
    assert bookings.get_booking(db, booking["id"])["state"] == "forwarded"
    # The forwarding is itself a change the dispatch system hears about.
    assert [state for _, _, state, _ in receiver.deliveries] == ["requested", "forwarded"]


def test_nothing_is_forwarded_while_dispatch_is_down(db, margaret, receiver):
    receiver.down = True
    booking = book(db, margaret, "w2")
    deliverer = Deliverer(notify.BuiltinNotifier(), dispatch=Webhook(receiver.url, SECRET))
    for _ in range(5):
        deliver_all(db, deliverer, rounds=1)
    assert bookings.get_booking(db, booking["id"])["state"] == "requested"
    entry = next(db.table("outbox").rows_where("kind = 'dispatch'"))
    assert entry["status"] == "pending" and entry["attempts"] >= 5 and "503" in entry["last_error"]


def test_after_an_outage_every_change_arrives_in_order(db, margaret, wang, receiver):
    deliverer = Deliverer(notify.BuiltinNotifier(), dispatch=Webhook(receiver.url, SECRET))
    receiver.down = True
    rides = [book(db, senior, f"o{index}") for index, senior in enumerate([margaret, wang, margaret])]
    deliver_all(db, deliverer, rounds=3)
    receiver.stop()  # now not even listening: connection refused
    for ride in rides:
        bookings.transition(db, ride["id"], "cancelled", actor="senior")
    deliver_all(db, deliverer, rounds=3)
    assert outbox.counts(db)["pending"] >= 6
    back = DispatchReceiver(port=receiver.port)
    try:
        deliver_all(db, deliverer)
        states = {}
        for _, booking_id, state, signature_ok in back.deliveries:
            assert signature_ok
            states.setdefault(booking_id, []).append(state)
        assert states == {ride["id"]: ["requested", "cancelled"] for ride in rides}
        assert outbox.counts(db)["pending"] == 0 and outbox.counts(db)["dead"] == 0
    finally:
        back.stop()


def test_a_worker_killed_while_delivering_loses_nothing(app, db, margaret, wang, receiver, tmp_path):
    receiver.delay = 0.15  # slow enough to kill the worker in the middle
    rides = [book(db, [margaret, wang][index % 2], f"k{index}") for index in range(8)]
    wanted = {entry["id"] for entry in db.table("outbox").rows_where("kind = 'dispatch'")}
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith("ELDERRIDE_")},
        "ELDERRIDE_DATABASE": app.config["DATABASE"],
        "ELDERRIDE_SECRET_KEY": "x",
        "ELDERRIDE_INSTANCE_PATH": str(tmp_path / "worker"),
        "ELDERRIDE_DISPATCH_WEBHOOK_URL": receiver.url,
        "ELDERRIDE_DISPATCH_WEBHOOK_SECRET": SECRET,
        "ELDERRIDE_OUTBOX_LEASE_SECONDS": "2",
        "ELDERRIDE_WORKER_POLL_SECONDS": "0.1",
    }
    worker = subprocess.Popen([sys.executable, "-m", "elderride", "worker"], env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while len(receiver.deliveries) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    received_before = len(receiver.deliveries)
    assert 0 < received_before < len(wanted) + len(rides)  # killed in the middle
    restarted = subprocess.Popen([sys.executable, "-m", "elderride", "worker"], env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if outbox.counts(db)["pending"] == 0:
                break
            time.sleep(0.2)
    finally:
        restarted.terminate()
        restarted.wait()
    delivered = {int(delivery_id.split("-")[1]) for delivery_id, _, _, _ in receiver.deliveries}
    assert wanted <= delivered  # every hand-off arrived at least once
    assert all(bookings.get_booking(db, ride["id"])["state"] == "forwarded" for ride in rides)
    order = {}
    for delivery_id, booking_id, state, _ in receiver.deliveries:
        order.setdefault(booking_id, []).append(state)
    for states in order.values():
        # At least once: a repeat is allowed, but "forwarded" never arrives before "requested".
        assert states.index("requested") < states.index("forwarded")


def test_a_webhook_without_a_secret_is_refused():
    with pytest.raises(ValueError, match="SECRET"):
        Webhook("http://127.0.0.1:9/x", None)


def test_the_worker_command_explains_a_missing_secret(tmp_path):
    environment = {**{k: v for k, v in os.environ.items() if not k.startswith("ELDERRIDE_")},
                   "ELDERRIDE_INSTANCE_PATH": str(tmp_path), "ELDERRIDE_DISPATCH_WEBHOOK_URL": "http://127.0.0.1:9/x"}
    result = subprocess.run([sys.executable, "-m", "elderride", "worker", "--once"], env=environment, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "DISPATCH_WEBHOOK_SECRET" in result.stderr and "Traceback" not in result.stderr
