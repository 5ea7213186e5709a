"""The outbox: claimed once, delivered in order per key, retried with backoff, dead-lettered
visibly."""

import datetime
import random

import pytest

from elderride.services import bookings, clock
from elderride.services.delivery import Deliverer, run_once
from elderride.services.outgoing import messages, outbox
from elderride.store import writing
from tests.texting import agree_by_text


def queue(db, kind, payload, **kwargs):
    with writing(db):
        return outbox.enqueue(db, kind, payload, **kwargs)


class FlakyNotifier(messages.BuiltinNotifier):
    """A notifier that fails the first `failures` sends, then records like the built-in one."""

    def __init__(self, failures=0, permanent=False):
        self.failures = failures
        self.permanent = permanent
        self.sent = []

    def send_text(self, db, *, key, to, body, booking_id=None):
        if self.failures:
            self.failures -= 1
            raise (outbox.PermanentFailure if self.permanent else ConnectionError)(
                "carrier unavailable"
            )
        self.sent.append((to, body))
        super().send_text(db, key=key, to=to, body=body, booking_id=booking_id)


def test_enqueue_outside_a_transaction_is_a_programming_error(db):
    with pytest.raises(AssertionError):
        outbox.enqueue(db, "text", {"to": "+15550100002", "body": "hi"})


def test_only_the_oldest_entry_of_a_key_is_claimed_until_it_is_done(db):
    first = queue(db, "text", {"n": 1}, ordering_key="k")
    second = queue(db, "text", {"n": 2}, ordering_key="k")
    other = queue(db, "text", {"n": 3}, ordering_key="other")
    claimed = outbox.claim(db, "w1")
    assert sorted(entry["id"] for entry in claimed) == [first, other]
    assert outbox.claim(db, "w2") == []
    outbox.complete(db, next(entry for entry in claimed if entry["id"] == first))
    assert [entry["id"] for entry in outbox.claim(db, "w2")] == [second]


def test_a_claim_held_by_a_dead_worker_expires(db):
    entry_id = queue(db, "text", {"n": 1})
    assert [entry["id"] for entry in outbox.claim(db, "doomed", lease_seconds=60)] == [entry_id]
    assert outbox.claim(db, "rescuer") == []
    later = clock.now() + datetime.timedelta(seconds=61)
    rescued = outbox.claim(db, "rescuer", now=later)
    assert [(entry["id"], entry["attempts"]) for entry in rescued] == [(entry_id, 2)]


def test_backoff_grows_exponentially_with_jitter_and_a_cap():
    rng = random.Random(7)
    waits = [outbox.backoff(attempt, rng=rng) for attempt in range(1, 16)]
    for attempt, wait in enumerate(waits, start=1):
        ceiling = min(outbox.BACKOFF_CAP_SECONDS, outbox.BACKOFF_BASE_SECONDS * 2 ** (attempt - 1))
        assert ceiling / 2 <= wait <= ceiling
    assert waits[-1] <= outbox.BACKOFF_CAP_SECONDS
    assert len({round(wait, 6) for wait in waits[:5]}) == 5


def test_a_temporary_failure_is_retried_later_and_then_delivered(app, db):
    agree_by_text(app, "+15550100002")
    queue(db, "text", {"to": "+15550100002", "body": "hello"})
    notifier = FlakyNotifier(failures=1)
    deliverer = Deliverer(notifier)
    assert run_once(db, deliverer, "w") == 1
    entry = next(db.table("outbox").rows)
    assert (entry["status"], entry["attempts"]) == ("pending", 1)
    assert "carrier unavailable" in entry["last_error"]
    assert run_once(db, deliverer, "w") == 0  # not due yet
    db.execute(
        "update outbox set next_attempt_at = ?",
        [clock.iso(clock.now() - datetime.timedelta(seconds=1))],
    )
    assert run_once(db, deliverer, "w") == 1
    entry = next(db.table("outbox").rows)
    assert entry["status"] == "done"
    assert notifier.sent == [("+15550100002", "hello")]


