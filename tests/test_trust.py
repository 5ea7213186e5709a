"""Rides from strangers are looked at: a ride for now from a family nobody vouched for waits for a
dispatcher before dispatch hears of it."""

import datetime
import re
import uuid

import pytest
from click.testing import CliRunner

from elderride.cli import cli
from elderride.ivr.prompts import prompts
from elderride.services import bookings, clock, demo
from elderride.services.delivery import Deliverer, run_once
from elderride.services.errors import TransitionRefused, ValidationError
from elderride.services.outgoing import messages
from elderride.services.outgoing.dispatch import Webhook
from elderride.services.people import accounts, places, seniors
from elderride.services.records import BookingRequest, Trip
from elderride.store import connect
from elderride.store.schema import migrations
from tests.conftest import csrf_token
from tests.dispatch_receiver import SECRET, DispatchReceiver

ANN = "ann@example.com"


@pytest.fixture
def receiver():
    server = DispatchReceiver()
    yield server
    server.stop()


def operator(app, tmp_path, *args):
    """Run an `elderride` command on the test's database, as an operator would."""
    environment = {
        "ELDERRIDE_INSTANCE_PATH": str(tmp_path / "instance"),
        "ELDERRIDE_DATABASE": app.config["DATABASE"],
        "ELDERRIDE_SECRET_KEY": "cli-test",
    }
    return CliRunner().invoke(cli, list(args), env=environment)


def deliver_all(db, receiver):
    """Run the worker against the test's dispatch receiver until nothing is due."""
    deliverer = Deliverer(messages.BuiltinNotifier(), dispatch=Webhook(receiver.url, SECRET))
    for _ in range(20):
        db.execute(
            "update outbox set next_attempt_at = ? where status = 'pending'",
            [clock.iso(clock.now() - datetime.timedelta(seconds=1))],
        )
        if not run_once(db, deliverer, "test"):
            return


@pytest.fixture
def stranger(dispatcher, client, db, mailbox):
    """Ann signed up a minute ago (and confirmed her email from its mail) and added a senior with
    typed places; the console is staffed."""
    from tests.family_client import FamilyClient

    family = FamilyClient(client, mailbox)
    family.sign_up(ANN, name="Ann")
    family.senior_id = family.add_senior(name="Ada Park", phone="+15550100050")
    places.add_place(db, family.senior_id, label="Home", address="1 Typed Road")
    places.add_place(db, family.senior_id, label="Clinic", address="2 Typed Avenue")
    family.member_id = accounts.family_member_by_email(db, ANN)["id"]
    return family


