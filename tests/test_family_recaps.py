"""The family's recap of a senior's rides: chosen per member on the portal, sent the evening before
(or the week ahead on Sunday) at the senior's evening hour, by mail or text, once."""

import datetime
import json
import re
import subprocess
import sys
import time
import zoneinfo

import pytest

from elderride.services import clock
from elderride.services.delivery import Deliverer, run_once
from elderride.services.outgoing import consent
from elderride.services.outgoing.messages import BuiltinNotifier
from elderride.services.people import accounts, contacts, places
from elderride.services.scheduled import recurring, schedule
from elderride.services.scheduled.recaps import choice_of

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
# Monday 26 October 2026; Margaret's ride is on Tuesday at 10:15.
MONDAY = datetime.datetime(2026, 10, 26, 9, 0, tzinfo=NEW_YORK)
TUESDAY_RIDE = datetime.datetime(2026, 10, 27, 10, 15, tzinfo=NEW_YORK)
MONDAY_EVENING = datetime.datetime(2026, 10, 26, 18, 5, tzinfo=NEW_YORK)


@pytest.fixture
def set_clock():
    yield clock.set_now
    clock.set_now(None)


def recaps(db):
    """Every recap queued, as (kind, recipient, what it says), oldest first."""
    found = []
    for row in db.table("outbox").rows_where("kind in ('text', 'email')", order_by="id"):
        payload = json.loads(row["payload"])
        if row["kind"] == "email" and re.search(
            "rides (tomorrow|this week)|的用车", payload["subject"]
        ):
            found.append(("email", payload["to"], payload["subject"] + "\n" + payload["body"]))
        elif str(payload.get("state", "")).startswith("recap_"):
            found.append((payload["state"], payload["to"], payload["body"]))
    return found


def lily_id(db):
    return accounts.family_member_by_email(db, "lily@example.com")["id"]


def choose(family, senior, **form):
    return family.submit(
        f"/family/seniors/{senior['id']}/setup",
        action=f"/family/seniors/{senior['id']}/recap",
        data=form,
    )


def prove_own(family, db, senior, name):
    """Mark a contact as the member's own number with the code texted to it ("This is me")."""
    contact = next(c for c in contacts.list_contacts(db, senior["id"]) if c["name"] == name)
    page = f"/family/seniors/{senior['id']}/contacts/{contact['id']}"
    form = {"name": contact["name"], "relation": contact["relation"], "phone": contact["phone"]}
    assert family.submit(page, data=form | {"notify": "on", "is_me": "on"}).status_code == 200
    [code] = [
        re.search(r"\d{6}", json.loads(row["payload"])["body"]).group()
        for row in db.table("outbox").rows_where(
            "kind = 'text' and json_extract(payload, '$.state') = 'claim'"
            " and json_extract(payload, '$.to') = ?",
            [contact["phone"]],
        )
    ]
    assert family.submit(f"{page}/mine", data={"code": code}).status_code == 303
    return contact["phone"]


def test_the_evening_before_lily_gets_one_mail_with_tomorrows_ride(
    lily, margaret, db, book, set_clock, mailbox
):
    set_clock(MONDAY)
    book(margaret, pickup_at=TUESDAY_RIDE)
    assert choose(lily, margaret, recap="evening", recap_by="mail").status_code == 303
    set_clock(MONDAY_EVENING - datetime.timedelta(minutes=10))
    assert schedule.run_due(db)["recapped"] == 0  # not before her evening hour
    set_clock(MONDAY_EVENING)
    assert schedule.run_due(db)["recapped"] == 1
    assert schedule.run_due(db)["recapped"] == 0  # a second pass sends nothing twice
    [(kind, to, said)] = recaps(db)
    assert (kind, to) == ("email", "lily@example.com")
    assert said.startswith("Margaret Chen's rides tomorrow\n")
    assert "10:15\u202fAM City Hospital, car booked" in said
    # The mail goes out through the outbox and a real SMTP server, like every other.
    [mail] = mailbox.to("lily@example.com")
    assert mail["Subject"] == "Margaret Chen's rides tomorrow"
    assert "City Hospital, car booked" in mail.get_content()


