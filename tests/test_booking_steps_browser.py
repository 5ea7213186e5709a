"""Booking for later as short steps at a phone's size: each page starts with its one question,
and the next thing to tap is above the fold at 390×844 in every text size, in both languages."""

import datetime
import zoneinfo

import pytest
from playwright.sync_api import expect

from elderride.services import clock
from tests.test_rides_browser import tap
from tests.test_senior_browser import open_home

FOLD = 844
SIZES = ["normal", "large", "largest"]


def assert_above_the_fold(page, locator, step):
    """The page opened at its top, and `locator` is whole within the first screen."""
    assert page.evaluate("window.scrollY") == 0, step
    box = locator.bounding_box()
    assert box is not None, step
    assert box["y"] >= 0 and box["y"] + box["height"] <= FOLD, (step, box)


def with_size(page, live_server, size):
    page.context.add_cookies([{"name": "size", "value": size, "url": live_server.url}])


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("who", ["margaret", "wang"])
def test_each_step_of_booking_for_later_starts_with_the_next_thing_to_tap(
    page, live_server, db, request, who, size
):
    senior = request.getfixturevalue(who)
    with_size(page, live_server, size)
    open_home(page, live_server, senior)
    tap(page, page.locator("a.place").nth(1))
    # Now is one tap away, and so is another day.
    assert_above_the_fold(page, page.locator("form.book button[type=submit]"), "now")
    assert_above_the_fold(page, page.locator(".days button").nth(1), "days")
    tap(page, page.locator(".days button").nth(1))  # tomorrow
    expect(page.locator("h1")).to_have_text(["At what hour?", "几点？"][who == "wang"])
    assert_above_the_fold(page, page.locator(".hours button[value='10']"), "hour")
    # Two hours a row, and no hour's words run past its button's edge.
    assert page.locator(".hours button").nth(1).bounding_box()["x"] > 100
    clipped = page.eval_on_selector_all(
        ".hours button", "buttons => buttons.filter(b => b.scrollWidth > b.clientWidth).length"
    )
    assert clipped == 0
    tap(page, page.locator(".hours button[value='10']"))
    expect(page.locator("h1")).to_have_text(["And the minutes?", "几点几分？"][who == "wang"])
    assert_above_the_fold(page, page.locator(".quarters button[value='30']"), "minutes")
    tap(page, page.locator(".quarters button[value='30']"))
    assert_above_the_fold(page, page.locator(".modes button[value='1']"), "must be there")
    tap(page, page.locator(".modes button[value='1']"))
    # After the last choice the ride is said whole and "Call the car" is in sight.
    assert_above_the_fold(page, page.locator(".pickup-time"), "ready")
    assert_above_the_fold(page, page.locator("form.book button[type=submit]"), "ready")
    tap(page, page.locator("form.book button[type=submit]"))
    ride = next(db.table("bookings").rows)
    zone = zoneinfo.ZoneInfo(senior["timezone"])
    tomorrow = clock.now().astimezone(zone).date() + datetime.timedelta(days=1)
    assert clock.parse(ride["appointment_at"]) == datetime.datetime.combine(
        tomorrow, datetime.time(10, 30), zone
    )
