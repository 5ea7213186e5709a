"""The dispatch console: staff only, phone bookings reviewed with their audio, drivers assigned,
nothing hidden."""

import datetime
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from elderride.services import bookings, calls, clock, demo
from elderride.services.outgoing import outbox
from tests.browser import axe_violations
from tests.conftest import csrf_token, sign_in

FIXTURES = Path(__file__).parent / "fixtures" / "audio"


def post(client, page_path, action, data):
    token = csrf_token(client.get(page_path).get_data(as_text=True))
    return client.post(action, data={"csrf_token": token, **data})


@pytest.fixture
def phone_review(call, margaret, db):
    """Margaret asks by phone for somewhere not in her places: a recorded address, to review."""
    phone = call("+15550100001")
    phone.start()
    phone.press("8")
    heard = phone.say((FIXTURES / "ne-16k.wav").read_bytes(), duration=2)
    assert "A person will check the address" in heard.text
    return next(db.table("bookings").rows_where("call_sid = ?", [phone.call_sid]))


def test_only_staff_reach_the_console(client, app, demo_data):
    for path in ("/console/", "/console/bookings/1", "/console/outbox", "/console/recordings/1"):
        assert client.get(path).status_code == 302
    page = client.get("/console/signin").get_data(as_text=True)
    wrong = client.post(
        "/console/signin",
        data={
            "csrf_token": csrf_token(page),
            "email": demo.FAMILY_EMAIL,
            "password": demo.FAMILY_PASSWORD,
        },
    )
    assert wrong.status_code == 400  # a family account is not a staff account


