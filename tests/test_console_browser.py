"""The console in Chromium at a dispatcher's 1280×800: a full queue at a glance, the review alert,
a review resolved with the keyboard alone, and axe on every page in both languages."""

import datetime
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from elderride.services import bookings, clock, demo, drivers
from tests.browser import axe_violations
from tests.console_world import DRIVER, busy_shift, review_waiting

FIXTURES = Path(__file__).parent / "fixtures" / "audio"
DESK = {"width": 1280, "height": 800}


@pytest.fixture
def desk(browser, live_server):
    """A signed-in dispatcher's browser at 1280×800; desk("zh") for one in Chinese."""
    contexts = []

    def open_desk(language="en"):
        context = browser.new_context(viewport=DESK)
        contexts.append(context)
        context.add_cookies([{"name": "lang", "value": language, "url": live_server.url}])
        page = context.new_page()
        page.goto(f"{live_server.url}/console/signin")
        page.locator("#email").fill(demo.DISPATCHER_EMAIL)
        page.locator("#password").fill(demo.DISPATCHER_PASSWORD)
        with page.expect_navigation():
            page.locator("#password").press("Enter")
        return page

    yield open_desk
    for context in contexts:
        context.close()


def test_the_queue_shows_at_least_15_rides_without_scrolling(desk, db, demo_data, live_server):
    busy_shift(db, rides=18)
    review_waiting(db)
    page = desk()
    rows = page.locator("table.rides tbody tr")
    expect(rows).to_have_count(19)
    seen = [
        box
        for box in (rows.nth(index).bounding_box() for index in range(rows.count()))
        if box["y"] >= 0 and box["y"] + box["height"] <= DESK["height"]
    ]
    assert len(seen) >= 15, f"only {len(seen)} rides fit in the window"
    assert page.evaluate("window.scrollY") == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= DESK["width"]
    text_size = page.locator("table.rides td").first.evaluate(
        "cell => parseFloat(getComputedStyle(cell).fontSize)"
    )
    assert 14 <= text_size <= 16
    # Reviews first, with their state in words.
    expect(rows.first).to_have_attribute("data-state", "needs_review")
    expect(rows.first).to_contain_text("Needs review")


def test_the_waiting_time_counts_up(desk, db, demo_data, browser, live_server):
    [ride] = busy_shift(db, rides=1)
    an_hour_ago = clock.iso(clock.now() - datetime.timedelta(minutes=75, seconds=10))
    db.execute("update bookings set created_at = ? where id = ?", [an_hour_ago, ride["id"]])
    db.conn.commit()
    page = desk()
    waiting = page.locator("td.waiting")
    expect(waiting).to_have_text("1 h 15 min")
    page.clock.install()
    page.reload()
    page.clock.fast_forward("02:00")
    expect(waiting).to_have_text("1 h 17 min")


def test_a_new_review_is_shown_and_heard_and_the_mute_is_remembered(desk, db, demo_data):
    busy_shift(db, rides=3)
    page = desk()
    expect(page.locator("[data-review-alert]")).to_have_count(0)
    review_waiting(db, key="first")
    alert = page.locator("[data-review-alert]")
    expect(alert).to_have_text("1 caller needs review", timeout=15_000)
    expect(page.locator("body")).to_have_attribute("data-chimes", "1")
    expect(page.locator("[data-announcer]")).to_have_text("A caller needs review")
    mute = page.get_by_role("button", name="Mute")
    expect(mute).to_have_attribute("aria-pressed", "false")
    page.keyboard.press("m")  # the shortcut
    expect(mute).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(page.get_by_role("button", name="Mute")).to_have_attribute("aria-pressed", "true")
    review_waiting(db, key="second", phone="+15550100078")
    expect(page.locator("[data-review-alert]")).to_have_text(
        "2 callers need review", timeout=15_000
    )
    assert page.locator("body").get_attribute("data-chimes") is None  # muted: seen, not heard


