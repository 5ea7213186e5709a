"""The senior page in a real Chromium at a phone's size: two taps, live status,
docs/accessibility.md's numbers."""

import pytest
from playwright.sync_api import expect

from elderride.services import bookings
from tests.browser import axe_violations, page_weights, ux_problems

ASSIGNMENT = {
    "driver_name": "Sam Lee",
    "car_make": "Toyota Camry",
    "car_colour": "Blue",
    "plate": "ABC 123",
    "eta_minutes": 7,
}


def open_home(page, live_server, senior):
    page.goto(f"{live_server.url}/s/{senior['device_token']}")
    expect(page).to_have_url(f"{live_server.url}/senior")


def test_margarets_link_opens_her_places_and_family(page, live_server, margaret):
    open_home(page, live_server, margaret)
    expect(page.locator("h1")).to_have_text("Hello, Margaret Chen")
    expect(page.locator("a.place")).to_have_text(
        ["Home", "City Hospital", "Lily's home", "Somewhere else"]
    )
    expect(page.locator("a.call")).to_have_text(
        ["Lily Chen (daughter)", "Tom Chen (son)", "Call the taxi center"]
    )


def test_wangs_link_opens_in_chinese(page, live_server, wang):
    open_home(page, live_server, wang)
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator("h1")).to_have_text("王秀英，您好")
    expect(page.locator("a.place")).to_have_text(["家", "市第一人民医院", "女儿家", "去别的地方"])
    expect(page.locator("a.call").first).to_have_attribute("href", "tel:+8613800000002")


def test_a_ride_to_city_hospital_takes_two_taps_and_the_driver_appears_without_reload(
    page, live_server, margaret, db
):
    open_home(page, live_server, margaret)
    page.get_by_role("link", name="City Hospital").click()  # tap 1
    expect(page.locator(".sentence")).to_have_text("A car from Home to City Hospital, now.")
    page.get_by_role("button", name="Call the car").click()  # tap 2
    expect(page.locator("h1")).to_have_text("We are finding a car")
    ride = next(db.table("bookings").rows)
    assert (ride["senior_id"], ride["destination_label"], ride["channel"]) == (
        margaret["id"],
        "City Hospital",
        "web",
    )
    assert page.url.endswith(f"/senior/rides/{ride['id']}")

    page.evaluate("window.notReloaded = true")
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    bookings.transition(db, ride["id"], "assigned", actor="dispatch", details=ASSIGNMENT)
    expect(page.locator(".driver")).to_have_text("Sam Lee", timeout=15_000)
    expect(page.locator(".plate")).to_have_text("ABC 123")
    expect(page.locator(".eta")).to_have_text("7 minutes")
    # The minutes in large words, and the car as people look for it: colour and make first.
    expect(page.locator("h1")).to_have_text("Your car is 7 minutes away")
    expect(page.locator(".car-words")).to_have_text(
        "A blue Toyota Camry, plate ABC 123, driver Sam Lee"
    )
    assert page.evaluate("window.notReloaded") is True


def test_a_double_tap_on_call_the_car_books_once(page, live_server, margaret, db):
    open_home(page, live_server, margaret)
    page.get_by_role("link", name="City Hospital").click()
    page.get_by_role("button", name="Call the car").dblclick()
    expect(page.locator("h1")).to_have_text("We are finding a car")
    assert db.table("bookings").count == 1


def test_booking_and_cancelling_work_without_javascript(browser, live_server, margaret, db):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        open_home(page, live_server, margaret)
        page.get_by_role("link", name="City Hospital").click()
        page.get_by_role("button", name="Call the car").click()
        expect(page.locator("h1")).to_have_text("We are finding a car")
        ride = next(db.table("bookings").rows)
        # Without scripts the page refreshes itself through <noscript><meta refresh>.
        assert page.locator("noscript").count() == 1
        page.get_by_role("link", name="Cancel this car").click()
        page.get_by_role("button", name="Yes, cancel the car").click()
        expect(page.locator("h1")).to_have_text("Cancelled")
        assert bookings.get_booking(db, ride["id"])["state"] == "cancelled"
        page.get_by_role("button", name="Undo: I still want this car").click()
        expect(page.locator("h1")).to_have_text("We are finding a car")
        assert bookings.get_booking(db, ride["id"])["state"] == "requested"
    finally:
        context.close()


def test_read_aloud_speaks_the_page_in_its_language(page, live_server, wang):
    page.add_init_script(
        "window.spoken = [];"
        "window.speechSynthesis.speak = (utterance) => window.spoken.push([utterance.lang, "
        "utterance.text]);"
    )
    open_home(page, live_server, wang)
    page.get_by_role("button", name="朗读").click()
    spoken = page.evaluate("window.spoken")
    assert len(spoken) == 1
    assert spoken[0][0] == "zh-CN"
    assert "您想去哪里" in spoken[0][1] and "市第一人民医院" in spoken[0][1]


def test_text_size_theme_and_language_are_switched_and_remembered(page, live_server, margaret):
    open_home(page, live_server, margaret)
    body = page.locator("body")
    # to_have_css waits for the new page's stylesheet: a class can be there a moment before its
    # styles.
    expect(body).to_have_css("font-size", "24px")
    page.get_by_role("button", name="Largest").click()
    expect(body).to_have_class("size-largest theme-standard")
    expect(body).to_have_css("font-size", "32px")
    page.get_by_role("button", name="High contrast").click()
    expect(body).to_have_class("size-largest theme-contrast")
    expect(body).to_have_css("background-color", "rgb(0, 0, 0)")
    page.get_by_role("button", name="简体中文").click()
    expect(page.locator("h1")).to_have_text("Margaret Chen，您好")
    page.goto(f"{live_server.url}/senior")
    expect(page.locator("h1")).to_have_text("Margaret Chen，您好")
    expect(body).to_have_css("font-size", "32px")