def test_a_permanent_failure_goes_to_the_dead_letter_and_can_be_retried(app, db):
    agree_by_text(app, "+15550100002")
    entry_id = queue(db, "text", {"to": "+15550100002", "body": "hello"})
    run_once(db, Deliverer(FlakyNotifier(failures=1, permanent=True)), "w")
    assert db.table("outbox").get(entry_id)["status"] == "dead"
    assert outbox.counts(db)["dead"] == 1
    outbox.retry(db, entry_id)
    run_once(db, Deliverer(FlakyNotifier()), "w")
    assert db.table("outbox").get(entry_id)["status"] == "done"


def test_texts_give_up_after_their_attempt_limit_but_dispatch_never_does(db):
    text_id = queue(db, "text", {"to": "+15550100002", "body": "x"})
    dispatch_id = queue(db, "dispatch", {"event": "created", "state": "requested"})
    for attempts in range(1, 30):
        for entry_id in (text_id, dispatch_id):
            entry = dict(db.table("outbox").get(entry_id), attempts=attempts)
            if entry["status"] == "pending":
                outbox.fail(db, entry, "down")
    assert db.table("outbox").get(text_id)["status"] == "dead"
    assert db.table("outbox").get(dispatch_id)["status"] == "pending"


def test_a_redelivered_text_is_recorded_once(db):
    entry_id = queue(db, "text", {"to": "+15550100002", "body": "hello"})
    notifier = messages.BuiltinNotifier()
    for _ in range(3):
        notifier.send_text(db, key=entry_id, to="+15550100002", body="hello")
    assert db.table("messages").count == 1


def test_the_worker_forwards_a_new_booking_and_records_the_family_text(db, margaret, book):
    booking = book(margaret)
    deliverer = Deliverer(messages.BuiltinNotifier())
    while run_once(db, deliverer, "w"):
        pass
    assert bookings.get_booking(db, booking["id"])["state"] == "forwarded"
    texts = messages.messages(db, booking_id=booking["id"])
    assert [(message["channel"], message["recipient"]) for message in texts] == [
        ("text", "+15550100002")
    ]
    assert outbox.counts(db) == {"pending": 0, "done": 3, "dead": 0}


def test_completing_after_the_lease_was_lost_changes_nothing(db):
    entry_id = queue(db, "text", {"n": 1})
    (slow,) = outbox.claim(db, "slow", lease_seconds=60)
    later = clock.now() + datetime.timedelta(seconds=61)
    (rescuer,) = outbox.claim(db, "rescuer", now=later)
    assert outbox.complete(db, slow) is False
    assert outbox.fail(db, slow, "late") == "lost"
    row = db.table("outbox").get(entry_id)
    assert (row["status"], row["claimed_by"], row["last_error"]) == ("pending", "rescuer", None)
    assert outbox.complete(db, rescuer) is True
    assert db.table("outbox").get(entry_id)["status"] == "done"


def test_a_failure_after_the_lease_was_lost_does_not_reschedule_the_new_holder(db):
    entry_id = queue(db, "dispatch", {"event": "created", "state": "requested"})
    (slow,) = outbox.claim(db, "slow", lease_seconds=60)
    (rescuer,) = outbox.claim(db, "rescuer", now=clock.now() + datetime.timedelta(seconds=61))
    before = db.table("outbox").get(entry_id)
    outbox.fail(db, slow, "timed out")
    assert db.table("outbox").get(entry_id) == before


class SlowDispatch:
    """A dispatch hand-off that takes `seconds` of the test's clock and remembers the deadline it
    was given."""

    timeout = 1.0

    def __init__(self, seconds, clock_hands):
        self.seconds = seconds
        self.clock_hands = clock_hands
        self.deadlines = []

    def __call__(self, db, entry, *, deadline=None):
        self.deadlines.append(deadline)
        self.clock_hands[0] += datetime.timedelta(seconds=self.seconds)


