"""Recurring rides on the family portal and the trip back "when I call" on the senior page, over
HTTP: good input, and wrong, missing, oversized and hostile input."""

import datetime

import pytest

from elderride.services import bookings, clock, demo
from elderride.services.people.places import list_places
from elderride.services.scheduled import recurring
from tests.conftest import csrf_token
from tests.family_client import FamilyClient


@pytest.fixture
def lily(app, demo_data, margaret):
    family = FamilyClient(app.test_client())
    assert family.sign_in(demo.FAMILY_EMAIL, demo.FAMILY_PASSWORD).status_code == 303
    return family


def page_path(margaret):
    return f"/family/seniors/{margaret['id']}/recurring"


def good_form(db, margaret, **changes):
    places = list_places(db, margaret["id"])
    tomorrow = (clock.now() + datetime.timedelta(days=1)).date().isoformat()
    form = {
        "weekdays": ["0", "2", "4"],
        "at_time": "08:30",
        "time_kind": "pickup",
        "pickup": str(places[0]["id"]),
        "destination": str(places[1]["id"]),
        "return_kind": "call",
        "return_time": "12:00",
        "start_date": tomorrow,
        "end_date": "",
        "skipped": "",
    }
    form.update(changes)
    return form


def test_the_family_sets_up_a_weekly_ride_and_a_second_send_adds_nothing(lily, db, margaret):
    path = page_path(margaret)
    assert "Recurring rides" in lily.page(f"/family/seniors/{margaret['id']}").get_data(
        as_text=True
    )
    response = lily.submit(path, data=good_form(db, margaret))
    assert response.status_code == 303
    [rule] = recurring.list_rules(db, margaret["id"])
    assert rule["weekdays"] == [0, 2, 4] and rule["return_kind"] == "call"
    again = lily.submit(path, data=good_form(db, margaret))
    assert again.status_code == 400 and "already set up" in again.get_data(as_text=True)
    assert len(recurring.list_rules(db, margaret["id"])) == 1
    page = lily.page(path).get_data(as_text=True)
    assert "Monday, Wednesday, Friday" in page and "back when they call" in page


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"weekdays": []}, "at least one day"),
        ({"weekdays": ["9"]}, "Please choose the days of the week."),
        ({"weekdays": ["<script>"]}, "Please choose the days of the week."),
        ({"weekdays": ["0123456"]}, "Please choose the days of the week."),
        ({"weekdays": ["01"]}, "Please choose the days of the week."),
        ({"weekdays": ["-1"]}, "Please choose the days of the week."),
        ({"at_time": "25:00"}, "Please choose a time."),
        ({"at_time": ""}, "Please fill this in."),
        ({"at_time": "8:30"}, "Please choose a time."),
        ({"time_kind": "sometime"}, "what the time means"),
        ({"pickup": "99999"}, "Please choose one of the places."),
        ({"pickup": "x" * 5000}, "Please choose one of the places."),
        ({"destination": ""}, "Please choose one of the places."),
        ({"destination": "SAME"}, "where you already are"),
        ({"return_kind": "teleport"}, "how they come back"),
        ({"return_kind": "at", "return_time": "07:00"}, "later than the ride"),
        ({"start_date": "next tuesday"}, "like 2026-12-31"),
        ({"start_date": "2099-01-01"}, "within a year"),
        ({"end_date": "2000-01-01"}, "after the first"),
        ({"skipped": "2026-02-30"}, "like 2026-12-31"),
        ({"skipped": ", ".join(["2027-01-01"] * 30) + ", nonsense"}, "like 2026-12-31"),
    ],
)
def test_a_wrong_recurring_ride_is_refused_with_words_and_nothing_is_saved(
    lily, db, margaret, changes, message
):
    form = good_form(db, margaret, **changes)
    if form["destination"] == "SAME":
        form["destination"] = form["pickup"]
    response = lily.submit(page_path(margaret), data=form)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert "<script>" not in response.get_data(as_text=True)
    assert recurring.list_rules(db, margaret["id"]) == []


def test_another_seniors_place_cannot_be_used(lily, db, margaret, wang):
    their_place = list_places(db, wang["id"])[0]["id"]
    response = lily.submit(page_path(margaret), data=good_form(db, margaret, pickup=their_place))
    assert response.status_code == 400
    assert recurring.list_rules(db, margaret["id"]) == []


def test_without_the_form_token_nothing_is_saved(lily, db, margaret):
    response = lily.client.post(page_path(margaret), data=good_form(db, margaret))
    assert response.status_code == 400
    assert recurring.list_rules(db, margaret["id"]) == []


