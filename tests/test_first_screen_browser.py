"""The senior's home and ride pages at a phone's size in the largest text: places first, then the
family, then the open rides; on a ride, when the car arrives before who drives it."""

import datetime

import pytest

from elderride.services import bookings, clock, returns
from tests.test_booking_steps_browser import SIZES, assert_above_the_fold, with_size
from tests.test_senior_browser import ASSIGNMENT, open_home


def top(page, selector):
    return page.locator(selector).first.bounding_box()["y"]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("who", ["margaret", "wang"])
def test_home_starts_with_every_place_then_the_family_then_the_rides(
    page, live_server, book, request, who, size
):
    senior = request.getfixturevalue(who)
    book(senior, key="first")
    book(senior, key="second", pickup_at=clock.now() + datetime.timedelta(days=1))
    with_size(page, live_server, size)
    open_home(page, live_server, senior)
    for index in range(page.locator("a.place").count()):
        assert_above_the_fold(page, page.locator("a.place").nth(index), f"place {index}")
    # The family's buttons come before the open rides, each its line and one row of buttons.
    assert top(page, "a.place.other") < top(page, "a.call") < top(page, ".rides")
    assert page.locator(".rides > li").count() == 2
    for ride in page.locator(".rides > li").all():
        status, cancel = (ride.locator(f"a.{kind}").bounding_box() for kind in ("status", "danger"))
        assert status["y"] == cancel["y"] and status["x"] < cancel["x"]
    if size == "normal":
        assert_above_the_fold(page, page.locator("#family-heading"), "family")


@pytest.mark.parametrize("who", ["margaret", "wang"])
def test_the_ride_page_says_when_the_car_arrives_first(page, live_server, db, book, request, who):
    senior = request.getfixturevalue(who)
    ride = book(senior)
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    bookings.transition(db, ride["id"], "assigned", actor="dispatch", details=ASSIGNMENT)
    with_size(page, live_server, "largest")
    open_home(page, live_server, senior)
    page.goto(f"{live_server.url}/senior/rides/{ride['id']}")
    assert_above_the_fold(page, page.locator(".arrives"), "arrives")
    assert "7" in page.locator(".arrives").inner_text()  # "Your car is 7 minutes away"
    assert top(page, ".arrives") < top(page, ".driver") < top(page, ".plate")


@pytest.mark.parametrize("who", ["margaret", "wang"])
def test_ready_to_come_back_is_one_tap_on_the_first_screen(
    page, live_server, db, book, request, who
):
    senior = request.getfixturevalue(who)
    outward = book(senior)
    for state in ("forwarded", "assigned", "arriving", "picked_up", "completed"):
        details = ASSIGNMENT if state == "assigned" else None
        bookings.transition(db, outward["id"], state, actor="dispatch", details=details)
    waiting = returns.book_on_call(
        db, outward["id"], senior_id=senior["id"], channel="web", created_by="senior"
    )
    with_size(page, live_server, "largest")
    open_home(page, live_server, senior)
    page.goto(f"{live_server.url}/senior/rides/{waiting['id']}")
    send = page.locator("form[action$='/call-now'] button")
    assert_above_the_fold(page, send, "send the car")
    with page.expect_navigation():
        send.click()
    assert bookings.get_booking(db, waiting["id"])["state"] == "requested"
