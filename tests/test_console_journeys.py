"""The console as a dispatcher's second hour: the senior's own clock beside the center's, the
longest wait first, and a no-show reported from the page."""

import datetime
import os
import pty
import re
import select
import subprocess
import sys
import zoneinfo

from elderride import create_app
from elderride.services import bookings, clock
from elderride.services.scheduled import welfare
from tests.conftest import csrf_token
from tests.test_welfare import ride_in, welfare_outbox

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
DRIVER = {
    "driver_name": "Sam Lee",
    "car_make": "Toyota",
    "car_colour": "Blue",
    "plate": "ABC 1",
    "eta_minutes": 5,
}


def their_times(html):
    return re.findall(r'<span class="their-time">([^<]*)</span>', html)


def their_column(html):
    """The senior's own times in the queue, or None when its pickup column does not show them."""
    if '<th scope="col">Pickup time · their time</th>' not in html:
        return None
    return their_times(html)


def test_the_queue_shows_the_seniors_own_clock_when_it_is_not_the_centers(
    app, dispatcher, book, wang, margaret
):
    tomorrow = clock.now().astimezone(SHANGHAI).date() + datetime.timedelta(days=1)
    morning = datetime.datetime.combine(tomorrow, datetime.time(9, 30), SHANGHAI)
    ride = book(wang, pickup_at=morning)
    app.config["TIMEZONE"] = "UTC"
    queue = dispatcher.get("/console/").get_data(as_text=True)
    # 9:30 in Beijing is 1:30 at a center on UTC: both are on the row.
    assert "1:30\u202fAM" in queue
    assert their_column(queue) == ["9:30\u202fAM tomorrow"]
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    assert their_times(page) == ["9:30\u202fAM tomorrow their time"]
    # A center in Beijing reads the senior's own clock already: nothing is added.
    app.config["TIMEZONE"] = "Asia/Shanghai"
    assert their_column(dispatcher.get("/console/").get_data(as_text=True)) is None


def test_a_car_for_now_shows_on_its_page_what_the_seniors_clock_says_now(
    app, dispatcher, book, margaret
):
    ride = book(margaret)
    app.config["TIMEZONE"] = "Asia/Shanghai"
    # The queue adds no column: "now" is the same moment everywhere.
    assert their_column(dispatcher.get("/console/").get_data(as_text=True)) is None
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    [theirs] = their_times(page)
    new_york = clock.now().astimezone(zoneinfo.ZoneInfo("America/New_York"))
    assert theirs.startswith("their time now: ")
    assert theirs.endswith(new_york.strftime("%p"))


def queue_ids(html):
    return [int(number) for number in re.findall(r'<td class="num">(\d+)</td>', html)]


def test_the_queue_puts_the_longest_wait_first_and_the_dispatcher_can_change_it(
    dispatcher, book, margaret, wang, db
):
    now = clock.now()
    first = book(margaret, key="first")
    second = book(wang, key="second")
    later = book(margaret, key="later", pickup_at=now + datetime.timedelta(hours=3))
    assigned = book(wang, key="assigned")
    # The first asked 50 minutes ago, the second 10: the first has waited longest.
    for ride, minutes in ((first, 50), (second, 10), (later, 60), (assigned, 90)):
        db.execute(
            "update bookings set created_at = ? where id = ?",
            [clock.iso(now - datetime.timedelta(minutes=minutes)), ride["id"]],
        )
    bookings.transition(db, assigned["id"], "forwarded", actor="dispatch")
    bookings.transition(db, assigned["id"], "assigned", actor="dispatch", details=DRIVER)
    page = dispatcher.get("/console/").get_data(as_text=True)
    assert queue_ids(page) == [first["id"], second["id"], later["id"], assigned["id"]]
    assert 'aria-current="true">Longest waiting first</a>' in page
    # The other order is a plain link (no script needed), and the page says it is chosen.
    newest = dispatcher.get("/console/?sort=newest").get_data(as_text=True)
    assert queue_ids(newest) == [second["id"], first["id"], later["id"], assigned["id"]]
    assert 'aria-current="true">Newest first</a>' in newest
    assert "sort=newest" in re.search(r'data-refresh="([^"]*)"', newest).group(1)
    # An odd order in the link is the default, never an error.
    odd = dispatcher.get("/console/?sort=%3Cscript%3E")
    assert odd.status_code == 200 and queue_ids(odd.get_data(as_text=True)) == queue_ids(page)


