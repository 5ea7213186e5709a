"""Nobody sees another family's senior: every family route answers 404 for what is not theirs, and
changes nothing."""

import pytest

from elderride.services import clock
from elderride.services.people import contacts, invites, places
from elderride.services.scheduled import recurring
from tests.conftest import csrf_token
from tests.family_client import FamilyClient


def snapshot(db):
    return {
        table: list(db.table(table).rows)
        for table in db.table_names()
        if table not in ("login_failures",)
    }


@pytest.fixture
def two_families(app, db, book, mailbox):
    owner = FamilyClient(app.test_client(), mailbox)
    owner.sign_up("owner@example.com", name="Owner")
    senior_id = owner.add_senior()
    place_id = places.add_place(db, senior_id, label="Home", address="1 Pine Road")
    clinic_id = places.add_place(db, senior_id, label="Clinic", address="2 Oak Road")
    rule_id = recurring.add_rule(
        db,
        senior_id,
        {
            "weekdays": ["0"],
            "at_time": "09:00",
            "pickup": place_id,
            "destination": clinic_id,
            "start_date": clock.now().date().isoformat(),
        },
        created_by="family:1",
    )
    contact_id = contacts.add_contact(db, senior_id, name="Bea", phone="+15550100051")
    ride = book(senior_id, {"address": "9 Elm"}, channel="family", created_by="family:1")
    phone_id = next(db.table("senior_phones").rows)["id"]
    stranger = FamilyClient(app.test_client(), mailbox)
    stranger.sign_up("stranger@example.com", name="Stranger")
    own_senior = stranger.add_senior(name="Their own", phone="+15550100060")
    return {
        "stranger": stranger,
        "ids": {
            "senior_id": senior_id,
            "item_id": place_id,
            "booking_id": ride["id"],
            "phone_id": phone_id,
            "rule_id": rule_id,
        },
        "contact_id": contact_id,
        "own_senior": own_senior,
    }


def family_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("family.") and "senior_id" in rule.arguments:
            yield rule


def test_every_family_route_hides_another_familys_senior(app, db, two_families):
    stranger = two_families["stranger"]
    ids = two_families["ids"]
    token = csrf_token(stranger.page("/family/").get_data(as_text=True))
    before = snapshot(db)
    checked = []
    for rule in family_routes(app):
        kinds = ["places", "contacts"] if "kind" in rule.arguments else [None]
        for kind in kinds:
            values = {name: ids[name] for name in rule.arguments if name in ids}
            if kind:
                values["kind"] = kind
                values["item_id"] = (
                    ids["item_id"] if kind == "places" else two_families["contact_id"]
                )
            path = rule.build(values, append_unknown=False)[1]
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                data = {
                    "csrf_token": token,
                    "name": "Hacked",
                    "label": "Hacked",
                    "address": "x",
                    "phone": "+15550100099",
                    "language": "en",
                    "direction": "up",
                    "action": "revoke",
                    "destination": "typed",
                    "destination_address": "x",
                    "when": "now",
                }
                response = stranger.client.open(
                    path, method=method, data=data if method == "POST" else None
                )
                assert response.status_code == 404, (method, path, response.status_code)
                checked.append((method, rule.endpoint))
    assert snapshot(db) == before
    endpoints = {endpoint for _, endpoint in checked}
    assert {
        "family.senior",
        "family.senior_edit",
        "family.item_edit",
        "family.item_delete",
        "family.contact_mine",
        "family.item_move",
        "family.alias_remove",
        "family.device",
        "family.device_change",
        "family.invite_new",
        "family.ride",
        "family.ride_new",
        "family.ride_cancel",
        "family.ride_cancel_question",
        "family.ride_reopen",
        "family.phone_add",
        "family.phone_delete",
        "family.recurring_rides",
        "family.recurring_skip",
        "family.recurring_stop",
    } <= endpoints


def test_another_familys_things_cannot_be_reached_through_ones_own_senior(app, db, two_families):
    """Ids of someone else's place, contact, ride or number under one's own senior are 404 too."""
    stranger, ids, own = two_families["stranger"], two_families["ids"], two_families["own_senior"]
    token = csrf_token(stranger.page("/family/").get_data(as_text=True))
    before = snapshot(db)
    paths = [
        ("GET", f"/family/seniors/{own}/places/{ids['item_id']}"),
        ("POST", f"/family/seniors/{own}/places/{ids['item_id']}/delete"),
        ("POST", f"/family/seniors/{own}/places/{ids['item_id']}/move"),
        ("POST", f"/family/seniors/{own}/places/{ids['item_id']}/aliases/remove"),
        ("GET", f"/family/seniors/{own}/contacts/{two_families['contact_id']}"),
        ("POST", f"/family/seniors/{own}/contacts/{two_families['contact_id']}/delete"),
        ("GET", f"/family/seniors/{own}/contacts/{two_families['contact_id']}/mine"),
        ("POST", f"/family/seniors/{own}/contacts/{two_families['contact_id']}/mine"),
        ("GET", f"/family/seniors/{own}/rides/{ids['booking_id']}"),
        ("POST", f"/family/seniors/{own}/rides/{ids['booking_id']}/cancel"),
        ("POST", f"/family/seniors/{own}/phones/{ids['phone_id']}/delete"),
    ]
    for method, path in paths:
        response = stranger.client.open(
            path,
            method=method,
            data={"csrf_token": token, "direction": "up"} if method == "POST" else None,
        )
        assert response.status_code == 404, (method, path)
    assert snapshot(db) == before


def test_the_dashboard_lists_only_ones_own_seniors(two_families):
    page = two_families["stranger"].page("/family/").get_data(as_text=True)
    assert "Their own" in page and "Ada Park" not in page


def test_an_invitation_is_the_only_way_in(app, db, two_families):
    stranger, ids = two_families["stranger"], two_families["ids"]
    token = invites.create_invite(db, ids["senior_id"], 1)
    stranger.submit(f"/family/invites/{token}")
    assert stranger.page(f"/family/seniors/{ids['senior_id']}").status_code == 200
