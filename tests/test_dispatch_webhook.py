"""The dispatch webhook: signed, retried until acknowledged, in order per booking, never lost."""

import base64
import datetime
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from standardwebhooks import Webhook as StandardWebhook
from standardwebhooks import WebhookVerificationError

from elderride.cli import cli
from elderride.services import bookings, clock
from elderride.services.delivery import Deliverer, run_once
from elderride.services.outgoing import messages, outbox
from elderride.services.outgoing.dispatch import Webhook, signed_headers, signing_keys, webhook_body
from tests.dispatch_receiver import SECRET, DispatchReceiver

ASSIGNMENT = {
    "driver_name": "Sam Lee",
    "car_make": "Toyota",
    "car_colour": "Blue",
    "plate": "ABC 123",
    "eta_minutes": 5,
}


@pytest.fixture
def receiver():
    server = DispatchReceiver()
    yield server
    server.stop()


def deliver_all(db, deliverer, *, rounds=50):
    """Run the worker until nothing is due, moving retries forward in time instead of waiting."""
    for _ in range(rounds):
        db.execute(
            "update outbox set next_attempt_at = ? where status = 'pending'",
            [clock.iso(clock.now() - datetime.timedelta(seconds=1))],
        )
        if not run_once(db, deliverer, "test"):
            return


def test_a_booking_arrives_signed_and_is_then_forwarded(db, margaret, receiver, book):
    booking = book(margaret)
    deliver_all(db, Deliverer(messages.BuiltinNotifier(), dispatch=Webhook(receiver.url, SECRET)))
    assert receiver.deliveries[0][1:] == (booking["id"], "requested", True)
    assert bookings.get_booking(db, booking["id"])["state"] == "forwarded"
    # The forwarding is itself a change the dispatch system hears about.
    assert [state for _, _, state, _ in receiver.deliveries] == ["requested", "forwarded"]


def test_nothing_is_forwarded_while_dispatch_is_down(db, margaret, receiver, book):
    receiver.down = True
    booking = book(margaret)
    deliverer = Deliverer(messages.BuiltinNotifier(), dispatch=Webhook(receiver.url, SECRET))
    for _ in range(5):
        deliver_all(db, deliverer, rounds=1)
    assert bookings.get_booking(db, booking["id"])["state"] == "requested"
    entry = next(db.table("outbox").rows_where("kind = 'dispatch'"))
    assert entry["status"] == "pending" and entry["attempts"] >= 5 and "503" in entry["last_error"]


def test_after_an_outage_every_change_arrives_in_order(db, margaret, wang, receiver, book):
    deliverer = Deliverer(messages.BuiltinNotifier(), dispatch=Webhook(receiver.url, SECRET))
    receiver.down = True
    rides = [book(senior) for senior in (margaret, wang, margaret)]
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


