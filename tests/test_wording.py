"""How a time reads inside the senior's sentences: "by 10:00 AM on Tuesday", never "by on"."""

import datetime
import zoneinfo

from elderride.services import bookings, clock, wording

NEW_YORK = "America/New_York"


def _in(days, hour=10):
    local = clock.now().astimezone(zoneinfo.ZoneInfo(NEW_YORK))
    moment = (local + datetime.timedelta(days=days)).replace(hour=hour, minute=0)
    return clock.iso(moment)


def test_a_deadline_reads_after_by_in_english():
    later = wording.deadline(_in(3), "en", NEW_YORK)
    assert later.startswith("10:00") and " on " in later and not later.startswith("on ")
    assert wording.deadline(_in(1), "en", NEW_YORK).endswith("tomorrow")
    assert f"by {later}".count(" on ") == 1


def test_a_deadline_in_chinese_is_the_date_then_the_time():
    assert wording.deadline(_in(1), "zh", NEW_YORK).startswith("明天")


def test_the_senior_page_says_by_then_the_time_and_not_after_a_cancel(client, margaret, db, book):
    ride = book(margaret, appointment_at=_in(3))
    client.get(f"/s/{margaret['device_token']}")
    page = client.get(f"/senior/rides/{ride['id']}").get_data(as_text=True)
    assert "You will be there by 10:00" in page and "by on" not in page
    bookings.transition(db, ride["id"], "cancelled", actor="senior")
    page = client.get(f"/senior/rides/{ride['id']}").get_data(as_text=True)
    assert "You will be there by" not in page and "The car will come" not in page