def test_nothing_is_sent_to_a_member_who_chose_none_or_on_a_day_with_no_ride(
    lily, margaret, db, book, set_clock, mailbox
):
    set_clock(MONDAY)
    book(margaret, pickup_at=TUESDAY_RIDE + datetime.timedelta(days=2))
    set_clock(MONDAY_EVENING)
    assert schedule.run_due(db)["recapped"] == 0  # never chosen: off
    choose(lily, margaret, recap="evening", recap_by="mail")
    assert schedule.run_due(db)["recapped"] == 0  # no ride tomorrow
    assert recaps(db) == []


def test_a_text_goes_to_her_own_proved_number_in_chinese_through_consent(
    lily, wang, db, book, set_clock, app
):
    app.config["ALLOWED_REGIONS"] = "US,CN"
    accounts.link_senior(db, lily_id(db), wang["id"])
    lily.client.set_cookie("lang", "zh")
    # Refused until a number is hers: a text goes only to a number its holder proved.
    refused = choose(lily, wang, recap="evening", recap_by="text")
    assert refused.status_code == 400
    assert "这是我本人" in refused.get_data(as_text=True)
    number = prove_own(lily, db, wang, "李娜")
    assert choose(lily, wang, recap="evening", recap_by="text").status_code == 303
    set_clock(datetime.datetime(2026, 10, 26, 9, 0, tzinfo=SHANGHAI))
    book(wang, pickup_at=datetime.datetime(2026, 10, 27, 8, 30, tzinfo=SHANGHAI))
    set_clock(datetime.datetime(2026, 10, 26, 18, 0, tzinfo=SHANGHAI))
    assert schedule.run_due(db)["recapped"] == 1
    [(kind, to, said)] = recaps(db)
    assert (kind, to) == ("recap_evening", number)
    assert said == "长者出行：王秀英明天的用车：上午8点半去市第一人民医院，已约好车。"
    # Once the number says STOP, the recap is refused at delivery like any text.
    consent.record(db, number, "out", via="reply")
    while run_once(db, Deliverer(BuiltinNotifier()), "w"):
        pass
    status = db.execute(
        "select status from outbox where json_extract(payload, '$.state') = 'recap_evening'"
    ).fetchone()[0]
    assert status == "refused"


def test_sunday_evening_gives_the_week_ahead_with_regular_rides_once(
    lily, margaret, db, book, set_clock, mailbox
):
    home, hospital, *_ = places.list_places(db, margaret["id"])
    recurring.add_rule(
        db,
        margaret["id"],
        {
            "weekdays": ["2"],
            "at_time": "08:30",
            "pickup": home["id"],
            "destination": hospital["id"],
            "return_kind": "none",
            "start_date": "2026-10-25",
            "skipped": [],
        },
        created_by="family:1",
    )
    set_clock(datetime.datetime(2026, 10, 24, 9, 0, tzinfo=NEW_YORK))
    book(margaret, "Lily's home", pickup_at=TUESDAY_RIDE)
    choose(lily, margaret, recap="both", recap_by="mail")
    sunday = datetime.datetime(2026, 10, 25, 18, 30, tzinfo=NEW_YORK)
    set_clock(sunday)
    assert schedule.run_due(db)["recapped"] == 1  # the week's, which says Monday's day too
    [(_, _, said)] = recaps(db)
    assert said.startswith("Margaret Chen's rides this week\n")
    lines = said.splitlines()
    assert "Tue, Oct 27 10:15\u202fAM Lily's home, car booked" in lines
    assert "Wed, Oct 28 8:30\u202fAM City Hospital, regular ride" in lines
    # Monday evening, "both" also says Tuesday's ride the evening before.
    set_clock(MONDAY_EVENING)
    assert schedule.run_due(db)["recapped"] == 1
    assert schedule.run_due(db)["recapped"] == 0


@pytest.mark.parametrize(
    ("form", "field_words"),
    [
        ({"recap": "hourly", "recap_by": "mail"}, "Please choose when"),
        ({"recap": "", "recap_by": "mail"}, "Please choose when"),
        ({"recap": "evening", "recap_by": "pigeon"}, "Please choose a mail or a text"),
        ({"recap": "evening" * 1000, "recap_by": "mail"}, "Please choose when"),
        ({"recap": "evening\x00", "recap_by": "mail"}, "Please choose when"),
        ({"recap": "evening", "recap_by": "text"}, "This is me"),
    ],
)
def test_a_forged_or_impossible_recap_choice_says_what_to_fix(
    lily, margaret, db, form, field_words, mailbox
):
    response = choose(lily, margaret, **form)
    assert response.status_code == 400
    assert field_words in response.get_data(as_text=True)
    assert choice_of(db, lily_id(db), margaret["id"]).when == "off"