def test_a_batch_gives_back_what_it_has_no_lease_left_for(db, monkeypatch):
    ids = [
        queue(db, "dispatch", {"event": "e", "state": "s"}, ordering_key=f"k{n}") for n in range(6)
    ]
    # The clock moves only when a delivery takes time, so a busy machine cannot change the outcome.
    hands = [clock.now() + datetime.timedelta(seconds=1)]
    monkeypatch.setattr(clock, "now", lambda: hands[0])
    dispatch = SlowDispatch(0.7, hands)
    # A 3 s lease keeps 1 s free at its end: two 0.7 s deliveries fit, the third would not.
    tried = run_once(
        db, Deliverer(messages.BuiltinNotifier(), dispatch=dispatch), "w", lease_seconds=3
    )
    assert tried == 2
    # Stamps keep milliseconds.
    assert dispatch.deadlines == [
        pytest.approx(2.0, abs=0.01),
        pytest.approx(1.3, abs=0.01),
    ]
    rows = [db.table("outbox").get(entry_id) for entry_id in ids]
    assert [row["status"] for row in rows] == [
        "done",
        "done",
        "pending",
        "pending",
        "pending",
        "pending",
    ]
    assert [(row["attempts"], row["claimed_until"], row["claim_token"]) for row in rows[2:]] == [
        (0, None, None)
    ] * 4
    assert [entry["id"] for entry in outbox.claim(db, "next")] == ids[2:]


class SlowNotifier(FlakyNotifier):
    """A notifier whose sends may take `timeout` seconds, as a remote one's can."""

    timeout = 5.0


def test_a_text_is_not_started_without_its_whole_timeout_left_in_the_lease(app, db):
    agree_by_text(app, "+15550100002")
    entry_id = queue(db, "text", {"to": "+15550100002", "body": "hello"})
    notifier = SlowNotifier()
    # A 6 s lease leaves 4 s of use: not enough for a send that may take 5 s.
    assert run_once(db, Deliverer(notifier), "w", lease_seconds=6) == 0
    assert notifier.sent == [] and db.table("outbox").get(entry_id)["attempts"] == 0
    assert run_once(db, Deliverer(notifier), "w", lease_seconds=9) == 1
    assert notifier.sent == [("+15550100002", "hello")]


def test_a_worker_refuses_a_lease_too_short_for_its_notifier(app):
    from elderride.worker import worker_from_config
    from tests.fake_twilio import ACCOUNT_SID, AUTH_TOKEN

    app.config.update(
        TWILIO_ACCOUNT_SID=ACCOUNT_SID,
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        TWILIO_NUMBER="+15550109999",
        OUTBOX_LEASE_SECONDS=6.0,
    )
    with pytest.raises(ValueError, match="OUTBOX_LEASE_SECONDS"):
        worker_from_config(app.config)
    app.config["OUTBOX_LEASE_SECONDS"] = 60.0
    assert worker_from_config(app.config).deliverer.notifier.client.http_client.timeout == 10.0


def test_a_held_cancel_text_goes_before_the_text_of_a_newer_booking(db, margaret, book):
    """Cancelling a ride and at once booking another: the family reads "cancelled", then
    "booked", never the other way round, and the newer text does not wait out the undo minute."""
    first = book(margaret)
    bookings.transition(db, first["id"], "cancelled", actor="senior")
    second = book(margaret, "Lily's home")
    seen = []
    while claimed := outbox.claim(db, "w", limit=1):
        [entry] = claimed
        payload = entry["payload"]
        if entry["kind"] == "text" and payload["to"] == "+15550100002":
            seen.append((entry["booking_id"], payload["state"]))
        outbox.complete(db, entry)
    assert seen.index((first["id"], "cancelled")) < seen.index((second["id"], "requested"))
