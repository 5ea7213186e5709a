"""The console as a dispatcher's desk: a dense queue, search, a review that cannot be confirmed on
a recording, remembered drivers, forms that keep what was typed, a second step before cancelling,
local times, and the day's charts."""

import base64
import datetime
import re
from urllib.parse import quote_from_bytes

import pytest

from elderride import create_app
from elderride.services import bookings, calls, clock, demo, drivers, lifecycle, returns
from elderride.services.errors import TransitionRefused
from elderride.services.read_models import ride_queue, today
from elderride.services.records import BookingRequest, Trip
from elderride.services.scheduled import welfare
from tests.conftest import sign_in
from tests.console_world import DRIVER, busy_shift, review_waiting
from tests.test_console import phone_review, post  # noqa: F401 - a fixture


def form_values(html, form_action):
    """Return {name: value} of the text inputs of the form posting to `form_action`."""
    form = re.search(rf'<form[^>]*action="{re.escape(form_action)}"[^>]*>(.*?)</form>', html, re.S)
    assert form, f"no form posts to {form_action}"
    return dict(
        re.findall(r'<input id="[^"]*" name="([^"]+)" type="[^"]*" value="([^"]*)"', form[1])
    )


def actions_on(html, booking_id):
    """Return the moves the booking page offers: buttons posting `to`, and links to confirm."""
    offered = set(re.findall(r'<input type="hidden" name="to" value="(\w+)">', html))
    offered |= set(re.findall(rf"/console/bookings/{booking_id}/confirm/(\w+)", html))
    return offered


# One rule for the buttons -------------------------------------------------------------------


def test_moves_are_the_life_cycles_transitions():
    for state, targets in lifecycle.TRANSITIONS.items():
        assert set(lifecycle.moves(state)) == targets
        if "cancelled" in targets:
            assert lifecycle.moves(state)[-1] == "cancelled"
    assert lifecycle.moves("requested")[0] == "forwarded"  # onward before back


def test_the_booking_page_offers_every_move_the_life_cycle_allows(book, dispatcher, margaret, db):
    ride = book(margaret, {"address": "5 Bay Road"}, key="moves")
    path = f"/console/bookings/{ride['id']}"
    # requested → forwarded was missing from the console's own copy of the rules.
    assert actions_on(dispatcher.get(path).get_data(as_text=True), ride["id"]) == {
        "needs_review",
        "forwarded",
        "cancelled",
    }
    assert post(dispatcher, path, f"{path}/state", {"to": "forwarded"}).status_code == 303
    assert actions_on(dispatcher.get(path).get_data(as_text=True), ride["id"]) == {
        "assigned",
        "no_car",
        "cancelled",
    }
    assert post(dispatcher, path, f"{path}/state", {"to": "cancelled"}).status_code == 303
    # cancelled → requested (taking a cancel back) was missing too.
    page = dispatcher.get(path).get_data(as_text=True)
    assert actions_on(page, ride["id"]) == {"requested"} and "Take back the cancel" in page
    assert post(dispatcher, path, f"{path}/state", {"to": "requested"}).status_code == 303
    assert bookings.get_booking(db, ride["id"])["state"] == "requested"


def test_a_cancel_that_cannot_be_taken_back_offers_nothing(book, dispatcher, margaret, db):
    ride = book(margaret, {"address": "5 Bay Road"}, key="late-cancel")
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    bookings.transition(db, ride["id"], "assigned", actor="dispatch", details=DRIVER)
    bookings.transition(db, ride["id"], "cancelled", actor="family:1")
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    assert actions_on(page, ride["id"]) == set()


def test_buttons_say_what_they_do_in_words(book, dispatcher, margaret, db):
    ride = book(margaret, {"address": "5 Bay Road"}, key="words")
    for state in ("forwarded",):
        bookings.transition(db, ride["id"], state, actor="dispatch")
    bookings.transition(db, ride["id"], "assigned", actor="dispatch", details=DRIVER)
    bookings.transition(db, ride["id"], "arriving", actor="dispatch")
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    assert "Mark as picked up" in page and "picked_up" not in re.sub(r"<[^>]+>", "", page)


