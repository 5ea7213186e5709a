"""The phone line under replays and odd requests: a captured request acts once, an ended call acts
on nothing."""

import sqlite3
import xml.etree.ElementTree as ElementTree

import pytest

from elderride.services import bookings, calls


def verbs(body):
    return [verb.tag for verb in ElementTree.fromstring(body)]


def test_a_captured_cancel_replayed_after_the_call_ended_cancels_nothing(call, margaret, db, book):
    first = book(margaret)
    phone = call("+15550100001")
    phone.start()
    phone.press("3")  # cancel, please; the line asks to be sure
    phone.press("1")  # yes: the first ride is cancelled and the call ends
    assert bookings.get_booking(db, first["id"])["state"] == "cancelled"
    captured = [(url, params) for url, params, _ in phone.requests]  # what an eavesdropper kept
    status, _ = phone.request("/voice/status-callback", {"CallStatus": "completed"})
    assert status == 204
    second = book(margaret)
    for url, params in captured:
        status, body = phone.request(url, params)
        assert status == 200 and verbs(body) == ["Hangup"]
    assert bookings.get_booking(db, second["id"])["state"] == "requested"


def test_an_answer_replayed_during_the_call_is_not_applied_again(call, margaret, db):
    phone = call("+15550100001")
    phone.start()
    phone.press("2")  # City Hospital
    chose_url, chose_params, _ = phone.requests[-1]
    heard = phone.press("2")  # change: back to the menu
    assert "To go to Home, press 1." in heard.text
    context = calls.get_call(db, phone.call_sid)["context"]
    status, body = phone.request(chose_url, chose_params)
    # The replay hears what the line last said, and the choice it made once is not made again.
    assert status == 200 and "To go to Home, press 1." in body and "City Hospital, now" not in body
    assert calls.get_call(db, phone.call_sid)["context"] == context


def test_a_replayed_confirmation_books_once_and_answers_the_same(call, margaret, db):
    phone = call("+15550100001")
    phone.start()
    phone.press("2")
    phone.press("1")
    url, params, _ = phone.requests[-1]
    status, body = phone.request(url, params)
    assert status == 200 and "Your car is booked" in body
    assert db.table("bookings").count == 1


def test_a_status_callback_for_an_unknown_call_is_accepted_quietly(call):
    phone = call("+15550100001")
    status, _ = phone.request("/voice/status-callback", {"CallStatus": "completed"})
    assert status == 204


@pytest.mark.parametrize("step", ["status", "cancel"])
def test_a_ride_step_without_an_open_ride_goes_to_the_menu(call, margaret, step):
    phone = call("+15550100001")
    phone.start()
    for view in ("step", "answer"):
        status, body = phone.request(f"/voice/{view}?step={step}&attempt=0", {"Digits": "1"})
        assert status == 200 and "To go to Home, press 1." in body


@pytest.mark.parametrize("step", ["menu", "confirm", "status", "cancel", "other"])
def test_a_known_callers_step_asked_by_an_unknown_caller_asks_where_from(call, demo_data, step):
    phone = call("+15550100077")
    phone.start()
    for view in ("step", "answer"):
        status, body = phone.request(f"/voice/{view}?step={step}&attempt=0", {"Digits": "1"})
        assert status == 200 and "<Record" in body and "Hangup" not in body


@pytest.mark.parametrize("entry", ["9" * 30, "-1", "x", ""])
def test_a_call_back_repeat_for_no_such_entry_is_404(call, entry):
    phone = call("+15550100001")
    status, _ = phone.request(f"/voice/repeat?entry={entry}", {"Digits": "1"})
    assert status == 404


def _a_real_full_disk_error():
    """SQLite's own SQLITE_FULL, raised by a database capped at two pages."""
    scratch = sqlite3.connect(":memory:")
    try:
        scratch.execute("pragma max_page_count = 2")
        scratch.execute("create table t (x)")
        scratch.execute("insert into t values (zeroblob(100000))")
    except sqlite3.OperationalError as error:
        return error
    finally:
        scratch.close()
    raise AssertionError("SQLite took the write")


def test_a_booking_whose_call_cannot_be_saved_is_not_booked_and_the_caller_reaches_a_person(
    call, margaret, db, monkeypatch
):
    phone = call("+15550100001")
    phone.start()
    phone.press("2")
    full = _a_real_full_disk_error()

    def disk_full(*args, **kwargs):
        raise full

    monkeypatch.setattr(calls, "save_context", disk_full)
    heard = phone.press("1")
    assert "something went wrong" in heard.text.lower() and heard.dial == "+15550100090"
    # The apology is true: the ride and its messages were written in the same transaction, and
    # undone.
    assert db.table("bookings").count == 0 and db.table("outbox").count == 0


def test_a_huge_or_unsigned_post_is_refused_before_its_body_is_read(phone_app):
    client = phone_app.test_client()
    flood = {"CallSid": "CA" + "1" * 32, "Filler": "x" * 4_000_000}
    assert client.post("/voice/incoming", data=flood).status_code == 403
    assert (
        client.post(
            "/voice/incoming", data=flood, headers={"X-Twilio-Signature": "not a signature"}
        ).status_code
        == 403
    )
    shaped = {"X-Twilio-Signature": "A" * 27 + "="}
    assert client.post("/voice/incoming", data=flood, headers=shaped).status_code == 413
