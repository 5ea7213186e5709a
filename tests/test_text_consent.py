"""Numbers that agreed to hear from us: one opt-in request, nothing else before YES, STOP for
good, HELP answered, and the messaging webhook signed like every Twilio webhook."""

import datetime
import xml.etree.ElementTree as ElementTree

import pytest

from elderride.services import bookings, clock, delivery, demo
from elderride.services.outgoing import consent, messages
from elderride.services.people import contacts, seniors
from elderride.store import connect, migrate
from elderride.store.schema import migrations
from elderride.worker import deliverer_from_config
from tests.texting import agree_by_text, text_the_line

BEA = "+15550100051"
ASSIGNMENT = {
    "driver_name": "Sam Lee",
    "car_make": "Toyota Camry",
    "car_colour": "blue",
    "plate": "ABC 123",
    "eta_minutes": 7,
}


def deliver_all(db, deliverer):
    for _ in range(30):
        db.execute(
            "update outbox set next_attempt_at = ? where status = 'pending'",
            [clock.iso(clock.now() - datetime.timedelta(seconds=1))],
        )
        if not delivery.run_once(db, deliverer, "test"):
            return


def builtin(db):
    deliver_all(db, delivery.Deliverer(messages.BuiltinNotifier()))


def texts_to(db, phone):
    return [
        row["body"]
        for row in db.table("messages").rows_where(
            "recipient = ? and channel = 'text'", [phone], order_by="id"
        )
    ]


def said(response):
    """The words a TwiML answer to a text sends back (an empty list: nothing)."""
    assert response.status_code == 200 and response.mimetype == "text/xml"
    document = ElementTree.fromstring(response.get_data(as_text=True))
    assert document.tag == "Response"
    return [message.text for message in document.iter("Message")]


def add_bea(lily, senior):
    response = lily.submit(
        f"/family/seniors/{senior['id']}/contacts/new",
        data={"name": "Bea", "relation": "niece", "phone": BEA, "notify": "on"},
    )
    assert response.status_code == 303


def test_a_new_number_gets_only_the_opt_in_request_until_it_replies_yes(
    phone_app, db, margaret, lily, fake_twilio, book
):
    add_bea(lily, margaret)
    ride = book(margaret)
    deliverer = deliverer_from_config(phone_app.config)
    deliver_all(db, deliverer)
    to_bea = [message["Body"] for message in fake_twilio.messages if message["To"] == BEA]
    assert len(to_bea) == 1
    [request] = to_bea
    assert all(word in request for word in ("Margaret Chen", "Lily Chen", "YES", "STOP"))
    # Lily (the demo's, who agreed) hears of the ride; Bea's copy is set aside, saying why.
    assert [message["To"] for message in fake_twilio.messages].count("+15550100002") == 1
    [refused] = db.table("outbox").rows_where("status = 'refused'")
    assert refused["last_error"] == consent.NOT_YET and BEA in refused["payload"]
    bookings.transition(db, ride["id"], "assigned", actor="dispatch", details=ASSIGNMENT)
    deliver_all(db, deliverer)
    assert [message["To"] for message in fake_twilio.messages].count(BEA) == 1

    [thanks] = said(text_the_line(phone_app, BEA, " yes "))
    assert "STOP" in thanks
    assert consent.consent_of(db, BEA).state == "in"
    bookings.transition(db, ride["id"], "arriving", actor="dispatch")
    bookings.transition(db, ride["id"], "picked_up", actor="dispatch")
    deliver_all(db, deliverer)
    to_bea = [message["Body"] for message in fake_twilio.messages if message["To"] == BEA]
    # The texts refused before YES stay unsent: only what happens after it reaches Bea.
    assert len(to_bea) == 2 and "picked up" in to_bea[1]


def test_a_number_is_asked_once_however_many_accounts_list_it(db, app, demo_data, signed_up):
    margaret = seniors.senior_by_phone(db, "+15550100001")
    contacts.add_contact(db, margaret["id"], name="Bea", phone=BEA, notify=True)
    senior_id = signed_up.add_senior()
    response = signed_up.submit(
        f"/family/seniors/{senior_id}/contacts/new",
        data={"name": "Target", "phone": BEA, "notify": "on"},
    )
    assert response.status_code == 303
    builtin(db)
    assert len(texts_to(db, BEA)) == 1
    # A week later a family may ask again; a number that answered is never asked.
    clock.set_now(clock.now() + consent.ASK_AGAIN_AFTER + datetime.timedelta(minutes=1))
    try:
        contacts.add_contact(db, senior_id, name="Bea again", phone=BEA, notify=True)
        builtin(db)
        assert len(texts_to(db, BEA)) == 2
        agree_by_text(app, BEA)
        contacts.add_contact(db, margaret["id"], name="Bea twice", phone=BEA, notify=True)
        builtin(db)
        assert len(texts_to(db, BEA)) == 2
    finally:
        clock.set_now(None)


