""" "Pick me up where I am": the device's location, asked for once in large words, carried on the
booking; refused, the page says what to do instead."""

import os

import pytest
from playwright.sync_api import expect

from elderride.services import booking_document, bookings
from tests.test_senior_page import confirm_form, open_link, place_id

PHONE = {"width": 390, "height": 844}
NEW_YORK = {"latitude": 40.7128, "longitude": -74.006}


def phone_page(browser, geolocation=None):
    context = browser.new_context(
        viewport=PHONE,
        geolocation=geolocation,
        permissions=["geolocation"] if geolocation else [],
    )
    return context, context.new_page()


def shoot(page, name):
    shots = os.environ.get("ELDERRIDE_SHOTS")
    if shots:
        page.screenshot(path=f"{shots}/{name}.png", full_page=True)


def test_the_car_comes_where_the_device_says(browser, live_server, margaret, db):
    context, page = phone_page(browser, NEW_YORK)
    try:
        page.goto(f"{live_server.url}/s/{margaret['device_token']}")
        page.get_by_role("link", name="City Hospital").click()
        offer = page.get_by_role("button", name="Pick me up where I am")
        expect(offer).to_be_visible()
        shoot(page, "senior-here-offer-en-phone")
        with page.expect_navigation():
            offer.click()
        expect(page.locator(".sentence")).to_have_text(
            "A car from where you are now to City Hospital, now."
        )
        shoot(page, "senior-here-chosen-en-phone")
        page.get_by_role("button", name="Call the car").click()
        expect(page.locator("h1")).to_have_text("We are finding a car")
    finally:
        context.close()
    ride = next(db.table("bookings").rows)
    assert (ride["pickup_latitude"], ride["pickup_longitude"]) == (40.7128, -74.006)
    assert (ride["pickup_label"], ride["pickup_address"]) == (
        "My location",
        "40.712800, -74.006000",
    )
    document = booking_document.document_of(db, bookings.get_booking(db, ride["id"]))
    assert document["pickup"]["latitude"] == 40.7128


def test_refused_the_page_says_what_to_do_and_does_not_ask_again(
    browser, live_server, margaret, db
):
    context, page = phone_page(browser)
    try:
        page.goto(f"{live_server.url}/s/{margaret['device_token']}")
        page.get_by_role("link", name="City Hospital").click()
        page.get_by_role("button", name="Pick me up where I am").click()
        expect(page.get_by_role("status")).to_have_text(
            "We could not tell where you are. Choose a place above, or type the address."
        )
        expect(page.get_by_role("button", name="Pick me up where I am")).to_be_hidden()
        shoot(page, "senior-here-refused-en-phone")
        page.reload()
        expect(page.get_by_role("button", name="From Home")).to_be_visible()
        expect(page.get_by_role("button", name="Pick me up where I am")).to_be_hidden()
        # The ride still goes from home, as before.
        page.get_by_role("button", name="Call the car").click()
        expect(page.locator("h1")).to_have_text("We are finding a car")
    finally:
        context.close()
    assert next(db.table("bookings").rows)["pickup_label"] == "Home"


def test_the_offer_speaks_chinese(browser, live_server, wang):
    context, page = phone_page(browser, {"latitude": 30.2741, "longitude": 120.1551})
    try:
        page.goto(f"{live_server.url}/s/{wang['device_token']}")
        page.get_by_role("link", name="市第一人民医院").click()
        offer = page.get_by_role("button", name="到我现在的地方接我")
        expect(offer).to_be_visible()
        shoot(page, "senior-here-offer-zh-phone")
        with page.expect_navigation():
            offer.click()
        expect(page.locator(".sentence")).to_contain_text("您现在所在的地方")
        shoot(page, "senior-here-chosen-zh-phone")
    finally:
        context.close()


@pytest.mark.parametrize(
    "latitude, longitude", [("999", "0"), ("nan", "1"), ("", ""), ("1e400", "2"), ("x" * 300, "3")]
)
def test_a_point_no_device_gives_asks_for_the_address_instead(
    client, margaret, db, latitude, longitude
):
    open_link(client, margaret)
    form = confirm_form(client, f"to={place_id(db, margaret, 'City Hospital')}")
    form.update(set_pickup="here", here_latitude=latitude, here_longitude=longitude)
    page = client.post("/senior/ride", data=form)
    assert page.status_code == 200
    assert 'name="pickup_address"' in page.get_data(as_text=True)
    # Sent on anyway as a point, it is no point: the car comes from home, as the page said.
    sent = {key: value for key, value in form.items() if key not in ("set_pickup", "pickup")}
    booked = client.post("/senior/ride", data={**sent, "pickup_here": "1"})
    assert booked.status_code == 303
    ride = next(db.table("bookings").rows)
    assert (ride["pickup_label"], ride["pickup_latitude"]) == ("Home", None)