def test_another_familys_senior_cannot_be_chosen(lily, wang, db):
    response = lily.client.post(f"/family/seniors/{wang['id']}/recap", data={"recap": "evening"})
    assert response.status_code in (400, 404)
    assert choice_of(db, lily_id(db), wang["id"]).when == "off"


RECAPPER = """
import datetime, sys, time
from elderride.services import clock
from elderride.services.scheduled import schedule
from elderride.store import connect

database, moment, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
clock.set_now(datetime.datetime.fromisoformat(moment))
db = connect(database)
while time.time() < start:
    time.sleep(0.001)
schedule.run_due(db)
"""


def run_workers(database, moment, count):
    """Run `count` separate processes that each make one scheduler pass at `moment`, together."""
    start = time.time() + 1.5
    workers = [
        subprocess.Popen([sys.executable, "-c", RECAPPER, database, moment.isoformat(), str(start)])
        for _ in range(count)
    ]
    assert [worker.wait(timeout=60) for worker in workers] == [0] * count


def test_separate_workers_and_a_restart_send_each_recap_once(
    lily, margaret, db, book, set_clock, app, mailbox
):
    set_clock(MONDAY)
    book(margaret, pickup_at=TUESDAY_RIDE)
    choose(lily, margaret, recap="evening", recap_by="mail")
    db.conn.commit()
    set_clock(None)
    run_workers(app.config["DATABASE"], MONDAY_EVENING, 4)
    # Restarted later the same evening: a new process, no memory, the recap already queued.
    run_workers(app.config["DATABASE"], MONDAY_EVENING + datetime.timedelta(minutes=40), 1)
    assert [(kind, to) for kind, to, _ in recaps(db)] == [("email", "lily@example.com")]


def test_a_mail_recap_is_not_taken_where_no_mail_can_be_sent(lily, wang, db, app):
    app.config["ALLOWED_REGIONS"] = "US,CN"
    accounts.link_senior(db, lily_id(db), wang["id"])
    refused = choose(lily, wang, recap="week", recap_by="mail")
    assert refused.status_code == 400
    assert "This site cannot send mail yet: choose a text" in refused.get_data(as_text=True)
    assert choice_of(db, lily_id(db), wang["id"]).when == "off"
    prove_own(lily, db, wang, "李娜")
    assert choose(lily, wang, recap="week", recap_by="text").status_code == 303
    assert choose(lily, wang, recap="off", recap_by="mail").status_code == 303


def test_a_recap_is_written_in_the_language_chosen_for_her_own_number(
    lily, wang, db, book, set_clock, app
):
    # Lily reads English; her mother-in-law's recap comes in the language set on her own number.
    app.config["ALLOWED_REGIONS"] = "US,CN"
    accounts.link_senior(db, lily_id(db), wang["id"])
    number = prove_own(lily, db, wang, "李娜")
    contact = next(c for c in contacts.list_contacts(db, wang["id"]) if c["phone"] == number)
    page = f"/family/seniors/{wang['id']}/contacts/{contact['id']}"
    form = {"name": contact["name"], "phone": number, "notify": "on", "is_me": "on"}
    assert lily.submit(page, data=form | {"language": "en"}).status_code == 303
    assert choose(lily, wang, recap="evening", recap_by="text").status_code == 303
    set_clock(datetime.datetime(2026, 10, 26, 9, 0, tzinfo=SHANGHAI))
    book(wang, pickup_at=datetime.datetime(2026, 10, 27, 8, 30, tzinfo=SHANGHAI))
    set_clock(datetime.datetime(2026, 10, 26, 18, 0, tzinfo=SHANGHAI))
    assert schedule.run_due(db)["recapped"] == 1
    [(kind, to, said)] = recaps(db)
    assert (kind, to) == ("recap_evening", number)
    assert said == "elderride: tomorrow for 王秀英: 8:30\u202fAM 市第一人民医院, car booked."
