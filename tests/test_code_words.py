"""The family's code word: set on the portal (hostile input refused kindly), carried to dispatch in
the booking document, said on the arrival call and shown large on the senior's ride page, and kept
out of the console's lists, export and message log."""

import json

import pytest

from elderride.ivr.simulator import CallSimulator
from elderride.services import bookings, car_updates
from elderride.services.delivery import Deliverer, run_once
from elderride.services.errors import ValidationError
from elderride.services.outgoing.messages import BuiltinNotifier
from elderride.services.people import code_words, seniors
from elderride.twilio_notifier import TwilioNotifier
from tests import openapi_check
from tests.fake_twilio import ACCOUNT_SID, AUTH_TOKEN

CAR = {
    "driver_name": "Sam",
    "car_make": "Toyota",
    "car_colour": "Silver",
    "plate": "ABC 123",
    "eta_minutes": 12,
}
TOKEN = "code-word-token"


def set_word(family, senior, **form):
    return family.submit(
        f"/family/seniors/{senior['id']}/setup",
        action=f"/family/seniors/{senior['id']}/code-word",
        data=form,
    )


def on_the_way(db, book, senior, *states):
    ride = book(senior)
    for state in ("forwarded", "assigned", *states):
        bookings.transition(db, ride["id"], state, actor="dispatch", details=CAR)
    return ride


def test_the_family_sets_a_code_word_and_the_senior_sees_it_large(lily, margaret, db, book, client):
    assert set_word(lily, margaret, code_word="  Blue   bird ").status_code == 303
    assert seniors.get_senior(db, margaret["id"])["code_word"] == "Blue bird"
    assert "Now: “Blue bird”" in lily.page(f"/family/seniors/{margaret['id']}/setup").get_data(
        as_text=True
    )
    ride = on_the_way(db, book, margaret)
    client.get(f"/s/{margaret['device_token']}")
    page = client.get(f"/senior/rides/{ride['id']}").get_data(as_text=True)
    assert '<p class="code-word">Your driver will say: Blue bird</p>' in page
    # Once she is in the car, nobody needs it any more.
    for state in ("arriving", "picked_up"):
        bookings.transition(db, ride["id"], state, actor="dispatch")
    assert "Blue bird" not in client.get(f"/senior/rides/{ride['id']}").get_data(as_text=True)
    # "Remove" clears it.
    assert set_word(lily, margaret, code_word="Blue bird", remove="1").status_code == 303
    assert seniors.get_senior(db, margaret["id"])["code_word"] is None


def test_a_chinese_code_word_on_the_chinese_ride_page(app, db, wang, book, client):
    code_words.set_code_word(db, wang["id"], "蓝鸟")
    ride = on_the_way(db, book, wang)
    client.get(f"/s/{wang['device_token']}")
    page = client.get(f"/senior/rides/{ride['id']}").get_data(as_text=True)
    assert "您的司机会说：蓝鸟" in page


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("bluebirdbluebirdblueb", "at most 20 letters"),  # 21 letters
        ("x" * 100_000, "at most 20 letters"),
        ("blue\x00bird", "hidden character"),
        ("blue\u200bbird", "hidden character"),  # a zero-width space
        ("\u202edrib", "hidden character"),  # a right-to-left override
        ("blu\u0435bird", "only English letters, or only Chinese"),  # a Cyrillic е
        ("blue鸟", "only English letters, or only Chinese"),
        ("1234", "only English letters, or only Chinese"),
        ("<b>bird</b>", "only English letters, or only Chinese"),
        ("a b c d", "at most 3 words"),
    ],
)
def test_a_hostile_code_word_says_what_to_fix_and_keeps_the_old_one(
    lily, margaret, db, typed, says
):
    code_words.set_code_word(db, margaret["id"], "bluebird")
    response = set_word(lily, margaret, code_word=typed)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert says in page
    assert 'id="code_word-error"' in page
    assert len(page) < 100_000  # what was typed is not shown back whole
    assert seniors.get_senior(db, margaret["id"])["code_word"] == "bluebird"


def test_half_a_utf16_pair_or_a_non_text_value_is_refused_not_a_500():
    # A form cannot carry half a pair (a browser encodes UTF-8); a JSON or Python caller can.
    for value in ("\ud800bird", 12, ["bird"]):
        with pytest.raises(ValidationError):
            code_words.clean(value)


def test_the_code_word_page_speaks_chinese(lily, margaret, db):
    lily.client.set_cookie("lang", "zh")
    response = set_word(lily, margaret, code_word="blue鸟")
    assert response.status_code == 400
    assert "暗号只能全用英文字母，或全用汉字" in response.get_data(as_text=True)


def test_another_familys_senior_cannot_be_given_a_code_word(lily, wang, db):
    response = lily.client.post(f"/family/seniors/{wang['id']}/code-word", data={"code_word": "x"})
    assert response.status_code in (400, 404)
    assert seniors.get_senior(db, wang["id"])["code_word"] is None


