"""Each family contact's texts in the language they read: a grandson who reads English gets his
Chinese grandmother's ride news in English, and her Chinese-reading daughter in Chinese."""

import datetime
import json

import pytest

from elderride.services import bookings, clock
from elderride.services.people import contacts
from elderride.services.scheduled import schedule

START = datetime.datetime(2026, 10, 27, 13, 0, tzinfo=datetime.UTC)


@pytest.fixture
def set_clock():
    yield clock.set_now
    clock.set_now(None)


def texts_to(db, phone, state=None):
    """The bodies of the texts queued to `phone` (of one state, if given), oldest first."""
    found = []
    for row in db.table("outbox").rows_where("kind = 'text'", order_by="id"):
        payload = json.loads(row["payload"])
        if payload["to"] == phone and (state is None or payload["state"] == state):
            found.append(payload["body"])
    return found


def add_reader(lily, margaret, **form):
    setup = f"/family/seniors/{margaret['id']}"
    return lily.submit(f"{setup}/contacts/new", data=form)


def test_a_contact_set_to_chinese_gets_an_english_seniors_texts_in_chinese(
    lily, db, margaret, book
):
    answer = add_reader(
        lily,
        margaret,
        name="王芳",
        relation="儿媳",
        phone="+15550100077",
        notify="on",
        language="zh",
    )
    assert answer.status_code == 303, answer.get_data(as_text=True)
    [asked] = texts_to(db, "+15550100077", "consent")
    assert "回复" in asked or "回" in asked
    ride = book(margaret)
    bookings.transition(db, ride["id"], "cancelled", actor="dispatch")
    [chinese] = texts_to(db, "+15550100077", "cancelled")
    assert "取消" in chinese
    others = [c for c in contacts.notified_contacts(db, margaret["id"]) if c["language"] is None]
    assert others, "the demo's other notified contacts keep the senior's language"
    for contact in others:
        [english] = texts_to(db, contact["phone"], "cancelled")
        assert "cancel" in english.lower()
    # The form shows the choice it saved.
    saved = next(c for c in contacts.list_contacts(db, margaret["id"]) if c["name"] == "王芳")
    page = lily.page(f"/family/seniors/{margaret['id']}/contacts/{saved['id']}").get_data(
        as_text=True
    )
    assert '<option value="zh" selected' in page


def test_a_raised_ride_is_told_to_each_contact_in_their_language(
    lily, db, margaret, book, set_clock
):
    assert (
        add_reader(
            lily, margaret, name="王芳", phone="+15550100077", notify="on", language="zh"
        ).status_code
        == 303
    )
    set_clock(START)
    ride = book(margaret, pickup_at=START + datetime.timedelta(minutes=60))
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    set_clock(START + datetime.timedelta(minutes=31))
    assert schedule.run_due(db, schedule.Settings())["unassigned"] == 1
    [told] = texts_to(db, "+15550100077", "no_driver")
    assert "调度" in told


@pytest.mark.parametrize("value", ["fr", "<script>alert(1)</script>", "z" * 5000, "EN", " zh"])
def test_a_language_we_do_not_write_is_explained_and_changes_nothing(lily, db, margaret, value):
    before = len(contacts.list_contacts(db, margaret["id"]))
    answer = add_reader(lily, margaret, name="Bea", phone="+15550100078", language=value)
    assert answer.status_code == 400
    page = answer.get_data(as_text=True)
    assert "Please choose English or Chinese." in page and "<script>alert" not in page
    assert len(contacts.list_contacts(db, margaret["id"])) == before


def test_no_choice_keeps_the_seniors_language(lily, db, margaret, book):
    assert (
        add_reader(
            lily, margaret, name="Bea", phone="+15550100078", notify="on", language=""
        ).status_code
        == 303
    )
    bea = next(c for c in contacts.list_contacts(db, margaret["id"]) if c["name"] == "Bea")
    assert bea["language"] is None
    ride = book(margaret)
    bookings.transition(db, ride["id"], "cancelled", actor="dispatch")
    [english] = texts_to(db, "+15550100078", "cancelled")
    assert "cancel" in english.lower()
