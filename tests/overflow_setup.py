"""What the overflow, hand-back and TDS tests share: the two centers (a fixture), their keys and
cars, a ride raised or offered to the second center, who keeps a ride read from outside, and a
center in a process of its own reporting over HTTP."""

import datetime
import json
import sqlite3
import subprocess
import sys

import pytest

from elderride.services import bookings, clock, overflow
from elderride.services.delivery import Deliverer, run_once
from elderride.services.outgoing import messages
from elderride.services.outgoing.dispatch import Webhook, new_secret
from elderride.services.scheduled import schedule
from elderride.store import writing
from tests.dispatch_receiver import DispatchReceiver

PRIMARY_TOKEN = "primary-api-token"
OVERFLOW_TOKEN = "overflow-api-token"
PRIMARY = {"Authorization": f"Bearer {PRIMARY_TOKEN}"}
SECOND = {"Authorization": f"Bearer {OVERFLOW_TOKEN}"}
CAR = {"driver_name": "Sam", "car_make": "Toyota", "car_colour": "Silver", "plate": "ABC 123"}
SECOND_CAR = {"driver_name": "Wei", "car_make": "Honda", "car_colour": "Red", "plate": "XYZ 9"}

START = datetime.datetime(2026, 10, 27, 13, 0, tzinfo=datetime.UTC)
WITH_OVERFLOW = schedule.Settings(offer_overflow=True)


@pytest.fixture
def centers(app):
    """Two dispatch centers on 127.0.0.1, each with its own signing secret, and a deliverer that
    posts to both; the app knows both centers' API keys."""
    primary_secret, overflow_secret = new_secret(), new_secret()
    primary = DispatchReceiver(secret=primary_secret, standard_secret=primary_secret)
    second = DispatchReceiver(secret=overflow_secret, standard_secret=overflow_secret)
    app.config.update(
        DISPATCH_API_TOKEN=PRIMARY_TOKEN,
        DISPATCH_OVERFLOW_API_TOKEN=OVERFLOW_TOKEN,
        DISPATCH_OVERFLOW_URL=second.url,
        DISPATCH_OVERFLOW_SECRET=overflow_secret,
    )
    deliverer = Deliverer(
        messages.BuiltinNotifier(),
        dispatch=Webhook(primary.url, primary_secret),
        overflow=Webhook(second.url, overflow_secret),
    )
    yield primary, second, deliverer
    primary.stop()
    second.stop()


@pytest.fixture
def set_clock():
    yield clock.set_now
    clock.set_now(None)


def deliver_all(db, deliverer, *, rounds=60):
    """Run the worker until nothing is due, moving retries forward instead of waiting."""
    for _ in range(rounds):
        db.execute(
            "update outbox set next_attempt_at = ? where status = 'pending'",
            [clock.iso(clock.now() - datetime.timedelta(seconds=1))],
        )
        db.conn.commit()
        if not run_once(db, deliverer, "test"):
            return


def events(receiver, booking_id):
    """The events a center acknowledged for one ride, in order (each delivery once)."""
    seen, found = set(), []
    for body in receiver.bodies:
        if body["booking"]["id"] != booking_id or body["delivery_id"] not in receiver.acknowledged:
            continue
        if body["delivery_id"] not in seen:
            seen.add(body["delivery_id"])
            found.append(body["event"])
    return found


def raised_ride(db, book, senior, set_clock, **request):
    """A forwarded ride booked an hour ahead, raised (and offered) at its deadline."""
    set_clock(START)
    ride = book(senior, pickup_at=START + datetime.timedelta(minutes=60), **request)
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    set_clock(START + datetime.timedelta(minutes=31))
    assert schedule.run_due(db, WITH_OVERFLOW)["unassigned"] == 1
    return ride


def let_second_center_in(app):
    """Give the app the second center's own API key; return the headers that carry it."""
    app.config["DISPATCH_OVERFLOW_API_TOKEN"] = OVERFLOW_TOKEN
    return SECOND


def offer_now(db, ride):
    """Offer a ride to the second center at once, as the worker's pass does at its deadline."""
    with writing(db):
        assert overflow.offer(db, bookings.get_booking(db, ride["id"]))


def assign(client, ride, headers, event_id, car=CAR):
    """Report through the API that `headers`' center assigned `car` to the ride."""
    return client.post(
        f"/api/v1/bookings/{ride['id']}/events",
        headers=headers,
        json={"id": event_id, "type": "assigned", "eta_minutes": 12, **car},
    )


def report(client, ride, headers, event_id, kind):
    """Report through the API an event without details (no_car, arrived) for the ride."""
    return client.post(
        f"/api/v1/bookings/{ride['id']}/events",
        headers=headers,
        json={"id": event_id, "type": kind},
    )


def kept_by(path, booking_id):
    """Who keeps a ride offered to the second center, read through a fresh read-only connection:
    the holder, the ride's state and its driver."""
    outside = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return outside.execute(
            "select holder, state, driver_name from overflow_offers join bookings"
            " on bookings.id = booking_id where booking_id = ?",
            [booking_id],
        ).fetchone()
    finally:
        outside.close()


CENTER = """
import json, sys, urllib.error, urllib.request

base, token = sys.argv[1:3]
for line in sys.stdin:
    path, body = json.loads(line)
    request = urllib.request.Request(
        base + path, data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            status, text = answer.status, answer.read()
    except urllib.error.HTTPError as refused:
        status, text = refused.code, refused.read()
    print(json.dumps([status, json.loads(text)]), flush=True)
"""


class CenterProcess:
    """A dispatch center in a process of its own, reporting over HTTP to a served app with its
    bearer token, one report when told: the test moves the clock and the worker between."""

    def __init__(self, base_url, token):
        self.process = subprocess.Popen(
            [sys.executable, "-c", CENTER, base_url, token],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def post(self, path, body):
        """Send one report; return the status and JSON body the center was answered."""
        self.process.stdin.write(json.dumps([path, body]) + "\n")
        self.process.stdin.flush()
        status, answer = json.loads(self.process.stdout.readline())
        return status, answer

    def report(self, ride, kind, event_id, **details):
        """Report `kind` (with any details) on the ride through the events API."""
        return self.post(
            f"/api/v1/bookings/{ride['id']}/events", {"id": event_id, "type": kind, **details}
        )

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()


@pytest.fixture
def center_processes(live_server):
    """Start dispatch centers, each in its own process, reporting to the app served on
    127.0.0.1: call it with a center's token."""
    started = []

    def start(token):
        center = CenterProcess(live_server.url, token)
        started.append(center)
        return center

    yield start
    for center in started:
        center.stop()
