"""The family portal in Chromium at a desktop's 1280×800: the live dashboard, the time zone chooser,
and axe on every page in both languages."""

import pytest
from playwright.sync_api import expect

from elderride.services import bookings
from elderride.services.people import accounts, places, seniors
from elderride.services.records import BookingRequest, Trip
from tests.browser import axe_violations


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A desktop window, as a busy daughter at work has it."""
    return {**browser_context_args, "viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def lily_with_both(demo_data):
    """Lily looks after Margaret (the demo) and, here, 王秀英 too."""
    member = accounts.family_member_by_email(demo_data, "lily@example.com")
    wang_id = seniors.senior_by_phone(demo_data, "+8613800000001")["id"]
    accounts.link_senior(demo_data, member["id"], wang_id)
    return member


def sign_in_lily(page, live_server):
    page.goto(f"{live_server.url}/family/signin")
    page.get_by_label("Email").fill("lily@example.com")
    page.get_by_label("Password").fill("lily-demo-password")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def book(db, senior, key, destination_index):
    destination = places.list_places(db, senior["id"])[destination_index]
    ride, _ = bookings.create_booking(
        db,
        BookingRequest(
            idempotency_key=key,
            channel="web",
            created_by="senior",
            senior_id=senior["id"],
            trip=Trip(destination={"place_id": destination["id"]}),
        ),
    )
    return ride


def test_the_dashboard_shows_each_seniors_next_ride_and_follows_it_live(
    page, live_server, margaret, wang, lily_with_both, db
):
    margarets = book(db, margaret, "m1", 1)
    wangs = book(db, wang, "w1", 1)
    sign_in_lily(page, live_server)
    expect(page).to_have_url(f"{live_server.url}/family/")
    margaret_card = page.locator(".card", has_text="Margaret Chen")
    wang_card = page.locator(".card", has_text="王秀英")
    expect(margaret_card.locator(".ride-link")).to_have_text("Home → City Hospital")
    expect(margaret_card.locator(".state")).to_have_text("We are finding a car")
    expect(wang_card.locator(".ride-link")).to_have_text("家 → 市第一人民医院")
    expect(wang_card.locator(".state")).to_have_text("We are finding a car")
    page.evaluate("window.notReloaded = true")
    bookings.transition(db, margarets["id"], "forwarded", actor="dispatch")
    bookings.transition(
        db,
        margarets["id"],
        "assigned",
        actor="dispatch",
        details={
            "driver_name": "Sam Lee",
            "car_make": "Toyota",
            "car_colour": "Blue",
            "plate": "ABC 123",
            "eta_minutes": 6,
        },
    )
    bookings.transition(db, wangs["id"], "cancelled", actor="senior")
    expect(margaret_card.locator(".state")).to_have_text(
        "A car is on the way · 6 minutes away", timeout=15_000
    )
    expect(margaret_card.locator(".ride-car")).to_have_text("Sam Lee · Blue Toyota · ABC 123")
    # A cancelled ride is no longer a ride to come.
    expect(wang_card).to_contain_text("No rides coming up.", timeout=15_000)
    assert page.evaluate("window.notReloaded") is True
    # Everything needed is on the first screen.
    box = margaret_card.bounding_box()
    assert box["y"] + box["height"] <= 800


def test_the_time_zone_starts_from_the_browser_and_finds_new_york_by_name(
    browser, live_server, demo_data, db
):
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, timezone_id="Asia/Shanghai"
    )
    try:
        page = context.new_page()
        sign_in_lily(page, live_server)
        page.goto(f"{live_server.url}/family/seniors/new")
        zone = page.get_by_label("Time zone")
        expect(zone).to_have_value("Asia/Shanghai")
        # The list offers readable names for the IANA zones.
        new_york = page.locator('#timezones option[value="America/New_York"]')
        expect(new_york).to_have_text("United States (New York)")
        page.get_by_label("Name", exact=True).fill("Ada Park")
        page.get_by_label("Phone number they call from").fill("+1 555 010 0050")
        zone.fill("New York")
        with page.expect_navigation():
            page.get_by_role("button", name="Save").click()
        expect(page.locator("h1")).to_have_text("Ada Park")
        ada = seniors.senior_by_phone(db, "+15550100050")
        assert ada["timezone"] == "America/New_York"
    finally:
        context.close()


def portal_pages(db, margaret, wang):
    """Every signed-in page of the portal, for one senior of each language."""
    paths = ["/family/", "/family/seniors/new"]
    for senior in (margaret, wang):
        base = f"/family/seniors/{senior['id']}"
        place = places.list_places(db, senior["id"])[0]["id"]
        contact = next(db.table("contacts").rows_where("senior_id = ?", [senior["id"]]))["id"]
        phone = seniors.phones_of(db, senior["id"])[0]["id"]
        ride = book(db, senior, f"axe-{senior['id']}", 1)
        paths += [
            base,
            f"{base}/setup",
            f"{base}/edit",
            f"{base}/device",
            f"{base}/device/off",
            f"{base}/places/new",
            f"{base}/places/{place}",
            f"{base}/places/{place}/delete",
            f"{base}/contacts/new",
            f"{base}/contacts/{contact}",
            f"{base}/contacts/{contact}/delete",
            f"{base}/phones/{phone}/delete",
            f"{base}/rides/new",
            f"{base}/rides/{ride['id']}",
        ]
    return paths


# The portal's numbers (docs/accessibility.md): 18 px text, every control at least 44 px tall.
PORTAL_NUMBERS = """() => {
  const problems = [];
  const size = parseFloat(getComputedStyle(document.body).fontSize);
  if (size !== 18) problems.push(`body text ${size}px`);
  const controls = document.querySelectorAll(
    "main button, main .button,"
    + " main input:not([type=hidden]):not([type=radio]):not([type=checkbox]),"
    + " main select, main textarea, main summary, main .check, header a, header button,"
    + " main p > a:only-child, .tabs a, .ride-link");
  for (const element of controls) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;  // hidden
    if (box.height < 44 || box.width < 44) {
      problems.push(`${element.tagName} "${element.textContent.trim().slice(0, 30)}" `
        + `${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return problems;
}"""


@pytest.mark.parametrize("language", ["English", "简体中文"])
def test_every_portal_page_passes_axe(
    page, live_server, margaret, wang, lily_with_both, db, language
):
    paths = portal_pages(db, margaret, wang)
    sign_in_lily(page, live_server)
    with page.expect_navigation():
        page.get_by_role("button", name=language).click()
    violations = {}
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("html")).to_have_attribute(
            "lang", "zh-Hans" if language == "简体中文" else "en"
        )
        violations[path] = axe_violations(page) + page.evaluate(PORTAL_NUMBERS)
    assert violations == {path: [] for path in violations}


def test_signing_out_elsewhere_shows_the_sign_in_page_not_a_form_inside_the_dashboard(
    page, live_server, margaret, db
):
    book(db, margaret, "out", 1)
    sign_in_lily(page, live_server)
    expect(page.locator(".card .state")).to_have_text("We are finding a car")
    # Signing out on another device ends every session of the account.
    member = accounts.family_member_by_email(db, "lily@example.com")
    db.execute(
        "update family_members set session_version = session_version + 1 where id = ?",
        [member["id"]],
    )
    db.conn.commit()
    expect(page.locator("h1")).to_have_text("Sign in", timeout=15_000)
    assert page.locator(".card").count() == 0