def wait_until(page, expression, seconds=10):
    """Poll `expression` in the page until it is true (the page's policy forbids eval)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"never true: {expression}"
        page.wait_for_timeout(50)


def focus_by_tab(page, selector, limit=80):
    """Press Tab until `selector` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_review_is_resolved_with_the_keyboard_alone(desk, call, margaret, db):
    # A driver the console has seen before.
    earlier = busy_shift(db, rides=2)
    bookings.transition(db, earlier[0]["id"], "forwarded", actor="dispatch")
    bookings.transition(db, earlier[0]["id"], "assigned", actor="dispatch", details=DRIVER)
    sam = drivers.recent(db)[0]
    # Margaret phones and says an address that is not one of her places.
    phone = call("+15550100001")
    phone.start()
    phone.press("8")
    phone.say((FIXTURES / "ne-16k.wav").read_bytes(), duration=2)
    ride = next(db.table("bookings").rows_where("call_sid = ?", [phone.call_sid]))
    assert ride["destination_address"].startswith("(recording ")

    page = desk()
    page.keyboard.press("j")  # the first ride: the review
    assert page.evaluate("document.activeElement.textContent") == "Margaret Chen"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Listen.
    focus_by_tab(page, "audio")
    page.keyboard.press("Space")
    wait_until(page, "document.querySelector('audio').currentTime > 0")

    # Confirming before the address is typed is refused, and says where.
    focus_by_tab(page, "button.primary")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Confirm the booking"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#destination_address-error")).to_be_visible()

    # Correct the address (Enter saves), then confirm.
    focus_by_tab(page, "#destination_address")
    page.keyboard.type("5 Bay Road")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("dd", has_text="5 Bay Road")).to_be_visible()
    focus_by_tab(page, "button.primary")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".state")).to_have_attribute("data-state", "requested")

    # Dispatch takes it; the dispatcher assigns the remembered driver.
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    page.reload()
    focus_by_tab(page, "#driver_id")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#driver_id")).to_have_value(str(sam["id"]))
    expect(page.locator("#plate")).to_have_value("ABC 123")  # filled in from memory
    focus_by_tab(page, "#eta_minutes")
    page.keyboard.type("ten")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # One wrong field; nothing typed or chosen is lost.
    expect(page.locator("#eta_minutes-error")).to_be_visible()
    for field, value in (
        ("#driver_id", str(sam["id"])),
        ("#driver_name", "Sam Lee"),
        ("#driver_phone", "+15550100050"),
        ("#car_make", "Toyota Prius"),
        ("#car_colour", "Blue"),
        ("#plate", "ABC 123"),
        ("#eta_minutes", "ten"),
    ):
        expect(page.locator(field)).to_have_value(value)
    focus_by_tab(page, "#eta_minutes")
    page.keyboard.press("Control+a")
    page.keyboard.type("6")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".state")).to_have_attribute("data-state", "assigned")
    assigned = bookings.get_booking(db, ride["id"])
    assert (assigned["driver_name"], assigned["plate"], assigned["eta_minutes"]) == (
        "Sam Lee",
        "ABC 123",
        6,
    )
    assert assigned["destination_address"] == "5 Bay Road"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_console_page_passes_axe(desk, browser, live_server, call, margaret, db, language):
    rides = busy_shift(db, rides=6)  # the second is assigned, the fifth with dispatch
    bookings.transition(db, rides[4]["id"], "no_car", actor="dispatch")
    phone = call("+15550100001")
    phone.start()
    phone.press("8")
    phone.say((FIXTURES / "ne-16k.wav").read_bytes(), duration=2)
    review = next(db.table("bookings").rows_where("call_sid = ?", [phone.call_sid]))

    anonymous = browser.new_context(viewport=DESK)
    try:
        anonymous.add_cookies([{"name": "lang", "value": language, "url": live_server.url}])
        sign_in = anonymous.new_page()
        sign_in.goto(f"{live_server.url}/console/signin")
        assert axe_violations(sign_in) == []
        expect(sign_in.locator("html")).to_have_attribute(
            "lang", "zh-Hans" if language == "zh" else "en"
        )
    finally:
        anonymous.close()

    page = desk(language)
    for path in (
        "/console/",
        "/console/?state=no_car",
        "/console/?q=Ada",
        f"/console/bookings/{review['id']}",
        f"/console/bookings/{rides[1]['id']}",
        f"/console/bookings/{rides[0]['id']}/confirm/cancelled",
        f"/console/bookings/{rides[4]['id']}/confirm/no_car",
        "/console/today",
        "/console/outbox",
    ):
        page.goto(f"{live_server.url}{path}")
        assert axe_violations(page) == [], path
    # An error on the page is checked too.
    page.goto(f"{live_server.url}/console/bookings/{review['id']}")
    with page.expect_navigation():
        page.get_by_role(
            "button", name="确认订单" if language == "zh" else "Confirm the booking"
        ).click()
    assert axe_violations(page) == []


def test_a_ride_nobody_took_comes_to_the_top_marked_and_heard(desk, db, demo_data):
    from elderride.services.scheduled import schedule

    rides = busy_shift(db, rides=4)
    page = desk()
    expect(page.locator(".no-driver-mark")).to_have_count(0)
    waiting = next(ride for ride in rides if ride["state"] in ("requested", "forwarded"))
    # It was asked for "now" twenty minutes ago, and still has no driver.
    asked = clock.iso(clock.now() - datetime.timedelta(minutes=20))
    db.execute(
        "update bookings set created_at = ?, pickup_at = null where id = ?", [asked, waiting["id"]]
    )
    db.conn.commit()
    assert schedule.run_due(db)["unassigned"] == 1
    first = page.locator("table.rides tbody tr").first
    expect(first.locator(".no-driver-mark")).to_have_text(
        "⚠ No driver yet, pickup soon", timeout=15_000
    )
    expect(first.locator("td.num")).to_have_text(str(waiting["id"]))
    expect(page.locator("body")).to_have_attribute("data-chimes", "1")
    expect(page.locator("[data-announcer]")).to_have_text("A ride still has no driver")


def test_a_ride_nobody_took_on_an_older_page_is_pulled_onto_the_first(desk, db, demo_data):
    from elderride.console.views import QUEUE_PAGE
    from elderride.services.scheduled import schedule

    rides = busy_shift(db, rides=QUEUE_PAGE + 5)
    # The first ride made is the oldest: the queue's pages, newest first, put it on the second.
    oldest = rides[0]
    assert oldest["state"] == "requested"
    asked = clock.iso(clock.now() - datetime.timedelta(minutes=20))
    db.execute(
        "update bookings set created_at = ?, pickup_at = null where id = ?", [asked, oldest["id"]]
    )
    db.conn.commit()
    page = desk()
    expect(page.locator("table.rides tbody tr")).to_have_count(QUEUE_PAGE)
    expect(page.locator(f"table.rides td.num:text-is('{oldest['id']}')")).to_have_count(0)
    assert schedule.run_due(db)["unassigned"] == 1
    first = page.locator("table.rides tbody tr").first
    expect(first.locator("td.num")).to_have_text(str(oldest["id"]), timeout=15_000)
    expect(first.locator(".no-driver-mark")).to_have_text("⚠ No driver yet, pickup soon")
    expect(page.locator("[data-announcer]")).to_have_text("A ride still has no driver")
    # Shown once: the older page no longer lists it.
    page.get_by_role("link", name="Older requests").click()
    expect(page.locator("table.rides tbody tr")).to_have_count(4)
    expect(page.locator(f"table.rides td.num:text-is('{oldest['id']}')")).to_have_count(0)
