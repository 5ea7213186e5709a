"""The new choices of the senior page and the family portal under wrong, missing, oversized and
hostile input: a clear page, never a 500, nothing booked or saved by mistake."""

import datetime
import re
import zoneinfo

import pytest

from elderride.services import clock, pickup_times
from elderride.services.people import places
from tests.family_client import FamilyClient
from tests.test_senior_page import confirm_form, open_link, place_id

HOSTILE = ["", "<script>alert(1)</script>", "x" * 5000, "99", "-1", "2999-01-01", "\x00", "1e9"]


@pytest.mark.parametrize("field", ["set_day", "set_hour", "set_minute", "set_pickup", "set_arrive"])
@pytest.mark.parametrize("value", HOSTILE)
def test_odd_choice_buttons_show_the_page_again_and_book_nothing(
    client, margaret, db, field, value
):
    open_link(client, margaret)
    form = confirm_form(client, f"to={place_id(db, margaret, 'City Hospital')}")
    form[field] = value
    response = client.post("/senior/ride", data=form)
    assert response.status_code == 200
    assert "<script>alert" not in response.get_data(as_text=True)
    assert db.table("bookings").count == 0


@pytest.mark.parametrize("when", HOSTILE + ["2026-11-25T14:15:00", "now", "tomorrow_morning"])
def test_odd_times_in_the_booking_form_never_fail(client, margaret, db, when):
    open_link(client, margaret)
    form = confirm_form(client, f"to={place_id(db, margaret, 'City Hospital')}")
    form["when"] = when
    form["arrive"] = "1"
    response = client.post("/senior/ride", data=form)
    assert response.status_code in (303, 400)
    assert db.table("bookings").count <= 1


def test_a_time_already_past_today_is_explained_and_not_booked(client, margaret, db):
    open_link(client, margaret)
    zone = zoneinfo.ZoneInfo(margaret["timezone"])
    past = clock.now().astimezone(zone) - datetime.timedelta(hours=1)
    if past.date() != pickup_times.today(margaret["timezone"]):
        pytest.skip("just after midnight there is no earlier time today")
    form = confirm_form(client, f"to={place_id(db, margaret, 'City Hospital')}")
    form["when"] = f"{past.date().isoformat()}T{past.hour:02d}:00"
    response = client.post("/senior/ride", data=form)
    assert response.status_code == 400
    assert "This time has already passed." in response.get_data(as_text=True)
    assert db.table("bookings").count == 0


@pytest.fixture
def lily(app, margaret):
    family = FamilyClient(app.test_client())
    assert family.sign_in("lily@example.com", "lily-demo-password").status_code == 303
    return family


def family_ride(lily, margaret, db, **changes):
    data = {
        "request_key": "k",
        "pickup": str(place_id(db, margaret, "Home")),
        "destination": str(place_id(db, margaret, "City Hospital")),
        "when": pickup_times.days(margaret["timezone"])[1].isoformat(),
        "hour": "14",
        "minute": "15",
    }
    data.update(changes)
    return lily.submit(f"/family/seniors/{margaret['id']}/rides/new", data=data)


def test_the_family_books_tomorrow_at_14_15_and_sees_the_pickup_time(lily, margaret, db):
    response = family_ride(lily, margaret, db)
    assert response.status_code == 303
    ride = next(db.table("bookings").rows)
    zone = zoneinfo.ZoneInfo(margaret["timezone"])
    assert clock.parse(ride["pickup_at"]).astimezone(zone).strftime("%H:%M") == "14:15"
    page = lily.page(response.headers["Location"]).get_data(as_text=True)
    assert re.search(r'class="pickup-time"><time [^>]*>tomorrow, 2:15[\u202f ]PM</time>', page)


def test_the_family_books_by_appointment_time(lily, margaret, db):
    response = family_ride(lily, margaret, db, hour="10", minute="0", arrive="on")
    assert response.status_code == 303
    ride = next(db.table("bookings").rows)
    zone = zoneinfo.ZoneInfo(margaret["timezone"])
    assert clock.parse(ride["pickup_at"]).astimezone(zone).strftime("%H:%M") == "09:30"
    page = lily.page(response.headers["Location"]).get_data(as_text=True)
    assert re.search(r'class="pickup-time"><time [^>]*>tomorrow, 9:30[\u202f ]AM</time>', page)
    assert re.search(r'class="appointment"><time [^>]*>tomorrow, 10:00[\u202f ]AM</time>', page)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"hour": ""}, "Please choose the hour."),
        ({"hour": "99"}, "Please choose the hour."),
        ({"hour": "<b>"}, "Please choose the hour."),
        ({"minute": "7"}, "Please choose the minutes."),
        ({"when": "2999-01-01"}, "Please choose a time."),
        ({"when": "x" * 5000}, "Please choose a time."),
    ],
)
def test_odd_family_times_are_explained_and_book_nothing(lily, margaret, db, changes, message):
    response = family_ride(lily, margaret, db, **changes)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.table("bookings").count == 0


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"travel_minutes": "abc"}, "Please give the minutes as a number from 0 to 240."),
        ({"travel_minutes": "9" * 400}, "Please give the minutes as a number from 0 to 240."),
        ({"pickup_notes": "x" * 301}, "Please keep this under 300 characters."),
    ],
)
def test_odd_place_notes_and_minutes_are_explained(lily, margaret, db, changes, message):
    home = place_id(db, margaret, "Home")
    data = {"label": "Home", "address": "12 Elm Street", "is_home": "on", **changes}
    path = f"/family/seniors/{margaret['id']}/places/{home}"
    response = lily.submit(path, data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert places.get_place(db, margaret["id"], home)["pickup_notes"] == ""


def test_the_family_marks_another_place_home_on_the_place_form(lily, margaret, db):
    lily_home = place_id(db, margaret, "Lily's home")
    path = f"/family/seniors/{margaret['id']}/places/{lily_home}"
    data = {
        "label": "Lily's home",
        "address": "88 Oak Avenue",
        "is_home": "on",
        "pickup_notes": "Meet at the <east> entrance",
        "travel_minutes": "20",
    }
    assert lily.submit(path, data=data).status_code == 303
    assert places.home_place(db, margaret["id"])["id"] == lily_home
    page = lily.page(f"/family/seniors/{margaret['id']}/setup").get_data(as_text=True)
    assert "Meet at the &lt;east&gt; entrance" in page
