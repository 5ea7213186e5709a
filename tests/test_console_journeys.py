"""The console as a dispatcher's second hour: the senior's own clock beside the center's, the
longest wait first, and a no-show reported from the page."""

import datetime
import re
import zoneinfo

from elderride.services import clock

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def their_times(html):
    return re.findall(r'<span class="their-time">([^<]*)</span>', html)


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
    assert their_times(queue) == ["9:30\u202fAM tomorrow their time"]
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    assert their_times(page) == ["9:30\u202fAM tomorrow their time"]
    # A center in Beijing reads the senior's own clock already: nothing is added.
    app.config["TIMEZONE"] = "Asia/Shanghai"
    assert their_times(dispatcher.get("/console/").get_data(as_text=True)) == []


def test_a_car_for_now_shows_what_the_seniors_clock_says_now(app, dispatcher, book, margaret):
    book(margaret)
    app.config["TIMEZONE"] = "Asia/Shanghai"
    [theirs] = their_times(dispatcher.get("/console/").get_data(as_text=True))
    new_york = clock.now().astimezone(zoneinfo.ZoneInfo("America/New_York"))
    assert theirs.startswith("their time now: ")
    assert theirs.endswith(new_york.strftime("%p"))