def book_now(family, destination="9 Anywhere Street"):
    """Book a ride for now on the family portal, to a typed address, and return its id."""
    response = family.submit(
        f"/family/seniors/{family.senior_id}/rides/new",
        data={
            "pickup": "typed",
            "pickup_address": "5 Somewhere Lane",
            "destination": "typed",
            "destination_address": destination,
            "when": "now",
            "request_key": uuid.uuid4().hex,
        },
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_a_new_familys_ride_for_now_is_held_and_dispatch_never_hears_of_it(stranger, db, receiver):
    rides = [book_now(stranger, f"{number} Anywhere Street") for number in (1, 2, 3)]
    deliver_all(db, receiver)
    for ride_id in rides:
        ride = bookings.get_booking(db, ride_id)
        assert (ride["state"], ride["review_reason"]) == ("needs_review", "new_account")
    assert receiver.tries == []
    # The cap still counts them: holding a ride is no way around it.
    with pytest.raises(ValidationError) as full:
        bookings.create_booking(
            db,
            BookingRequest(
                idempotency_key="one-more",
                channel="family",
                created_by="family",
                senior_id=stranger.senior_id,
                trip=Trip({"address": "5 Somewhere Lane"}, {"address": "4 Far Road"}),
            ),
        )
    assert full.value.field == "senior"


def test_a_held_ride_cancelled_is_not_sent_and_cannot_be_taken_back(stranger, db, receiver):
    ride_id = book_now(stranger)
    bookings.transition(db, ride_id, "cancelled", actor="senior")
    deliver_all(db, receiver)
    assert receiver.tries == []
    assert not bookings.can_reopen(db, bookings.get_booking(db, ride_id), actor="senior")
    with pytest.raises(TransitionRefused):
        bookings.transition(db, ride_id, "requested", actor="senior")


def test_a_new_familys_ride_at_a_time_is_not_held(stranger, db, book):
    later = clock.now() + datetime.timedelta(hours=3)
    ride = book(stranger.senior_id, "Clinic", pickup_at=later, channel="family")
    assert ride["state"] == "requested" and ride["review_reason"] is None


def test_a_family_trusted_by_an_operator_goes_straight_to_dispatch(
    stranger, db, receiver, app, tmp_path
):
    result = operator(app, tmp_path, "trust-family", ANN.upper(), "--by", "Ops Olga")
    assert result.exit_code == 0, result.output
    member = accounts.get_family_member(db, stranger.member_id)
    assert member["trusted_by"] == "operator:Ops Olga" and member["trusted_at"]
    ride_id = book_now(stranger)
    deliver_all(db, receiver)
    assert bookings.get_booking(db, ride_id)["state"] == "forwarded"
    assert [state for _, _, state, _ in receiver.deliveries] == ["requested", "forwarded"]


def test_trusting_an_unknown_email_says_so(app, tmp_path):
    result = operator(app, tmp_path, "trust-family", "nobody@example.com")
    assert result.exit_code == 1 and "No family account" in result.output


def _age(db, member_id, days):
    db.table("family_members").update(
        member_id, {"created_at": clock.iso(clock.now() - datetime.timedelta(days=days))}
    )


def _completed_ride(db, book, senior_id):
    ride = book(senior_id, "Clinic", pickup_at=clock.now() + datetime.timedelta(hours=3))
    for state in ("forwarded", "assigned", "arriving", "picked_up", "completed"):
        details = {"driver_name": "Sam", "car_make": "Kia", "car_colour": "Red", "plate": "A1"}
        details["eta_minutes"] = 3
        bookings.transition(
            db, ride["id"], state, actor="dispatch", details=details if state == "assigned" else {}
        )


def test_a_family_a_day_old_with_a_completed_ride_goes_straight_through(stranger, db, book):
    _completed_ride(db, book, stranger.senior_id)
    _age(db, stranger.member_id, days=2)
    ride = bookings.get_booking(db, book_now(stranger))
    assert ride["state"] == "requested" and ride["review_reason"] is None


@pytest.mark.parametrize("days, completed", [(0.5, True), (2, False)])
def test_a_family_younger_than_a_day_or_with_no_completed_ride_is_held(
    stranger, db, book, days, completed
):
    if completed:
        _completed_ride(db, book, stranger.senior_id)
    _age(db, stranger.member_id, days=days)
    assert bookings.get_booking(db, book_now(stranger))["state"] == "needs_review"


def test_a_ride_booked_by_a_dispatcher_is_not_held(stranger, db, book):
    ride = book(stranger.senior_id, "Clinic", channel="dispatcher", created_by="dispatcher:1")
    assert ride["state"] == "requested"


def test_the_demo_family_is_trusted_from_the_start(db, margaret, book):
    lily = accounts.family_member_by_email(db, demo.FAMILY_EMAIL)
    assert lily["trusted_at"] and lily["trusted_by"] == "demo"
    assert book(margaret)["state"] == "requested"


def test_families_of_a_database_from_before_count_as_trusted(tmp_path):
    db = connect(tmp_path / "old.db")
    migrations.apply(db, stop_before="m086_trusted_families")
    db.table("family_members").insert(
        {"email": "old@example.com", "name": "Old", "password_hash": "x", "created_at": clock.iso()}
    )
    migrations.apply(db)
    old = next(db.table("family_members").rows)
    assert old["trusted_at"] and old["trusted_by"] == "migration"
    db.close()


def test_a_dispatcher_sees_why_and_approving_dispatches_once(stranger, dispatcher, db, receiver):
    ride_id = book_now(stranger)
    queue = dispatcher.get("/console/").get_data(as_text=True)
    row = re.search(
        rf'<tr class="state-needs_review".*?/console/bookings/{ride_id}".*?</tr>', queue, re.S
    )
    assert row and "New account — check this ride is real." in row.group(0)
    page = dispatcher.get(f"/console/bookings/{ride_id}").get_data(as_text=True)
    assert "New account — check this ride is real." in page and ANN in page
    for _ in range(2):  # a double click, or a second dispatcher
        dispatcher.post(
            f"/console/bookings/{ride_id}/state",
            data={"csrf_token": csrf_token(page), "to": "requested"},
        )
        deliver_all(db, receiver)
    states = [state for _, booking_id, state, _ in receiver.deliveries if booking_id == ride_id]
    assert states == ["requested", "forwarded"]
    ride = bookings.get_booking(db, ride_id)
    assert ride["state"] == "forwarded" and ride["review_reason"] is None


def test_only_staff_with_the_form_token_trust_a_family(stranger, dispatcher, db, client):
    action = f"/console/families/{stranger.member_id}/trust"
    # The family itself, signed in to the portal, is no dispatcher.
    assert client.post(action).status_code in (302, 400)
    assert stranger.client.post(action, data={"csrf_token": "forged"}).status_code in (302, 400)
    assert dispatcher.post(action).status_code == 400  # no form token
    assert accounts.get_family_member(db, stranger.member_id)["trusted_at"] is None
    page = dispatcher.get(f"/console/bookings/{book_now(stranger)}").get_data(as_text=True)
    assert action in page
    answer = dispatcher.post(action, data={"csrf_token": csrf_token(page)})
    assert answer.status_code == 303
    member = accounts.get_family_member(db, stranger.member_id)
    staff = accounts.TABLES["staff"]
    staff_id = next(db.table(staff).rows_where("email = ?", [demo.DISPATCHER_EMAIL]))["id"]
    assert member["trusted_by"] == f"dispatcher:{staff_id}" and member["trusted_at"]
    assert bookings.get_booking(db, book_now(stranger, "8 Later Road"))["state"] == "requested"


def test_the_senior_page_says_a_person_is_checking(stranger, app, db):
    ride_id = book_now(stranger)
    token = seniors.issue_device_token(db, stranger.senior_id, app.config["SECRET_KEY"])
    device = app.test_client()
    device.get(f"/s/{token}")
    page = device.get(f"/senior/rides/{ride_id}").get_data(as_text=True)
    lead = re.search(r'<p class="lead review-reason">(.*?)</p>', page, re.S)
    assert lead and "a person checks" in lead.group(1)


def test_the_phone_line_says_a_person_is_checking(stranger, call, db):
    phone = call("+15550100050")
    phone.start()
    phone.press("2")
    heard = phone.press("1")
    assert prompts("en")["booked_new_account"] in heard.text and heard.hung_up
    ride = next(db.table("bookings").rows)
    assert (ride["state"], ride["review_reason"]) == ("needs_review", "new_account")


def test_a_new_familys_trip_back_called_for_is_held_too(stranger, db, book, receiver):
    from elderride.services import returns

    out = book(stranger.senior_id, "Clinic", pickup_at=clock.now() + datetime.timedelta(hours=1))
    back = book(
        stranger.senior_id, "Home", pickup="Clinic", awaiting_call=True, return_of=out["id"]
    )
    assert back["state"] == "awaiting_call"
    called = returns.call_for(db, back["id"], actor="senior")
    assert (called["state"], called["review_reason"]) == ("needs_review", "new_account")
    deliver_all(db, receiver)
    assert back["id"] not in {entry[1] for entry in receiver.tries}


@pytest.mark.parametrize("minutes", [1, 15, 30, 90])
def test_a_new_familys_ride_soon_is_held_like_one_for_now(stranger, db, book, minutes):
    # Found by the red team: booking a minute ahead went straight to dispatch.
    soon = clock.now() + datetime.timedelta(minutes=minutes)
    ride = book(stranger.senior_id, "Clinic", pickup_at=soon, channel="family")
    assert ride["state"] == "needs_review" and ride["review_reason"] == "new_account"


def test_a_family_account_an_operator_creates_is_trusted_from_the_start(app, db, tmp_path, book):
    result = operator(
        app,
        tmp_path,
        "create-family",
        "care@home.example",
        "--name",
        "Oak Care Home",
        "--password",
        "a long password",
    )
    assert result.exit_code == 0, result.output
    member = accounts.family_member_by_email(db, "care@home.example")
    assert member["trusted_by"].startswith("operator:") and member["trusted_at"]
    senior_id = seniors.create_senior(
        db, name="Bea Lin", language="en", timezone="UTC", numbers=[("+15550100061", "mobile")]
    )
    accounts.link_senior(db, member["id"], senior_id)
    places.add_place(db, senior_id, label="Home", address="1 Typed Road")
    places.add_place(db, senior_id, label="Clinic", address="2 Typed Avenue")
    assert book(senior_id, "Clinic", channel="family")["state"] == "requested"


def test_a_dispatcher_correcting_a_held_rides_address_tells_dispatch_nothing(
    stranger, db, receiver
):
    ride_id = book_now(stranger)
    bookings.edit_trip(
        db,
        ride_id,
        pickup_address="5 Somewhere Lane",
        destination_address="10 Checked Road",
        actor="dispatcher:1",
    )
    deliver_all(db, receiver)
    assert receiver.tries == []
    assert bookings.get_booking(db, ride_id)["destination_address"] == "10 Checked Road"
