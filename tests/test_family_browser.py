"""The family portal in Chromium: the whole setup, then the senior's own device shows exactly it."""

import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import axe_violations
from tests.conftest import place_of


def fill_and_submit(page, fields, button):
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def test_a_family_sets_up_a_senior_and_the_senior_page_shows_it(
    page, browser, app, live_server, mailbox
):
    app.config["PUBLIC_BASE_URL"] = live_server.url
    violations = {}

    def audit(name):
        violations[name] = axe_violations(page)

    page.goto(f"{live_server.url}/family/signup")
    audit("sign-up")
    fill_and_submit(
        page,
        {"Your name": "Ann Park", "Email": "ann@example.com", "Password": "correct horse battery"},
        "Make an account",
    )
    expect(page.get_by_role("heading", name="Please confirm your email")).to_be_visible()
    expect(page.get_by_role("link", name="Add a senior")).to_have_count(0)
    audit("dashboard, email to confirm")
    # Ann opens the link from her mail and presses its button.
    page.goto(live_server.url + mailbox.link("ann@example.com", "/family/confirm/"))
    audit("confirm email")
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm my email").click()
    expect(page.get_by_role("status")).to_contain_text("your email is confirmed")
    with page.expect_navigation():
        page.get_by_role("link", name="My seniors").last.click()
    audit("dashboard")
    with page.expect_navigation():
        page.get_by_role("link", name="Add a senior").click()
    audit("add senior")
    page.get_by_label("Name", exact=True).fill("Ada Park")
    page.get_by_label("Phone number they call from").fill("+1 555 010 0050")
    page.get_by_label("Landline").check()
    page.get_by_label("Uses a walker").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_have_text("Ada Park")
    audit("senior")
    senior_url = page.url
    for label, address in (
        ("Home", "1 Pine Road"),
        ("Clinic", "2 Oak Road"),
        ("Bea's flat", "3 Elm Road"),
    ):
        with page.expect_navigation():
            page.get_by_role("link", name="Add a place").click()
        fill_and_submit(page, {"Name of the place": label, "Address": address}, "Save")
    # The family wants the clinic first.
    with page.expect_navigation():
        page.get_by_role("button", name="Move up: Clinic").click()
    for name, phone in (("Bea", "+1 555 010 0051"), ("Cy", "+1 555 010 0052")):
        with page.expect_navigation():
            page.get_by_role("link", name="Add a family contact").click()
        audit("contact form")
        fill_and_submit(
            page,
            {
                "Name": name,
                "Relation": "daughter" if name == "Bea" else "son",
                "Phone number": phone,
            },
            "Save",
        )
    audit("senior with places")
    with page.expect_navigation():
        page.get_by_role("link", name="Show the link and QR code").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Make a new link").click()
    audit("device")
    expect(page.locator("figure.qr svg")).to_be_visible()
    device_link = page.locator(".link-text a").get_attribute("href")

    senior_device = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        senior_page = senior_device.new_page()
        senior_page.goto(device_link)
        expect(senior_page.locator("h1")).to_have_text("Hello, Ada Park")
        expect(senior_page.locator("a.place")).to_have_text(
            ["Clinic", "Home", "Bea's flat", "Somewhere else"]
        )
        expect(senior_page.locator("a.call").nth(0)).to_have_text("Bea (daughter)")
        expect(senior_page.locator("a.call").nth(1)).to_have_text("Cy (son)")
        expect(senior_page.locator("a.call").nth(0)).to_have_attribute("href", "tel:+15550100051")
    finally:
        senior_device.close()

    page.goto(senior_url)
    with page.expect_navigation():
        page.get_by_role("link", name="Book a ride for Ada Park").click()
    audit("ride form")
    page.locator("fieldset", has_text="Where to").get_by_label("Home").check()
    # Rides start at home now wherever it is in the list, so the way home says where from.
    page.locator("fieldset", has_text="Where from").get_by_label("Clinic").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Book the ride").click()
    # A family that signed up a minute ago: its ride for now waits for a dispatcher's look first.
    expect(page.locator("h1")).to_have_text("A dispatcher will confirm it")
    audit("ride")
    assert violations == {name: [] for name in violations}


@pytest.mark.parametrize("path", ["/family/signin", "/family/reset", "/family/signup"])
def test_signed_out_pages_pass_axe_in_both_languages(page, live_server, path):
    page.goto(f"{live_server.url}{path}")
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="简体中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    assert axe_violations(page) == []


def sign_in_lily(page, live_server):
    page.goto(f"{live_server.url}/family/signin")
    page.get_by_label("Email").fill("lily@example.com")
    page.get_by_label("Password").fill("lily-demo-password")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def test_the_family_follows_a_ride_live(page, live_server, margaret, db, book):
    from elderride.services import bookings

    ride = book(margaret, {"address": "9 Elm"})
    sign_in_lily(page, live_server)
    page.goto(f"{live_server.url}/family/seniors/{margaret['id']}/rides/{ride['id']}")
    expect(page.locator("h1")).to_have_text("We are finding a car")
    page.evaluate("window.notReloaded = true")
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    bookings.transition(
        db,
        ride["id"],
        "assigned",
        actor="dispatch",
        details={
            "driver_name": "Sam Lee",
            "car_make": "Toyota",
            "car_colour": "Blue",
            "plate": "ABC 123",
            "eta_minutes": 5,
        },
    )
    expect(page.locator(".driver")).to_have_text("Sam Lee", timeout=15_000)
    assert page.evaluate("window.notReloaded") is True