# A review is settled by a person ------------------------------------------------------------


def test_a_recorded_address_cannot_be_confirmed_until_typed(db, demo_data):
    ride = review_waiting(db)
    with pytest.raises(TransitionRefused):
        bookings.transition(db, ride["id"], "requested", actor="dispatcher:1")
    assert bookings.get_booking(db, ride["id"])["state"] == "needs_review"
    bookings.edit_trip(
        db,
        ride["id"],
        pickup_address="12 Elm Street",
        destination_address="5 Bay Road",
        actor="dispatcher:1",
    )
    assert bookings.transition(db, ride["id"], "requested", actor="dispatcher:1")["state"] == (
        "requested"
    )


def test_one_recorded_address_left_is_still_refused(db, demo_data):
    ride = review_waiting(db)
    bookings.edit_trip(
        db,
        ride["id"],
        pickup_address="12 Elm Street",
        destination_address="(recording 5)",
        actor="dispatcher:1",
    )
    with pytest.raises(TransitionRefused):
        bookings.transition(db, ride["id"], "requested", actor="dispatcher:1")


def test_a_cancelled_recording_cannot_be_taken_back_unheard(db, demo_data):
    ride = review_waiting(db)
    bookings.transition(db, ride["id"], "cancelled", actor="caller")
    assert not bookings.can_reopen(db, bookings.get_booking(db, ride["id"]), actor="dispatcher:1")
    with pytest.raises(TransitionRefused):
        bookings.transition(db, ride["id"], "requested", actor="dispatcher:1")


