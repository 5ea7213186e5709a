"""Caller ID is believed only when the carrier vouched for it (STIR/SHAKEN, Twilio's StirVerstat):
a call showing Margaret's number without it hears none of her rides and changes none."""

import datetime

import pytest

from elderride.services import bookings, clock
from elderride.services.people import caller_id, seniors

FAILED = "TN-Validation-Failed-A"
PARTLY = "TN-Validation-Passed-B"
NONE = None  # the call carries no attestation: a carrier that does not sign

# What a stranger must not learn from a call: where and when Margaret will be (her places' names are
# the menu's, read to anyone calling from her number so that they can book).
SECRETS = ("booked to City Hospital", "Dec", "finding a driver", "To cancel")


@pytest.fixture
def her_ride(margaret, db, book):
    """Margaret's ride to City Hospital tomorrow morning, waiting for a driver."""
    return book(margaret, pickup_at=clock.now() + datetime.timedelta(days=1))


@pytest.mark.parametrize("attestation", [FAILED, PARTLY, "No-TN-Validation", NONE, "garbage" * 20])
def test_a_spoofed_number_is_greeted_but_hears_no_rides_and_cancels_none(
    call, margaret, her_ride, db, attestation
):
    phone = call("+15550100001", attestation=attestation)
    heard = phone.start()
    for secret in SECRETS:
        assert secret not in heard.text, secret
    assert "Hello Margaret Chen" in heard.text
    assert "We could not check that this call comes from your own phone" in heard.text
    assert "You have" not in heard.text
    # The keys of the ride's status do nothing here: 3 is no cancel, 1 after it no confirmation.
    for key in ("3", "1", "1", "3"):
        heard = phone.press(key)
        for secret in ("finding a driver", "To cancel your car", "is cancelled"):
            assert secret not in heard.text, secret
        if heard.ended:
            break
    assert bookings.get_booking(db, her_ride["id"])["state"] == "requested"
    assert db.table("calls").get(phone.call_sid)["attestation"] == caller_id.attestation(
        attestation
    )


@pytest.mark.parametrize("step", ["status", "cancel", "cancel_which", "return_ready"])
def test_a_forged_step_url_does_not_reach_her_rides(call, margaret, her_ride, db, step):
    phone = call("+15550100001", attestation=FAILED)
    phone.start()
    n = db.table("calls").get(phone.call_sid)
    # Answering a ride's step directly, as a forger who read the line's URLs would.
    for path in (f"/voice/step?step={step}&attempt=0", f"/voice/answer?step={step}&attempt=0"):
        status, body = phone.request(path, {"Digits": "1"})
        assert status == 200
        for secret in (*SECRETS, "cancelled"):
            assert secret not in body, secret
    assert bookings.get_booking(db, her_ride["id"])["state"] == "requested"
    assert n["caller_believed"] == 0


def test_a_spoofed_number_can_still_book_and_the_family_is_told(call, margaret, db, fake_twilio):
    phone = call("+15550100001", attestation=FAILED)
    phone.start()
    heard = phone.press("2")
    assert "A car from Home to City Hospital, now." in heard.text
    heard = phone.press("1")
    assert "Your family has been told" in heard.text
    booking = next(db.table("bookings").rows)
    texts = list(db.table("outbox").rows_where("booking_id = ? and kind = 'text'", [booking["id"]]))
    assert texts, "the family hears of a booking from a number nobody vouched for"


def test_an_attested_call_hears_and_cancels_as_before(call, margaret, her_ride, db):
    phone = call("+15550100001")
    heard = phone.start()
    assert "City Hospital" in heard.text and "finding a driver" in heard.text.lower()
    phone.press("3")
    assert "Your car is cancelled" in phone.press("1").text
    assert bookings.get_booking(db, her_ride["id"])["state"] == "cancelled"
    assert db.table("calls").get(phone.call_sid)["caller_believed"] == 1


def test_the_call_is_judged_at_its_first_request_only(call, margaret, her_ride, db):
    phone = call("+15550100001", attestation=FAILED)
    phone.start()
    # Later requests of the same call claiming full attestation change nothing.
    phone.attestation = caller_id.ATTESTED
    heard = phone.press("*")
    assert "City Hospital, press" in heard.text and "finding a driver" not in heard.text
    status, body = phone.request("/voice/step?step=status&attempt=0")
    assert status == 200 and "finding a driver" not in body


def test_her_familys_choice_lets_an_unsigned_landline_in_but_never_a_failed_one(
    call, margaret, her_ride, db
):
    seniors.set_unsigned_calls(db, margaret["id"], believed=True)
    unsigned = call("+15550100001", attestation=NONE)
    assert "finding a driver" in unsigned.start().text
    partly = call("+15550100001", attestation=PARTLY)
    assert "finding a driver" in partly.start().text
    forged = call("+15550100001", attestation=FAILED)
    assert "finding a driver" not in forged.start().text