def test_a_day_is_skipped_and_the_ride_stopped(lily, db, margaret):
    lily.submit(page_path(margaret), data=good_form(db, margaret))
    [rule] = recurring.list_rules(db, margaret["id"])
    skip = f"{page_path(margaret)}/{rule['id']}/skip"
    response = lily.submit(page_path(margaret), skip, data={"day": "2027-01-04"})
    assert response.status_code == 303
    assert recurring.get_rule(db, margaret["id"], rule["id"])["skipped"] == ["2027-01-04"]
    for day in ("", "tomorrow", "2027-13-01", "9" * 300):
        refused = lily.submit(page_path(margaret), skip, data={"day": day})
        assert refused.status_code == 400
        assert "like 2026-12-31" in refused.get_data(as_text=True) or "fill this in" in (
            refused.get_data(as_text=True)
        )
    stop = f"{page_path(margaret)}/{rule['id']}/stop"
    assert lily.submit(page_path(margaret), stop).status_code == 303
    assert recurring.list_rules(db, margaret["id"]) == []
    assert lily.submit(page_path(margaret), stop).status_code == 404
    assert lily.submit(page_path(margaret), f"{page_path(margaret)}/99999/skip").status_code == 404


def test_the_senior_page_offers_the_trip_back_when_i_call_and_sends_it_on_a_tap(
    book, client, db, margaret
):
    client.get(f"/s/{margaret['device_token']}")
    places = list_places(db, margaret["id"])
    ride = book(
        margaret, {"place_id": places[1]["id"]}, pickup={"place_id": places[0]["id"]}, key="out"
    )
    page = client.get(f"/senior/rides/{ride['id']}").get_data(as_text=True)
    assert "Yes, when I call" in page
    offer = client.post(
        f"/senior/rides/{ride['id']}/return-on-call", data={"csrf_token": csrf_token(page)}
    )
    assert offer.status_code == 303
    back_id = bookings.return_ride_id(db, ride["id"])
    assert offer.headers["Location"].endswith(f"/senior/rides/{back_id}")
    # A second tap books nothing more.
    client.post(f"/senior/rides/{ride['id']}/return-on-call", data={"csrf_token": csrf_token(page)})
    assert bookings.return_ride_ids(db, ride["id"]) == [back_id]
    waiting = client.get(f"/senior/rides/{back_id}").get_data(as_text=True)
    assert "Waiting for your call" in waiting and "when you call" in waiting
    sent = client.post(
        f"/senior/rides/{back_id}/call-now", data={"csrf_token": csrf_token(waiting)}
    )
    assert sent.status_code == 303
    assert bookings.get_booking(db, back_id)["state"] == "requested"


def test_another_seniors_ride_gets_no_trip_back(book, client, db, margaret, wang):
    client.get(f"/s/{margaret['device_token']}")
    places = list_places(db, wang["id"])
    theirs = book(
        wang, {"place_id": places[1]["id"]}, pickup={"place_id": places[0]["id"]}, key="theirs"
    )
    token = csrf_token(client.get("/senior").get_data(as_text=True))
    for action in ("return-on-call", "call-now"):
        response = client.post(f"/senior/rides/{theirs['id']}/{action}", data={"csrf_token": token})
        assert response.status_code == 404
    assert bookings.return_ride_ids(db, theirs["id"]) == []


def test_an_appointment_earlier_than_the_drive_is_refused_not_booked_a_day_late(lily, db, margaret):
    form = good_form(db, margaret, at_time="00:15", time_kind="appointment")
    response = lily.submit(page_path(margaret), data=form)
    assert response.status_code == 400
    assert "The car would have to come the day before." in response.get_data(as_text=True)
    assert recurring.list_rules(db, margaret["id"]) == []


def test_the_list_reads_dates_and_times_as_words_not_codes(lily, db, margaret):
    path = page_path(margaret)
    form = good_form(db, margaret, at_time="14:30", return_kind="at", return_time="17:00")
    assert lily.submit(path, data=form).status_code == 303
    [rule] = recurring.list_rules(db, margaret["id"])
    item = lily.page(path).get_data(as_text=True).split(f'id="rule-{rule["id"]}"')[1]
    item = item.split("</li>")[0].replace("\u202f", " ")
    assert "2:30 PM" in item and "back at 5:00 PM" in item
    assert "14:30" not in item and "17:00" not in item
    assert form["start_date"] not in item
    start = datetime.date.fromisoformat(form["start_date"])
    assert f"{start:%B} {start.day}" in item