def test_the_console_points_at_the_address_still_recorded(dispatcher, phone_review, db):
    path = f"/console/bookings/{phone_review['id']}"
    assert phone_review["destination_address"].startswith("(recording ")
    refused = post(dispatcher, path, f"{path}/state", {"to": "requested"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert 'id="destination_address-error"' in page and "Still a recording" in page
    assert 'id="pickup_address-error"' not in page  # Margaret's home is a real address
    assert bookings.get_booking(db, phone_review["id"])["state"] == "needs_review"
    utterance = calls.utterances_of(db, phone_review["call_sid"])[0]
    assert f"/console/recordings/{utterance['id']}" in page  # the recording to listen to


def test_the_address_form_keeps_what_was_typed_on_error(dispatcher, phone_review):
    path = f"/console/bookings/{phone_review['id']}"
    bad = post(
        dispatcher,
        path,
        f"{path}/trip",
        {"pickup_address": "", "destination_address": "5 Bay Road"},
    )
    assert bad.status_code == 400
    values = form_values(bad.get_data(as_text=True), f"{path}/trip")
    assert values == {"pickup_address": "", "destination_address": "5 Bay Road"}


# Assigning a driver -------------------------------------------------------------------------


@pytest.fixture
def forwarded(book, db, margaret, wang):
    """Two rides with dispatch, waiting for a driver."""
    made = []
    for number, senior in enumerate((margaret, wang)):
        ride = book(senior, {"address": f"{number} Bay Road"}, key=f"fw-{number}")
        made.append(bookings.transition(db, ride["id"], "forwarded", actor="dispatch"))
    return made


def test_one_error_does_not_wipe_the_assign_form(dispatcher, forwarded):
    path = f"/console/bookings/{forwarded[0]['id']}"
    typed = {**DRIVER, "eta_minutes": "soon"}
    bad = post(dispatcher, path, f"{path}/state", {"to": "assigned", **typed})
    assert bad.status_code == 400
    page = bad.get_data(as_text=True)
    assert form_values(page, f"{path}/state") == typed
    assert 'aria-invalid="true" aria-describedby="eta_minutes-error"' in page


def test_an_assigned_driver_is_remembered_and_offered(dispatcher, forwarded, db):
    first, second = forwarded
    path = f"/console/bookings/{first['id']}"
    assert post(dispatcher, path, f"{path}/state", {"to": "assigned", **DRIVER}).status_code == 303
    # The same driver again, typed in other letters: one driver, two rides.
    again = {**DRIVER, "driver_name": "sam lee"}
    bookings.transition(db, second["id"], "assigned", actor="dispatch", details=again)
    remembered = drivers.recent(db)
    assert [(driver["name"], driver["rides"]) for driver in remembered] == [("sam lee", 2)]
    bookings.transition(db, second["id"], "cancelled", actor="dispatch")
    third, _ = bookings.create_booking(
        db,
        BookingRequest(
            idempotency_key="fw-3",
            channel="web",
            created_by="senior",
            senior_id=second["senior_id"],
            trip=Trip(destination={"address": "3 Bay Road"}),
        ),
    )
    bookings.transition(db, third["id"], "forwarded", actor="dispatch")
    page = dispatcher.get(f"/console/bookings/{third['id']}").get_data(as_text=True)
    assert re.search(rf'<option value="{remembered[0]["id"]}"[^>]*>sam lee · Blue Toyota', page)


def test_choosing_a_remembered_driver_fills_the_blanks_and_typing_wins(dispatcher, forwarded, db):
    first, second = forwarded
    bookings.transition(db, first["id"], "assigned", actor="dispatch", details=DRIVER)
    driver = drivers.recent(db)[0]
    path = f"/console/bookings/{second['id']}"
    chosen = {
        "to": "assigned",
        "driver_id": str(driver["id"]),
        "plate": "XYZ 9",
        "eta_minutes": "4",
    }
    assert post(dispatcher, path, f"{path}/state", chosen).status_code == 303
    ride = bookings.get_booking(db, second["id"])
    assert (ride["driver_name"], ride["car_make"], ride["driver_phone"], ride["plate"]) == (
        "Sam Lee",
        "Toyota Prius",
        "+15550100050",
        "XYZ 9",
    )


@pytest.mark.parametrize("driver_id", ["999999", "-1", "x", "9" * 400, "", "1e9"])
def test_a_wrong_remembered_driver_is_an_error_not_a_crash(dispatcher, forwarded, driver_id):
    path = f"/console/bookings/{forwarded[0]['id']}"
    answer = post(
        dispatcher, path, f"{path}/state", {"to": "assigned", "driver_id": driver_id, "eta": "3"}
    )
    assert answer.status_code == 400 and "Please" in answer.get_data(as_text=True)


def test_the_booking_page_calls_the_senior_and_the_driver(dispatcher, forwarded, db):
    ride = bookings.transition(db, forwarded[0]["id"], "assigned", actor="dispatch", details=DRIVER)
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    assert 'href="tel:+15550100001"' in page  # Margaret's landline
    assert 'href="tel:+15550100050"' in page  # the driver


# A second step before a ride is lost ---------------------------------------------------------


@pytest.mark.parametrize("target", ["cancelled", "no_car"])
def test_cancel_and_no_car_ask_first_without_script(dispatcher, forwarded, db, target):
    ride = forwarded[0]
    path = f"/console/bookings/{ride['id']}"
    page = dispatcher.get(path).get_data(as_text=True)
    # The booking page links to a question; it has no form that would act at once.
    assert f'name="to" value="{target}"' not in page
    assert f'href="{path}/confirm/{target}"' in page
    question = dispatcher.get(f"{path}/confirm/{target}")
    assert question.status_code == 200 and bookings.get_booking(db, ride["id"])["state"] == (
        "forwarded"
    )
    html = question.get_data(as_text=True)
    assert f'name="to" value="{target}"' in html and f'href="{path}"' in html
    assert post(dispatcher, f"{path}/confirm/{target}", f"{path}/state", {"to": target}).status_code
    assert bookings.get_booking(db, ride["id"])["state"] == target


@pytest.mark.parametrize("target", ["assigned", "requested", "deleted", "completed"])
def test_only_cancel_and_no_car_have_a_question_page(dispatcher, forwarded, target):
    assert dispatcher.get(
        f"/console/bookings/{forwarded[0]['id']}/confirm/{target}"
    ).status_code == (404)


def test_a_question_for_a_move_no_longer_possible_is_not_found(dispatcher, forwarded, db):
    bookings.transition(db, forwarded[0]["id"], "cancelled", actor="family:1")
    path = f"/console/bookings/{forwarded[0]['id']}/confirm/cancelled"
    assert dispatcher.get(path).status_code == 404


# The queue and search -----------------------------------------------------------------------


def test_reviews_come_first_however_old(dispatcher, db, demo_data, monkeypatch):
    from elderride.console import views

    monkeypatch.setattr(views, "QUEUE_PAGE", 5)
    old = review_waiting(db)
    busy_shift(db, rides=8)
    page = dispatcher.get("/console/").get_data(as_text=True)
    ids = [int(found) for found in re.findall(r'href="/console/bookings/(\d+)"', page)]
    assert ids[0] == old["id"] and len(ids) == 6
    assert "1 caller needs review" in page


def test_reviews_past_the_cap_are_a_link_away(dispatcher, db, demo_data, monkeypatch):
    monkeypatch.setattr(ride_queue, "REVIEW_CAP", 2)
    made = [review_waiting(db, key=f"r{n}", phone=f"+1555010007{n}") for n in range(3)]
    page = dispatcher.get("/console/").get_data(as_text=True)
    ids = [int(found) for found in re.findall(r'href="/console/bookings/(\d+)"', page)]
    # The page holds the callers who have waited longest, the longest first ...
    assert ids == [made[0]["id"], made[1]["id"]]
    assert 'href="/console/?state=needs_review">More are waiting' in page
    # ... or, newest first when the dispatcher asks, the newest.
    page = dispatcher.get("/console/?sort=newest").get_data(as_text=True)
    ids = [int(found) for found in re.findall(r'href="/console/bookings/(\d+)"', page)]
    assert ids == [made[2]["id"], made[1]["id"]]
    assert 'href="/console/?state=needs_review">More are waiting' in page
    every = dispatcher.get("/console/?state=needs_review").get_data(as_text=True)
    assert len(re.findall(r'href="/console/bookings/(\d+)"', every)) == 3


def family_ride_in_half_an_hour(book, senior, key):
    """Book `senior` a ride home to 5 Bay Road, by the family, for half an hour from now."""
    return book(
        senior,
        {"address": "5 Bay Road"},
        pickup_at=clock.now() + datetime.timedelta(minutes=30),
        key=key,
        channel="family",
        created_by="family:1",
    )


def queue_row(client, ride_id):
    """Return the words of the ride's row in the console's queue."""
    page = client.get("/console/").get_data(as_text=True)
    row = re.search(rf'<tr [^>]*>\s*<td class="num">{ride_id}</td>(.*?)</tr>', page, re.S)[1]
    return " ".join(re.sub(r"<[^>]+>", " ", row).split())


def test_the_queue_row_has_name_trip_time_waiting_state_and_channel(
    book, dispatcher, margaret, db, mid_morning
):
    ride = family_ride_in_half_an_hour(book, margaret, "row")
    text = queue_row(dispatcher, ride["id"])
    assert "Margaret Chen" in text and "Home → 5 Bay Road" in text
    assert re.search(r"\d{1,2}:\d\d\s?[AP]M · in (29|30) min", text), text
    assert "Requested" in text and "Family" in text
    assert waiting_of(dispatcher, ride["id"]) == "–"  # asked for in half an hour


def test_dispatchers_asking_in_turn_each_read_the_queue_in_their_own_language(
    book, app, dispatcher, margaret, mid_morning
):
    """The queue's words and times are looked up once per page and language, not once per row:
    kept apart, an English and a Chinese dispatcher asking in turn each read their own."""
    ride = family_ride_in_half_an_hour(book, margaret, "languages")
    chinese = sign_in(
        app.test_client(), "/console/signin", demo.DISPATCHER_EMAIL, demo.DISPATCHER_PASSWORD
    )
    chinese.set_cookie("lang", "zh")
    for _ in range(2):
        english_row, chinese_row = queue_row(dispatcher, ride["id"]), queue_row(chinese, ride["id"])
        assert "Requested" in english_row and "Family" in english_row, english_row
        assert re.search(r"\d{1,2}:\d\d\s?[AP]M · in", english_row), english_row
        assert "已请求" in chinese_row and "家人" in chinese_row, chinese_row
        assert re.search(r"\b\d\d:\d\d · ", chinese_row), chinese_row
        assert "M ·" not in chinese_row and "Requested" not in chinese_row


def waiting_of(client, ride_id):
    page = client.get("/console/").get_data(as_text=True)
    row = re.search(rf'<td class="num">{ride_id}</td>(.*?)</tr>', page, re.S)[1]
    cell = re.search(r'<td class="waiting">(.*?)</td>', row, re.S)[1]
    return " ".join(re.sub(r"<[^>]+>", " ", cell).split())


def test_waiting_counts_from_the_asked_time_and_stops_with_a_driver(book, dispatcher, margaret, db):
    ride = family_ride_in_half_an_hour(book, margaret, "later")
    assert waiting_of(dispatcher, ride["id"]) == "–"  # not due yet
    asked, made = (clock.now() - datetime.timedelta(minutes=minutes) for minutes in (10, 70))
    db.execute(
        "update bookings set pickup_at = ?, created_at = ? where id = ?",
        [clock.iso(asked), clock.iso(made), ride["id"]],
    )
    db.conn.commit()
    assert waiting_of(dispatcher, ride["id"]) == "10 min"  # from the time asked for
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    bookings.transition(db, ride["id"], "assigned", actor="dispatch", details=DRIVER)
    assert waiting_of(dispatcher, ride["id"]) == "–"  # a driver has it


@pytest.fixture
def searchable(book, db, margaret, wang):
    """Margaret's ride, 王秀英's ride and an unknown caller's review."""
    rides = {}
    for name, senior in (("margaret", margaret), ("wang", wang)):
        rides[name] = book(senior, {"address": "5 Bay Road"}, key=f"s-{name}")
    rides["stranger"] = review_waiting(db, phone="+15550100077")
    return rides


def found(client, query):
    page = client.get("/console/", query_string={"q": query})
    assert page.status_code == 200
    return [int(ride) for ride in re.findall(r'href="/console/bookings/(\d+)"', page.text)]


def test_search_by_name_phone_or_number(dispatcher, searchable):
    margaret, wang, stranger = (searchable[key]["id"] for key in ("margaret", "wang", "stranger"))
    assert found(dispatcher, "marg") == [margaret]
    assert found(dispatcher, "CHEN") == [margaret]
    assert found(dispatcher, "王") == [wang]
    assert found(dispatcher, "(555) 010-0001") == [margaret]
    assert found(dispatcher, "+1 555 010 0077") == [stranger]
    assert found(dispatcher, f"#{wang}") == [wang]
    assert found(dispatcher, str(stranger)) == [stranger]
    assert found(dispatcher, "nobody") == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "marg*",
        "NEAR(a b)",
        "a OR b AND NOT c",
        "^x",
        "x" * 5000,
        "\x00",
        "\ud800",
        "9" * 400,
        "#" + "9" * 30,
        "' OR 1=1 --",
        "%",
        "+",
    ],
)
def test_hostile_searches_are_answered(dispatcher, searchable, query):
    # Sent as a browser would, a lone surrogate as its raw bytes.
    encoded = quote_from_bytes(query.encode("utf-8", "surrogatepass"))
    assert dispatcher.get(f"/console/?q={encoded}").status_code == 200
    assert dispatcher.get(f"/console/queue-panel?q={encoded}").status_code == 200