def test_a_carrier_that_never_signs_is_a_setting(phone_app, call, margaret, her_ride):
    phone_app.config["UNSIGNED_CALLS_TRUSTED"] = True
    assert "finding a driver" in call("+15550100001", attestation=NONE).start().text
    # A carrier that signs something short of full attestation is not "never signs".
    assert "finding a driver" not in call("+15550100001", attestation=PARTLY).start().text
    assert "finding a driver" not in call("+15550100001", attestation=FAILED).start().text


def test_the_family_turns_unsigned_calls_on_with_the_risk_explained(lily, margaret, db):
    setup = f"/family/seniors/{margaret['id']}/setup"
    page = lily.page(setup).get_data(as_text=True)
    assert "could hear where and when" in page
    response = lily.submit(
        setup, f"/family/seniors/{margaret['id']}/unsigned-calls", {"believed": "1"}
    )
    assert response.status_code == 303
    assert seniors.get_senior(db, margaret["id"])["trust_unsigned_calls"] == 1
    response = lily.submit(setup, f"/family/seniors/{margaret['id']}/unsigned-calls", {})
    assert seniors.get_senior(db, margaret["id"])["trust_unsigned_calls"] == 0


def test_only_her_family_can_turn_it_on_and_only_with_the_form_token(lily, margaret, signed_up, db):
    action = f"/family/seniors/{margaret['id']}/unsigned-calls"
    assert signed_up.client.post(action, data={"believed": "1"}).status_code in (400, 403, 404)
    assert lily.client.post(action, data={"believed": "1"}).status_code in (400, 403)
    assert seniors.get_senior(db, margaret["id"])["trust_unsigned_calls"] == 0


def test_a_spoofed_number_going_home_is_not_told_where_she_went_today(call, margaret, db, book):
    # Found by the red team: "Where are you now? From 77 Secret Wing, press 1" told a stranger
    # where she is right now.
    book(margaret, {"address": "77 Secret Wing"})
    phone = call("+15550100001", attestation=FAILED)
    phone.start()
    heard = phone.press("1")  # Home: the line asks where the car comes from
    assert "Where are you now?" in heard.text
    assert "77 Secret Wing" not in heard.text
    # Her own phone, vouched for, is still offered today's place first.
    believed = call("+15550100001")
    believed.start()  # her open ride first: 2 books another
    believed.press("2")
    assert "From 77 Secret Wing, press 1" in believed.press("1").text


def test_a_spoofed_number_learns_nothing_of_her_rides_not_even_how_many(call, margaret, db, book):
    # Found by the red team: at the cap a spoofed call heard "That is as many cars as can be
    # booked at once", and with any ride "You have a car booked".
    def what_a_spoofed_call_hears():
        phone = call("+15550100001", attestation=FAILED)
        return [phone.start().text, phone.press("2").text, phone.press("1").text]

    heard_with_none = what_a_spoofed_call_hears()
    for ride in bookings.open_bookings(db, margaret["id"]):
        bookings.transition(db, ride["id"], "cancelled", actor="dispatcher")
    for hours in (20, 30, 40):
        book(margaret, pickup_at=clock.now() + datetime.timedelta(hours=hours))
    assert not bookings.has_room(bookings.open_bookings(db, margaret["id"]))
    heard_at_the_cap = what_a_spoofed_call_hears()
    assert heard_at_the_cap == heard_with_none
    # The ride past the cap is kept for a person to check with her, never sent by itself.
    held = bookings.open_bookings(db, margaret["id"])
    assert len(held) == 4
    [past_the_cap] = [ride for ride in held if ride["created_by"] == "caller"]
    assert past_the_cap["state"] == "needs_review" and past_the_cap["review_reason"]


def _family_key(phone):
    """Press 9 at the menu: the caller is put through to the family (or told why not)."""
    return phone.press("9")


@pytest.mark.parametrize("attestation", [FAILED, PARTLY, NONE])
def test_an_unbelieved_caller_asking_for_the_family_hears_no_name(call, margaret, db, attestation):
    phone = call("+15550100001", attestation=attestation)
    phone.start()
    heard = _family_key(phone)
    assert heard.dial == "+15550100002"
    # Who the family is stays unsaid to a caller who may not be Margaret.
    assert "Lily" not in heard.text and "Chen" not in heard.text
    assert heard.text.strip()


@pytest.mark.parametrize("attestation", [FAILED, NONE])
def test_the_family_hears_a_warning_and_is_connected_only_when_they_press_1(
    call, margaret, db, attestation
):
    phone = call("+15550100001", attestation=attestation)
    phone.start()
    _family_key(phone)
    # Lily picks up: before anything is connected, the line tells her what it could not check.
    lily_phone = phone.dialled()
    heard = lily_phone.answer()
    assert "Margaret Chen" in heard.text
    assert "could not confirm" in heard.text
    assert heard.gather is not None and not heard.ended
    # Silence or any other key: she is never put through.
    refused = lily_phone.press("2")
    assert refused.hung_up and not refused.ran_out
    lily_again = phone.dialled()
    lily_again.answer()
    silent = lily_again.silence()
    assert silent.hung_up and not silent.ran_out
    # 1: the whisper ends and Twilio joins the two calls.
    lily_third = phone.dialled()
    lily_third.answer()
    accepted = lily_third.press("1")
    assert accepted.ran_out and not accepted.says


