"""Where the car is: the "N minutes away" heads-up, the arrival call, and the late notice, each
once, from the dispatch API and the console."""

import datetime
import json
import re

import pytest

from elderride.ivr.simulator import CallSimulator
from elderride.services import bookings, clock, demo
from elderride.services.delivery import Deliverer, run_once
from elderride.services.people import seniors
from elderride.services.scheduled import schedule
from elderride.twilio_notifier import TwilioNotifier
from tests.conftest import csrf_token
from tests.fake_twilio import ACCOUNT_SID, AUTH_TOKEN

TOKEN = "api-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SILVER_TOYOTA = {
    "driver_name": "Sam",
    "car_make": "Toyota",
    "car_colour": "Silver",
    "plate": "ABC 123",
}


@pytest.fixture
def api(app):
    app.config["DISPATCH_API_TOKEN"] = TOKEN
    return app.test_client()


@pytest.fixture
def set_clock():
    yield clock.set_now
    clock.set_now(None)


def forwarded(db, book, senior, **request):
    booking = book(senior, **request)
    bookings.transition(db, booking["id"], "forwarded", actor="dispatch")
    return booking


def report(api, ride, event_id, kind, **fields):
    response = api.post(
        f"/api/v1/bookings/{ride['id']}/events",
        headers=AUTH,
        json={"id": event_id, "type": kind, **fields},
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()["booking"]


def notices(db, ride, kind):
    """The states of the ride's queued texts or calls, in order."""
    return [
        json.loads(row["payload"])
        for row in db.table("outbox").rows_where(
            "booking_id = ? and kind = ?", [ride["id"], kind], order_by="id"
        )
    ]


def test_an_eta_sequence_from_the_api_gives_one_heads_up_and_one_arrival_call(
    api, db, margaret, book, fake_twilio, twilio_post
):
    ride = forwarded(db, book, margaret)
    report(api, ride, "a-1", "assigned", eta_minutes=12, **SILVER_TOYOTA)
    for event_id, minutes in (("a-2", 9), ("a-3", 5), ("a-4", 4), ("a-3", 5), ("a-5", 3)):
        report(api, ride, event_id, "eta", eta_minutes=minutes)
    report(api, ride, "a-6", "arriving", eta_minutes=1)
    report(api, ride, "a-7", "arrived")
    report(api, ride, "a-7", "arrived")  # a replay
    report(api, ride, "a-8", "arrived")  # said twice by dispatch: the senior hears it once
    calls = notices(db, ride, "call")
    # "Arriving" adds no call: the senior has just heard the car is 5 minutes away.
    assert [call["state"] for call in calls] == ["assigned", "heads_up", "arrived"]
    assert bookings.get_booking(db, ride["id"])["state"] == "arriving"
    # The calls go out through the real Twilio library, and say the car as people look for it.
    notifier = TwilioNotifier(ACCOUNT_SID, AUTH_TOKEN, "+15550109999", api_base=fake_twilio.url)
    while run_once(db, Deliverer(notifier), "w"):
        pass
    placed = [call["Twiml"] for call in fake_twilio.calls]
    assert len(placed) == 3
    phone = CallSimulator(
        twilio_post,
        base_url="http://localhost",
        auth_token=AUTH_TOKEN,
        caller="+15550109999",
        called="+15550100001",
    )
    heard = phone.pick_up(placed[1]).text
    assert "Your car is 5 minutes away: a silver Toyota, plate ABC 123, driver Sam." in heard
    heard = phone.pick_up(placed[2]).text
    assert "Your car is here at Home: a silver Toyota, plate ABC 123, driver Sam." in heard


def test_a_car_assigned_already_near_is_not_announced_twice(api, db, margaret, book):
    ride = forwarded(db, book, margaret)
    report(api, ride, "b-1", "assigned", eta_minutes=4, **SILVER_TOYOTA)
    report(api, ride, "b-2", "eta", eta_minutes=3)
    report(api, ride, "b-3", "arriving")
    assert [call["state"] for call in notices(db, ride, "call")] == ["assigned"]


def test_without_a_heads_up_the_arriving_call_still_comes(api, db, margaret, book):
    ride = forwarded(db, book, margaret)
    report(api, ride, "c-1", "assigned", eta_minutes=15, **SILVER_TOYOTA)
    report(api, ride, "c-2", "arriving")
    calls = notices(db, ride, "call")
    assert [call["state"] for call in calls] == ["assigned", "arriving"]
    assert "Look for a silver Toyota, plate ABC 123, driver Sam." in calls[1]["say"]


def test_the_heads_up_is_texted_in_chinese_when_the_family_chose_a_text(api, db, wang, book):
    seniors.set_car_news_by(db, wang["id"], "text")
    ride = forwarded(db, book, wang)
    report(
        api,
        ride,
        "d-1",
        "assigned",
        eta_minutes=10,
        driver_name="张师傅",
        car_make="丰田",
        car_colour="银色",
        plate="浙A 12345",
    )
    report(api, ride, "d-2", "eta", eta_minutes=4)
    [heads_up] = [text for text in notices(db, ride, "text") if text["state"] == "heads_up"]
    assert heads_up["to"] == "+8613800000001"
    assert (
        heads_up["body"] == "长者出行：您的车还有4分钟到：一辆银色丰田，车牌浙A 12345，司机张师傅。"
    )
    assert "heads_up" not in [call["state"] for call in notices(db, ride, "call")]


def test_a_landline_senior_is_called_even_when_the_family_chose_a_text(api, db, margaret, book):
    seniors.set_car_news_by(db, margaret["id"], "text")  # her only number is a landline
    ride = forwarded(db, book, margaret)
    report(api, ride, "e-1", "assigned", eta_minutes=10, **SILVER_TOYOTA)
    report(api, ride, "e-2", "eta", eta_minutes=5)
    assert "heads_up" in [call["state"] for call in notices(db, ride, "call")]


def test_the_family_chooses_a_call_or_a_text_on_the_set_up_page(lily, margaret, db):
    setup = f"/family/seniors/{margaret['id']}/setup"
    action = f"/family/seniors/{margaret['id']}/car-news"
    assert "When the car is a few minutes away" in lily.page(setup).get_data(as_text=True)
    assert lily.submit(setup, action, {"car_news_by": "text"}).status_code == 303
    assert seniors.get_senior(db, margaret["id"])["car_news_by"] == "text"
    # Anything else, forged or missing, is the call that reaches any phone.
    for forged in ({"car_news_by": "fax"}, {}, {"car_news_by": "text" * 500}):
        assert lily.submit(setup, action, forged).status_code == 303
        assert seniors.get_senior(db, margaret["id"])["car_news_by"] == "call"
    # Without the form's token nothing changes.
    seniors.set_car_news_by(db, margaret["id"], "text")
    assert lily.client.post(action, data={"car_news_by": "call"}).status_code == 400
    assert seniors.get_senior(db, margaret["id"])["car_news_by"] == "text"


@pytest.mark.parametrize(
    ("report_body", "status"),
    [
        ({"id": "f-1", "type": "eta"}, 400),
        ({"id": "f-2", "type": "eta", "eta_minutes": "5"}, 400),
        ({"id": "f-3", "type": "eta", "eta_minutes": -1}, 400),
        ({"id": "f-4", "type": "eta", "eta_minutes": 10**6}, 400),
        ({"id": "f-5", "type": "eta", "eta_minutes": True}, 400),
    ],
)
def test_a_wrong_eta_report_says_what_to_fix(api, db, margaret, book, report_body, status):
    ride = forwarded(db, book, margaret)
    report(api, ride, "f-0", "assigned", eta_minutes=10, **SILVER_TOYOTA)
    response = api.post(f"/api/v1/bookings/{ride['id']}/events", headers=AUTH, json=report_body)
    assert response.status_code == status
    assert response.get_json()["field"] == "eta_minutes"
    assert bookings.get_booking(db, ride["id"])["eta_minutes"] == 10


def test_an_eta_or_arrival_for_a_ride_with_no_car_on_the_way_is_refused(api, db, margaret, book):
    ride = forwarded(db, book, margaret)
    for body in ({"id": "g-1", "type": "eta", "eta_minutes": 3}, {"id": "g-2", "type": "arrived"}):
        response = api.post(f"/api/v1/bookings/{ride['id']}/events", headers=AUTH, json=body)
        assert response.status_code == 409 and response.get_json()["state"] == "forwarded"
    assert notices(db, ride, "call") == []


def test_the_senior_page_says_minutes_away_and_the_car_as_people_look_for_it(
    app, db, margaret, book, api
):
    ride = forwarded(db, book, margaret)
    report(api, ride, "h-1", "assigned", eta_minutes=4, **SILVER_TOYOTA)
    client = app.test_client()
    client.get(f"/s/{margaret['device_token']}")
    page = client.get(f"/senior/rides/{ride['id']}").get_data(as_text=True)
    assert "Your car is 4 minutes away" in page
    assert "A silver Toyota, plate ABC 123, driver Sam" in page


def test_the_console_reports_a_new_eta_and_the_arrival(dispatcher, db, margaret, book):
    ride = forwarded(db, book, margaret)
    path = f"/console/bookings/{ride['id']}"
    page = dispatcher.get(path).get_data(as_text=True)
    dispatcher.post(
        f"{path}/state",
        data={"csrf_token": csrf_token(page), "to": "assigned", "eta_minutes": "12"}
        | SILVER_TOYOTA,
    )
    page = dispatcher.get(path).get_data(as_text=True)
    assert "Where is the car?" in page
    wrong = dispatcher.post(
        f"{path}/eta", data={"csrf_token": csrf_token(page), "eta_minutes": "soon"}
    )
    assert wrong.status_code == 400 and "whole number" in wrong.get_data(as_text=True)
    response = dispatcher.post(
        f"{path}/eta", data={"csrf_token": csrf_token(page), "eta_minutes": "3"}
    )
    assert response.status_code == 303
    dispatcher.post(f"{path}/arrived", data={"csrf_token": csrf_token(page)})
    dispatcher.post(f"{path}/arrived", data={"csrf_token": csrf_token(page)})
    assert [call["state"] for call in notices(db, ride, "call")] == [
        "assigned",
        "heads_up",
        "arrived",
    ]
    assert dispatcher.post(f"{path}/eta", data={"eta_minutes": "3"}).status_code == 400


def test_a_slipping_eta_gives_one_late_notice(api, db, margaret, book, set_clock):
    start = datetime.datetime(2026, 10, 27, 13, 0, tzinfo=datetime.UTC)  # 9:00 in New York
    set_clock(start)
    ride = forwarded(db, book, margaret, pickup_at=start + datetime.timedelta(minutes=30))
    report(api, ride, "l-1", "assigned", eta_minutes=25, **SILVER_TOYOTA)
    set_clock(start + datetime.timedelta(minutes=10))
    report(api, ride, "l-2", "eta", eta_minutes=24)  # 9:34: four minutes late is not late
    set_clock(start + datetime.timedelta(minutes=15))
    report(api, ride, "l-3", "eta", eta_minutes=27)  # 9:42: late
    set_clock(start + datetime.timedelta(minutes=20))
    report(api, ride, "l-4", "eta", eta_minutes=30)  # 9:50: later still, nobody told again
    report(api, ride, "l-3", "eta", eta_minutes=27)  # a replay
    late_calls = [call for call in notices(db, ride, "call") if call["state"] == "late"]
    assert len(late_calls) == 1
    assert "It should now come at about 9:42\u202fAM." in late_calls[0]["say"]
    late_texts = [text for text in notices(db, ride, "text") if text["state"] == "late"]
    assert [text["to"] for text in late_texts] == ["+15550100002"]
    assert "instead of 9:30\u202fAM" in late_texts[0]["body"]


def queue_rows(dispatcher, sort="waiting"):
    """The ride numbers of the console's queue in the order `sort` names, top to bottom, and the
    page."""
    page = dispatcher.get(f"/console/?sort={sort}").get_data(as_text=True)
    return [int(number) for number in re.findall(r'<td class="num">(\d+)</td>', page)], page


def test_the_console_marks_a_late_ride(api, db, margaret, book, set_clock, dispatcher):
    start = datetime.datetime(2026, 10, 27, 13, 0, tzinfo=datetime.UTC)
    set_clock(start)
    ride = forwarded(db, book, margaret, pickup_at=start + datetime.timedelta(minutes=30))
    report(api, ride, "m-1", "assigned", eta_minutes=20, **SILVER_TOYOTA)
    assert "Running late" not in queue_rows(dispatcher)[1]
    report(api, ride, "m-2", "eta", eta_minutes=45)
    _, page = queue_rows(dispatcher)
    assert re.search(
        rf'class="state-assigned late".*?<td class="num">{ride["id"]}</td>', page, re.S
    )
    assert "Running late" in page


def test_a_ride_nobody_took_is_raised_to_the_top_and_the_family_told_once(
    db, margaret, book, set_clock, dispatcher
):
    start = datetime.datetime(2026, 10, 27, 13, 0, tzinfo=datetime.UTC)
    set_clock(start)
    soon = forwarded(db, book, margaret, pickup_at=start + datetime.timedelta(minutes=60))
    later = forwarded(db, book, margaret, pickup_at=start + datetime.timedelta(hours=5))
    # Newest first, so that raising the ride nobody took is what puts it on top.
    assert queue_rows(dispatcher, "newest")[0] == [later["id"], soon["id"]]
    set_clock(start + datetime.timedelta(minutes=29))
    assert schedule.run_due(db)["unassigned"] == 0
    set_clock(start + datetime.timedelta(minutes=31))
    assert schedule.run_due(db)["unassigned"] == 1
    assert schedule.run_due(db)["unassigned"] == 0
    rows, page = queue_rows(dispatcher, "newest")
    assert rows == [soon["id"], later["id"]]
    assert "No driver yet, pickup soon" in page
    assert re.search(rf'data-escalated="{soon["id"]} "', page)
    texts = [text for text in notices(db, soon, "text") if text["state"] == "no_driver"]
    assert [text["to"] for text in texts] == ["+15550100002"]
    assert "A dispatcher is working on it now" in texts[0]["body"]
    # Once a driver has it, the mark goes and the queue's own order is back.
    bookings.transition(
        db, soon["id"], "assigned", actor="dispatch", details=SILVER_TOYOTA | {"eta_minutes": 20}
    )
    rows, page = queue_rows(dispatcher, "newest")
    assert "No driver yet" not in page and rows == [later["id"], soon["id"]]


def test_a_ride_for_now_is_raised_after_its_minutes_without_a_driver_in_chinese(
    db, wang, book, set_clock
):
    start = datetime.datetime(2026, 10, 27, 2, 0, tzinfo=datetime.UTC)
    set_clock(start)
    ride = forwarded(db, book, wang)
    set_clock(start + datetime.timedelta(minutes=14))
    assert schedule.run_due(db)["unassigned"] == 0
    set_clock(start + datetime.timedelta(minutes=16))
    assert schedule.run_due(db)["unassigned"] == 1
    [text] = [text for text in notices(db, ride, "text") if text["state"] == "no_driver"]
    assert text["to"] == "+8613800000002"
    assert "还没有司机接单" in text["body"] and "调度员正在优先处理" in text["body"]


def test_a_ride_that_must_arrive_on_time_is_raised_before_an_ordinary_one(
    app, db, margaret, book, set_clock, dispatcher
):
    demo.add_medical_clinics(db)
    start = datetime.datetime(2026, 10, 27, 13, 0, tzinfo=datetime.UTC)
    set_clock(start)
    pickup = start + datetime.timedelta(minutes=90)
    medical = book(margaret, "Kidney Care Clinic", pickup_at=pickup)
    ordinary = book(margaret, "Lily's home", pickup_at=pickup)
    assert medical["priority"] == "medical" and ordinary["priority"] is None
    # 50 minutes before pickup: past the medical deadline (60), not the ordinary one (30).
    set_clock(pickup - datetime.timedelta(minutes=50))
    assert schedule.run_due(db)["unassigned"] == 1
    rows, page = queue_rows(dispatcher, "newest")
    assert rows[0] == medical["id"]
    row = page[page.index(f'<td class="num">{medical["id"]}</td>') :].split("</tr>")[0]
    assert "No driver yet, pickup soon" in row and "Medical: there by" in row
    set_clock(pickup - datetime.timedelta(minutes=29))
    assert schedule.run_due(db)["unassigned"] == 1


def test_a_ride_for_now_that_must_arrive_on_time_is_raised_after_five_minutes(
    app, db, wang, book, set_clock
):
    demo.add_medical_clinics(db)
    start = datetime.datetime(2026, 10, 27, 13, 0, tzinfo=datetime.UTC)
    set_clock(start)
    medical = book(wang, "透析中心")
    ordinary = book(wang, "女儿家")
    assert medical["priority"] == "medical"
    set_clock(start + datetime.timedelta(minutes=6))
    assert schedule.run_due(db)["unassigned"] == 1
    assert "no_driver" in [text["state"] for text in notices(db, medical, "text")]
    assert "no_driver" not in [text["state"] for text in notices(db, ordinary, "text")]


@pytest.mark.parametrize(
    "config",
    [
        {"ASSIGN_DEADLINE_MEDICAL_MINUTES": 20},
        {"ASSIGN_DEADLINE_MEDICAL_NOW_MINUTES": 20},
        {"ASSIGN_DEADLINE_MEDICAL_MINUTES": 0},
    ],
)
def test_a_medical_deadline_later_than_the_ordinary_one_is_refused(config):
    with pytest.raises(ValueError, match="ELDERRIDE_ASSIGN_DEADLINE_MEDICAL"):
        schedule.settings_from_config({**config})


RACER = """
import sys, time
from elderride.services import car_updates
from elderride.services.scheduled import schedule
from elderride.store import connect

database, ride_id, name, start = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
db = connect(database)
while time.time() < start:
    time.sleep(0.001)
car_updates.report_eta(
    db, ride_id, 4, actor="dispatch-api", settings=car_updates.Settings(), event_key=f"api:{name}"
)
schedule.run_due(db)
"""


def test_separate_processes_reporting_at_once_say_each_thing_once(app, db, margaret, wang, book):
    import subprocess
    import sys
    import time

    near = forwarded(db, book, margaret)
    bookings.transition(
        db, near["id"], "assigned", actor="dispatch", details=SILVER_TOYOTA | {"eta_minutes": 12}
    )
    waiting = forwarded(db, book, wang)
    # Asked for twenty minutes ago and nobody has taken it.
    asked = clock.iso(clock.now() - datetime.timedelta(minutes=20))
    db.execute("update bookings set created_at = ? where id = ?", [asked, waiting["id"]])
    db.conn.commit()
    start = time.time() + 1.5
    racers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                RACER,
                app.config["DATABASE"],
                str(near["id"]),
                f"racer-{number}",
                str(start),
            ]
        )
        for number in range(4)
    ]
    assert [racer.wait(timeout=60) for racer in racers] == [0, 0, 0, 0]
    assert [call["state"] for call in notices(db, near, "call")] == ["assigned", "heads_up"]
    assert [text["state"] for text in notices(db, waiting, "text")].count("no_driver") == 1
    etas = [event for event in bookings.events_of(db, near["id"]) if event["event"] == "eta"]
    assert len(etas) == 4  # every report is on the log; what it calls for is said once


@pytest.mark.parametrize(
    "config",
    [
        {"ASSIGN_DEADLINE_MEDICAL_MINUTES": 0},
        {"HEADS_UP_MINUTES": 0},
        {"HEADS_UP_MINUTES": 61},
        {"LATE_MINUTES": 0},
        {"CALL_RETRIES": 6},
        {"CALL_RETRY_MINUTES": 0.5},
    ],
)
def test_settings_that_cannot_be_kept_are_refused_at_start(tmp_path, config):
    from elderride.app import create_app

    with pytest.raises(ValueError, match="ELDERRIDE_"):
        create_app({"TESTING": True, "DATABASE": str(tmp_path / "e.db"), **config})
