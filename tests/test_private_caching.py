"""No cache keeps a page that shows a person's data: every route of the private blueprints, walked
from the URL map, answers `Cache-Control: no-store`."""

import pytest

from elderride.services import bookings, demo
from elderride.services.people import accounts, invites, seniors, signups
from tests.conftest import place_of
from tests.test_dispatch_api import ASSIGNED, AUTH, TOKEN


@pytest.fixture
def people(app, db, margaret, lily, dispatcher, book):
    """A client signed in for each private blueprint, and real values for every URL argument."""
    app.config["DISPATCH_API_TOKEN"] = TOKEN
    senior = app.test_client()
    assert senior.get(f"/s/{margaret['device_token']}").status_code in (302, 303)
    ride = book(margaret)
    member = accounts.family_member_by_email(db, demo.FAMILY_EMAIL)
    newcomer = accounts.create_family_member(
        db, email="new@example.com", name="New", password="a long password"
    )
    arguments = {
        "senior_id": margaret["id"],
        "booking_id": ride["id"],
        "kind": "places",
        "item_id": place_of(db, margaret, "City Hospital")["id"],
        "phone_id": seniors.phones_of(db, margaret["id"])[0]["id"],
        "target": "cancelled",
    }
    tokens = {
        "senior.device_link": margaret["device_token"],
        "family.invite": invites.create_invite(db, margaret["id"], member["id"]),
        "family.reset": accounts.reset_token(app.config["SECRET_KEY"], member),
        "family.confirm_email": signups.confirmation_token(
            app.config["SECRET_KEY"], accounts.get_family_member(db, newcomer)
        ),
    }
    clients = {"senior": senior, "family": lily.client, "console": dispatcher, "api": None}
    return clients, arguments, tokens, ride


def _address(app, rule, arguments, tokens):
    values = {name: arguments.get(name, 1) for name in rule.arguments}
    if "token" in rule.arguments:
        values["token"] = tokens[rule.endpoint]
    return app.url_map.bind("localhost").build(rule.endpoint, values)


def test_every_page_of_a_person_is_never_stored(app, people):
    clients, arguments, tokens, _ride = people
    shown = set()
    for rule in app.url_map.iter_rules():
        blueprint = rule.endpoint.partition(".")[0]
        if blueprint not in clients or "GET" not in rule.methods:
            continue
        address = _address(app, rule, arguments, tokens)
        client = clients[blueprint]
        # The API's caller is a dispatch system with its bearer token, not a browser session.
        response = (
            app.test_client().get(address, headers=AUTH) if client is None else client.get(address)
        )
        assert response.status_code < 500, (address, response.status_code)
        assert response.cache_control.no_store, (address, response.headers.get("Cache-Control"))
        if response.status_code == 200:
            shown.add(rule.endpoint)
    # The pages were shown to someone signed in, not turned away to a sign-in page or a 404.
    for blueprint, pages in (
        ("senior", {"senior.home", "senior.ride", "senior.ride_panel"}),
        ("family", {"family.dashboard", "family.senior", "family.ride", "family.device"}),
        ("console", {"console.queue", "console.booking", "console.today_page"}),
        ("api", {"api.list_bookings", "api.get_booking"}),
    ):
        assert pages <= shown, (blueprint, pages - shown)


def test_a_status_report_through_the_api_is_never_stored(app, db, people):
    _clients, _arguments, _tokens, ride = people
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    response = app.test_client().post(
        f"/api/v1/bookings/{ride['id']}/events", json=ASSIGNED, headers=AUTH
    )
    assert response.status_code == 200 and response.get_json()["booking"]["driver"]["name"]
    assert response.cache_control.no_store