def test_stop_stops_everything_even_for_other_seniors_and_accounts(
    app, db, margaret, wang, lily, book
):
    add_bea(lily, margaret)
    # Another family, another senior, the same number, which agreed once.
    contacts.add_contact(db, wang["id"], name="Bea", phone=BEA, notify=True)
    agree_by_text(app, BEA)
    book(margaret)
    builtin(db)
    before = len(texts_to(db, BEA))
    assert before == 2  # the request, then Margaret's ride

    assert said(text_the_line(app, BEA, "STOP")) == []  # Twilio confirms its own STOP
    assert consent.consent_of(db, BEA).state == "out"
    book(margaret, key="again")
    book(wang)
    contacts.add_contact(db, margaret["id"], name="Bea's other", phone=BEA, notify=True)
    builtin(db)
    assert len(texts_to(db, BEA)) == before
    refused = list(db.table("outbox").rows_where("status = 'refused'"))
    assert len(refused) == 2 and {entry["last_error"] for entry in refused} == {consent.OPTED_OUT}
    assert [event["event"] for event in consent.history(db, BEA)] == ["asked", "in", "out"]
    assert all(event["at"] for event in consent.history(db, BEA))


@pytest.mark.parametrize(
    "word",
    [
        "stop",
        " Stop ",
        "STOPALL",
        "unsubscribe",
        "Cancel",
        "END",
        "quit.",
        "ＳＴＯＰ",
        "\u202eSTOP\u200b",
        "S T O P",
        "退订",
    ],
)
def test_every_stop_word_stops_in_any_case(app, db, word):
    said(text_the_line(app, BEA, word))
    assert consent.consent_of(db, BEA).state == "out"


def test_a_chinese_stop_is_confirmed_in_chinese(app, db):
    [words] = said(text_the_line(app, BEA, "退订"))
    assert "长者出行" in words


def test_start_after_stop_lets_texts_go_again(app, db, margaret, book):
    said(text_the_line(app, "+15550100002", "stop"))
    book(margaret)
    builtin(db)
    assert texts_to(db, "+15550100002") == []
    [words] = said(text_the_line(app, "+15550100002", "START"))
    assert "STOP" in words
    book(margaret, key="after-start")
    builtin(db)
    assert len(texts_to(db, "+15550100002")) == 1
    assert [event["event"] for event in consent.history(db, "+15550100002")] == [
        "in",  # the demo's own number
        "out",
        "in",
    ]


@pytest.mark.parametrize("word, language_mark", [("HELP", "elderride"), ("帮助", "长者出行")])
def test_help_says_who_we_are_and_how_to_stop(app, db, word, language_mark):
    [words] = said(text_the_line(app, BEA, word))
    assert language_mark in words and ("STOP" in words or "退订" in words)
    assert consent.consent_of(db, BEA).state == "unknown"
    assert [event["event"] for event in consent.history(db, BEA)] == ["help"]


def test_other_words_get_no_answer_and_change_nothing(app, db):
    assert said(text_the_line(app, BEA, "who is this?")) == []
    assert consent.consent_of(db, BEA).state == "unknown"


@pytest.mark.parametrize("signature", ["", "forged", "A" * 27 + "=", "B" * 43 + "="])
def test_an_unsigned_or_forged_text_is_refused(app, db, signature):
    response = text_the_line(app, BEA, "YES", signature=signature)
    assert response.status_code == 403
    assert consent.consent_of(db, BEA).state == "unknown"


def test_a_text_signed_for_other_words_is_refused(app, db):
    from twilio.request_validator import RequestValidator

    from tests.fake_twilio import AUTH_TOKEN

    app.config["TWILIO_AUTH_TOKEN"] = AUTH_TOKEN
    signed = {"From": BEA, "Body": "HELP"}
    signature = RequestValidator(AUTH_TOKEN).compute_signature(
        "http://localhost/sms/incoming", signed
    )
    response = app.test_client().post(
        "/sms/incoming",
        data={"From": BEA, "Body": "STOP"},
        headers={"X-Twilio-Signature": signature},
    )
    assert response.status_code == 403
    assert consent.consent_of(db, BEA).state == "unknown"


