"""The phone line end to end with the call simulator: keys, patience, people, open rides, unknown
callers."""

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from elderride.services import bookings, calls


def test_margaret_books_city_hospital_by_keys(call, margaret, db):
    phone = call("+15550100001")
    heard = phone.start()
    assert "Hello Margaret Chen" in heard.text
    assert [text for text, _ in heard.says][1:4] == [
        "To go to Home, press 1.",
        "To go to City Hospital, press 2.",
        "To go to Lily's home, press 3.",
    ]
    assert {language for _, language in heard.says} == {"en-US"}
    assert heard.pauses >= 3  # pauses between sentences, not slowed speech
    assert heard.gather is not None and heard.record is None  # no speech model: keys
    heard = phone.press("2")
    assert "A car from Home to City Hospital, now." in heard.text
    assert db.table("bookings").count == 0  # only a confirmation books
    heard = phone.press("1")
    assert "Your car is booked" in heard.text and "Your family has been told" in heard.text
    assert heard.hung_up
    booking = next(db.table("bookings").rows)
    assert (
        booking["channel"],
        booking["senior_id"],
        booking["destination_label"],
        booking["pickup_label"],
        booking["state"],
    ) == (
        "phone",
        margaret["id"],
        "City Hospital",
        "Home",
        "requested",
    )
    assert booking["call_sid"] == phone.call_sid


def test_wang_hears_chinese_and_books_the_hospital(call, wang, db):
    phone = call("+8613800000001")
    heard = phone.start()
    assert "王秀英您好" in heard.text and "去市第一人民医院，请按2" in heard.text
    assert {language for _, language in heard.says} == {"zh-CN"}
    heard = phone.press("2")
    assert "从家到市第一人民医院" in heard.text
    heard = phone.press("1")
    assert "车已经叫好了" in heard.text
    assert next(db.table("bookings").rows)["destination_label"] == "市第一人民医院"


def test_changing_the_choice_goes_back_to_the_menu(call, margaret, db):
    phone = call("+15550100001")
    phone.start()
    phone.press("3")
    heard = phone.press("2")
    assert "To go to Home, press 1." in heard.text
    heard = phone.press("2")
    assert "City Hospital" in heard.text
    phone.press("1")
    assert next(db.table("bookings").rows)["destination_label"] == "City Hospital"


def test_a_caller_with_an_open_ride_hears_its_status_and_cancels_it(call, margaret, db):
    hospital = next(db.table("places").rows_where("label = 'City Hospital'"))["id"]
    ride, _ = bookings.create_booking(
        db,
        idempotency_key="open",
        channel="web",
        created_by="senior",
        senior_id=margaret["id"],
        destination={"place_id": hospital},
    )
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    bookings.transition(
        db,
        ride["id"],
        "assigned",
        actor="dispatch",
        details={
            "driver_name": "Sam Lee",
            "car_make": "Toyota Camry",
            "car_colour": "blue",
            "plate": "ABC 123",
            "eta_minutes": 6,
        },
    )
    phone = call("+15550100001")
    heard = phone.start()
    assert (
        "Sam Lee is coming in a blue Toyota Camry, plate ABC 123, in about 6 minutes" in heard.text
    )
    heard = phone.press("3")
    assert "To cancel your car to City Hospital, press 1" in heard.text
    assert bookings.get_booking(db, ride["id"])["state"] == "assigned"  # asked first
    heard = phone.press("1")
    assert "Your car is cancelled" in heard.text and heard.hung_up
    assert bookings.get_booking(db, ride["id"])["state"] == "cancelled"
    assert bookings.events_of(db, ride["id"])[-1]["actor"] == "caller"


def test_keeping_an_open_ride(call, margaret, db):
    ride, _ = bookings.create_booking(
        db,
        idempotency_key="open2",
        channel="web",
        created_by="senior",
        senior_id=margaret["id"],
        destination={"address": "5 Bay Road"},
    )
    phone = call("+15550100001")
    assert "We are finding a driver" in phone.start().text
    phone.press("3")
    assert "still booked" in phone.press("2").text
    assert bookings.get_booking(db, ride["id"])["state"] == "requested"


def test_silence_three_times_ends_with_a_person(call, margaret, db):
    phone = call("+15550100001")
    first = phone.start()
    second = phone.silence()
    assert "did not catch that" in second.text
    third = phone.silence()
    assert "Let's use the keys" in third.text
    assert (
        third.gather is not None and third.record is None and int(third.gather.get("timeout")) >= 7
    )
    fourth = phone.silence()
    assert fourth.dial == "+15550100090" and not fourth.hung_up
    assert all(
        sum(int(verb.get("timeout")) for verb in heard.silent_waits) >= 7
        for heard in (second, third, fourth)
    )
    assert db.table("bookings").count == 0
    # Each re-prompt is simpler than the one before.
    assert len(first.text) > len(second.text) and "press 9" not in second.text
    assert "or say" not in third.text


def test_wrong_keys_are_met_with_patience(call, margaret, db):
    phone = call("+15550100001")
    phone.start()
    heard = phone.press("7")
    assert not heard.ended and heard.gather is not None
    heard = phone.press("5")  # no place has 5 (and * now repeats the question)
    assert not heard.ended
    heard = phone.press("#")
    assert heard.dial == "+15550100090"


