"""Recurring rides in Chromium: the family sets up a Monday/Wednesday/Friday ride; the senior's
page shows the week and offers the trip back when they call, within the senior page's numbers."""

import datetime
import os
import re
import zoneinfo
from pathlib import Path

import pytest
from playwright.sync_api import expect

from elderride.services import bookings, clock
from elderride.services.people.places import list_places
from elderride.services.scheduled import recurring
from tests.browser import axe_violations, ux_problems

# Screenshots for people to look at, when asked for (ELDERRIDE_SHOTS=/folder).
SHOTS = os.environ.get("ELDERRIDE_SHOTS")


def shoot(page, name):
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for label, size in (("phone", (390, 844)), ("desktop", (1280, 800))):
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.screenshot(path=f"{SHOTS}/{name}-{label}.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})


def sign_in_lily(page, live_server):
    page.goto(f"{live_server.url}/family/signin")
    page.get_by_label("Email").fill("lily@example.com")
    page.get_by_label("Password").fill("lily-demo-password")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def next_monday(margaret):
    today = clock.now().astimezone(zoneinfo.ZoneInfo(margaret["timezone"])).date()
    return today + datetime.timedelta(days=7 - today.weekday())


def test_the_family_sets_up_a_monday_wednesday_friday_ride(page, live_server, margaret, db):
    sign_in_lily(page, live_server)
    page.goto(f"{live_server.url}/family/seniors/{margaret['id']}")
    with page.expect_navigation():
        page.get_by_role("link", name="Recurring rides").click()
    expect(page.locator("h1")).to_have_text("Recurring rides for Margaret Chen")
    assert axe_violations(page) == []
    form = page.locator("section#new form")
    # A first try without days says what to fix and keeps what was chosen.
    form.get_by_label("To", exact=True).select_option(label="City Hospital")
    with page.expect_navigation():
        page.get_by_role("button", name="Set up the ride").click()
    expect(page.locator("#weekdays-error")).to_have_text(
        "Please choose at least one day of the week."
    )
    assert axe_violations(page) == []
    form = page.locator("section#new form")
    expect(form.get_by_label("To", exact=True)).to_have_value(
        str(list_places(db, margaret["id"])[1]["id"])
    )
    for day in ("Monday", "Wednesday", "Friday"):
        form.get_by_label(day, exact=True).check()
    form.get_by_label("Time", exact=True).select_option("08:30")
    form.get_by_label("From", exact=True).select_option(label="Home")
    form.get_by_label("When they call", exact=True).check()
    monday = next_monday(margaret)
    form.get_by_label("First day", exact=True).fill(monday.isoformat())
    skipped = monday + datetime.timedelta(days=2)
    form.get_by_label("Days to skip", exact=True).fill(skipped.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Set up the ride").click()
    rule_item = page.locator("section#rules li.item")
    expect(rule_item).to_have_count(1)
    # The time as the family reads one (the "24-hour times on the English page").
    expect(rule_item.locator(".item-title")).to_have_text(
        re.compile(r"^Monday, Wednesday, Friday · 8:30\s?AM$")
    )
    expect(rule_item).to_contain_text("Home → City Hospital")
    expect(rule_item).to_contain_text("back when they call")
    expect(rule_item).to_contain_text(f"Skipped: {skipped:%a}, {skipped:%B} {skipped.day}")
    assert axe_violations(page) == []
    shoot(page, "family-recurring-en")
    [rule] = recurring.list_rules(db, margaret["id"])
    assert (rule["weekdays"], rule["at_time"], rule["return_kind"]) == ([0, 2, 4], "08:30", "call")
    assert rule["skipped"] == [skipped.isoformat()]
    with page.expect_navigation():
        page.get_by_role("button", name="简体中文").click()
    expect(page.locator("h1")).to_have_text("Margaret Chen的定期用车")
    assert axe_violations(page) == []
    shoot(page, "family-recurring-zh")


@pytest.fixture
def early_morning(margaret):
    """The clock at 6:00 in the senior's zone today, before the day's 8:30 ride: the week shown
    then does not depend on when the suite runs."""
    zone = zoneinfo.ZoneInfo(margaret["timezone"])
    today = clock.now().astimezone(zone).date()
    clock.set_now(datetime.datetime.combine(today, datetime.time(6, 0), zone))
    yield
    clock.set_now(None)


@pytest.mark.parametrize("language_button", [None, "简体中文"])
def test_the_senior_sees_the_week_and_the_trip_back_within_the_numbers(
    book, page, live_server, margaret, db, language_button, early_morning
):
    places = list_places(db, margaret["id"])
    recurring.add_rule(
        db,
        margaret["id"],
        {
            "weekdays": [str(day) for day in range(7)],
            "at_time": "08:30",
            "pickup": places[0]["id"],
            "destination": places[1]["id"],
            "return_kind": "call",
            "start_date": clock.now()
            .astimezone(zoneinfo.ZoneInfo(margaret["timezone"]))
            .date()
            .isoformat(),
        },
        created_by="family:1",
    )
    ride = book(
        margaret, {"place_id": places[1]["id"]}, pickup={"place_id": places[0]["id"]}, key="out"
    )
    page.goto(f"{live_server.url}/s/{margaret['device_token']}")
    if language_button:
        with page.expect_navigation():
            page.get_by_role("button", name=language_button).click()
    suffix = "zh" if language_button else "en"
    expect(page.locator("ul.week li")).to_have_count(7)
    assert ux_problems(page) == [] and axe_violations(page) == []
    shoot(page, f"senior-week-{suffix}")
    page.goto(f"{live_server.url}/senior/rides/{ride['id']}")
    offer = page.locator("form[action$='/return-on-call'] button")
    assert ux_problems(page) == [] and axe_violations(page) == []
    shoot(page, f"senior-ride-offer-{suffix}")
    with page.expect_navigation():
        offer.click()
    expect(page.locator("form[action$='/call-now'] button")).to_be_visible()
    assert ux_problems(page) == [] and axe_violations(page) == []
    shoot(page, f"senior-return-waiting-{suffix}")
    with page.expect_navigation():
        page.locator("form[action$='/call-now'] button").click()
    back = bookings.get_booking(db, bookings.return_ride_id(db, ride["id"]))
    assert back["state"] == "requested"