def test_without_a_twilio_token_every_text_is_refused(app):
    response = app.test_client().post(
        "/sms/incoming", data={"From": BEA, "Body": "YES"}, headers={"X-Twilio-Signature": "x"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "phone, body",
    [
        (BEA, ""),
        (BEA, "YES " * 20_000),
        ("", "YES"),
        ("not a number", "STOP"),
        ("+1 (555) 010-0051", "\u202eSTOP"),
        (BEA, "\x00YES"),
        (BEA, "😀" * 50),
        (BEA, "Y\u0301ES"),
        (BEA, "\ufeffyes"),
    ],
)
def test_hostile_texts_never_fail(app, db, phone, body):
    response = text_the_line(app, phone, body)
    assert response.status_code in (200, 413)
    if response.status_code == 200:
        said(response)


def test_a_text_without_a_sender_changes_nothing(app, db):
    from twilio.request_validator import RequestValidator

    from tests.fake_twilio import AUTH_TOKEN

    app.config["TWILIO_AUTH_TOKEN"] = AUTH_TOKEN
    params = {"Body": "STOP"}
    signature = RequestValidator(AUTH_TOKEN).compute_signature(
        "http://localhost/sms/incoming", params
    )
    response = app.test_client().post(
        "/sms/incoming", data=params, headers={"X-Twilio-Signature": signature}
    )
    assert said(response) == [] and db.table("text_consents").count == 0


def test_a_seniors_agreed_number_is_called_and_its_stop_is_kept(app, db, margaret, book):
    ride = book(margaret)
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    bookings.transition(db, ride["id"], "assigned", actor="dispatch", details=ASSIGNMENT)
    builtin(db)
    calls = "recipient = '+15550100001' and channel = 'call'"
    assert db.table("messages").count_where(calls) == 1
    said(text_the_line(app, "+15550100001", "stop"))
    bookings.transition(db, ride["id"], "arriving", actor="dispatch")
    builtin(db)
    assert db.table("messages").count_where(calls) == 1


def test_a_family_call_to_a_number_that_has_not_agreed_is_refused(db, margaret):
    from elderride.services.outgoing import outbox
    from elderride.store import writing

    with writing(db):
        outbox.enqueue(db, "call", {"to": BEA, "say": "hello", "language": "en"})
    builtin(db)
    assert db.table("messages").count == 0
    [entry] = db.table("outbox").rows_where("kind = 'call'")
    assert entry["status"] == "refused" and entry["last_error"] == consent.NOT_YET


def test_the_family_page_says_where_each_contact_stands_in_both_languages(app, db, margaret, lily):
    add_bea(lily, margaret)
    contacts.add_contact(db, margaret["id"], name="Cy", phone="+15550100052", notify=True)
    said(text_the_line(app, "+15550100052", "STOP"))
    setup = f"/family/seniors/{margaret['id']}/setup"
    page = lily.page(setup).get_data(as_text=True)
    assert page.count("consent-in") == 1  # Lily; Tom gets no texts, so no word about them
    assert page.count("consent-asked") == 1 and "replied YES yet" in page
    assert page.count("consent-out") == 1 and "Asked us to stop" in page
    lily.client.set_cookie("lang", "zh")
    page = lily.page(setup).get_data(as_text=True)
    assert "consent-asked" in page and "replied YES yet" not in page
    assert "Asked us to stop" not in page


def test_an_upgraded_database_keeps_texting_the_numbers_it_texted(tmp_path):
    db = connect(tmp_path / "old.db")
    migrations.apply(db, stop_before="m085_text_consent")
    stamp = clock.iso()
    entry = {"ordering_key": "k", "attempts": 1, "next_attempt_at": stamp, "created_at": stamp}
    db.table("outbox").insert_all(
        [
            {**entry, "kind": "text", "payload": '{"to": "+15550100061"}', "status": "done"},
            {**entry, "kind": "text", "payload": '{"to": "+15550100062"}', "status": "dead"},
            {**entry, "kind": "email", "payload": '{"to": "a@example.com"}', "status": "done"},
        ]
    )
    db.table("messages").insert(
        {
            "outbox_id": 1,
            "channel": "text",
            "recipient": "+15550100063",
            "body": "a ride",
            "created_at": stamp,
        }
    )
    migrate(db)
    assert consent.standings(db, ["+15550100061", "+15550100062", "+15550100063"]) == {
        "+15550100061": "in",
        "+15550100062": "unknown",  # it never got one: it is asked like a new number
        "+15550100063": "in",
    }
    assert {event["via"] for event in consent.history(db, "+15550100061")} == {"migration"}
    db.close()


def test_the_demo_numbers_count_as_agreed(demo_data):
    numbers = [phone for spec in demo.SENIORS for _, _, phone, _ in spec["contacts"]]
    assert set(consent.standings(demo_data, numbers).values()) == {"in"}
    assert demo_data.table("outbox").count == 0


def test_a_contact_listed_before_requests_were_sent_can_be_asked_from_the_family_page(
    app, db, margaret, lily
):
    # As after the upgrade: Bea was listed, never texted, never asked.
    db.table("contacts").insert(
        {
            "senior_id": margaret["id"],
            "name": "Bea",
            "relation": "",
            "phone": BEA,
            "notify": 1,
            "position": 9,
            "created_at": clock.iso(),
        }
    )
    setup = f"/family/seniors/{margaret['id']}/setup"
    assert "consent-unknown" in lily.page(setup).get_data(as_text=True)
    [contact] = [row for row in contacts.list_contacts(db, margaret["id"]) if row["phone"] == BEA]
    ask = f"/family/seniors/{margaret['id']}/contacts/{contact['id']}/ask"
    # A second post (a double tap, a replay) asks nobody again.
    for _ in range(2):
        assert lily.submit(setup, ask).status_code == 303
    builtin(db)
    [request] = texts_to(db, BEA)
    assert "Lily Chen" in request and "YES" in request
    page = lily.page(setup).get_data(as_text=True)
    assert "consent-asked" in page and "consent-unknown" not in page


def test_an_operator_records_a_yes_heard_in_person_but_cannot_undo_a_stop(tmp_path):
    from click.testing import CliRunner

    from elderride.cli import cli

    env = {"ELDERRIDE_INSTANCE_PATH": str(tmp_path), "ELDERRIDE_SECRET_KEY": "cli-test"}

    def run(*args):
        return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)

    agreed = run("text-consent", "+1 555 010 0051", "--agreed")
    assert agreed.exit_code == 0 and agreed.output.startswith(f"{BEA}: in")
    assert run("text-consent", BEA, "--stopped").output.startswith(f"{BEA}: out")
    again = run("text-consent", BEA, "--agreed")
    assert again.exit_code == 1 and "START" in again.output
    shown = run("text-consent", BEA)
    assert shown.output.startswith(f"{BEA}: out") and "operator" in shown.output
    assert run("text-consent", "nope").exit_code == 1


