"""The family portal over HTTP: accounts, setting a senior up, bad input, invitations, resets."""

import html
import json
import re
import time

import pytest

from elderride.services import bookings, delivery, throttle
from elderride.services.people import places, seniors
from elderride.worker import deliverer_from_config
from tests.conftest import csrf_token, place_of
from tests.family_client import FamilyClient
from tests.smtp_server import smtp_server  # noqa: F401 - a fixture


@pytest.fixture
def family(client):
    return FamilyClient(client)


def test_sign_up_sign_out_and_sign_in(family, app):
    family.sign_up("ann@example.com", name="Ann")
    assert "Hello, Ann" in family.page("/family/").get_data(as_text=True)
    family.submit("/family/", "/family/signout")
    assert family.page("/family/").status_code == 302
    response = family.sign_in("ANN@example.com ", "correct horse battery")
    assert response.status_code == 303 and response.headers["Location"] == "/family/"


@pytest.mark.parametrize(
    "data, field_message",
    [
        (
            {"email": "not-an-email", "name": "A", "password": "long enough pw"},
            "does not look like an email",
        ),
        (
            {"email": "a@example.com", "name": "", "password": "long enough pw"},
            "Please fill this in.",
        ),
        ({"email": "a@example.com", "name": "A", "password": "short"}, "at least 10 characters"),
        (
            {"email": "a@example.com", "name": "A" * 101, "password": "long enough pw"},
            "under 100 characters",
        ),
        (
            {"email": "a" * 300 + "@example.com", "name": "A", "password": "long enough pw"},
            "under 200 characters",
        ),
    ],
)
def test_sign_up_mistakes_are_explained_and_create_nothing(family, db, data, field_message):
    response = family.submit("/family/signup", data=data)
    assert response.status_code == 400
    assert field_message in response.get_data(as_text=True)
    assert db.table("family_members").count == 0


def test_a_second_account_with_the_same_email_is_refused(family, db):
    family.sign_up("ann@example.com")
    family.submit("/family/", "/family/signout")
    response = family.submit(
        "/family/signup",
        data={"email": "Ann@Example.com", "name": "B", "password": "another long pw"},
    )
    page = response.get_data(as_text=True)
    assert (
        response.status_code == 400
        and "cannot be used for a new account" in page
        and "already an account" not in page
    )
    assert db.table("family_members").count == 1


def test_wrong_passwords_are_limited_per_account(family, db):
    family.sign_up("ann@example.com")
    family.submit("/family/", "/family/signout")
    for _ in range(throttle.FREE_TRIES_PER_ACCOUNT):
        assert family.sign_in("ann@example.com", "wrong password!").status_code == 400
    blocked = family.sign_in("ann@example.com", "correct horse battery")
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) >= 1
    assert "Too many tries" in blocked.get_data(as_text=True)


def test_passwords_are_stored_hashed(signed_up, db):
    row = next(db.table("family_members").rows)
    assert "correct horse battery" not in row["password_hash"] and row["password_hash"].startswith(
        ("scrypt:", "pbkdf2:")
    )


@pytest.fixture
def mail(app, smtp_server):
    """Mail that goes out through a real SMTP server, links on http://localhost (what the test
    client serves)."""
    app.config.update(
        SMTP_URL=smtp_server.url, MAIL_FROM="rides@example.org", PUBLIC_BASE_URL="http://localhost"
    )
    return smtp_server.inbox


def reset_link(app, db, inbox):
    deliverer = deliverer_from_config(app.config)
    while delivery.run_once(db, deliverer, "test"):
        pass
    return re.search(
        r"http://localhost(/family/reset/\S+)", inbox.messages[-1].get_content()
    ).group(1)


