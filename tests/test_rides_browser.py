"""Everyday trips on the senior page in Chromium at 390×844: home wherever it is in the list,
the trip back, several rides, any day and time by taps, and the page's numbers on each new page."""

import datetime
import zoneinfo

import pytest
from playwright.sync_api import expect

from elderride.services import bookings, clock
from elderride.services.people import places
from tests.browser import axe_violations, page_weights, ux_problems
from tests.test_family_browser import sign_in_lily
from tests.test_senior_browser import open_home

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def place_id(db, senior, label):
    return next(p["id"] for p in places.list_places(db, senior["id"]) if p["label"] == label)


def tap(page, locator):
    """Tap something that loads a new page, and wait until that page has loaded."""
    with page.expect_navigation():
        locator.click()


def test_the_family_reorders_places_and_rides_still_start_at_home(
    page, browser, live_server, margaret, db
):
    sign_in_lily(page, live_server)
    page.goto(f"{live_server.url}/family/seniors/{margaret['id']}/setup")
    tap(page, page.get_by_role("button", name="Move down: Home"))
    tap(page, page.get_by_role("button", name="Move down: Home"))
    senior = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        phone = senior.new_page()
        open_home(phone, live_server, margaret)
        expect(phone.locator("a.place")).to_have_text(
            ["City Hospital", "Lily's home", "Home", "Somewhere else"]
        )
        phone.get_by_role("link", name="Lily's home").click()
        expect(phone.locator(".sentence")).to_have_text("A car from Home to Lily's home, now.")
        phone.get_by_role("button", name="Call the car").click()
        expect(phone.locator("h1")).to_have_text("We are finding a car")
    finally:
        senior.close()
    ride = next(db.table("bookings").rows)
    assert (ride["pickup_label"], ride["destination_label"]) == ("Home", "Lily's home")


def test_at_city_hospital_home_takes_two_taps_from_the_suggested_pickup(
    book, page, live_server, margaret, db
):
    there = book(margaret, "City Hospital", key="there")
    bookings.transition(db, there["id"], "forwarded", actor="dispatch")
    open_home(page, live_server, margaret)
    page.get_by_role("link", name="Home", exact=True).click()  # tap 1
    expect(page.locator(".sentence")).to_have_text("A car from City Hospital to Home, now.")
    # Where from is asked with big buttons, today's last destination first and chosen; a browser
    # that can tell where it is offers that last.
    expect(page.locator(".pickups button")).to_have_text(
        [
            "From City Hospital",
            "From Lily's home",
            "Somewhere else: I will type it",
            "Pick me up where I am",
        ]
    )
    expect(page.locator(".pickups button").first).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Call the car").click()  # tap 2
    expect(page.locator("h1")).to_have_text("We are finding a car")
    back = bookings.get_booking(db, max(row["id"] for row in db.table("bookings").rows))
    assert (back["pickup_label"], back["destination_label"]) == ("City Hospital", "Home")


def test_after_a_ride_out_the_page_offers_the_car_back_home(
    page, live_server, margaret, db, mid_morning
):
    open_home(page, live_server, margaret)
    tap(page, page.get_by_role("link", name="City Hospital"))
    tap(page, page.get_by_role("button", name="Call the car"))
    expect(page.get_by_role("heading", name="A car back to Home?")).to_be_visible()
    tap(page, page.get_by_role("link", name="Yes, at a time"))
    expect(page.locator(".sentence")).to_contain_text("A car from City Hospital to Home, today")
    tap(page, page.get_by_role("button", name="Call the car"))
    rides = list(db.table("bookings").rows_where(order_by="id"))
    assert [(r["pickup_label"], r["destination_label"]) for r in rides] == [
        ("Home", "City Hospital"),
        ("City Hospital", "Home"),
    ]
    assert rides[1]["pickup_at"] is not None