def test_search_reads_only_what_it_finds(db, searchable, margaret):
    statements = []
    db.conn.set_trace_callback(statements.append)
    for query in ("marg", "(555) 010-0001", "+15550100077", "12"):
        ride_queue.search(db, query)
    db.conn.set_trace_callback(None)
    for sql in statements:
        if sql.lstrip().lower().startswith("select"):
            plan = " ".join(row[3] for row in db.execute(f"explain query plan {sql}"))
            assert not re.search(r"\bSCAN (bookings|seniors|senior_phones)\b", plan), (sql, plan)


# Local time ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["New York", "America", "../../etc/passwd", "x" * 5000, "Europe/Nowhere", "\x00"]
)
def test_an_unknown_time_zone_stops_the_start(tmp_path, name):
    with pytest.raises(ValueError, match="not a time zone"):
        create_app({"DATABASE": str(tmp_path / "e.db"), "SECRET_KEY": "k", "TIMEZONE": name})


def test_the_time_zone_can_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ELDERRIDE_TIMEZONE", "Asia/Shanghai")
    app = create_app({"DATABASE": str(tmp_path / "e.db"), "SECRET_KEY": "k"})
    assert app.config["TIMEZONE"] == "Asia/Shanghai"


def test_times_are_shown_in_the_centers_zone(book, app, dispatcher, margaret, db):
    app.config["TIMEZONE"] = "Asia/Shanghai"
    ride = book(
        margaret,
        {"address": "5 Bay Road"},
        pickup_at=clock.now() + datetime.timedelta(hours=2),
        key="tz",
    )
    local = clock.parse(ride["pickup_at"]).astimezone(
        datetime.timezone(datetime.timedelta(hours=8))
    )
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    hour = local.hour % 12 or 12
    assert f"{hour}:{local.minute:02d}" in page and "in 2 hr" in page
    assert "+00:00" not in re.sub(r'datetime="[^"]*"', "", page)  # no raw UTC stamps shown