def test_a_reset_link_works_once(signed_up, db, app, mail):
    signed_up.submit("/family/", "/family/signout")
    response = signed_up.submit("/family/reset", data={"email": "ann@example.com"})
    assert "If there is an account" in response.get_data(as_text=True)
    link = reset_link(app, db, mail)
    changed = signed_up.submit(link, data={"password": "a brand new password"})
    assert changed.status_code == 303
    signed_up.submit("/family/", "/family/signout")
    replay = signed_up.page(link)
    assert replay.status_code == 400 and "already used" in replay.get_data(as_text=True)
    assert signed_up.sign_in("ann@example.com", "a brand new password").status_code == 303


def test_an_expired_or_forged_reset_link_is_refused(signed_up, db, app, mail):
    signed_up.submit("/family/", "/family/signout")
    signed_up.submit("/family/reset", data={"email": "ann@example.com"})
    link = reset_link(app, db, mail)
    app.config["RESET_LINK_SECONDS"] = 0
    time.sleep(1.1)
    expired = signed_up.page(link)
    assert expired.status_code == 400 and "expired" in expired.get_data(as_text=True)
    forged = signed_up.page("/family/reset/eyJtZW1iZXIiOjF9.forged.sig")
    assert forged.status_code == 400 and "not valid" in forged.get_data(as_text=True)


def test_reset_for_an_unknown_email_says_the_same_and_sends_nothing(family, db, mail):
    response = family.submit("/family/reset", data={"email": "nobody@example.com"})
    assert "If there is an account" in response.get_data(as_text=True)
    assert db.table("outbox").count == 0


def test_setting_up_a_senior(signed_up, db):
    senior_id = signed_up.add_senior()
    assert [phone["phone"] for phone in seniors.phones_of(db, senior_id)] == ["+15550100050"]
    for label, address in (("Home", "1 Pine Road"), ("Clinic", "2 Oak Road")):
        response = signed_up.submit(
            f"/family/seniors/{senior_id}/places/new",
            data={"label": label, "address": address, "aliases": "my house, home sweet home"},
        )
        assert response.status_code == 303
    clinic = places.list_places(db, senior_id)[1]
    signed_up.submit(
        f"/family/seniors/{senior_id}",
        f"/family/seniors/{senior_id}/places/{clinic['id']}/move",
        {"direction": "up"},
    )
    assert [place["label"] for place in places.list_places(db, senior_id)] == ["Clinic", "Home"]
    response = signed_up.submit(
        f"/family/seniors/{senior_id}/contacts/new",
        data={"name": "Bea", "relation": "daughter", "phone": "+15550100051", "notify": "on"},
    )
    assert response.status_code == 303
    page = signed_up.page(f"/family/seniors/{senior_id}/setup").get_data(as_text=True)
    # Bea is texted once to ask, and gets ride texts once she replies YES.
    assert "Clinic" in page and "Bea" in page and "consent-asked" in page