def test_create_staff_from_the_command_line(tmp_path):
    import os

    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("ELDERRIDE_")},
        "ELDERRIDE_INSTANCE_PATH": str(tmp_path),
    }
    ok = subprocess.run(
        [
            sys.executable,
            "-m",
            "elderride",
            "create-staff",
            "Ana@Taxi.example",
            "--name",
            "Ana",
            "--password",
            "a long password",
        ],
        env=environment,
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0 and "ana@taxi.example" in ok.stdout
    again = subprocess.run(
        [
            sys.executable,
            "-m",
            "elderride",
            "create-staff",
            "ana@taxi.example",
            "--name",
            "Ana",
            "--password",
            "a long password",
        ],
        env=environment,
        capture_output=True,
        text=True,
    )
    assert (
        again.returncode == 1
        and "already an account" in again.stderr
        and "Traceback" not in again.stderr
    )
    short = subprocess.run(
        [
            sys.executable,
            "-m",
            "elderride",
            "create-staff",
            "bo@taxi.example",
            "--name",
            "Bo",
            "--password",
            "short",
        ],
        env=environment,
        capture_output=True,
        text=True,
    )
    assert short.returncode == 1 and "at least 10" in short.stderr


def test_a_phone_booking_shows_its_transcripts_and_audio(dispatcher, phone_review, db):
    page = dispatcher.get(f"/console/bookings/{phone_review['id']}").get_data(as_text=True)
    assert "needs_review" in page and "Margaret Chen" in page and "Uses a walker" in page
    utterance = calls.utterances_of(db, phone_review["call_sid"])[0]
    assert f"/console/recordings/{utterance['id']}" in page
    audio = dispatcher.get(f"/console/recordings/{utterance['id']}")
    assert audio.status_code == 200 and audio.mimetype == "audio/wav" and audio.data[:4] == b"RIFF"
    audio.close()


def test_recordings_outside_the_recordings_folder_are_never_served(dispatcher, phone_review, db):
    utterance = calls.utterances_of(db, phone_review["call_sid"])[0]
    db.table("utterances").update(utterance["id"], {"audio_path": "/etc/passwd"})
    assert dispatcher.get(f"/console/recordings/{utterance['id']}").status_code == 404


def test_review_confirm_assign_and_drive(dispatcher, phone_review, db):
    path = f"/console/bookings/{phone_review['id']}"
    assert (
        post(
            dispatcher,
            path,
            f"{path}/trip",
            {"pickup_address": "12 Elm Street", "destination_address": "5 Bay Road"},
        ).status_code
        == 303
    )
    assert post(dispatcher, path, f"{path}/state", {"to": "requested"}).status_code == 303
    bookings.transition(db, phone_review["id"], "forwarded", actor="dispatch")
    bad = post(
        dispatcher,
        path,
        f"{path}/state",
        {
            "to": "assigned",
            "driver_name": "Sam",
            "car_make": "Toyota",
            "car_colour": "Blue",
            "plate": "ABC",
            "eta_minutes": "soon",
        },
    )
    assert bad.status_code == 400 and "minutes until the car arrives" in bad.get_data(as_text=True)
    good = post(
        dispatcher,
        path,
        f"{path}/state",
        {
            "to": "assigned",
            "driver_name": "Sam Lee",
            "driver_phone": "",
            "car_make": "Toyota",
            "car_colour": "Blue",
            "plate": "ABC 123",
            "eta_minutes": "6",
        },
    )
    assert good.status_code == 303
    for target in ("arriving", "picked_up", "completed"):
        assert post(dispatcher, path, f"{path}/state", {"to": target}).status_code == 303
    ride = bookings.get_booking(db, phone_review["id"])
    assert (ride["state"], ride["destination_address"], ride["driver_name"]) == (
        "completed",
        "5 Bay Road",
        "Sam Lee",
    )
    assert [event["event"] for event in bookings.events_of(db, ride["id"])] == [
        "created",
        "edited",
        "requested",
        "forwarded",
        "assigned",
        "arriving",
        "picked_up",
        "completed",
    ]
    refused = post(dispatcher, path, f"{path}/state", {"to": "cancelled"})
    assert refused.status_code == 409 and "cannot become cancelled" in refused.get_data(
        as_text=True
    )


def test_no_car_requeues_and_tells_the_family(dispatcher, margaret, db, book):
    ride = book(margaret)
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    path = f"/console/bookings/{ride['id']}"
    assert post(dispatcher, path, f"{path}/state", {"to": "no_car"}).status_code == 303
    texts = [
        row
        for row in db.table("outbox").rows_where("booking_id = ? and kind = 'text'", [ride["id"]])
    ]
    assert any('"no_car"' in row["payload"] for row in texts)
    assert "no_car" in dispatcher.get("/console/?state=no_car").get_data(as_text=True)


def test_dead_letters_and_a_long_outage_are_shown(dispatcher, app, margaret, db, book):
    book(margaret)
    text = next(db.table("outbox").rows_where("kind = 'text'"))
    outbox.fail(db, {**text, "attempts": 1}, "Twilio 400 21211: invalid number", permanent=True)
    db.execute(
        "update outbox set created_at = ? where kind = 'dispatch'",
        [clock.iso(clock.now() - datetime.timedelta(hours=1))],
    )
    queue = dispatcher.get("/console/").get_data(as_text=True)
    assert (
        "has not acknowledged bookings for 60 minutes" in queue
        and "1 message could not be delivered" in queue
    )
    page = dispatcher.get("/console/outbox").get_data(as_text=True)
    assert "21211" in page and "Try again" in page
    assert "has not acknowledged bookings for 60 minutes" in page
    post(dispatcher, "/console/outbox", f"/console/outbox/{text['id']}/retry", {})
    assert db.table("outbox").get(text["id"])["status"] == "pending"


def test_the_console_follows_a_phone_booking_to_the_seniors_page(
    page, browser, app, live_server, call, margaret, db
):
    page.goto(f"{live_server.url}/console/signin")
    page.get_by_label("Email").fill(demo.DISPATCHER_EMAIL)
    page.get_by_label("Password").fill(demo.DISPATCHER_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert axe_violations(page) == []
    page.evaluate("window.notReloaded = true")
    # While the dispatcher watches, Margaret phones and says an address that is not one of her
    # places.
    phone = call("+15550100001")
    phone.start()
    phone.press("8")
    phone.say((FIXTURES / "ne-16k.wav").read_bytes(), duration=2)
    ride = next(db.table("bookings").rows_where("call_sid = ?", [phone.call_sid]))
    assert ride["state"] == "needs_review"
    link = page.locator(f"a[href='/console/bookings/{ride['id']}']")
    expect(link).to_be_visible(timeout=15_000)
    # The state in words, the code kept for machines.
    row = page.locator("tr", has=link)
    expect(row).to_have_attribute("data-state", "needs_review")
    expect(row).to_contain_text("Needs review")
    assert page.evaluate("window.notReloaded") is True
    with page.expect_navigation():
        link.click()
    assert axe_violations(page) == []
    duration = page.locator("audio").first.evaluate(
        "audio => new Promise(done => { if (audio.readyState >= 1) done(audio.duration); "
        "audio.addEventListener('loadedmetadata', () => done(audio.duration)); audio.load(); })"
    )
    assert duration > 1.0  # the caller's recording plays
    # The dispatcher types the address heard on the recording before confirming.
    page.get_by_label("Destination address").fill("5 Bay Road")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the addresses").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm the booking").click()
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    page.reload()
    page.get_by_label("Driver", exact=True).fill("Sam Lee")
    page.get_by_label("Car", exact=True).fill("Toyota")
    page.get_by_label("Colour").fill("Blue")
    page.get_by_label("Number plate").fill("ABC 123")
    page.get_by_label("Minutes until arrival").fill("6")
    with page.expect_navigation():
        page.get_by_role("button", name="Assign the driver").click()
    expect(page.locator(".state")).to_have_attribute("data-state", "assigned")
    expect(page.locator(".state")).to_have_text("Driver assigned")
    senior = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        senior_page = senior.new_page()
        senior_page.goto(f"{live_server.url}/s/{margaret['device_token']}")
        senior_page.goto(f"{live_server.url}/senior/rides/{ride['id']}")
        expect(senior_page.locator(".driver")).to_have_text("Sam Lee")
        expect(senior_page.locator(".plate")).to_have_text("ABC 123")
    finally:
        senior.close()


def test_no_car_calls_the_senior_too(dispatcher, margaret, db, book):
    ride = book(margaret)
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    bookings.transition(db, ride["id"], "no_car", actor="dispatch")
    call = next(db.table("outbox").rows_where("booking_id = ? and kind = 'call'", [ride["id"]]))
    assert "not found a car for your ride to City Hospital" in call["payload"]


def test_the_event_log_keeps_what_a_move_means_and_not_the_form(dispatcher, phone_review, db):
    path = f"/console/bookings/{phone_review['id']}"
    # The recorded destination is typed in first: a recording cannot be confirmed.
    address = {"pickup_address": phone_review["pickup_address"], "destination_address": "5 Bay Rd"}
    post(dispatcher, path, f"{path}/trip", address)
    post(dispatcher, path, f"{path}/state", {"to": "requested"})
    bookings.transition(db, phone_review["id"], "forwarded", actor="dispatch")
    post(
        dispatcher,
        path,
        f"{path}/state",
        {
            "to": "assigned",
            "driver_name": "Sam Lee",
            "car_make": "Toyota",
            "car_colour": "Blue",
            "plate": "ABC 123",
            "eta_minutes": "6",
        },
    )
    events = {
        event["event"]: event["details"] for event in bookings.events_of(db, phone_review["id"])
    }
    assert events["requested"] == {}
    assert events["assigned"] == {
        "driver_name": "Sam Lee",
        "driver_phone": None,
        "car_make": "Toyota",
        "car_colour": "Blue",
        "plate": "ABC 123",
        "eta_minutes": 6,
    }


def test_a_nul_in_a_stored_recording_path_is_not_found(dispatcher, phone_review, db):
    utterance = calls.utterances_of(db, phone_review["call_sid"])[0]
    db.table("utterances").update(
        utterance["id"], {"audio_path": utterance["audio_path"] + "\0.wav"}
    )
    assert dispatcher.get(f"/console/recordings/{utterance['id']}").status_code == 404


def test_an_old_review_is_reached_on_an_older_page_of_the_queue(
    dispatcher, db, margaret, wang, monkeypatch, book
):
    from elderride.console import views

    monkeypatch.setattr(views, "QUEUE_PAGE", 2)
    old = book(margaret, {"address": "Old Road"}, needs_review=True)
    # Two seniors share the newer rides: one may have only three open at once.
    for number, senior in enumerate((margaret, margaret, wang)):
        book(senior, {"address": f"{number} New Road"})
    seen, address = [], "/console/"
    while address:
        page = dispatcher.get(address).get_data(as_text=True)
        seen += [int(found) for found in re.findall(r'href="/console/bookings/(\d+)"', page)]
        older = re.search(r'href="(/console/\?before=\d+)"[^>]*>Older requests', page)
        address = older.group(1) if older else None
    assert old["id"] in seen and len(seen) == len(set(seen)) == 4


def test_the_chinese_messages_page_has_no_english_codes(app, margaret, book, db):
    book(margaret)
    outbox.fail(
        db,
        {**next(db.table("outbox").rows_where("kind = 'text'")), "attempts": 1},
        "x",
        permanent=True,
    )
    chinese = sign_in(
        app.test_client(), "/console/signin", demo.DISPATCHER_EMAIL, demo.DISPATCHER_PASSWORD
    )
    chinese.set_cookie("lang", "zh")
    page = chinese.get("/console/outbox").get_data(as_text=True)
    assert "短信" in page and "交给调度" in page
    for code in (" · text", " · dispatch", " · dead", " · pending", "text →"):
        assert code not in page, code