def test_signed_in_pages_pass_axe_in_chinese(page, live_server, margaret, db):
    sign_in_lily(page, live_server)
    with page.expect_navigation():
        page.get_by_role("button", name="简体中文").click()
    base = f"{live_server.url}/family/seniors/{margaret['id']}"
    place = next(db.table("places").rows_where("senior_id = ?", [margaret["id"]]))["id"]
    for path in (
        "/family/",
        base,
        f"{base}/edit",
        f"{base}/device",
        f"{base}/places/{place}",
        f"{base}/contacts/new",
        f"{base}/rides/new",
    ):
        page.goto(path if path.startswith("http") else f"{live_server.url}{path}")
        expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
        assert axe_violations(page) == [], path


# Screenshots for people to look at, when asked for (ELDERRIDE_SHOTS=/folder).
SHOTS = os.environ.get("ELDERRIDE_SHOTS")


@pytest.mark.parametrize(
    "language, typed, error",
    [
        ("en", "hospital, the", '"the" holds only words callers say in any sentence'),
        ("zh", "医院, 去", "“去”太短，电话里听不准"),
    ],
)
def test_an_alias_said_in_any_sentence_is_explained_beside_its_box(
    page, live_server, margaret, db, language, typed, error
):
    sign_in_lily(page, live_server)
    if language == "zh":
        with page.expect_navigation():
            page.get_by_role("button", name="简体中文").click()
    hospital = place_of(db, margaret, "City Hospital")
    page.goto(f"{live_server.url}/family/seniors/{margaret['id']}/places/{hospital['id']}")
    page.locator("#aliases").fill(typed)
    with page.expect_navigation():
        page.locator("button.primary[type=submit]").click()
    expect(page.locator("#aliases-error")).to_contain_text(error)
    expect(page.locator("#aliases")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#aliases")).to_have_value(typed)
    # The form is longer than a phone's screen: the page opens at the box to fix, its words shown.
    expect(page.locator("#aliases")).to_be_focused()
    expect(page.locator("#aliases-error")).to_be_in_viewport()
    assert axe_violations(page) == []
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/place-alias-error-{language}-phone.png")


@pytest.mark.parametrize(
    "language, reason",
    [
        ("en", '"b" is not used by the phone line: too short'),
        ("zh", "电话线路不会听“b”：太短"),
    ],
)
def test_an_old_alias_the_phone_line_ignores_is_shown_so_and_can_be_removed(
    page, live_server, margaret, db, language, reason
):
    # Stored before the portal refused such names: the intake leaves "b" and "12" out.
    hospital = place_of(db, margaret, "City Hospital")
    stored = ["b", "the hospital", "12"]
    db.table("places").update(hospital["id"], {"aliases": json.dumps(stored)})
    sign_in_lily(page, live_server)
    if language == "zh":
        with page.expect_navigation():
            page.get_by_role("button", name="简体中文").click()
    page.goto(f"{live_server.url}/family/seniors/{margaret['id']}/setup")
    item = page.locator(f"#place-{hospital['id']}")
    ignored = item.locator(".unheard-alias")
    expect(ignored).to_have_count(2)
    expect(ignored.first).to_contain_text(reason)
    # The names the line does listen for are listed as before, without the ignored ones.
    expect(item.locator(".quiet")).to_contain_text("the hospital")
    expect(item.locator(".quiet")).not_to_contain_text("b,")
    assert axe_violations(page) == []
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 844})
            item.scroll_into_view_if_needed()
            page.screenshot(path=f"{SHOTS}/place-unheard-alias-{language}-{width}.png")
        page.set_viewport_size({"width": 390, "height": 844})
    with page.expect_navigation():
        ignored.first.get_by_role("button").click()
    assert json.loads(db.table("places").get(hospital["id"])["aliases"]) == ["the hospital", "12"]
    expect(page.locator(f"#place-{hospital['id']} .unheard-alias")).to_have_count(1)
    expect(page.locator(f"#place-{hospital['id']} .unheard-alias")).not_to_contain_text('"b"')


@pytest.mark.parametrize(
    "language, reason, title",
    [
        ("en", '"12" is not used by the phone line: it is only a number', "Change City Hospital"),
        ("zh", "电话线路不会听“12”：它只是一个数字", "修改City Hospital"),
    ],
)
def test_the_place_form_fills_in_only_the_names_the_line_listens_for(
    page, live_server, margaret, db, language, reason, title
):
    hospital = place_of(db, margaret, "City Hospital")
    db.table("places").update(hospital["id"], {"aliases": json.dumps(["12", "the hospital"])})
    sign_in_lily(page, live_server)
    if language == "zh":
        with page.expect_navigation():
            page.get_by_role("button", name="简体中文").click()
    page.goto(f"{live_server.url}/family/seniors/{margaret['id']}/places/{hospital['id']}")
    expect(page.locator("#aliases")).to_have_value("the hospital")
    ignored = page.locator(".unheard-alias")
    expect(ignored).to_have_count(1)
    expect(ignored).to_contain_text(reason)
    assert axe_violations(page) == []
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 844})
            # The box of other names at the top, the ignored one told under it.
            page.locator("label[for=aliases]").evaluate("label => label.scrollIntoView()")
            page.screenshot(path=f"{SHOTS}/place-form-unheard-alias-{language}-{width}.png")
        page.set_viewport_size({"width": 390, "height": 844})
    with page.expect_navigation():
        ignored.get_by_role("button").click()
    # Back on the place's form, the name gone.
    assert json.loads(db.table("places").get(hospital["id"])["aliases"]) == ["the hospital"]
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".unheard-alias")).to_have_count(0)