@pytest.mark.parametrize(
    "path, data, message",
    [
        ("places/new", {"label": "", "address": "1 Road"}, "Please fill this in."),
        ("places/new", {"label": "X" * 61, "address": "1 Road"}, "under 60 characters"),
        ("places/new", {"label": "Shop", "address": "Y" * 201}, "under 200 characters"),
        ("contacts/new", {"name": "Bea", "phone": "12"}, "not valid"),
        ("contacts/new", {"name": "", "phone": "+15550100051"}, "Please fill this in."),
    ],
)
def test_bad_places_and_contacts_are_explained_and_change_nothing(
    signed_up, db, path, data, message
):
    senior_id = signed_up.add_senior()
    response = signed_up.submit(f"/family/seniors/{senior_id}/{path}", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and 'aria-invalid="true"' in page
    assert db.table("places").count == 0 and db.table("contacts").count == 0


@pytest.mark.parametrize(
    "language, typed, message",
    [
        ("en", "my daughter's, a", '"a" is too short for the phone line'),
        ("en", "the, to", '"the" holds only words callers say in any sentence'),
        ("en", "5", '"5" is only a number'),
        ("zh", "去", "“去”太短，电话里听不准"),
        ("zh", "我要, 医院", "“我要”里只有说话时常带的词"),
        ("zh", "五号", "“五号”只是一个数字"),
    ],
)
def test_an_alias_said_in_any_sentence_is_refused_in_the_familys_language(
    lily, margaret, db, language, typed, message
):
    lily.client.set_cookie("lang", language)
    hospital = places.get_place(db, margaret["id"], place_of(db, margaret, "City Hospital")["id"])
    path = f"/family/seniors/{margaret['id']}/places/{hospital['id']}"
    form = {"label": hospital["label"], "address": hospital["address"], "aliases": typed}
    response = lily.submit(path, data=form)
    assert response.status_code == 400
    page = html.unescape(response.get_data(as_text=True))
    assert f'id="aliases-error">{message}' in page
    assert re.search(r'<input id="aliases" [^>]*aria-invalid="true"', page)
    assert places.get_place(db, margaret["id"], hospital["id"])["aliases"] == hospital["aliases"]
    # Fixed, it is saved.
    fixed = {**form, "aliases": "the hospital, 医院"}
    assert lily.submit(path, data=fixed).status_code == 303
    saved = places.get_place(db, margaret["id"], hospital["id"])
    assert saved["aliases"] == ["the hospital", "医院"]


@pytest.mark.parametrize(
    "language, told",
    [
        ("en", '"12" is not used by the phone line: it is only a number'),
        ("zh", "电话线路不会听“12”：它只是一个数字"),
    ],
)
def test_an_old_alias_the_line_ignores_is_told_and_removed(lily, margaret, db, language, told):
    lily.client.set_cookie("lang", language)
    hospital = place_of(db, margaret, "City Hospital")
    # Stored before the portal refused such names; "7-Eleven" is one the line listens for.
    stored = ["12", "the hospital", "7-Eleven"]
    db.table("places").update(hospital["id"], {"aliases": json.dumps(stored)})
    setup = f"/family/seniors/{margaret['id']}/setup"
    page = html.unescape(lily.page(setup).get_data(as_text=True))
    item = page[page.index(f'id="place-{hospital["id"]}"') :]
    item = item[: item.index("</li>")]
    assert told in item and item.count('class="unheard-alias"') == 1
    assert re.search(r"the hospital, 7-Eleven</p>", item)  # the names it listens for, as before
    remove = f"/family/seniors/{margaret['id']}/places/{hospital['id']}/aliases/remove"
    forged = lily.client.post(remove, data={"csrf_token": "forged", "alias": "12"})
    assert forged.status_code == 400
    assert places.get_place(db, margaret["id"], hospital["id"])["aliases"] == stored
    response = lily.submit(setup, action=remove, data={"alias": "12"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/setup#place-{hospital['id']}")
    saved = places.get_place(db, margaret["id"], hospital["id"])["aliases"]
    assert saved == ["the hospital", "7-Eleven"]
    assert 'class="unheard-alias"' not in lily.page(setup).get_data(as_text=True)


@pytest.mark.parametrize(
    "language, told",
    [
        ("en", '"12" is not used by the phone line: it is only a number'),
        ("zh", "电话线路不会听“12”：它只是一个数字"),
    ],
)
def test_the_place_form_fills_in_only_the_names_the_line_listens_for(
    lily, margaret, db, language, told
):
    lily.client.set_cookie("lang", language)
    hospital = place_of(db, margaret, "City Hospital")
    stored = ["12", "the hospital", "7-Eleven"]
    db.table("places").update(hospital["id"], {"aliases": json.dumps(stored)})
    edit = f"/family/seniors/{margaret['id']}/places/{hospital['id']}"
    page = html.unescape(lily.page(edit).get_data(as_text=True))
    assert re.search(r'<input id="aliases" [^>]*value="the hospital, 7-Eleven"', page)
    # The ignored one is told beside the form, with its own Remove, as on the set-up page.
    assert told in page and page.count('class="unheard-alias"') == 1
    remove = f"/family/seniors/{margaret['id']}/places/{hospital['id']}/aliases/remove"
    assert f'action="{remove}"' in page
    # Saved as filled in: the names are kept, the ignored one too, until the family removes it.
    form = {"label": hospital["label"], "address": hospital["address"]}
    saved = lily.submit(edit, data={**form, "aliases": "the hospital, 7-Eleven, 医院"})
    assert saved.status_code == 303
    kept = places.get_place(db, margaret["id"], hospital["id"])["aliases"]
    assert kept == ["the hospital", "7-Eleven", "医院", "12"]
    # Removed from the form, it is gone and the form opens again, without it.
    response = lily.submit(edit, action=remove, data={"alias": "12", "back": "form"})
    assert response.status_code == 303 and response.headers["Location"].endswith(edit)
    assert places.get_place(db, margaret["id"], hospital["id"])["aliases"] == kept[:-1]
    assert 'class="unheard-alias"' not in lily.page(edit).get_data(as_text=True)


def test_a_ninth_place_is_refused(signed_up, db):
    senior_id = signed_up.add_senior()
    for index in range(8):
        places.add_place(db, senior_id, label=f"Place {index}", address=f"{index} Road")
    response = signed_up.submit(
        f"/family/seniors/{senior_id}/places/new", data={"label": "Ninth", "address": "9 Road"}
    )
    assert response.status_code == 400 and "at most 8 places" in response.get_data(as_text=True)
    assert len(places.list_places(db, senior_id)) == 8


def test_a_number_of_another_senior_is_refused(db, margaret, signed_up):
    # margaret comes first: she loads the demo database, which signed_up then signs up into.
    response = signed_up.submit(
        "/family/seniors/new",
        data={
            "name": "Ada",
            "phone": "+1 555 010 0001",
            "kind": "mobile",
            "language": "en",
            "timezone": "UTC",
        },
    )
    assert response.status_code == 400 and "This number cannot be added" in response.get_data(
        as_text=True
    )
    assert db.table("seniors").count == 2  # the demo seniors only
    senior_id = signed_up.add_senior()
    response = signed_up.submit(
        f"/family/seniors/{senior_id}",
        f"/family/seniors/{senior_id}/phones",
        {"phone": "+15550100001", "kind": "mobile"},
    )
    assert response.status_code == 400 and "This number cannot be added" in response.get_data(
        as_text=True
    )
    assert len(seniors.phones_of(db, senior_id)) == 1


def test_a_forged_form_token_changes_nothing(signed_up, db, client):
    response = client.post(
        "/family/seniors/new",
        data={"csrf_token": "forged", "name": "Ada", "phone": "+15550100050", "language": "en"},
    )
    assert response.status_code == 400
    assert db.table("seniors").count == 0


def test_device_link_and_qr_code(signed_up, db, app):
    senior_id = signed_up.add_senior()
    page = signed_up.page(f"/family/seniors/{senior_id}/device").get_data(as_text=True)
    # A brand-new senior has no link yet: nothing was turned off.
    assert "No link has been made yet" in page and "turned off" not in page
    signed_up.submit(f"/family/seniors/{senior_id}/device", data={"action": "renew"})
    page = signed_up.page(f"/family/seniors/{senior_id}/device").get_data(as_text=True)
    token = seniors.device_token(seniors.get_senior(db, senior_id), app.config["SECRET_KEY"])
    assert (
        f"/s/{token}" in page
        and "<svg" in page
        and "<script" not in page.split("<svg", 1)[1].split("</svg>")[0]
    )
    signed_up.submit(f"/family/seniors/{senior_id}/device", data={"action": "revoke"})
    assert seniors.device_token(seniors.get_senior(db, senior_id), app.config["SECRET_KEY"]) is None
    assert seniors.senior_by_device_token(db, token) is None
    page = signed_up.page(f"/family/seniors/{senior_id}/device").get_data(as_text=True)
    assert "The link is turned off" in page


def test_an_invitation_works_once(signed_up, client, app, db):
    senior_id = signed_up.add_senior()
    made = signed_up.submit(
        f"/family/seniors/{senior_id}", f"/family/seniors/{senior_id}/invites"
    ).get_data(as_text=True)
    link = re.search(r"http://localhost(/family/invites/[\w-]+)", made).group(1)
    other = FamilyClient(app.test_client())
    other.sign_up("bob@example.com", name="Bob")
    assert other.submit(link).status_code == 303
    assert other.page(f"/family/seniors/{senior_id}").status_code == 200
    third = FamilyClient(app.test_client())
    third.sign_up("cat@example.com", name="Cat")
    replay = third.submit(link)
    assert replay.status_code == 400 and "already used" in replay.get_data(as_text=True)
    assert third.page(f"/family/seniors/{senior_id}").status_code == 404


def test_booking_following_and_cancelling_a_ride(signed_up, db):
    senior_id = signed_up.add_senior()
    places.add_place(db, senior_id, label="Home", address="1 Pine Road")
    clinic = places.add_place(db, senior_id, label="Clinic", address="2 Oak Road")
    form_page = signed_up.page(f"/family/seniors/{senior_id}/rides/new").get_data(as_text=True)
    key = re.search(r'name="request_key" value="(\w+)"', form_page).group(1)
    data = {
        "request_key": key,
        "pickup": str(places.list_places(db, senior_id)[0]["id"]),
        "destination": str(clinic),
        "when": "tomorrow_morning",
        "needs": ["walker"],
    }
    first = signed_up.submit(f"/family/seniors/{senior_id}/rides/new", data=data)
    again = signed_up.submit(f"/family/seniors/{senior_id}/rides/new", data=data)
    assert first.status_code == 303 and again.headers["Location"] == first.headers["Location"]
    ride = next(db.table("bookings").rows)
    assert (ride["channel"], ride["destination_label"], ride["needs"]) == (
        "family",
        "Clinic",
        '["walker"]',
    )
    assert ride["pickup_at"] is not None
    page = signed_up.page(first.headers["Location"]).get_data(as_text=True)
    # The pickup in the senior's own time (America/New_York, 9 in the morning), the history in
    # words: "Booked by you", never the log's raw "created · family:1" in UTC.
    assert "tomorrow, 9:00\u202fAM" in page or "tomorrow, 9:00 AM" in page, page
    assert "Booked by you" in page and "family:" not in page and "UTC" not in page
    # Cancelling asks once, on a page of its own, and a click on the ride page cancels nothing.
    assert f'action="{first.headers["Location"]}/cancel"' not in page
    question = signed_up.page(first.headers["Location"] + "/cancel").get_data(as_text=True)
    assert "Cancel this ride?" in question and "Keep the ride" in question
    assert bookings.get_booking(db, ride["id"])["state"] == "requested"
    signed_up.submit(first.headers["Location"] + "/cancel")
    assert bookings.get_booking(db, ride["id"])["state"] == "cancelled"
    # ... and can be undone while no driver was on the way, sending no cancel text at all.
    page = signed_up.page(first.headers["Location"]).get_data(as_text=True)
    assert "Undo: book this ride again" in page
    signed_up.submit(first.headers["Location"], first.headers["Location"] + "/reopen")
    assert bookings.get_booking(db, ride["id"])["state"] == "requested"
    cancel_texts = db.execute(
        "select count(*) from outbox where booking_id = ? and kind = 'text' and status != "
        "'withdrawn' and json_extract(payload, '$.state') = 'cancelled'",
        [ride["id"]],
    ).fetchone()[0]
    assert cancel_texts == 0


def test_a_ride_with_a_typed_destination_that_is_empty_is_explained(signed_up, db):
    senior_id = signed_up.add_senior()
    places.add_place(db, senior_id, label="Home", address="1 Pine Road")
    response = signed_up.submit(
        f"/family/seniors/{senior_id}/rides/new",
        data={
            "request_key": "k1",
            "pickup": "typed",
            "pickup_address": "",
            "destination": "typed",
            "destination_address": "",
            "when": "now",
        },
    )
    assert response.status_code == 400 and "Please fill this in." in response.get_data(as_text=True)
    assert db.table("bookings").count == 0


def test_wrong_passwords_are_limited_per_address(family, db):
    family.sign_up("ann@example.com")
    family.submit("/family/", "/family/signout")
    for index in range(20):
        assert family.sign_in(f"guess{index}@example.com", "wrong password!").status_code == 400
    # A correct password for an account that never failed is still refused from this address.
    assert family.sign_in("ann@example.com", "correct horse battery").status_code == 429


def test_a_place_id_beyond_what_sqlite_stores_is_explained(signed_up, db):
    senior_id = signed_up.add_senior()
    places.add_place(db, senior_id, label="Home", address="1 Pine Road")
    data = {"request_key": "k2", "pickup": "9" * 30, "destination": "driver", "when": "now"}
    response = signed_up.submit(f"/family/seniors/{senior_id}/rides/new", data=data)
    assert response.status_code == 400 and "There is no such place." in response.get_data(
        as_text=True
    )
    assert db.table("bookings").count == 0


@pytest.mark.parametrize(
    "target",
    ["/family/\r\nSet-Cookie: x=1", "/family/%0d%0aLocation: //evil.example", "/family/\x00"],
)
def test_a_next_address_with_control_characters_leads_home(family, target):
    family.sign_up("ann@example.com")
    family.submit("/family/", "/family/signout")
    page = family.page("/family/signin").get_data(as_text=True)
    response = family.client.post(
        "/family/signin?next=" + target,
        data={
            "csrf_token": csrf_token(page),
            "email": "ann@example.com",
            "password": "correct horse battery",
        },
    )
    assert response.status_code == 303 and response.headers["Location"] in (
        "/family/",
        "http://localhost/family/",
    )


def test_the_family_member_who_acted_is_not_texted_about_it(lily, margaret, db, book):
    """Lily marks her own contact "this is me": she is not texted about a cancel she made; Tom
    is, and she still hears of what others do."""
    from elderride.services.people import contacts

    mine = next(c for c in contacts.list_contacts(db, margaret["id"]) if c["name"] == "Lily Chen")
    setup = f"/family/seniors/{margaret['id']}/contacts/{mine['id']}"
    form = {"name": "Lily Chen", "relation": "daughter", "phone": mine["phone"], "notify": "on"}
    # "This is me" texts a code to the number; typing it back proves the number is hers.
    assert lily.submit(setup, data={**form, "is_me": "on"}).status_code == 200
    [code_text] = db.table("outbox").rows_where("json_extract(payload, '$.state') = 'claim'")
    code = re.search(r"\d{6}", json.loads(code_text["payload"])["body"]).group()
    assert lily.submit(setup + "/mine", data={"code": code}).status_code == 303
    assert "This is me" in lily.page(setup).get_data(as_text=True)
    tom = next(c for c in contacts.list_contacts(db, margaret["id"]) if c["name"] == "Tom Chen")
    db.table("contacts").update(tom["id"], {"notify": 1})
    ride = book(margaret)
    ride_page = f"/family/seniors/{margaret['id']}/rides/{ride['id']}"
    lily.submit(ride_page + "/cancel")
    told = [
        json.loads(row["payload"])["to"]
        for row in db.table("outbox").rows_where(
            "kind = 'text' and booking_id = ? and json_extract(payload, '$.state') = 'cancelled'",
            [ride["id"]],
        )
    ]
    assert told == [tom["phone"]]
    # What the senior did herself still reaches Lily.
    other = book(margaret, "Lily's home")
    bookings.transition(db, other["id"], "cancelled", actor="senior")
    assert (
        db.execute(
            "select count(*) from outbox where booking_id = ? and json_extract(payload, '$.to') = ?"
            " and json_extract(payload, '$.state') = 'cancelled'",
            [other["id"], mine["phone"]],
        ).fetchone()[0]
        == 1
    )
