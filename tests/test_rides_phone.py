"""Everyday trips on the phone line: several rides, another booked with one open, the way home
from where the senior is, any day and time by keys or in words, appointments, the car back."""

import datetime
import zoneinfo
from pathlib import Path

import pytest

from elderride.services import bookings, calls, clock
from elderride.services.people import places
from elderride.speech.transcript import Transcript
from elderride.web import speech

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
FIXTURES = Path(__file__).parent / "fixtures" / "audio"


def place_id(db, senior, label):
    return next(p["id"] for p in places.list_places(db, senior["id"]) if p["label"] == label)


def newest(db):
    return bookings.get_booking(db, max(row["id"] for row in db.table("bookings").rows))


def test_a_caller_with_an_open_ride_books_another(book, call, margaret, db):
    book(margaret, "City Hospital", key="open")
    phone = call("+15550100001")
    heard = phone.start()
    assert "You have a car booked to City Hospital" in heard.text
    assert "To book another car, press 2." in heard.text
    heard = phone.press("2")
    assert "To go to Lily's home, press 3." in heard.text
    heard = phone.press("3")
    assert "A car from Home to Lily's home, now." in heard.text
    heard = phone.press("1")
    assert "Your car is booked" in heard.text and heard.hung_up
    assert [ride["destination_label"] for ride in bookings.open_bookings(db, margaret["id"])] == [
        "City Hospital",
        "Lily's home",
    ]
    assert newest(db)["channel"] == "phone"


def test_two_open_rides_are_read_soonest_first_and_one_is_cancelled(book, call, margaret, db):
    later = book(
        margaret, "Lily's home", key="later", pickup_at=clock.now() + datetime.timedelta(days=1)
    )
    now = book(margaret, "City Hospital", key="now")
    phone = call("+15550100001")
    heard = phone.start()
    assert "You have 2 cars booked." in heard.text
    assert heard.text.index("To City Hospital, now") < heard.text.index("To Lily's home, ")
    assert "To cancel one of them, press 3." in heard.text
    heard = phone.press("3")
    assert "To cancel the car to Lily's home, tomorrow at" in heard.text
    assert "To keep them all, press 3." in heard.text
    heard = phone.press("2")
    assert "To cancel your car to Lily's home, tomorrow at" in heard.text
    heard = phone.press("1")
    assert "Your car is cancelled" in heard.text
    assert bookings.get_booking(db, later["id"])["state"] == "cancelled"
    assert bookings.get_booking(db, now["id"])["state"] == "requested"


def test_with_three_rides_open_the_line_says_no_more_can_be_booked(book, call, margaret, db):
    for key, label in (("a", "City Hospital"), ("b", "Lily's home"), ("c", "City Hospital")):
        book(margaret, label, key=key, pickup_at=clock.now() + datetime.timedelta(hours=len(key)))
    phone = call("+15550100001")
    heard = phone.start()
    assert "You have 3 cars booked." in heard.text
    assert "press 2" not in heard.text and "as many cars as can be booked" in heard.text
    heard = phone.press("2")
    assert "You have 3 cars booked." in heard.text  # asked again, more simply
    assert db.table("bookings").count == 3


def ride_there(db, ride):
    """Take `ride` through dispatch to its end, as the dispatch system reports it."""
    car = {"driver_name": "Sam", "car_make": "Kia", "car_colour": "Red", "plate": "X 1"}
    for state in ("forwarded", "assigned", "arriving", "picked_up", "completed"):
        details = {**car, "eta_minutes": 5} if state == "assigned" else None
        bookings.transition(db, ride["id"], state, actor="dispatch", details=details)


def test_going_home_from_city_hospital_asks_where_from_and_needs_no_review(
    book, call, margaret, db
):
    there = book(margaret, "City Hospital", key="there")
    ride_there(db, there)
    phone = call("+15550100001")
    phone.start()
    heard = phone.press("1")  # Home
    assert "Where are you now? From City Hospital, press 1. From Lily's home, press 2." in (
        heard.text
    )
    heard = phone.press("1")
    assert "A car from City Hospital to Home, now." in heard.text
    phone.press("1")
    back = newest(db)
    assert (back["pickup_label"], back["destination_label"], back["state"]) == (
        "City Hospital",
        "Home",
        "requested",
    )


def test_home_is_the_place_marked_home_wherever_it_is_read(call, margaret, db):
    places.move_place(db, margaret["id"], place_id(db, margaret, "Home"), 2)
    phone = call("+15550100001")
    heard = phone.start()
    assert "To go to Home, press 3." in heard.text
    heard = phone.press("2")  # Lily's home, now second
    assert "A car from Home to Lily's home, now." in heard.text
    phone.press("1")
    assert newest(db)["pickup_label"] == "Home"