def test_the_whisper_is_in_the_seniors_language(phone_app, call, wang, db):
    phone_app.config["ALLOWED_REGIONS"] = "US,CN"
    phone = call("+8613800000001", attestation=FAILED)
    phone.start()
    heard = _family_key(phone)
    assert "李娜" not in heard.text
    assert {language for _, language in heard.says} == {"zh-CN"}
    whisper = phone.dialled().answer()
    assert "王秀英" in whisper.text
    assert {language for _, language in whisper.says} == {"zh-CN"}


def test_a_believed_caller_is_put_through_by_name_without_a_whisper(call, margaret, db):
    phone = call("+15550100001")
    phone.start()
    heard = _family_key(phone)
    assert "Calling Lily Chen" in heard.text and heard.dial == "+15550100002"
    assert phone.dialled_url is None


def test_a_whisper_url_is_refused_unsigned_or_for_a_call_never_seen(call, margaret, db):
    phone = call("+15550100001", attestation=FAILED)
    phone.start()
    _family_key(phone)
    leg = phone.dialled()
    status, _ = leg.request(phone.dialled_url, signature="A" * 27 + "=")
    assert status == 403
    # A signed request naming a call the line never took connects no one.
    forged = phone.dialled_url.replace(phone.call_sid, "CA" + "0" * 32)
    heard = leg._follow(forged)
    assert heard.hung_up and not heard.ran_out and heard.gather is None


def test_a_forged_number_rings_the_family_a_few_times_an_hour_not_without_end(call, margaret, db):
    """Each press of 9 on a call the line cannot believe places a call to the family at our cost;
    someone forging her number again and again reaches them three times an hour."""
    for _ in range(caller_id.UNBELIEVED_FAMILY_CALLS_PER_HOUR):
        phone = call("+15550100001", attestation=FAILED)
        phone.start()
        assert _family_key(phone).dial == "+15550100002"
    phone = call("+15550100001", attestation=FAILED)
    phone.start()
    heard = _family_key(phone)
    assert heard.dial is None and not heard.ended
    assert "cannot call your family" in heard.text
    # 0 still reaches a person.
    assert phone.press("0").dial == "+15550100090"
    # Her own, believed, call still reaches Lily by name; an hour later so does an unbelieved one.
    believed = call("+15550100001")
    believed.start()
    assert "Calling Lily Chen" in _family_key(believed).text
    clock.set_now(clock.now() + datetime.timedelta(minutes=61))
    try:
        later = call("+15550100001", attestation=NONE)
        later.start()
        assert _family_key(later).dial == "+15550100002"
    finally:
        clock.set_now(None)


def test_a_replayed_press_of_9_rings_the_family_once(call, margaret, db):
    phone = call("+15550100001", attestation=FAILED)
    phone.start()
    url = phone.heard.gather.get("action")
    for _ in range(caller_id.UNBELIEVED_FAMILY_CALLS_PER_HOUR + 1):
        status, body = phone.request(url, {"Digits": "9"})
        assert status == 200 and "<Dial" in body
    fresh = call("+15550100001", attestation=FAILED)
    fresh.start()
    assert _family_key(fresh).dial == "+15550100002"


def _post_to(url, params, headers):
    """Post a signed form to a real server, as Twilio does."""
    import urllib.error
    import urllib.parse
    import urllib.request

    asking = urllib.request.Request(
        url, data=urllib.parse.urlencode(params).encode(), headers=headers
    )
    try:
        with urllib.request.urlopen(asking, timeout=120) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_forged_calls_at_once_ring_the_family_three_times_in_all(tmp_path):
    """Callers pressing 9 at the same moment on a real server: the count and the call placed are
    one write, so no two of them both see room for one more."""
    from concurrent.futures import ThreadPoolExecutor

    from elderride.bench.deployment import AUTH_TOKEN, Deployment
    from elderride.ivr.simulator import CallSimulator
    from elderride.services.people import contacts
    from elderride.store import connect

    deployment = Deployment(tmp_path)
    try:
        [rider] = deployment.create(1)
        database = connect(deployment.database)
        contacts.add_contact(database, rider.senior_id, name="Ann Lee", phone="+15550170001")
        database.close()
        deployment.start_server()

        def forged_call(_):
            phone = CallSimulator(
                _post_to,
                base_url=deployment.base_url,
                auth_token=AUTH_TOKEN,
                caller=rider.phone,
                attestation=FAILED,
                pause_seconds=0,
            )
            phone.start()
            heard = _family_key(phone)
            assert "Ann" not in heard.text
            return heard.dial

        with ThreadPoolExecutor(max_workers=8) as pool:
            dialled = list(pool.map(forged_call, range(8)))
    finally:
        deployment.close()
    assert sorted(dialled, key=str) == ["+15550170001"] * 3 + [None] * 5
