"""Numbers that cannot cost a fortune: allowed regions and kinds only, few open rides, a daily cap,
quiet undo."""

import datetime
import json

import pytest

from elderride.services import bookings, clock, delivery, demo
from elderride.services.errors import ValidationError
from elderride.services.outgoing import message_caps, messages, outbox
from elderride.services.people import contacts, phones
from tests.conftest import sign_in
from tests.texting import agree_by_text

# A ride booked on the family portal.
BY_FAMILY = {"channel": "family", "created_by": "family:1"}


def add_contact(family, senior_id, phone):
    return family.submit(
        f"/family/seniors/{senior_id}/contacts/new",
        data={"name": "Bea", "relation": "", "phone": phone, "notify": "on"},
    )


def test_a_premium_rate_contact_is_refused_with_the_reason(signed_up, db):
    senior_id = signed_up.add_senior()
    response = add_contact(signed_up, senior_id, "+1 900 555 1234")
    assert response.status_code == 400 and "premium-rate" in response.get_data(as_text=True)
    assert contacts.list_contacts(db, senior_id) == []


def test_a_number_abroad_is_refused_unless_its_region_is_allowed(signed_up, app, db):
    senior_id = signed_up.add_senior()
    jamaica = "+1 876 555 1234"  # dialled like a US number, billed like an international one
    response = add_contact(signed_up, senior_id, jamaica)
    assert response.status_code == 400 and "allowed: US" in response.get_data(as_text=True)
    assert add_contact(signed_up, senior_id, "+44 7700 900123").status_code == 400
    app.config["ALLOWED_REGIONS"] = "US, GB"
    assert add_contact(signed_up, senior_id, "+44 20 7946 0958").status_code == 303
    assert [contact["phone"] for contact in contacts.list_contacts(db, senior_id)] == [
        "+442079460958"
    ]


def test_a_premium_senior_number_is_refused(signed_up, db):
    response = signed_up.submit(
        "/family/seniors/new",
        data={
            "name": "Ada",
            "phone": "+1 900 555 1234",
            "kind": "mobile",
            "language": "en",
            "timezone": "UTC",
        },
    )
    assert response.status_code == 400 and "premium-rate" in response.get_data(as_text=True)
    assert db.table("seniors").count == 0


@pytest.mark.parametrize(
    "number",
    [
        "+1 900 555 1234",  # US premium rate
        "+44 871 234 5678",  # UK shared cost
        "+44 844 333 4444",  # UK shared cost
        "+44 55 1234 5678",  # UK corporate (UAN)
        "+33 8 99 12 34 56",  # French premium rate
    ],
)
def test_numbers_that_cost_money_are_refused_wherever_they_are(number):
    with pytest.raises(ValidationError) as caught:
        phones.normalise(number, allowed_regions={"US", "GB", "FR"})
    assert "premium-rate" in str(caught.value)


def test_the_demo_numbers_work_in_demo_mode(app, db, signed_up):
    app.config["DEMO"] = True
    senior_id = signed_up.add_senior()
    assert add_contact(signed_up, senior_id, "+86 138 0000 0009").status_code == 303
    app.config["DEMO"] = False
    assert add_contact(signed_up, senior_id, "+86 138 0000 0008").status_code == 400


def test_a_senior_has_at_most_three_open_rides(margaret, book):
    for destination in ("City Hospital", "Lily's home", "City Hospital"):
        book(margaret, destination, **BY_FAMILY)
    with pytest.raises(ValidationError) as caught:
        book(margaret, "Lily's home", **BY_FAMILY)
    assert caught.value.field == "senior"
    # A phone ride a dispatcher reviews first sends nothing until then: the line can always take
    # one.
    book(
        margaret,
        {"address": "somewhere she said"},
        channel="phone",
        created_by="caller",
        needs_review=True,
    )


@pytest.fixture
def book_and_cancel(db, book):
    """Book the senior's ride as the family does, and cancel it."""

    def book_and_cancel(senior):
        booking = book(senior, **BY_FAMILY)
        bookings.transition(db, booking["id"], "cancelled", actor="family:1")

    return book_and_cancel


def run_worker(db, cap):
    deliverer = delivery.Deliverer(messages.BuiltinNotifier(), daily_message_cap=cap)
    while delivery.run_once(db, deliverer, "test"):
        pass