def test_a_dispatcher_reports_a_no_show_and_the_welfare_check_starts_once(
    app, dispatcher, db, margaret
):
    ride = ride_in(db, margaret, "arriving")
    path = f"/console/bookings/{ride['id']}"
    page = dispatcher.get(path).get_data(as_text=True)
    form = {
        "csrf_token": csrf_token(page),
        "report_key": re.search(r'name="report_key" value="([^"]+)"', page)[1],
    }
    assert f'action="{path}/no-show"' in page
    # Without the form token nothing happens.
    assert dispatcher.post(f"{path}/no-show", data={}).status_code == 400
    assert db.table("welfare_checks").count == 0
    # The form sent twice (a double click) is one report: one check, one call to the senior.
    for _ in range(2):
        response = dispatcher.post(f"{path}/no-show", data=form)
        assert response.status_code == 303
    check = welfare.check_of(db, ride["id"])
    assert check["state"] == "calling" and db.table("welfare_checks").count == 1
    [senior_call] = welfare_outbox(db, "call")
    assert senior_call["to"] == "+15550100001"
    assert senior_call["answer"].startswith("/voice/welfare?check=")
    assert bookings.get_booking(db, ride["id"])["state"] == "arriving"  # no fee, no state change
    # The page shows the check and no second button while it is open.
    page = dispatcher.get(path).get_data(as_text=True)
    assert "Calling them now." in page and f'action="{path}/no-show"' not in page


def test_no_show_is_refused_kindly_before_a_driver_is_there(dispatcher, db, margaret):
    ride = ride_in(db, margaret, "requested")
    path = f"/console/bookings/{ride['id']}"
    page = dispatcher.get(path).get_data(as_text=True)
    assert f'action="{path}/no-show"' not in page
    for key in ("", "x" * 5000, "<script>", "\x00"):
        response = dispatcher.post(
            f"{path}/no-show", data={"csrf_token": csrf_token(page), "report_key": key}
        )
        assert response.status_code == 409
        assert "cannot have a driver waiting for it" in response.get_data(as_text=True)
    assert db.table("welfare_checks").count == 0
    missing = dispatcher.post(
        "/console/bookings/99999/no-show", data={"csrf_token": csrf_token(page)}
    )
    assert missing.status_code == 404


def staff_command(instance, *extra, stdin=None):
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("ELDERRIDE_")},
        "ELDERRIDE_INSTANCE_PATH": str(instance),
    }
    command = [sys.executable, "-m", "elderride", "create-staff", "ana@taxi.example"]
    command += ["--name", "Ana", "--password", "a long password", *extra]
    if stdin is None:
        return subprocess.run(command, env=environment, capture_output=True, text=True)
    return subprocess.run(command, env=environment, stdin=stdin, stdout=stdin, stderr=stdin)


def center_zone(instance, monkeypatch):
    monkeypatch.setenv("ELDERRIDE_INSTANCE_PATH", str(instance))
    monkeypatch.delenv("ELDERRIDE_TIMEZONE", raising=False)
    return create_app({"TESTING": True, "SECRET_KEY": "k"}).config["TIMEZONE"]


def test_the_centers_time_zone_is_set_with_the_first_dispatcher(tmp_path, monkeypatch):
    refused = staff_command(tmp_path, "--timezone", "Mars/Olympus")
    assert refused.returncode != 0 and "is not a time zone" in refused.stderr
    assert center_zone(tmp_path, monkeypatch) == "UTC"
    kept = staff_command(tmp_path / "center", "--timezone", "Asia/Shanghai")
    assert kept.returncode == 0 and "The console shows times in Asia/Shanghai." in kept.stdout
    assert center_zone(tmp_path / "center", monkeypatch) == "Asia/Shanghai"
    # The environment still wins, as for every setting.
    monkeypatch.setenv("ELDERRIDE_TIMEZONE", "Europe/London")
    assert create_app({"TESTING": True, "SECRET_KEY": "k"}).config["TIMEZONE"] == "Europe/London"


def test_set_up_at_a_terminal_asks_for_the_time_zone_until_it_is_one(tmp_path, monkeypatch):
    controller, terminal = pty.openpty()
    os.write(controller, b"Mars/Olympus\nAsia/Shanghai\n")
    done = staff_command(tmp_path, stdin=terminal)
    os.close(terminal)
    said = b""
    while select.select([controller], [], [], 0.5)[0]:
        try:
            chunk = os.read(controller, 4096)
        except OSError:
            break
        if not chunk:
            break
        said += chunk
    os.close(controller)
    assert done.returncode == 0
    said = said.decode()
    assert said.count("Which time zone is the dispatch center in?") == 2
    assert "'Mars/Olympus' is not a time zone" in said
    assert "The console shows times in Asia/Shanghai." in said
    assert center_zone(tmp_path, monkeypatch) == "Asia/Shanghai"