def test_a_replayed_yes_after_stop_changes_nothing(app, db):
    # Found by the red team: a signed YES, posted again after STOP, opted the number back in.
    yes = "SM" + "1" * 32
    assert said(text_the_line(app, BEA, "YES", sid=yes))
    said(text_the_line(app, BEA, "STOP"))
    assert said(text_the_line(app, BEA, "YES", sid=yes)) == []
    assert consent.consent_of(db, BEA).state == "out"
    assert [event["event"] for event in consent.history(db, BEA)] == ["in", "out"]
    # The number's own new YES, a message of its own, still lets texts go again.
    said(text_the_line(app, BEA, "YES"))
    assert consent.consent_of(db, BEA).state == "in"


def test_a_replay_is_refused_after_a_restart_too(app, db):
    from elderride import create_app

    # What was read is kept in the database, not in one process's memory.
    stop = "SM" + "2" * 32
    said(text_the_line(app, BEA, "STOP", sid=stop))
    said(text_the_line(app, BEA, "START"))
    restarted = create_app({key: app.config[key] for key in ("TESTING", "DATABASE", "SECRET_KEY")})
    assert said(text_the_line(restarted, BEA, "STOP", sid=stop)) == []
    assert consent.consent_of(db, BEA).state == "in"


@pytest.mark.parametrize("sid", ["", "x" * 500, "SM<script>", None])
def test_a_text_without_a_twilio_message_id_changes_nothing(app, db, sid):
    from twilio.request_validator import RequestValidator

    from tests.fake_twilio import AUTH_TOKEN

    app.config["TWILIO_AUTH_TOKEN"] = AUTH_TOKEN
    params = {"From": BEA, "Body": "YES"} | ({"MessageSid": sid} if sid is not None else {})
    signature = RequestValidator(AUTH_TOKEN).compute_signature(
        "http://localhost/sms/incoming", params
    )
    response = app.test_client().post(
        "/sms/incoming", data=params, headers={"X-Twilio-Signature": signature}
    )
    assert said(response) == [] and db.table("text_consents").count == 0


ADA = "+15550100050"