@pytest.mark.parametrize("key, number", [("0", "+15550100090"), ("9", "+15550100002")])
def test_zero_reaches_a_person_and_nine_the_family_at_every_step(call, margaret, key, number):
    phone = call("+15550100001")
    phone.start()
    assert phone.press(key).dial == number
    phone = call("+15550100001")
    phone.start()
    phone.press("2")  # the confirmation step
    assert phone.press(key).dial == number


def test_an_unknown_caller_is_asked_and_their_booking_needs_review(
    call, db, fake_twilio, phone_app
):
    import io
    import wave

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(8000)
        file.writeframes(b"\x10\x00" * 16000)
    phone = call("+15550100077")
    heard = phone.start()
    assert "where the car should pick you up" in heard.text and heard.record is not None
    heard = phone.say(buffer.getvalue(), duration=2)
    assert "One moment" in heard.text and "say where you want to go" in heard.text
    heard = phone.say(buffer.getvalue(), duration=2)
    assert "A person will check your ride" in heard.text and heard.hung_up
    booking = next(db.table("bookings").rows)
    assert (
        booking["state"],
        booking["channel"],
        booking["caller_phone"],
        booking["senior_id"],
    ) == ("needs_review", "phone", "+15550100077", None)
    saved = calls.utterances_of(db, phone.call_sid)
    assert [utterance["step"] for utterance in saved] == ["unknown_pickup", "unknown_destination"]
    assert all(
        Path(utterance["audio_path"]).read_bytes() == buffer.getvalue() for utterance in saved
    )
    assert all(
        Path(utterance["audio_path"]).parent == Path(phone_app.config["RECORDINGS"])
        for utterance in saved
    )
    # The recording was fetched with the account's credentials from the configured host.
    assert [authorised for method, path, authorised in fake_twilio.requests] == [True, True]


def test_a_forged_or_missing_signature_is_refused(phone_app, margaret, db):
    client = phone_app.test_client()
    params = {"CallSid": "CA1", "From": "+15550100001", "To": "+15550109999"}
    assert client.post("/voice/incoming", data=params).status_code == 403
    assert (
        client.post(
            "/voice/incoming", data=params, headers={"X-Twilio-Signature": "forged"}
        ).status_code
        == 403
    )
    assert db.table("calls").count == 0


def test_a_signature_for_other_parameters_is_refused(call, margaret, db):
    phone = call("+15550100001")
    valid = phone.validator.compute_signature(
        "http://localhost/voice/incoming", phone._params({"From": "+15550100003"})
    )
    status, _ = phone.request("/voice/incoming", signature=valid)
    assert status == 403


def test_behind_a_proxy_the_public_url_is_what_twilio_signed(phone_app, margaret, twilio_post):
    from elderride.ivr.simulator import CallSimulator
    from tests.fake_twilio import AUTH_TOKEN

    phone_app.config["PUBLIC_BASE_URL"] = "https://rides.example.org"

    def via_proxy(url, params, headers):
        return twilio_post(
            url.replace("https://rides.example.org", "http://localhost"), params, headers
        )

    phone = CallSimulator(
        via_proxy,
        base_url="https://rides.example.org",
        auth_token=AUTH_TOKEN,
        caller="+15550100001",
        pause_seconds=0.2,
    )
    assert "Hello Margaret Chen" in phone.start().text


def test_a_replayed_step_creates_no_second_booking(call, margaret, db):
    phone = call("+15550100001")
    phone.start()
    confirm = phone.press("2")
    action = confirm.gather.get("action")
    phone.press("1")
    for _ in range(3):
        status, body = phone.request(action, {"Digits": "1"})
        assert status == 200 and "Your car is booked" in body
    assert db.table("bookings").count == 1


def test_every_response_is_twiml(call, margaret):
    phone = call("+15550100001")
    phone.start()
    phone.press("2")
    phone.press("1")
    assert phone.requests
    for document in phone.heard.documents:
        assert document.tag == "Response"


def test_odd_requests_never_fail(call, margaret):
    phone = call("+15550100001")
    phone.start()
    for path, extra in [
        ("/voice/step?step=nonsense&attempt=0", None),
        ("/voice/answer?step=menu&attempt=zz", {"Digits": "x" * 1000}),
        ("/voice/answer?step=confirm&attempt=-5", {"Digits": "1"}),
        (
            "/voice/answer?step=menu&attempt=0&kind=speech",
            {"RecordingUrl": "https://evil.example/steal", "RecordingDuration": "3"},
        ),
        ("/voice/understand?step=menu&attempt=0&job=nothing", None),
    ]:
        status, body = phone.request(path, extra)
        assert status in (200, 404), (path, status)
        if status == 200:
            ElementTree.fromstring(body)


def test_the_call_status_callback_records_the_end(call, margaret, db):
    phone = call("+15550100001")
    phone.start()
    status, _ = phone.request("/voice/status-callback", {"CallStatus": "completed"})
    assert status == 204
    assert calls.get_call(db, phone.call_sid)["state"] == "completed"


def test_an_unknown_caller_who_stays_silent_is_asked_again_after_seven_seconds(call, db):
    phone = call("+15550100077")
    phone.start()
    again = phone.silence()
    assert "where the car should pick you up" in again.text
    assert [verb.tag for verb in again.silent_waits] == ["Record", "Record"]
    assert sum(int(verb.get("timeout")) for verb in again.silent_waits) >= 7
    phone.silence()
    assert phone.silence().dial == "+15550100090"  # then a person, never a hang-up
    assert db.table("bookings").count == 0