def test_a_worker_killed_while_delivering_loses_nothing(
    app, db, margaret, wang, receiver, tmp_path, book
):
    receiver.delay = 0.15  # slow enough to kill the worker in the middle
    # Three open rides each: the most a senior may have at once.
    rides = [book([margaret, wang][index % 2]) for index in range(2 * bookings.MAX_OPEN_RIDES)]
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
    worker = subprocess.Popen(
        [sys.executable, "-m", "elderride", "worker"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while len(receiver.deliveries) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    received_before = len(receiver.deliveries)
    assert 0 < received_before < len(wanted) + len(rides)  # killed in the middle
    restarted = subprocess.Popen(
        [sys.executable, "-m", "elderride", "worker"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
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
    for _delivery_id, booking_id, state, _ in receiver.deliveries:
        order.setdefault(booking_id, []).append(state)
    for states in order.values():
        # At least once: a repeat is allowed, but "forwarded" never arrives before "requested".
        assert states.index("requested") < states.index("forwarded")


def test_a_webhook_without_a_secret_is_refused():
    with pytest.raises(ValueError, match="SECRET"):
        Webhook("http://127.0.0.1:9/x", None)


def test_the_worker_command_explains_a_missing_secret(tmp_path):
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("ELDERRIDE_")},
        "ELDERRIDE_INSTANCE_PATH": str(tmp_path),
        "ELDERRIDE_DISPATCH_WEBHOOK_URL": "http://127.0.0.1:9/x",
    }
    result = subprocess.run(
        [sys.executable, "-m", "elderride", "worker", "--once"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (
        result.returncode == 1
        and "DISPATCH_WEBHOOK_SECRET" in result.stderr
        and "Traceback" not in result.stderr
    )


OLD_SECRET = "whsec_" + base64.b64encode(b"the secret receivers know today!").decode()
NEW_SECRET = "whsec_" + base64.b64encode(b"the secret they are moving to...").decode()


def test_a_redirect_is_a_failed_try_and_is_never_followed(db, margaret, book):
    receiver = DispatchReceiver(plan=lambda delivery_id, attempt: ("redirect", 301))
    try:
        booking = book(margaret)
        deliver_all(
            db,
            Deliverer(messages.BuiltinNotifier(), dispatch=Webhook(receiver.url, SECRET)),
            rounds=3,
        )
        entry = next(db.table("outbox").rows_where("kind = 'dispatch'"))
        assert entry["status"] == "pending" and entry["attempts"] == 3
        assert (
            "301" in entry["last_error"]
            and f"127.0.0.1:{receiver.port}/elsewhere" in entry["last_error"]
        )
        assert receiver.gets == [] and receiver.acknowledged == []
        assert bookings.get_booking(db, booking["id"])["state"] == "requested"
    finally:
        receiver.stop()


def test_deliveries_verify_with_standardwebhooks_under_either_secret_during_a_rotation(
    db, margaret, book
):
    for receiver_secret in (OLD_SECRET, NEW_SECRET):
        receiver = DispatchReceiver(secret="unused", standard_secret=receiver_secret)
        try:
            book(margaret)
            deliver_all(
                db,
                Deliverer(
                    messages.BuiltinNotifier(),
                    dispatch=Webhook(receiver.url, f"{NEW_SECRET} {OLD_SECRET}"),
                ),
            )
            assert receiver.tries and all(
                verified is True for _, _, _, verified, _ in receiver.tries
            )
        finally:
            receiver.stop()


def test_the_standard_signature_covers_the_id_and_the_time():
    receiver_side = StandardWebhook(OLD_SECRET)
    entry = {
        "id": 7,
        "created_at": clock.iso(),
        "payload": {"event": "created", "state": "requested", "booking": {"id": 1}},
    }
    keys = signing_keys(OLD_SECRET)
    body = webhook_body(entry)
    headers = signed_headers(keys, entry, body)
    receiver_side.verify(body, headers)
    assert (
        headers["webhook-id"] == "elderride-7" and headers["X-ElderRide-Delivery"] == "elderride-7"
    )
    for tampered in (
        {"webhook-id": "elderride-8"},
        {"webhook-timestamp": str(int(headers["webhook-timestamp"]) + 1)},
    ):
        with pytest.raises(WebhookVerificationError):
            receiver_side.verify(body, {**headers, **tampered})
    # A delivery captured and replayed later is refused for its age, and its time cannot be renewed.
    stale = signed_headers(keys, entry, body, timestamp=int(time.time()) - 3600)
    with pytest.raises(WebhookVerificationError):
        receiver_side.verify(body, stale)


def test_a_new_secret_is_in_the_standard_form():
    result = CliRunner().invoke(cli, ["webhook-secret"])
    assert result.exit_code == 0, result.output
    secret = result.output.strip()
    assert secret.startswith("whsec_") and len(base64.b64decode(secret[len("whsec_") :])) == 32
    StandardWebhook(secret)  # the receivers' library takes it as it is


class BadDays:
    """Every kind of bad day in turn: each new delivery id meets the next one on its first try."""

    def __init__(self):
        self.order = {}

    def __call__(self, delivery_id, attempt):
        number = self.order.setdefault(delivery_id, len(self.order))
        return _bad_day(number, attempt)


def _bad_day(number, attempt):
    if attempt == 1:
        return [("redirect", 301), ("stall", 7.0), ("fail", 503), ("ok", 1.0)][number % 4]
    if attempt == 2 and number % 3 == 0:
        return ("redirect", 307)
    return ("ok", 0.3)


def test_two_workers_facing_redirects_stalls_and_failures_deliver_each_change_once_in_order(
    app, db, margaret, wang, tmp_path, book
):
    receiver = DispatchReceiver(secret="unused", standard_secret=OLD_SECRET, plan=BadDays())
    rides = [book([margaret, wang][index % 2]) for index in range(6)]
    for ride in rides[:3]:
        bookings.transition(db, ride["id"], "cancelled", actor="senior")
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith("ELDERRIDE_")},
        "ELDERRIDE_DATABASE": app.config["DATABASE"],
        "ELDERRIDE_SECRET_KEY": "x",
        "ELDERRIDE_INSTANCE_PATH": str(tmp_path / "workers"),
        "ELDERRIDE_DISPATCH_WEBHOOK_URL": receiver.url,
        "ELDERRIDE_DISPATCH_WEBHOOK_SECRET": f"{NEW_SECRET} {OLD_SECRET}",
        # A 9 s lease leaves each try at most 6 s: the receiver's 7 s stall outlasts that, and a
        # worker starved of CPU for a few seconds still finishes inside its lease.
        "ELDERRIDE_OUTBOX_LEASE_SECONDS": "9",
        "ELDERRIDE_WORKER_POLL_SECONDS": "0.1",
    }
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "elderride", "worker"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            pending = db.execute(
                "select count(*) from outbox where kind = 'dispatch' and status != 'done'"
            ).fetchone()[0]
            if not pending and all(
                bookings.get_booking(db, ride["id"])["state"] != "requested" for ride in rides[3:]
            ):
                break
            time.sleep(0.25)
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
        receiver.stop()
    entries = list(db.table("outbox").rows_where("kind = 'dispatch'", order_by="id"))
    assert entries and all(entry["status"] == "done" for entry in entries)
    wanted = [f"elderride-{entry['id']}" for entry in entries]
    # Exactly one acknowledgement per delivery id: nothing lost, nothing sent again after a 2xx.
    assert sorted(receiver.acknowledged) == sorted(wanted)
    assert receiver.gets == []  # no redirect was followed
    assert all(verified is True for _, _, _, verified, _ in receiver.tries)
    # Per booking, a later change is never sent before an earlier one was acknowledged.
    for ride in rides:
        sent = [
            int(delivery_id.rsplit("-", 1)[1])
            for delivery_id, booking_id, _, _, _ in receiver.tries
            if booking_id == ride["id"]
        ]
        assert sent == sorted(sent), (ride["id"], sent)
    assert {bookings.get_booking(db, ride["id"])["state"] for ride in rides[3:]} == {"forwarded"}
    assert {"redirect", "stall", "fail"} <= {answer for _, _, _, _, answer in receiver.tries}


@pytest.mark.parametrize(
    "secret", ["whsec_", "whsec_====", "whsec_c2hvcnQ=", "short", "whsec_not*base64"]
)
def test_an_empty_short_or_broken_secret_is_refused(secret):
    with pytest.raises(ValueError, match="SECRET"):
        Webhook("http://127.0.0.1:9/x", secret)


def test_during_a_rotation_receivers_of_the_original_header_keep_verifying(db, margaret, book):
    receiver = DispatchReceiver(secret=SECRET)
    try:
        book(margaret)
        deliver_all(
            db,
            Deliverer(
                messages.BuiltinNotifier(), dispatch=Webhook(receiver.url, f"{SECRET} {NEW_SECRET}")
            ),
        )
        assert receiver.deliveries and all(
            signature_ok for _, _, _, signature_ok in receiver.deliveries
        )
    finally:
        receiver.stop()