def test_three_open_rides_are_listed_soonest_first_and_one_is_cancelled(
    book, page, live_server, margaret, db, mid_morning
):
    later = book(
        margaret, "Lily's home", key="later", pickup_at=clock.now() + datetime.timedelta(days=2)
    )
    book(margaret, "City Hospital", key="now")
    book(margaret, "Lily's home", key="soon", pickup_at=clock.now() + datetime.timedelta(hours=3))
    open_home(page, live_server, margaret)
    expect(page.locator("#rides-heading")).to_have_text("Your 3 cars")
    lines = page.locator(".ride-line")
    expect(lines).to_have_count(3)
    expect(lines.nth(0)).to_have_text("To City Hospital, now.")
    expect(lines.nth(1)).to_contain_text("To Lily's home, today at")
    expect(lines.nth(2)).to_contain_text("To Lily's home, ")
    expect(page.locator(".ride a.danger")).to_have_count(3)
    tap(page, page.locator(".ride a.danger").nth(2))
    tap(page, page.get_by_role("button", name="Yes, cancel the car"))
    expect(page.locator("h1")).to_have_text("Cancelled")
    assert bookings.get_booking(db, later["id"])["state"] == "cancelled"
    tap(page, page.get_by_role("link", name="Back to the start"))
    expect(page.locator(".ride-line")).to_have_count(2)
    expect(page.locator("#rides-heading")).to_have_text("Your 2 cars")


def test_a_ride_tomorrow_at_14_15_is_booked_with_taps_only(page, live_server, margaret, db):
    open_home(page, live_server, margaret)
    tap(page, page.get_by_role("link", name="City Hospital"))
    tap(page, page.get_by_role("button", name="Tomorrow"))
    tap(page, page.get_by_role("button", name="2 PM", exact=True))
    tap(page, page.get_by_role("button", name="2:15\u202fPM", exact=True))
    expect(page.locator(".sentence")).to_have_text(
        "A car from Home to City Hospital, tomorrow at 2:15\u202fPM."
    )
    tap(page, page.get_by_role("button", name="Call the car"))
    expect(page.locator("h1")).to_have_text("We are finding a car")
    ride = next(db.table("bookings").rows)
    tomorrow = clock.now().astimezone(NEW_YORK).date() + datetime.timedelta(days=1)
    assert clock.parse(ride["pickup_at"]) == datetime.datetime.combine(
        tomorrow, datetime.time(14, 15), NEW_YORK
    )


def test_a_typed_destination_survives_changing_the_time(page, live_server, margaret, db):
    open_home(page, live_server, margaret)
    tap(page, page.get_by_role("link", name="Somewhere else"))
    page.get_by_label("Where to? Type the address").fill("7 Harbour View Road")
    tap(page, page.get_by_role("button", name="Tomorrow"))
    tap(page, page.get_by_role("button", name="10 AM", exact=True))
    expect(page.get_by_label("Where to? Type the address")).to_have_value("7 Harbour View Road")
    tap(page, page.get_by_role("button", name="Call the car"))
    ride = next(db.table("bookings").rows)
    assert ride["destination_address"] == "7 Harbour View Road"
    assert ride["pickup_at"] is not None


def test_i_must_be_there_at_10_gives_the_pickup_time(page, live_server, margaret, db):
    hospital = place_id(db, margaret, "City Hospital")
    places.update_place(
        db,
        margaret["id"],
        hospital,
        label="City Hospital",
        address="400 River Road",
        travel_minutes=30,
    )
    open_home(page, live_server, margaret)
    tap(page, page.get_by_role("link", name="City Hospital"))
    tap(page, page.get_by_role("button", name="Tomorrow"))
    tap(page, page.get_by_role("button", name="10 AM", exact=True))
    tap(page, page.get_by_role("button", name="I must be there then"))
    expect(page.locator(".pickup-time")).to_have_text(
        "The car will come to Home tomorrow at 9:30\u202fAM."
    )
    tap(page, page.get_by_role("button", name="Call the car"))
    expect(page.locator(".pickup-time")).to_contain_text("The car will come tomorrow at 9:30")
    ride = next(db.table("bookings").rows)
    tomorrow = clock.now().astimezone(NEW_YORK).date() + datetime.timedelta(days=1)
    assert clock.parse(ride["appointment_at"]) == datetime.datetime.combine(
        tomorrow, datetime.time(10, 0), NEW_YORK
    )


