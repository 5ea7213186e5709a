"""Texts and call-backs through the real twilio library against the fake Twilio host."""

import datetime
import xml.etree.ElementTree as ElementTree

import pytest

from elderride.services import bookings, clock
from elderride.services.delivery import run_once
from elderride.worker import deliverer_from_config

ASSIGNMENT = {
    "driver_name": "Sam Lee",
    "car_make": "Toyota Camry",
    "car_colour": "blue",
    "plate": "ABC 123",
    "eta_minutes": 7,
}


@pytest.fixture
def twilio_config(phone_app):
    phone_app.config["DISPATCH_API_TOKEN"] = "api-token"
    return phone_app.config


def deliver_all(db, deliverer):
    for _ in range(30):
        db.execute(
            "update outbox set next_attempt_at = ? where status = 'pending'",
            [clock.iso(clock.now() - datetime.timedelta(seconds=1))],
        )
        if not run_once(db, deliverer, "test"):
            return


def test_a_status_report_texts_the_family_and_calls_the_senior(
    phone_app, twilio_config, db, margaret, fake_twilio, book
):
    api = phone_app.test_client()
    ride = book(margaret)
    deliverer = deliverer_from_config(twilio_config)
    assert deliverer.notifier.name == "twilio"
    deliver_all(db, deliverer)
    response = api.post(
        f"/api/v1/bookings/{ride['id']}/events",
        json={"id": "e1", "type": "assigned", **ASSIGNMENT},
        headers={"Authorization": "Bearer api-token"},
    )
    assert response.status_code == 200
    deliver_all(db, deliverer)
    texts = [(message["To"], message["Body"]) for message in fake_twilio.messages]
    # Requested, then assigned; Tom is not notified.
    assert [to for to, _ in texts] == [
        "+15550100002",
        "+15550100002",
    ]
    assert "Sam Lee" in texts[1][1] and "ABC 123" in texts[1][1]
    assert [call["To"] for call in fake_twilio.calls] == ["+15550100001"]
    spoken = ElementTree.fromstring(fake_twilio.calls[0]["Twiml"])
    says = [verb.text for verb in spoken if verb.tag == "Say"]
    assert len(says) == 2 and all(
        word in says[0] for word in ("Sam Lee", "blue Toyota Camry", "ABC 123", "7 minutes")
    )
    assert {message["From"] for message in fake_twilio.messages} == {"+15550109999"}
    assert all(authorised for _, _, authorised in fake_twilio.requests)


def test_an_invalid_number_is_recorded_and_not_retried(
    twilio_config, db, margaret, fake_twilio, book
):
    fake_twilio.invalid_numbers.add("+15550100002")
    book(margaret)
    deliver_all(db, deliverer_from_config(twilio_config))
    text = next(db.table("outbox").rows_where("kind = 'text'"))
    assert text["status"] == "dead" and text["attempts"] == 1 and "21211" in text["last_error"]


def test_a_temporary_twilio_error_is_retried(twilio_config, db, margaret, fake_twilio, book):
    fake_twilio.fail_next = 2
    book(margaret)
    deliver_all(db, deliverer_from_config(twilio_config))
    text = next(db.table("outbox").rows_where("kind = 'text'"))
    assert text["status"] == "done" and text["attempts"] == 3
    assert len(fake_twilio.messages) == 1


def test_without_a_twilio_number_the_builtin_notifier_is_used(app):
    assert deliverer_from_config(app.config).notifier.name == "builtin"


def test_a_call_back_repeats_on_key_one(
    phone_app, twilio_config, db, margaret, fake_twilio, call, book
):
    phone_app.config["PUBLIC_BASE_URL"] = "http://localhost"
    ride = book(margaret)
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    bookings.transition(db, ride["id"], "assigned", actor="dispatch", details=ASSIGNMENT)
    deliver_all(db, deliverer_from_config(twilio_config))
    document = ElementTree.fromstring(fake_twilio.calls[0]["Twiml"])
    gather = document.find("Gather")
    assert gather is not None and gather.get("numDigits") == "1"
    assert "Sam Lee" in gather.find("Say").text
    # Twilio posts the key to the action URL; the line says it all again.
    phone = call("+15550100001")
    status, body = phone.request(gather.get("action"), {"Digits": "1"})
    again = ElementTree.fromstring(body).find("Gather")
    assert status == 200 and "ABC 123" in again.find("Say").text
    status, body = phone.request(gather.get("action"), {"Digits": "2"})
    assert ElementTree.fromstring(body).find("Hangup") is not None
    status, _ = phone.request(gather.get("action"), {"Digits": "1"}, signature="forged")
    assert status == 403
