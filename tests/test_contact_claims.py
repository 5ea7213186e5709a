""" "This is me": a family member proves a contact is their own number with a code texted to it,
so nobody can mark another person's number as theirs and silence it."""

import datetime
import json
import re

import pytest

from elderride.services import clock
from elderride.services.outgoing import consent
from elderride.services.people import accounts, contact_claims, contacts

TOM = "Tom Chen"
LILY = "Lily Chen"


def contact_named(db, senior, name):
    return next(c for c in contacts.list_contacts(db, senior["id"]) if c["name"] == name)


def codes_texted_to(db, phone):
    """The codes in the texts queued for `phone`, oldest first, as its holder reads them."""
    return [
        re.search(r"\d{6}", json.loads(row["payload"])["body"]).group()
        for row in db.table("outbox").rows_where(
            "kind = 'text' and json_extract(payload, '$.to') = ?"
            " and json_extract(payload, '$.state') = 'claim'",
            [phone],
            order_by="id",
        )
    ]


def edit_form(contact, **extra):
    return {
        "name": contact["name"],
        "relation": contact["relation"],
        "phone": contact["phone"],
        "notify": "on",
        **extra,
    }


def cancel_texts_to(db, ride):
    return [
        json.loads(row["payload"])["to"]
        for row in db.table("outbox").rows_where(
            "kind = 'text' and booking_id = ? and json_extract(payload, '$.state') = 'cancelled'",
            [ride["id"]],
        )
    ]


def test_ticking_this_is_me_on_someone_elses_contact_silences_nobody(lily, margaret, db, book):
    # Found by the red team: Lily ticked "This is me" on Tom's contact, and Tom was no longer
    # texted about what Lily did.
    tom = contact_named(db, margaret, TOM)
    db.table("contacts").update(tom["id"], {"notify": 1})
    consent.agree(db, tom["phone"], via="operator")
    page = f"/family/seniors/{margaret['id']}/contacts/{tom['id']}"
    response = lily.submit(page, data=edit_form(tom, is_me="on"))
    # Lily is asked for the code texted to Tom's phone, which she does not have.
    assert response.status_code == 200
    assert "Type it here" in response.get_data(as_text=True)
    assert contact_named(db, margaret, TOM)["member_id"] is None
    [code_to_tom] = codes_texted_to(db, tom["phone"])
    wrong = "000000" if code_to_tom != "000000" else "111111"
    mine = f"{page}/mine"
    assert lily.submit(mine, data={"code": wrong}).status_code == 400
    assert contact_named(db, margaret, TOM)["member_id"] is None
    ride = book(margaret)
    lily.submit(f"/family/seniors/{margaret['id']}/rides/{ride['id']}/cancel")
    assert tom["phone"] in cancel_texts_to(db, ride)


def test_the_code_texted_to_her_own_number_makes_it_hers(lily, margaret, db, book):
    mine = contact_named(db, margaret, LILY)
    page = f"/family/seniors/{margaret['id']}/contacts/{mine['id']}"
    asked = lily.submit(page, data=edit_form(mine, is_me="on"))
    # The code is asked for on the contact's own page, whatever address showed the question.
    assert asked.status_code == 200
    assert asked.get_data(as_text=True).count(f'action="{page}/mine"') == 2
    [code] = codes_texted_to(db, mine["phone"])
    response = lily.submit(f"{page}/mine", data={"code": f" {code[:3]} {code[3:]} "})
    assert response.status_code == 303
    member = accounts.family_member_by_email(db, "lily@example.com")
    assert contact_named(db, margaret, LILY)["member_id"] == member["id"]
    assert "A code texted to this number showed it is yours" in lily.page(page).get_data(
        as_text=True
    )
    # Typing the code back is her number agreeing to our texts.
    assert consent.consent_of(db, mine["phone"]).state == "in"
    ride = book(margaret)
    lily.submit(f"/family/seniors/{margaret['id']}/rides/{ride['id']}/cancel")
    assert mine["phone"] not in cancel_texts_to(db, ride)


def test_another_members_proved_number_is_never_taken_over(lily, margaret, db, signed_up, app):
    ann = accounts.family_member_by_email(db, "ann@example.com")
    accounts.link_senior(db, ann["id"], margaret["id"])
    tom = contact_named(db, margaret, TOM)
    contact_claims.start(db, margaret["id"], tom["id"], ann["id"], member_name="Ann", language="en")
    [code] = codes_texted_to(db, tom["phone"])
    contact_claims.prove(db, margaret["id"], tom["id"], ann["id"], code)
    page = f"/family/seniors/{margaret['id']}/contacts/{tom['id']}"
    form_page = lily.page(page).get_data(as_text=True)
    assert "another family member" in form_page and 'name="is_me"' not in form_page
    # A forged tick, or a post to the code page, changes nothing and texts nobody.
    lily.submit(page, data=edit_form(tom, is_me="on"))
    response = lily.submit(f"{page}/mine", data={"send": "1"})
    assert response.status_code == 400 and "Only they can change that" in response.get_data(
        as_text=True
    )
    assert len(codes_texted_to(db, tom["phone"])) == 1
    assert contact_named(db, margaret, TOM)["member_id"] == ann["id"]
    # Editing its name keeps it Ann's; a new number is nobody's until its holder proves it.
    lily.submit(page, data=edit_form(tom, name="Tom C."))
    assert contact_named(db, margaret, "Tom C.")["member_id"] == ann["id"]
    lily.submit(page, data=edit_form(tom, name="Tom C.", phone="+15550100061"))
    assert contact_named(db, margaret, "Tom C.")["member_id"] is None