def test_texts_past_the_daily_cap_are_held_and_the_console_says_why(
    margaret, db, app, monkeypatch, book_and_cancel
):
    for _ in range(20):
        book_and_cancel(margaret)
    # Cancel texts wait a minute (for an undo): deliver as if it were later.
    later = clock.now() + datetime.timedelta(minutes=2)
    monkeypatch.setattr(clock, "now", lambda: later)
    run_worker(db, cap=30)
    texts = list(db.table("outbox").rows_where("kind = 'text'"))
    assert len(texts) == 40
    assert sum(entry["status"] == "done" for entry in texts) == 30
    held = [entry for entry in texts if entry["status"] == "held"]
    assert len(held) == 10 and all(
        "ELDERRIDE_DAILY_MESSAGE_CAP" in entry["last_error"] for entry in held
    )
    assert message_caps.sent_in_window(db, texts[0]["booking_id"]) == 30
    assert app.config["DAILY_MESSAGE_CAP"] == 30


def test_the_cap_counts_per_senior(margaret, wang, db, monkeypatch, book_and_cancel):
    for _ in range(3):
        book_and_cancel(margaret)
    book_and_cancel(wang)
    later = clock.now() + datetime.timedelta(minutes=2)
    monkeypatch.setattr(clock, "now", lambda: later)
    run_worker(db, cap=4)
    statuses = {}
    for entry in db.table("outbox").rows_where("kind = 'text'"):
        senior = bookings.get_booking(db, entry["booking_id"])["senior_id"]
        statuses.setdefault(senior, []).append(entry["status"])
    assert (
        statuses[margaret["id"]].count("done") == 4 and statuses[margaret["id"]].count("held") == 2
    )
    assert statuses[wang["id"]] == ["done", "done"]


def test_a_cancel_undone_within_a_minute_sends_no_texts(margaret, db, book):
    booking = book(margaret)
    run_worker(db, cap=30)
    sent_before = db.table("messages").count_where("channel = 'text'")
    bookings.transition(db, booking["id"], "cancelled", actor="senior")
    run_worker(db, cap=30)  # within the minute: the cancel text waits
    bookings.transition(db, booking["id"], "requested", actor="senior")
    run_worker(db, cap=30)
    assert db.table("messages").count_where("channel = 'text'") == sent_before
    states = [
        json.loads(entry["payload"])["state"]
        for entry in db.table("outbox").rows_where("kind = 'text' and status = 'withdrawn'")
    ]
    assert states == ["cancelled"]
    assert outbox.counts(db)["pending"] == 0


def test_a_cancel_undone_after_its_texts_went_says_booked_again(margaret, db, monkeypatch, book):
    booking = book(margaret)
    bookings.transition(db, booking["id"], "cancelled", actor="senior")
    later = clock.now() + datetime.timedelta(minutes=2)
    monkeypatch.setattr(clock, "now", lambda: later)
    run_worker(db, cap=30)
    bookings.transition(db, booking["id"], "requested", actor="senior")
    run_worker(db, cap=30)
    texts = [
        json.loads(entry["payload"])["state"]
        for entry in db.table("outbox").rows_where("kind = 'text'", order_by="id")
    ]
    assert texts == ["requested", "cancelled", "requested"]
    assert all(
        entry["status"] == "done" for entry in db.table("outbox").rows_where("kind = 'text'")
    )


def test_the_outbox_page_shows_held_messages_and_why(
    app, demo_data, margaret, monkeypatch, book_and_cancel
):
    for _ in range(2):
        book_and_cancel(margaret)
    later = clock.now() + datetime.timedelta(minutes=2)
    monkeypatch.setattr(clock, "now", lambda: later)
    run_worker(demo_data, cap=1)
    console = sign_in(
        app.test_client(), "/console/signin", demo.DISPATCHER_EMAIL, demo.DISPATCHER_PASSWORD
    )
    outbox_page = console.get("/console/outbox").get_data(as_text=True)
    assert "outbox-held" in outbox_page and "ELDERRIDE_DAILY_MESSAGE_CAP" in outbox_page


def put_premium_first(db, senior):
    """A contact saved before numbers were checked: premium-rate, first in the list, marked to be
    told."""
    [first] = [
        contact for contact in contacts.list_contacts(db, senior["id"]) if contact["position"] == 0
    ]
    db.table("contacts").update(first["id"], {"phone": "+19005551234", "notify": 1})


def test_key_nine_never_dials_a_premium_number_saved_before_the_rules(call, margaret, db):
    put_premium_first(db, margaret)
    phone = call("+15550100001")
    phone.start()
    assert phone.press("9").dial == "+15550100003"  # Tom, the next contact


