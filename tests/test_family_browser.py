"""The family portal in Chromium: the whole setup, then the senior's own device shows exactly it."""

import pytest
from playwright.sync_api import expect

from tests.browser import axe_violations


def fill_and_submit(page, fields, button):
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def test_a_family_sets_up_a_senior_and_the_senior_page_shows_it(page, browser, live_server):
    violations = {}

    def audit(name):
        violations[name] = axe_violations(page)

    page.goto(f"{live_server.url}/family/signup")
    audit("sign-up")
    fill_and_submit(page, {"Your name": "Ann Park", "Email": "ann@example.com", "Password": "correct horse battery"}, "Make an account")
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
    for label, address in (("Home", "1 Pine Road"), ("Clinic", "2 Oak Road"), ("Bea's flat", "3 Elm Road")):
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
        fill_and_submit(page, {"Name": name, "Relation": "daughter" if name == "Bea" else "son", "Phone number": phone}, "Save")
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
        expect(senior_page.locator("a.place")).to_have_text(["Clinic", "Home", "Bea's flat", "Somewhere else"])
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
    with page.expect_navigation():
        page.get_by_role("button", name="Book the ride").click()
    expect(page.locator("h1")).to_have_text("We are finding a car")
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