def test_one_contact_per_family_member_per_senior(lily, margaret, db):
    member = accounts.family_member_by_email(db, "lily@example.com")
    first, second = contact_named(db, margaret, LILY), contact_named(db, margaret, TOM)
    for contact in (first, second):
        contact_claims.start(
            db, margaret["id"], contact["id"], member["id"], member_name="Lily", language="en"
        )
        [code] = codes_texted_to(db, contact["phone"])
        contact_claims.prove(db, margaret["id"], contact["id"], member["id"], code)
    owned = [c["name"] for c in contacts.list_contacts(db, margaret["id"]) if c["member_id"]]
    assert owned == [TOM]


def test_codes_are_few_and_guessing_stops(lily, margaret, db):
    tom = contact_named(db, margaret, TOM)
    member = accounts.family_member_by_email(db, "lily@example.com")
    mine = f"/family/seniors/{margaret['id']}/contacts/{tom['id']}/mine"
    # A second ask within the minute sends nothing new.
    for _ in range(2):
        assert lily.submit(mine, data={"send": "1"}).status_code == 200
    [code] = codes_texted_to(db, tom["phone"])
    for guess in range(contact_claims.MAX_TRIES):
        wrong = f"{(int(code) + guess + 1) % 10**6:06d}"
        assert lily.submit(mine, data={"code": wrong}).status_code == 400
    # Even the right code no longer works once the tries are spent.
    response = lily.submit(mine, data={"code": code})
    assert response.status_code == 400 and "Ask for a new one" in response.get_data(as_text=True)
    later = clock.now()
    try:
        for minutes in range(1, contact_claims.CODES_PER_DAY + 1):
            clock.set_now(later + datetime.timedelta(minutes=2 * minutes))
            lily.submit(mine, data={"send": "1"})
    finally:
        clock.set_now(None)
    assert len(codes_texted_to(db, tom["phone"])) == contact_claims.CODES_PER_DAY
    assert contact_named(db, margaret, TOM)["member_id"] is None
    assert member["id"] != contact_named(db, margaret, TOM)["member_id"]


@pytest.mark.parametrize(
    "code", ["", "x" * 5000, "１２３４５６", "\x00", "12345678901234567890123"]
)
def test_hostile_codes_are_refused_kindly(lily, margaret, db, code):
    tom = contact_named(db, margaret, TOM)
    mine = f"/family/seniors/{margaret['id']}/contacts/{tom['id']}/mine"
    lily.submit(mine, data={"send": "1"})
    response = lily.submit(mine, data={"code": code})
    assert response.status_code == 400 and 'class="field-error"' in response.get_data(as_text=True)
    assert contact_named(db, margaret, TOM)["member_id"] is None


def test_the_code_page_speaks_chinese(lily, margaret, db):
    tom = contact_named(db, margaret, TOM)
    lily.client.set_cookie("lang", "zh")
    response = lily.submit(
        f"/family/seniors/{margaret['id']}/contacts/{tom['id']}/mine", data={"send": "1"}
    )
    page = response.get_data(as_text=True)
    assert "验证码" in page and "Type it here" not in page
    [text] = [
        json.loads(row["payload"])["body"]
        for row in db.table("outbox").rows_where("json_extract(payload, '$.state') = 'claim'")
    ]
    assert "验证码" in text


def test_a_stopped_number_gets_no_code_and_is_told_why(lily, margaret, db):
    tom = contact_named(db, margaret, TOM)
    consent.record(db, tom["phone"], "out", via="reply")
    mine = f"/family/seniors/{margaret['id']}/contacts/{tom['id']}/mine"
    response = lily.submit(mine, data={"send": "1"})
    assert response.status_code == 400 and "START" in response.get_data(as_text=True)
    assert codes_texted_to(db, tom["phone"]) == []


def claim_texts(db):
    return [
        json.loads(row["payload"])["to"]
        for row in db.table("outbox").rows_where(
            "kind = 'text' and json_extract(payload, '$.state') = 'claim'"
        )
    ]


@pytest.mark.parametrize(("language", "words"), [("en", "codes today"), ("zh", "今天")])
def test_one_member_gets_a_few_codes_a_day_however_often_the_number_changes(
    lily, margaret, db, language, words
):
    # Found by the red team: changing her own contact's number again and again, one member texted
    # a code to every number she typed.
    lily.client.set_cookie("lang", language)
    me = contact_named(db, margaret, LILY)
    path = f"/family/seniors/{margaret['id']}/contacts/{me['id']}"
    numbers = [f"+1555010{n:04d}" for n in range(3000, 3020)]
    for number in numbers:
        response = lily.submit(path, data=edit_form({**me, "phone": number}, is_me="on"))
        assert response.status_code in (200, 303, 400)
    assert len(claim_texts(db)) == contact_claims.CODES_PER_MEMBER_PER_DAY
    if response.status_code == 303:
        response = lily.page(response.headers["Location"])
    assert words in response.get_data(as_text=True)