def test_a_ride_tomorrow_at_14_15_by_keys(call, margaret, db):
    phone = call("+15550100001")
    phone.start()
    heard = phone.press("2")
    assert "For another time, press 3." in heard.text
    heard = phone.press("3")
    assert "For today, press 1. For tomorrow, press 2." in heard.text
    heard = phone.press("2")
    assert "1 4 for two in the afternoon" in heard.text
    assert heard.gather.get("numDigits") == "2"
    heard = phone.press("14")
    heard = phone.press("2")
    assert "A car from Home to City Hospital, tomorrow at 2:15\u202fPM." in heard.text
    phone.press("1")
    tomorrow = clock.now().astimezone(NEW_YORK).date() + datetime.timedelta(days=1)
    assert clock.parse(newest(db)["pickup_at"]) == datetime.datetime.combine(
        tomorrow, datetime.time(14, 15), NEW_YORK
    )


def test_i_must_be_there_at_ten_says_when_the_car_comes(call, margaret, db):
    phone = call("+15550100001")
    phone.start()
    phone.press("2")
    phone.press("3")
    heard = phone.press("3")  # I must be there by a time
    assert "If you must be there" not in heard.text
    phone.press("2")
    phone.press("10")
    heard = phone.press("1")
    assert (
        "You will be at City Hospital by tomorrow at 10:00\u202fAM. "
        "The car will come to Home tomorrow at 9:30\u202fAM." in heard.text
    )
    phone.press("1")
    ride = newest(db)
    tomorrow = clock.now().astimezone(NEW_YORK).date() + datetime.timedelta(days=1)
    assert clock.parse(ride["appointment_at"]) == datetime.datetime.combine(
        tomorrow, datetime.time(10), NEW_YORK
    )
    assert clock.parse(ride["pickup_at"]) == datetime.datetime.combine(
        tomorrow, datetime.time(9, 30), NEW_YORK
    )


def test_the_car_back_home_is_offered_with_the_ride_out(call, margaret, db):
    phone = call("+15550100001")
    phone.start()
    heard = phone.press("2")
    assert "To book it and a car back home, press 4." in heard.text
    heard = phone.press("4")
    assert "Your car is booked" in heard.text
    assert "Now the car back home from City Hospital." in heard.text
    assert db.table("bookings").count == 1
    phone.press("2")  # tomorrow
    phone.press("16")
    heard = phone.press("3")
    assert "A car from City Hospital to Home, tomorrow at 4:30\u202fPM." in heard.text
    assert "car back home, press 4" not in heard.text
    heard = phone.press("1")
    assert heard.hung_up
    rides = list(db.table("bookings").rows_where(order_by="id"))
    assert [(r["pickup_label"], r["destination_label"]) for r in rides] == [
        ("Home", "City Hospital"),
        ("City Hospital", "Home"),
    ]
    assert {r["call_sid"] for r in rides} == {phone.call_sid}


def test_the_car_back_when_you_call_is_booked_with_one_key(call, margaret, db):
    phone = call("+15550100001")
    phone.start()
    phone.press("2")
    heard = phone.press("4")
    assert "If you would rather call us when you are ready to come back, press 4." in heard.text
    heard = phone.press("4")
    assert heard.hung_up and "call this line and press 1" in heard.text
    out, back = (bookings.get_booking(db, row["id"]) for row in db.table("bookings").rows)
    assert (back["state"], back["return_of"]) == ("awaiting_call", out["id"])
    assert (back["pickup_label"], back["destination_label"]) == ("City Hospital", "Home")
    ride_there(db, out)
    # The next call is recognised and offered that car with one key.
    again = call("+15550100001")
    assert "Press 1" in again.start().text
    again.press("1")
    assert bookings.get_booking(db, back["id"])["state"] == "requested"


def test_a_replayed_second_booking_books_once(call, margaret, db):
    phone = call("+15550100001")
    phone.start()
    phone.press("2")
    phone.press("4")
    phone.press("2")
    phone.press("16")
    phone.press("1")
    heard = phone.press("1")
    url, params, _ = phone.requests[-1]
    for _ in range(3):
        status, body = phone.request(url, params)
        assert status == 200 and "Your car is booked" in body
    assert heard.hung_up and db.table("bookings").count == 2


@pytest.mark.parametrize("keys", [["99"], ["2#"], ["*"], ["25"]])
def test_odd_hour_keys_ask_again_and_book_nothing(call, margaret, db, keys):
    phone = call("+15550100001")
    phone.start()
    phone.press("2")
    phone.press("3")
    phone.press("2")
    for key in keys:
        heard = phone.press(key)
        assert not heard.ended and "Key the hour" in heard.text
    assert db.table("bookings").count == 0


def test_an_hour_already_past_today_is_said_and_asked_again(call, margaret, db):
    local = clock.now().astimezone(NEW_YORK)
    if local.hour == 0:
        pytest.skip("no earlier hour today")
    phone = call("+15550100001")
    phone.start()
    phone.press("2")
    phone.press("3")
    phone.press("1")  # today
    phone.press(f"{local.hour - 1:02d}")
    heard = phone.press("1")
    assert "That time has already passed today." in heard.text
    assert "For today, press 1." in heard.text
    assert db.table("bookings").count == 0