def test_the_arrival_call_says_it_and_the_consoles_log_never_keeps_it(
    db, margaret, book, fake_twilio, twilio_post, dispatcher
):
    code_words.set_code_word(db, margaret["id"], "bluebird")
    ride = on_the_way(db, book, margaret)
    car_updates.report_arrived(db, ride["id"], actor="dispatch")
    notifier = TwilioNotifier(ACCOUNT_SID, AUTH_TOKEN, "+15550109999", api_base=fake_twilio.url)
    while run_once(db, Deliverer(notifier), "w"):
        pass
    phone = CallSimulator(
        twilio_post,
        base_url="http://localhost",
        auth_token=AUTH_TOKEN,
        caller="+15550109999",
        called="+15550100001",
    )
    heard = phone.pick_up(fake_twilio.calls[-1]["Twiml"]).text
    assert "Your car is here at Home" in heard and "Your driver will say: bluebird." in heard
    # The assignment call does not say it: only the car at the door does.
    assert "bluebird" not in phone.pick_up(fake_twilio.calls[0]["Twiml"]).text
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    log = page[page.index('<ul class="lines">') :]
    assert "Your driver will say the family&#39;s code word." in log
    assert "bluebird" not in log
    assert "bluebird" not in dispatcher.get("/console/outbox").get_data(as_text=True)


def test_a_text_arrival_says_it_in_chinese(db, wang, book):
    code_words.set_code_word(db, wang["id"], "蓝鸟")
    seniors.set_car_news_by(db, wang["id"], "text")
    ride = on_the_way(db, book, wang)
    car_updates.report_arrived(db, ride["id"], actor="dispatch")
    while run_once(db, Deliverer(BuiltinNotifier()), "w"):
        pass
    [arrived] = [
        json.loads(row["payload"])
        for row in db.table("outbox").rows_where("kind = 'text'", order_by="id")
        if json.loads(row["payload"])["state"] == "arrived"
    ]
    assert arrived["body"].endswith("司机会对您说：蓝鸟。")
    logged = db.execute("select body from messages where channel = 'text'").fetchall()
    assert not any("蓝鸟" in body for (body,) in logged)


def test_dispatch_gets_it_in_the_document_and_console_lists_never_show_it(
    app, db, margaret, book, dispatcher
):
    app.config["DISPATCH_API_TOKEN"] = TOKEN
    code_words.set_code_word(db, margaret["id"], "bluebird")
    ride = on_the_way(db, book, margaret)
    api = app.test_client()
    one = api.get(f"/api/v1/bookings/{ride['id']}", headers={"Authorization": f"Bearer {TOKEN}"})
    assert one.get_json()["booking"]["code_word"] == "bluebird"
    openapi_check.check_response("/api/v1/bookings/{booking_id}", "get", 200, one.get_json())
    # The webhook bodies queued for this ride carry it too, and fit the document.
    queued = [
        json.loads(row["payload"])
        for row in db.table("outbox").rows_where(
            "kind = 'dispatch' and booking_id = ?", [ride["id"]], order_by="id"
        )
    ]
    assert queued[-1]["booking"]["code_word"] == "bluebird"
    # The one ride's page shows it to the dispatcher who tells the driver …
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    assert "The driver says “bluebird” at the door" in page
    # … and nothing else in the console does: the queue, a search, the export.
    for path in ("/console/", "/console/?q=Margaret", "/console/export.json"):
        assert "bluebird" not in dispatcher.get(path).get_data(as_text=True), path
    exported = dispatcher.get("/console/export.json").get_json()["bookings"]
    assert [document["code_word"] for document in exported] == [None]
    # Once she is picked up, the ride's page no longer shows it either.
    for state in ("arriving", "picked_up"):
        bookings.transition(db, ride["id"], state, actor="dispatch")
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    assert "bluebird" not in page


def test_dispatch_is_not_told_the_word_once_the_car_is_no_longer_to_come(app, db, margaret, book):
    app.config["DISPATCH_API_TOKEN"] = TOKEN
    code_words.set_code_word(db, margaret["id"], "bluebird")
    ride = on_the_way(db, book, margaret, "arriving", "picked_up", "completed")
    cancelled = book(margaret)
    bookings.transition(db, cancelled["id"], "cancelled", actor="dispatch")
    waiting = book(margaret)
    api = app.test_client()
    headers = {"Authorization": f"Bearer {TOKEN}"}
    one = api.get(f"/api/v1/bookings/{ride['id']}", headers=headers).get_json()
    assert one["booking"]["code_word"] is None
    # The list of every ride is no file of every senior's word: only a car still to come has it.
    listed = api.get("/api/v1/bookings", headers=headers).get_json()["bookings"]
    assert {document["id"]: document["code_word"] for document in listed} == {
        ride["id"]: None,
        cancelled["id"]: None,
        waiting["id"]: "bluebird",
    }
    # The webhooks after the pickup (picked up, completed, cancelled) do not carry it either.
    for booking_id in (ride["id"], cancelled["id"]):
        queued = [
            json.loads(row["payload"])
            for row in db.table("outbox").rows_where(
                "kind = 'dispatch' and booking_id = ?", [booking_id], order_by="id"
            )
        ]
        late = [body for body in queued if body["state"] not in code_words.TOLD_STATES]
        assert late and all(body["booking"]["code_word"] is None for body in late)
