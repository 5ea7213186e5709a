"""What a scheduler needs beyond text: coordinates the family pastes, a pickup window, who rides
along and the needs as TDS special-attribute codes, all in the booking document."""

import datetime

import pytest

from elderride.services import booking_document, clock, pickup_times
from elderride.services.people import places
from elderride.services.special_attributes import TDS_CODES
from tests import openapi_check
from tests.conftest import place_of


def edit_place(lily, db, senior, label, **changes):
    place = place_of(db, senior, label)
    data = {"label": place["label"], "address": place["address"], **changes}
    if place["is_home"]:
        data["is_home"] = "on"
    return lily.submit(f"/family/seniors/{senior['id']}/places/{place['id']}", data=data)


def document_fits(document):
    openapi_check.check_response(
        "/api/v1/bookings/{booking_id}", "get", 200, {"booking": document, "events": []}
    )


def test_pasted_coordinates_travel_with_the_ride(db, lily, margaret, book):
    assert (
        edit_place(lily, db, margaret, "Home", coordinates=" 40.7128,-74.0060 ").status_code == 303
    )
    assert (
        edit_place(lily, db, margaret, "City Hospital", coordinates="40.73 -73.99").status_code
        == 303
    )
    home = place_of(db, margaret, "Home")
    assert (home["latitude"], home["longitude"]) == (40.7128, -74.006)
    document = booking_document.document_of(db, book(margaret))
    assert document["pickup"]["latitude"] == 40.7128 and document["pickup"]["longitude"] == -74.006
    assert (document["destination"]["latitude"], document["destination"]["longitude"]) == (
        40.73,
        -73.99,
    )
    document_fits(document)
    # The form shows them again, and an edit that leaves them alone keeps them.
    page = lily.page(f"/family/seniors/{margaret['id']}/places/{home['id']}").get_data(as_text=True)
    assert 'value="40.7128, -74.006"' in page
    places.update_place(db, margaret["id"], home["id"], label="Home", address=home["address"])
    assert place_of(db, margaret, "Home")["latitude"] == 40.7128


@pytest.mark.parametrize(
    "pasted",
    ["91, 10", "45, 181", "-90.5, 0", "north", "40.7;", "1,2,3", "40.7128, -74.0060" + " " * 60],
)
def test_coordinates_out_of_range_or_unreadable_are_explained_and_change_nothing(
    db, lily, margaret, pasted
):
    response = edit_place(lily, db, margaret, "Home", coordinates=pasted)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="coordinates-error"' in page
    assert place_of(db, margaret, "Home")["latitude"] is None


def test_clearing_the_coordinates_removes_them(db, lily, margaret):
    edit_place(lily, db, margaret, "Home", coordinates="40.7, -74")
    assert edit_place(lily, db, margaret, "Home", coordinates="").status_code == 303
    assert place_of(db, margaret, "Home")["latitude"] is None


def test_a_typed_address_has_no_coordinates(db, margaret, book):
    document = booking_document.document_of(db, book(margaret, {"address": "9 Elm Street"}))
    assert document["destination"] == {
        "label": None,
        "address": "9 Elm Street",
        "latitude": None,
        "longitude": None,
    }


def test_the_pickup_window_follows_the_time_asked(db, margaret, book):
    tomorrow = clock.now().date() + datetime.timedelta(days=1)
    at = datetime.datetime.combine(tomorrow, datetime.time(14), datetime.UTC)
    ordinary = booking_document.document_of(db, book(margaret, pickup_at=at))
    assert ordinary["pickup_window"] == {
        "earliest": clock.iso(at),
        "latest": clock.iso(at + datetime.timedelta(minutes=30)),
    }
    # Must be there by 15:00, a 30 minutes' drive: the car comes by 14:30, not after.
    appointment = booking_document.document_of(
        db, book(margaret, appointment_at=at + datetime.timedelta(hours=1))
    )
    assert appointment["pickup_window"] == {
        "earliest": clock.iso(at),
        "latest": clock.iso(at + datetime.timedelta(minutes=30)),
    }
    assert appointment["pickup_at"] == clock.iso(at + datetime.timedelta(minutes=30))
    document_fits(appointment)


def test_needs_go_out_as_tds_codes_and_ours_stay_the_source(db, margaret, book):
    document = booking_document.document_of(
        db, book(margaret, needs=["walker", "wheelchair", "hearing", "meet_at_door", "easy_entry"])
    )
    assert document["needs"] == ["walker", "wheelchair", "hearing", "meet_at_door", "easy_entry"]
    assert document["special_attributes"] == ["WA", "W", "HIP", "D2D"]
    document_fits(document)


def test_every_tds_code_we_send_is_one_the_document_allows():
    allowed = openapi_check.document()["components"]["schemas"]["Booking"]["properties"][
        "special_attributes"
    ]["items"]["enum"]
    assert {code for codes in TDS_CODES.values() for code in codes} <= set(allowed)


def family_ride(lily, margaret, db, **changes):
    data = {
        "request_key": "companions",
        "pickup": str(place_of(db, margaret, "Home")["id"]),
        "destination": str(place_of(db, margaret, "City Hospital")["id"]),
        "when": pickup_times.days(margaret["timezone"])[1].isoformat(),
        "hour": "14",
        "minute": "15",
        **changes,
    }
    return lily.submit(f"/family/seniors/{margaret['id']}/rides/new", data=data)


def test_the_family_says_who_rides_along(db, lily, margaret):
    assert family_ride(lily, margaret, db, companions="1").status_code == 303
    ride = next(db.table("bookings").rows)
    assert ride["companions"] == 1
    assert booking_document.document_of(db, {**ride, "needs": []})["companions"] == 1


@pytest.mark.parametrize("companions", ["4", "-1", "lots", "1.5", "9" * 40])
def test_too_many_companions_are_explained_and_book_nothing(db, lily, margaret, companions):
    response = family_ride(lily, margaret, db, companions=companions)
    assert response.status_code == 400
    assert 'id="companions-error"' in response.get_data(as_text=True)
    assert db.table("bookings").count == 0