def test_a_forged_step_without_its_choices_goes_to_the_menu(call, margaret, db):
    phone = call("+15550100001")
    phone.start()
    for step in ("when_hour", "when_minute", "when", "where_from", "cancel_which"):
        status, body = phone.request(f"/voice/step?step={step}&attempt=0&n=0")
        assert status == 200 and "To go to Home, press 1." in body
    assert db.table("bookings").count == 0


class SaysTomorrowAtTwoFifteen:
    """A speech engine that hears "tomorrow at two fifteen" in any recording."""

    def transcribe(self, audio, *, phrases=None, timeout=None):
        self.phrases = phrases
        return Transcript(
            text="tomorrow at two fifteen",
            words=[],
            confidence=0.9,
            duration=2.0,
            decode_seconds=0.1,
        )


def test_a_spoken_time_sets_the_ride_time(phone_app, call, margaret, db):
    engine = SaysTomorrowAtTwoFifteen()
    speech.set_engine(phone_app, engine)
    phone = call("+15550100001")
    phone.start()
    phone.press("2")
    heard = phone.press("3")
    assert "You can say it, like tomorrow at two fifteen." in heard.text
    heard = phone.say((FIXTURES / "yeyak-16k.wav").read_bytes(), duration=2)
    assert "A car from Home to City Hospital, tomorrow at 2:15\u202fPM." in heard.text
    assert engine.phrases is None  # a time is heard with the whole language, not a phrase list
    assert calls.utterances_of(db, phone.call_sid)[0]["step"] == "when"


def test_wang_hears_her_two_rides_and_books_tomorrow_afternoon_in_chinese(book, call, wang, db):
    book(wang, "市第一人民医院", key="w1")
    book(wang, "女儿家", key="w2", pickup_at=clock.now() + datetime.timedelta(hours=5))
    phone = call("+8613800000001")
    heard = phone.start()
    assert "您预约了2辆车。" in heard.text and "再叫一辆车，请按2。" in heard.text
    assert heard.text.index("去市第一人民医院，现在出发") < heard.text.index("去女儿家")
    phone.press("2")
    phone.press("2")  # the hospital
    heard = phone.press("3")
    assert "今天请按1，明天请按2。" in heard.text
    phone.press("2")
    phone.press("14")
    heard = phone.press("1")
    assert "明天下午2点，从家到市第一人民医院。" in heard.text
    phone.press("1")
    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    assert clock.parse(newest(db)["pickup_at"]).astimezone(shanghai).strftime("%H:%M") == "14:00"


class SaysBeThereAtTen:
    """A speech engine that hears "I must be there tomorrow at ten" in any recording."""

    def transcribe(self, audio, *, phrases=None, timeout=None):
        return Transcript(
            text="i must be there tomorrow at ten",
            words=[],
            confidence=0.9,
            duration=2.0,
            decode_seconds=0.1,
        )


def test_i_must_be_there_at_ten_said_in_words(phone_app, call, margaret, db):
    speech.set_engine(phone_app, SaysBeThereAtTen())
    phone = call("+15550100001")
    phone.start()
    phone.press("2")
    phone.press("3")
    heard = phone.say((FIXTURES / "yeyak-16k.wav").read_bytes(), duration=2)
    assert "The car will come to Home tomorrow at 9:30\u202fAM." in heard.text
    phone.press("1")
    ride = newest(db)
    assert clock.parse(ride["appointment_at"]).astimezone(NEW_YORK).strftime("%H:%M") == "10:00"


def test_a_ride_that_ends_while_the_caller_listens_moves_no_others_number(book, call, margaret, db):
    soon, tomorrow, later = (
        book(
            margaret, "City Hospital", key=key, pickup_at=clock.now() + datetime.timedelta(hours=h)
        )
        for key, h in (("a", 2), ("b", 24), ("c", 48))
    )
    phone = call("+15550100001")
    phone.start()
    assert "press 2" in phone.press("3").text
    bookings.transition(db, soon["id"], "cancelled", actor="family:1")  # while she listens
    heard = phone.press("2")
    assert "City Hospital, tomorrow at" in heard.text  # the confirmation says which by its time
    phone.press("1")
    assert bookings.get_booking(db, tomorrow["id"])["state"] == "cancelled"
    assert bookings.get_booking(db, later["id"])["state"] == "requested"


def test_a_ride_picked_up_while_the_caller_listens_is_not_said_cancelled(book, call, margaret, db):
    soon = book(
        margaret, "City Hospital", key="a", pickup_at=clock.now() + datetime.timedelta(hours=2)
    )
    book(margaret, "City Hospital", key="b", pickup_at=clock.now() + datetime.timedelta(days=1))
    phone = call("+15550100001")
    phone.start()
    phone.press("3")
    ride_there(db, soon)  # the car came and went while she listened
    phone.press("1")
    heard = phone.press("1")
    assert "can no longer be cancelled" in heard.text and "is cancelled" not in heard.text
    assert bookings.get_booking(db, soon["id"])["state"] == "completed"