def _click_and_wait(page, locator):
    """Click something that loads a new page, and wait until that page has loaded."""
    with page.expect_navigation():
        locator.click()


def _senior_pages(page, live_server, senior, db, destination, language_button):
    """Visit every kind of senior page and yield its name once it is showing."""
    open_home(page, live_server, senior)
    if language_button:
        _click_and_wait(page, page.get_by_role("button", name=language_button))
    yield "home"
    _click_and_wait(page, page.locator("a.place").nth(1))
    yield "confirm"
    page.goto(f"{live_server.url}/senior/ride?to=other")
    yield "somewhere-else"
    _click_and_wait(page, page.locator("form.book button[type=submit]"))
    yield "somewhere-else-error"
    page.goto(f"{live_server.url}/senior/ride?to={destination}")
    _click_and_wait(page, page.locator("form.book button[type=submit]"))
    yield "status-requested"
    ride = next(db.table("bookings").rows_where(order_by="id desc"))
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    bookings.transition(db, ride["id"], "assigned", actor="dispatch", details=ASSIGNMENT)
    page.reload()
    yield "status-assigned"
    _click_and_wait(page, page.locator("a.danger"))
    yield "cancel-question"
    page.goto(f"{live_server.url}/senior/ride?to={destination}")
    _click_and_wait(page, page.locator("form.book button[type=submit]"))
    _click_and_wait(page, page.locator("a.danger"))
    _click_and_wait(page, page.locator("button.danger"))
    yield "status-cancelled"
    page.goto(f"{live_server.url}/s/no-such-link")
    yield "unknown-link"


@pytest.mark.parametrize(
    "who, language_button",
    [("margaret", None), ("wang", None), ("margaret", "简体中文"), ("wang", "English")],
)
def test_every_senior_page_meets_the_senior_ux_numbers_and_axe(
    page, live_server, db, request, who, language_button
):
    senior = request.getfixturevalue(who)
    destination = next(
        db.table("places").rows_where("senior_id = ? and position = 1", [senior["id"]])
    )["id"]
    seen = []
    for name in _senior_pages(page, live_server, senior, db, destination, language_button):
        seen.append(name)
        assert ux_problems(page) == [], name
        assert axe_violations(page) == [], name
    assert len(seen) == 9


@pytest.mark.parametrize("size, theme", [("largest", "standard"), ("normal", "contrast")])
def test_the_numbers_hold_in_every_text_size_and_theme(page, live_server, margaret, size, theme):
    open_home(page, live_server, margaret)
    page.context.add_cookies(
        [
            {"name": "size", "value": size, "url": live_server.url},
            {"name": "theme", "value": theme, "url": live_server.url},
        ]
    )
    page.reload()
    assert page.evaluate("document.body.className") == f"size-{size} theme-{theme}"
    assert ux_problems(page) == []
    assert axe_violations(page) == []


def test_main_labels_are_at_least_30_pixels(page, live_server, margaret):
    open_home(page, live_server, margaret)
    sizes = page.eval_on_selector_all(
        "h1, a.place, a.call",
        "elements => elements.map(e => parseFloat(getComputedStyle(e).fontSize))",
    )
    assert sizes and min(sizes) >= 30
    _click_and_wait(page, page.get_by_role("link", name="City Hospital"))
    assert (
        page.eval_on_selector("form.book button", "e => parseFloat(getComputedStyle(e).fontSize)")
        >= 30
    )


def test_the_home_page_weighs_at_most_30_kilobytes(page, live_server, margaret):
    sizes = page_weights(page)
    open_home(page, live_server, margaret)
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/senior") for url in sizes)
    assert any(".css" in url for url in sizes) and any(".js" in url for url in sizes)
    assert sum(sizes.values()) <= 30 * 1024, sizes


def test_no_dialogs_and_no_time_limits(page, live_server, margaret):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_home(page, live_server, margaret)
    _click_and_wait(page, page.get_by_role("link", name="City Hospital"))
    assert page.locator("dialog, [role=dialog], [aria-modal=true]").count() == 0
    # Only the status page refreshes, and only without JS.
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    assert dialogs == []


def test_the_measurements_catch_what_they_measure(page):
    """The audit itself fails a page that breaks each number, so a passing page means something."""
    page.set_content(
        """<html lang="en"><head><style>
        .square{position:absolute;top:300px;width:80px;height:80px;font-size:24px;line-height:1.5}
        </style></head><body style="font-size:24px;line-height:1.5">
        <p style="font-size:16px">small</p>
        <p style="line-height:normal">tight</p>
        <p style="color:#777">grey</p>
        <a href="#" style="display:inline-block;width:40px;height:40px">tiny</a>
        <button class="square" style="left:0">a</button>
        <button class="square" style="left:82px">b</button>
        <img src="data:image/png;base64,iVBORw0KGgo=">
        </body></html>"""
    )
    problems = "\n".join(ux_problems(page))
    for expected in (
        "text under 24px",
        "line height under 1.5",
        "contrast",
        "under 60×60",
        "2.0px apart",
    ):
        assert expected in problems
    assert "image-alt" in [rule for rule, _ in axe_violations(page)]