def _new_pages(book, page, live_server, senior, db):
    """Visit every page this work added or changed and yield its name once it is showing."""
    book(senior, senior["places"][1], key="first")
    book(senior, senior["places"][2], key="second", pickup_at=clock.now() + datetime.timedelta(1))
    open_home(page, live_server, senior)
    yield "home with two rides"
    tap(page, page.locator("a.place").nth(1))
    tap(page, page.locator(".days button").nth(1))
    yield "time chooser"
    tap(page, page.locator(".modes button").nth(1))
    yield "appointment"
    page.goto(f"{live_server.url}/senior")
    tap(page, page.locator("a.place").first)
    yield "going home"
    ride = next(db.table("bookings").rows_where(order_by="id"))
    page.goto(f"{live_server.url}/senior/rides/{ride['id']}")
    yield "ride with the way back"


@pytest.mark.parametrize(
    "who, size, theme",
    [
        ("margaret", "normal", "standard"),
        ("wang", "largest", "standard"),
        ("margaret", "large", "contrast"),
    ],
)
def test_every_new_senior_page_meets_the_senior_ux_numbers_and_axe(
    book, page, live_server, db, request, who, size, theme
):
    senior = dict(request.getfixturevalue(who))
    senior["places"] = [p["label"] for p in places.list_places(db, senior["id"])]
    page.context.add_cookies(
        [
            {"name": "size", "value": size, "url": live_server.url},
            {"name": "theme", "value": theme, "url": live_server.url},
        ]
    )
    seen = []
    for name in _new_pages(book, page, live_server, senior, db):
        seen.append(name)
        assert ux_problems(page) == [], name
        assert axe_violations(page) == [], name
    assert len(seen) == 5


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_family_pages_with_the_new_fields_pass_axe(
    book, page, live_server, margaret, db, language
):
    ride = book(
        margaret,
        "City Hospital",
        key="appointment",
        appointment_at=clock.now() + datetime.timedelta(days=1),
    )
    sign_in_lily(page, live_server)
    page.context.add_cookies([{"name": "lang", "value": language, "url": live_server.url}])
    base = f"{live_server.url}/family/seniors/{margaret['id']}"
    home = place_id(db, margaret, "Home")
    for path in (
        "",
        "/setup",
        "/rides/new",
        f"/places/{home}",
        "/places/new",
        f"/rides/{ride['id']}",
    ):
        page.goto(base + path)
        assert axe_violations(page) == [], path
    page.goto(base)
    expect(page.locator("#upcoming .ride")).to_have_count(1)
    # Cancelling asks first, on a page of its own that passes axe too.
    expect(page.locator("#upcoming a.ride-cancel")).to_have_count(1)
    page.locator("#upcoming a.ride-cancel").click()
    expect(page.locator("h1")).to_have_count(1)
    assert page.url.endswith("/cancel")
    assert axe_violations(page) == [], page.url


def test_the_time_chooser_weighs_at_most_30_kilobytes(page, live_server, margaret, db):
    sizes = page_weights(page)
    open_home(page, live_server, margaret)
    tap(page, page.get_by_role("link", name="City Hospital"))
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        tap(page, page.get_by_role("button", name="Tomorrow"))
    assert page.locator(".hours button").count() == 17
    # The page with every hour, and the style and script it uses (fetched once, then cached).
    assets = sum(size for url, size in sizes.items() if ".css" in url or ".js" in url)
    assert assets and len(posted.value.body()) + assets <= 30 * 1024