# Today ---------------------------------------------------------------------------------------


def test_todays_figures_count_only_today_in_the_centers_zone(db, demo_data, margaret):
    now = datetime.datetime(2026, 3, 10, 15, 30, tzinfo=datetime.UTC)  # 11:30 in New York
    zone = "America/New_York"
    _, start, end = today.day_bounds(zone, now)
    assert (start, end) == ("2026-03-10T04:00:00.000+00:00", "2026-03-11T04:00:00.000+00:00")
    rows = [
        # (call started, booking made after, how, state later)
        (datetime.timedelta(hours=-1), 40, "speech", None),
        (datetime.timedelta(hours=-1, minutes=5), 100, "keys", "no_car"),
        (datetime.timedelta(minutes=-10), 400, "person", None),
        (datetime.timedelta(hours=-12), 30, "keys", None),  # 23:30 yesterday in New York
    ]
    for number, (offset, seconds, how, later) in enumerate(rows):
        started = now + offset
        sid = f"CA{number:032d}"
        db.table("calls").insert(
            {
                "call_sid": sid,
                "from_phone": "+15550100001",
                "started_at": clock.iso(started),
                "state": "completed",
                "context": "{}",
            }
        )
        if how == "speech":
            calls.add_utterance(db, sid, step="menu", recording_url="x")
            db.execute("update utterances set transcript = 'hospital' where call_sid = ?", [sid])
        ride, _ = bookings.create_booking(
            db,
            BookingRequest(
                idempotency_key=f"today-{number}",
                channel="phone",
                created_by="caller",
                caller_phone=f"+1555010009{number}",
                needs_review=how == "person",
                call_sid=sid,
                trip=Trip(pickup={"address": "1 Pine Road"}, destination={"address": "5 Bay Road"}),
            ),
        )
        stamp = clock.iso(started + datetime.timedelta(seconds=seconds))
        db.execute("update bookings set created_at = ? where id = ?", [stamp, ride["id"]])
        if later:
            bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
            bookings.transition(db, ride["id"], later, actor="dispatch")
            db.execute("update booking_events set at = ? where booking_id = ?", [stamp, ride["id"]])
    db.conn.commit()
    day = today.figures(db, zone, now)
    assert day.date == datetime.date(2026, 3, 10)
    assert (day.calls, day.bookings) == (3, 3)
    assert day.calls_per_hour[10] == 2 and day.calls_per_hour[11] == 1
    assert day.understood == {"speech": 1, "keys": 1, "person": 1}
    assert day.call_to_booking == {
        "under_1": 1,
        "1_to_2": 1,
        "2_to_3": 0,
        "3_to_5": 0,
        "over_5": 1,
    }
    assert day.median_call_to_booking == 100
    assert day.trouble == {"no_car": 1, "no_show": 0}