def test_texts_to_a_premium_number_saved_before_the_rules_are_never_sent(app, margaret, db, book):
    put_premium_first(db, margaret)
    agree_by_text(app, "+19005551234")  # agreeing to texts does not make a number one we may text
    book(margaret, **BY_FAMILY)
    from elderride.worker import deliverer_from_config

    deliverer = deliverer_from_config(app.config)
    while delivery.run_once(db, deliverer, "test"):
        pass
    [text] = list(db.table("outbox").rows_where("kind = 'text'"))
    assert text["status"] == "dead" and "premium-rate" in text["last_error"]
    assert db.table("messages").count_where("channel = 'text'") == 0


def test_one_number_shared_by_many_seniors_gets_no_more_than_its_own_daily_cap(
    db, app, monkeypatch, book_and_cancel
):
    from elderride.services.people import places, seniors

    shared = "+15550177777"  # one "contact" an attacker gave every senior they made
    agree_by_text(app, shared)  # even if it once said YES, the cap still holds
    for index in range(12):
        senior_id = seniors.create_senior(
            db, name=f"Made up {index}", language="en", numbers=[(f"+1555017{index:04d}", "mobile")]
        )
        places.add_place(db, senior_id, label="Home", address=f"{index} Elm Street")
        places.add_place(db, senior_id, label="Anywhere", address=f"{index} Oak Street")
        contacts.add_contact(db, senior_id, name="Target", phone=shared, notify=True)
        for _ in range(2):
            book_and_cancel(senior_id)
    later = clock.now() + datetime.timedelta(minutes=2)
    monkeypatch.setattr(clock, "now", lambda: later)
    # Each senior stays well under its own cap of 30: only a cap per number can stop this.
    deliverer = delivery.Deliverer(
        messages.BuiltinNotifier(),
        daily_message_cap=app.config["DAILY_MESSAGE_CAP"],
        daily_recipient_cap=app.config["DAILY_RECIPIENT_CAP"],
    )
    while delivery.run_once(db, deliverer, "test"):
        pass
    cap = app.config["DAILY_RECIPIENT_CAP"]
    assert db.table("messages").count_where("recipient = ?", [shared]) == cap
    held = list(db.table("outbox").rows_where("status = 'held'"))
    assert len(held) == 48 - cap and all(
        "ELDERRIDE_DAILY_RECIPIENT_CAP" in entry["last_error"] for entry in held
    )


def test_a_link_markup_or_control_characters_in_a_name_never_reach_a_text_or_call(db, book):
    from elderride.services.people import places, seniors

    senior_id = seniors.create_senior(
        db,
        name="Pay your fine at http://evil.example/N or evil.example/pay\u202e now "
        + "x" * 20
        + "TAILEND",
        language="en",
        numbers=[("+15550170001", "mobile")],
    )
    places.add_place(db, senior_id, label="Home", address="1 Elm Street")
    lure = "<a href=https://x.example>Win</a>\x07 www.prize.example"
    places.add_place(db, senior_id, label=lure, address="2 Oak")
    contacts.add_contact(db, senior_id, name="Kin", phone="+15550170002", notify=True)
    booking = book(senior_id, **BY_FAMILY)
    bookings.transition(db, booking["id"], "forwarded", actor="worker")
    bookings.transition(
        db,
        booking["id"],
        "assigned",
        actor="dispatch",
        details={
            "driver_name": "Sam http://driver.example",
            "car_make": "Toyota",
            "car_colour": "blue",
            "plate": "AB 123",
            "eta_minutes": 7,
        },
    )
    said = [
        json.loads(entry["payload"]).get("body") or json.loads(entry["payload"])["say"]
        for entry in db.table("outbox").rows_where("kind in ('text', 'call')")
    ]
    assert said and all(
        "://" not in words
        and ".example" not in words
        and "<" not in words
        and "\x07" not in words
        and "\u202e" not in words
        and "TAILEND" not in words  # bounded in length
        for words in said
    ), said
    assert any("Pay your fine" in words for words in said)  # the name is still said, defused


@pytest.mark.parametrize(
    "lure",
    ["evil2.com/pay", "x1.io/abc", "evil２.com", "1.2.3.4/pay", "evil。com/pay", "www.a.example"],
)
def test_no_written_link_survives_into_words_we_send(lure):
    from elderride.services.wording import sendable

    said = sendable(f"Refund at {lure}", 60)
    assert said.startswith("Refund at") and not any(
        dot in said.split("Refund at")[1] for dot in (".", "。")
    ), said


@pytest.mark.parametrize(
    "words", ["St. Mary's", "12.5 km", "Dr. Lee", "No. 5 Rd", "J.R.R. Tolkien", "我到了。谢谢"]
)
def test_ordinary_names_and_places_are_sent_as_written(words):
    from elderride.services.wording import sendable

    assert sendable(words, 60) == words
