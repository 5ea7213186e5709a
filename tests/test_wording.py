"""How a time reads inside the senior's sentences: "by 10:00 AM on Tuesday", never "by on"."""

import datetime
import zoneinfo

import pytest

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


def test_chinese_times_read_as_older_readers_say_them():
    says = {
        (9, 30): "上午9点半",
        (13, 0): "下午1点",
        (12, 15): "中午12点15分",
        (19, 45): "晚上7点45分",
        (5, 0): "凌晨5点",
    }
    for (hour, minute), words in says.items():
        assert wording.clock_words(datetime.time(hour, minute), "zh") == words
    assert wording.hour_words(13, "zh") == "下午1点"


def test_english_times_stay_as_the_locale_writes_them():
    assert wording.clock_words(datetime.time(13, 0), "en").replace("\u202f", " ") == "1:00 PM"
    assert wording.hour_words(13, "en").replace("\u202f", " ") == "1 PM"


def test_the_chinese_ride_page_offers_hours_as_words(client, wang, db):
    client.get(f"/s/{wang['device_token']}")
    tomorrow = clock.now().astimezone(zoneinfo.ZoneInfo(wang["timezone"])).date()
    tomorrow += datetime.timedelta(days=1)
    [place] = db.execute(
        "select id from places where senior_id = ? and is_home = 0 limit 1", [wang["id"]]
    ).fetchall()
    when = f"{tomorrow.isoformat()}T09:30"
    page = client.get(f"/senior/ride?to={place[0]}&when={when}").get_data(as_text=True)
    assert "明天上午9点半" in page
    assert "下午1点" in page and "13时" not in page


def test_a_chinese_family_button_has_full_width_brackets(client, wang):
    page = client.get(f"/s/{wang['device_token']}", follow_redirects=True).get_data(as_text=True)
    assert "（儿子）" in page or "（女儿）" in page
    assert "(儿子)" not in page and "(女儿)" not in page


def test_the_chinese_family_portal_speaks_to_the_family_not_the_senior(lily, margaret, book):
    ride = book(margaret)
    lily.client.set_cookie("lang", "zh")
    page = lily.page(f"/family/seniors/{margaret['id']}/rides/{ride['id']}")
    text = page.get_data(as_text=True)
    assert 'lang="zh-Hans"' in text
    assert "正在找车" in text and "为您" not in text


@pytest.mark.parametrize(
    ("colour", "make", "said"),
    [
        ("blue", "Toyota", "一辆blue Toyota"),
        ("Silver", "Toyota Camry", "一辆silver Toyota Camry"),
        ("银色", "丰田", "一辆银色丰田"),
        ("银色", "Toyota", "一辆银色Toyota"),
        ("", "Toyota", "一辆Toyota"),
    ],
)
def test_a_chinese_call_spaces_a_car_in_latin_letters_and_not_one_in_chinese(colour, make, said):
    ride = {"car_colour": colour, "car_make": make}
    assert wording.a_car(ride, "zh") == said


def test_the_chinese_ride_page_spaces_a_car_written_in_latin_letters(client, wang, db, book):
    ride = book(wang)
    for state in ("forwarded", "assigned"):
        bookings.transition(
            db,
            ride["id"],
            state,
            actor="dispatch",
            details={
                "driver_name": "Sam",
                "car_make": "Toyota",
                "car_colour": "blue",
                "plate": "ABC 123",
                "eta_minutes": 9,
            },
        )
    client.get(f"/s/{wang['device_token']}")
    page = client.get(f"/senior/rides/{ride['id']}").get_data(as_text=True)
    assert "一辆blue Toyota" in page
    assert "blueToyota" not in page


def test_every_page_writes_a_chinese_car_without_a_space(db, margaret, book, lily, dispatcher):
    # "银色 丰田" reads as two things to a Chinese reader; the console and the family portal write
    # the car as the senior's page and the calls do.
    cars = {}
    for colour, make in (("银色", "丰田"), ("Blue", "Toyota")):
        ride = book(margaret)
        for state in ("forwarded", "assigned"):
            bookings.transition(
                db,
                ride["id"],
                state,
                actor="dispatch",
                details={
                    "driver_name": "Sam",
                    "car_make": make,
                    "car_colour": colour,
                    "plate": "ABC 123",
                    "eta_minutes": 9,
                },
            )
        cars[ride["id"]] = colour
    family = f"/family/seniors/{margaret['id']}"
    for ride_id, colour in cars.items():
        pages = [
            dispatcher.get(f"/console/bookings/{ride_id}"),
            lily.page(f"{family}/rides/{ride_id}"),
            lily.page(family),
        ]
        for page in pages:
            text = page.get_data(as_text=True)
            if colour == "银色":
                assert "银色丰田" in text and "银色 丰田" not in text
            else:
                assert "Blue Toyota" in text