def test_todays_no_shows_are_the_welfare_checks_reported_today(book, db, margaret):
    ride = book(margaret)
    for state in ("forwarded", "assigned", "arriving"):
        details = {**DRIVER, "eta_minutes": 5} if state == "assigned" else None
        bookings.transition(db, ride["id"], state, actor="dispatch", details=details)
    welfare.report_no_show(db, ride["id"], event_key="driver-waits", actor="dispatch-api")
    day = today.figures(db, "UTC", clock.now())
    assert day.trouble == {"no_car": 0, "no_show": 1}
    tomorrow = today.figures(db, "UTC", clock.now() + datetime.timedelta(days=1))
    assert tomorrow.trouble["no_show"] == 0


def test_the_today_page_draws_charts_without_scripts_and_says_them_in_words(dispatcher, db):
    busy_shift(db, rides=4)
    page = dispatcher.get("/console/today")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    images = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)"[^>]* alt="([^"]+)"', html)
    assert len(images) == 2 and all(alt.strip() for _, alt in images)
    # No phone booking had a call to time: a sentence says so rather than empty axes.
    assert "No phone bookings yet today" in html
    for encoded, _ in images:
        svg = base64.b64decode(encoded).decode()
        assert svg.startswith("<svg") and "<script" not in svg
        assert not re.search(r'(src|href)="https?:', svg)  # nothing fetched from elsewhere
    assert "4 bookings today" in html and "<table" in html


def test_a_trip_back_waiting_for_the_call_is_said_in_words_and_can_be_sent(
    book, dispatcher, db, margaret
):
    out = book(margaret)
    back = returns.book_on_call(
        db, out["id"], senior_id=margaret["id"], channel="web", created_by="senior"
    )
    page = dispatcher.get(f"/console/bookings/{back['id']}").get_data(as_text=True)
    assert "Awaits their call" in page
    assert "The senior called: send it" in page


def test_the_booking_page_shows_its_welfare_check_until_it_is_resolved(
    book, dispatcher, db, margaret
):
    ride = book(margaret)
    for state in ("forwarded", "assigned", "arriving"):
        details = DRIVER if state == "assigned" else None
        bookings.transition(db, ride["id"], state, actor="dispatch", details=details)
    check = welfare.report_no_show(db, ride["id"], event_key="waits", actor="dispatch-api")
    path = f"/console/bookings/{ride['id']}"
    page = dispatcher.get(path).get_data(as_text=True)
    assert "Welfare check: the driver is waiting for Margaret Chen" in page
    assert "No-show: welfare check" in page and "the dispatch system" in page
    welfare.resolve(db, check["id"], actor="dispatcher:1")
    assert "Welfare check:" not in dispatcher.get(path).get_data(as_text=True)