def ada_with_a_ride(signed_up, db, book, *, kind="mobile"):
    """Ann adds Ada with a number Ann typed, and a ride for Ada gets its car."""
    senior_id = signed_up.add_senior(phone=ADA, kind=kind)
    places_page = f"/family/seniors/{senior_id}/places/new"
    for label in ("Home", "Clinic"):
        signed_up.submit(places_page, data={"label": label, "address": f"1 {label} Road"})
    ride = book(
        senior_id, "Clinic", pickup="Home", pickup_at=clock.now() + datetime.timedelta(days=1)
    )
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    bookings.transition(db, ride["id"], "assigned", actor="dispatch", details=ASSIGNMENT)
    builtin(db)
    return senior_id, ride


def calls_to(db, phone):
    return db.table("messages").count_where("recipient = ? and channel = 'call'", [phone])


def test_a_seniors_number_the_family_typed_is_asked_before_it_is_called(signed_up, db, book):
    # Found by the red team: a number typed on the family page as the senior's own was called and
    # texted at once, as if its holder had agreed.
    ada_with_a_ride(signed_up, db, book)
    assert calls_to(db, ADA) == 0
    [request] = texts_to(db, ADA)
    assert "Ada Park" in request and "YES" in request and "own" in request
    refused = db.table("outbox").count_where(
        "status = 'refused' and last_error = ?", [consent.NOT_YET]
    )
    assert refused == 1


def test_her_yes_lets_the_call_backs_go(app, signed_up, db, book):
    senior_id, ride = ada_with_a_ride(signed_up, db, book)
    agree_by_text(app, ADA)
    bookings.transition(db, ride["id"], "arriving", actor="dispatch")
    builtin(db)
    assert calls_to(db, ADA) == 1


@pytest.mark.parametrize(
    ("attestation", "agreed"),
    [("TN-Validation-Passed-A", True), ("TN-Validation-Failed-A", False), (None, False)],
)
def test_her_own_call_with_believed_caller_id_counts_as_agreeing(
    phone_app, call, signed_up, db, book, attestation, agreed
):
    senior_id, ride = ada_with_a_ride(signed_up, db, book, kind="landline")
    call(ADA, attestation=attestation).start()
    assert (consent.consent_of(db, ADA).state == "in") is agreed
    bookings.transition(db, ride["id"], "arriving", actor="dispatch")
    builtin(db)
    assert calls_to(db, ADA) == (1 if agreed else 0)
    # A landline cannot answer a text: it is never sent the request.
    assert texts_to(db, ADA) == []


def test_the_family_page_says_a_typed_senior_number_waits_for_its_owner(app, signed_up, db):
    senior_id = signed_up.add_senior(phone=ADA, kind="mobile")
    setup = f"/family/seniors/{senior_id}/setup"
    assert "only its owner can agree" in signed_up.page(setup).get_data(as_text=True)
    signed_up.client.set_cookie("lang", "zh")
    assert "只有号码的主人本人才能同意" in signed_up.page(setup).get_data(as_text=True)
    agree_by_text(app, ADA)
    signed_up.client.set_cookie("lang", "en")
    assert "Gets our calls and texts about rides" in signed_up.page(setup).get_data(as_text=True)


def test_an_upgraded_database_keeps_the_senior_numbers_that_showed_they_agree(tmp_path):
    db = connect(tmp_path / "old.db")
    migrations.apply(db, stop_before="m088_texts_read")
    stamp = clock.iso()
    senior = seniors.create_senior(
        db,
        name="Old Ada",
        language="en",
        timezone="UTC",
        numbers=[
            ("+15550100071", "mobile"),
            ("+15550100072", "landline"),
            ("+15550100073", "mobile"),
        ],
    )
    db.table("outbox").insert(
        {"kind": "call", "payload": '{"to": "+15550100071"}', "status": "done", "attempts": 1}
        | {"ordering_key": "k", "next_attempt_at": stamp, "created_at": stamp}
    )
    db.table("messages").insert(
        {
            "outbox_id": 1,
            "channel": "call",
            "recipient": "+15550100071",
            "body": "a car",
            "created_at": stamp,
        }
    )
    db.table("calls").insert(
        {
            "call_sid": "CA1",
            "from_phone": "+15550100072",
            "to_phone": "",
            "senior_id": senior,
            "language": "en",
            "state": "completed",
            "started_at": stamp,
            "updated_at": stamp,
            "context": "{}",
            "attestation": "TN-Validation-Passed-A",
            "caller_believed": 1,
        }
    )
    migrate(db)
    assert consent.standings(db, ["+15550100071", "+15550100072", "+15550100073"]) == {
        "+15550100071": "in",  # we called it before the upgrade
        "+15550100072": "in",  # it called us, believed
        "+15550100073": "unknown",  # only typed: asked like any new number
    }
    assert [event["via"] for event in consent.history(db, "+15550100072")] == ["migration"]
    db.close()
