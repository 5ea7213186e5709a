"""Everyday trips: home as a mark, the trip back, several open rides, any time, appointments,
pickup notes."""

import datetime
import itertools
import json
import zoneinfo

import pytest

from elderride.services import bookings, clock, pickup_times, trips
from elderride.services.errors import TransitionRefused, ValidationError
from elderride.services.people import places
from elderride.store import connect
from elderride.store.schema import migrations

_keys = itertools.count()
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def note_at_home(db, senior, notes):
    """The family writes `notes` for the driver on the senior's home."""
    home = place_of(db, senior, "Home")
    places.update_place(
        db, senior["id"], home["id"], label="Home", address=home["address"], pickup_notes=notes
    )


def place_of(db, senior, label):
    return next(p for p in places.list_places(db, senior["id"]) if p["label"] == label)


def test_reordering_places_never_moves_home(book, db, margaret):
    home = place_of(db, margaret, "Home")
    hospital = place_of(db, margaret, "City Hospital")
    places.move_place(db, margaret["id"], hospital["id"], 0)
    places.move_place(db, margaret["id"], home["id"], 2)
    assert [p["label"] for p in places.list_places(db, margaret["id"])] == [
        "City Hospital",
        "Lily's home",
        "Home",
    ]
    assert places.home_place(db, margaret["id"])["id"] == home["id"]
    ride = book(margaret, {"place_id": place_of(db, margaret, "Lily's home")["id"]})
    assert (ride["pickup_place_id"], ride["pickup_label"]) == (home["id"], "Home")


def test_marking_another_place_home_unmarks_the_first(book, db, margaret):
    lily = place_of(db, margaret, "Lily's home")
    places.update_place(
        db, margaret["id"], lily["id"], label=lily["label"], address=lily["address"], is_home=True
    )
    marked = [p["label"] for p in places.list_places(db, margaret["id"]) if p["is_home"]]
    assert marked == ["Lily's home"]
    ride = book(margaret, {"place_id": place_of(db, margaret, "City Hospital")["id"]})
    assert ride["pickup_label"] == "Lily's home"


def test_the_migration_marks_each_seniors_first_place_home(tmp_path):
    db = connect(str(tmp_path / "old.db"))
    migrations.apply(db, stop_before="m050_home_and_pickup_notes")
    stamp = clock.iso()
    for senior_id, name in ((1, "A"), (2, "B"), (3, "C")):
        db.table("seniors").insert(
            {
                "id": senior_id,
                "name": name,
                "language": "en",
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    # Senior 1's places were reordered: its first place has the higher id.
    for place_id, senior_id, label, position in (
        (10, 1, "Clinic", 1),
        (11, 1, "Home", 0),
        (12, 2, "Flat", 0),
        (13, 2, "Shop", 1),
    ):
        db.table("places").insert(
            {
                "id": place_id,
                "senior_id": senior_id,
                "label": label,
                "address": f"{place_id} Road",
                "position": position,
                "created_at": stamp,
            }
        )
    migrations.apply(db)
    assert places.home_place(db, 1)["label"] == "Home"
    assert places.home_place(db, 2)["label"] == "Flat"
    assert places.home_place(db, 3) is None
    assert db.execute("select count(*) from places where is_home = 1").fetchone()[0] == 2
    assert {p["travel_minutes"] for p in places.list_places(db, 1)} == {30}
    db.close()


def test_open_rides_are_listed_soonest_first(book, db, margaret):
    hospital = place_of(db, margaret, "City Hospital")["id"]
    lily = place_of(db, margaret, "Lily's home")["id"]
    later = book(
        margaret,
        {"place_id": lily},
        pickup_at=clock.now() + datetime.timedelta(days=1),
    )
    now = book(margaret, {"place_id": hospital})
    soon = book(
        margaret,
        {"place_id": lily},
        pickup_at=clock.now() + datetime.timedelta(hours=2),
    )
    assert [ride["id"] for ride in bookings.open_bookings(db, margaret["id"])] == [
        now["id"],
        soon["id"],
        later["id"],
    ]
    with pytest.raises(ValidationError) as refused:
        book(margaret, {"place_id": hospital})
    assert refused.value.field == "senior"


def test_an_appointment_time_gives_the_pickup_from_the_places_travel_allowance(book, db, margaret):
    hospital = place_of(db, margaret, "City Hospital")
    places.update_place(
        db,
        margaret["id"],
        hospital["id"],
        label=hospital["label"],
        address=hospital["address"],
        travel_minutes=45,
    )
    tomorrow = clock.now().astimezone(NEW_YORK).date() + datetime.timedelta(days=1)
    appointment = datetime.datetime.combine(tomorrow, datetime.time(10, 0), NEW_YORK)
    ride = book(margaret, {"place_id": hospital["id"]}, appointment_at=appointment)
    assert clock.parse(ride["pickup_at"]) == appointment - datetime.timedelta(minutes=45)
    assert clock.parse(ride["appointment_at"]) == appointment
    # A typed address has the default allowance of 30 minutes.
    other = book(margaret, {"address": "9 Bay Road"}, appointment_at=appointment)
    assert clock.parse(other["pickup_at"]) == appointment - datetime.timedelta(minutes=30)


def test_an_appointment_too_soon_to_reach_is_explained(book, db, margaret):
    hospital = place_of(db, margaret, "City Hospital")["id"]
    with pytest.raises(ValidationError) as refused:
        book(
            margaret,
            {"place_id": hospital},
            appointment_at=clock.now() + datetime.timedelta(minutes=10),
        )
    assert refused.value.field == "appointment_at"
    assert db.table("bookings").count == 0


def test_pickup_notes_travel_with_the_booking_into_the_dispatch_hand_off(book, db, margaret):
    note_at_home(db, margaret, "Side door on Elm Street, ring twice")
    ride = book(margaret, {"place_id": place_of(db, margaret, "City Hospital")["id"]})
    assert ride["pickup_notes"] == "Side door on Elm Street, ring twice"
    entry = next(
        db.table("outbox").rows_where("kind = 'dispatch' and booking_id = ?", [ride["id"]])
    )
    handed = json.loads(entry["payload"])["booking"]
    assert handed["pickup_notes"] == "Side door on Elm Street, ring twice"
    assert "appointment_at" in handed


@pytest.mark.parametrize(
    "minutes, ok",
    [("45", True), ("", True), ("0", True), ("-5", False), ("241", False), ("abc", False)],
)
def test_travel_minutes_must_be_a_sensible_number(db, margaret, minutes, ok):
    hospital = place_of(db, margaret, "City Hospital")
    change = dict(label="City Hospital", address="400 River Road", travel_minutes=minutes)
    if ok:
        places.update_place(db, margaret["id"], hospital["id"], **change)
    else:
        with pytest.raises(ValidationError) as refused:
            places.update_place(db, margaret["id"], hospital["id"], **change)
        assert refused.value.field == "travel_minutes"
        assert place_of(db, margaret, "City Hospital")["travel_minutes"] == 30


def test_overlong_pickup_notes_are_refused(db, margaret):
    home = place_of(db, margaret, "Home")
    with pytest.raises(ValidationError) as refused:
        places.update_place(
            db, margaret["id"], home["id"], label="Home", address="x", pickup_notes="x" * 301
        )
    assert refused.value.field == "pickup_notes"


def test_going_home_starts_where_todays_latest_ride_went(book, db, margaret, monkeypatch):
    hospital = place_of(db, margaret, "City Hospital")["id"]
    lily = place_of(db, margaret, "Lily's home")["id"]
    senior = dict(margaret, timezone="America/New_York")
    assert trips.latest_destination_today(db, senior) is None
    book(margaret, {"place_id": lily})
    book(margaret, {"place_id": hospital})
    # A ride later today that has not happened yet is not where she is.
    book(margaret, {"place_id": lily}, pickup_at=clock.now() + datetime.timedelta(hours=3))
    found = trips.latest_destination_today(db, senior)
    assert (found["place_id"], found["label"]) == (hospital, "City Hospital")


def test_a_cancelled_ride_is_not_where_the_senior_is(book, db, margaret):
    hospital = place_of(db, margaret, "City Hospital")["id"]
    ride = book(margaret, {"place_id": hospital})
    bookings.transition(db, ride["id"], "cancelled", actor="senior")
    assert trips.latest_destination_today(db, margaret) is None


@pytest.mark.parametrize(
    "code",
    ["", "now", "yesterday", "2026-02-30T10:00", "2999-01-01T10:00", "x" * 500, "2026-01-01T99:99"],
)
def test_odd_time_codes_mean_now(code):
    assert pickup_times.parse(code, "America/New_York").is_now


def test_a_chosen_time_is_in_the_seniors_own_zone():
    now = datetime.datetime(2026, 11, 24, 15, 0, tzinfo=datetime.UTC)  # 10:00 in New York
    tomorrow = pickup_times.days("America/New_York", now)[1]
    choice = pickup_times.parse(f"{tomorrow.isoformat()}T14:15", "America/New_York", now)
    assert choice.at("America/New_York") == datetime.datetime(2026, 11, 25, 14, 15, tzinfo=NEW_YORK)
    assert (
        pickup_times.hours(pickup_times.Choice(now.date(), 0, 0), "America/New_York", now)[0] == 11
    )


def _with_notes_and_appointment(book, db, margaret):
    note_at_home(db, margaret, "Ring twice")
    tomorrow = clock.now().astimezone(NEW_YORK).date() + datetime.timedelta(days=1)
    appointment = datetime.datetime.combine(tomorrow, datetime.time(10, 0), NEW_YORK)
    hospital = place_of(db, margaret, "City Hospital")["id"]
    return book(margaret, {"place_id": hospital}, appointment_at=appointment)


def test_the_api_carries_appointment_and_notes_as_its_document_says(book, app, db, margaret):
    import jsonschema

    from elderride.api.openapi import document

    ride = _with_notes_and_appointment(book, db, margaret)
    app.config["DISPATCH_API_TOKEN"] = "token"
    with app.test_request_context():
        spec = document("http://127.0.0.1")
    answer = app.test_client().get(
        f"/api/v1/bookings/{ride['id']}", headers={"Authorization": "Bearer token"}
    )
    shown = answer.get_json()["booking"]
    assert (shown["pickup_notes"], shown["appointment_at"], shown["pickup_at"]) == (
        "Ring twice",
        ride["appointment_at"],
        ride["pickup_at"],
    )
    schema = {**spec["components"]["schemas"]["Booking"], "components": spec["components"]}
    jsonschema.Draft202012Validator(schema).validate(shown)
    properties = spec["components"]["schemas"]["Booking"]["properties"]
    assert {"appointment_at", "pickup_notes", "pickup_at"} <= set(properties)


def test_the_call_back_reads_the_pickup_note_and_the_console_shows_it(book, db, margaret):
    from elderride.services import wording

    ride = _with_notes_and_appointment(book, db, margaret)
    bookings.transition(db, ride["id"], "forwarded", actor="dispatch")
    assigned = bookings.transition(
        db,
        ride["id"],
        "assigned",
        actor="dispatch",
        details={
            "driver_name": "Sam Lee",
            "car_make": "Toyota",
            "car_colour": "Blue",
            "plate": "ABC 123",
            "eta_minutes": 5,
        },
    )
    call = next(db.table("outbox").rows_where("kind = 'call' and booking_id = ?", [ride["id"]]))
    assert json.loads(call["payload"])["say"].endswith("note: Ring twice.")
    chinese = wording.render("call", "assigned", assigned, dict(margaret, name="王"), "zh")
    assert "Ring twice" in chinese


def test_dispatchers_see_the_pickup_note_on_the_booking_page(book, dispatcher, db, margaret):
    ride = _with_notes_and_appointment(book, db, margaret)
    shown = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    assert "Ring twice" in shown and "Must be there by" in shown


MAPLE = [
    {"id": 1, "label": "Maple Court", "address": "3 Maple Court", "aliases": [], "is_home": 1},
    {"id": 2, "label": "City Hospital", "address": "400 River Road", "aliases": []},
]
OLD_HOUSE = [
    {"id": 1, "label": "老房子", "address": "文三路100号", "aliases": [], "is_home": 1},
    {"id": 2, "label": "市第一人民医院", "address": "浣纱路261号", "aliases": []},
]


@pytest.mark.parametrize(
    "said, language, place",
    [
        ("take me home please", "en", "Maple Court"),
        ("back to my house please", "en", "Maple Court"),
        ("the house of commons", "en", None),
        ("home depot", "en", None),
        ("the hospital", "en", "City Hospital"),
        ("我要回家", "zh", "老房子"),
    ],
)
def test_home_said_on_the_phone_is_the_place_marked_home(said, language, place):
    from elderride.intake import parse

    spoken = parse(
        said, language=language, places=MAPLE if language == "en" else OLD_HOUSE, contacts=[]
    )
    # The parser's intent as data, whether it answers a dict or an Intent with as_dict().
    understood = spoken if isinstance(spoken, dict) else spoken.as_dict()
    assert (understood["place"] or {}).get("label") == place


def test_the_way_home_offers_todays_last_destination_first(book, db, margaret):
    assert [stop["label"] for stop in trips.going_home_pickups(db, margaret)] == [
        "City Hospital",
        "Lily's home",
    ]
    book(margaret, {"address": "7 Harbour View Road"})
    assert [stop["label"] for stop in trips.going_home_pickups(db, margaret)] == [
        "7 Harbour View Road",
        "City Hospital",
        "Lily's home",
    ]
    assert trips.latest_destination_today(db, margaret)["place_id"] is None


def test_the_way_back_is_offered_after_a_ride_out_but_not_after_a_ride_home(book, db, margaret):
    out = book(margaret, {"place_id": place_of(db, margaret, "City Hospital")["id"]})
    back = trips.way_back(db, out, margaret)
    assert back["home"]["label"] == "Home"
    at = back["when"].at(margaret["timezone"])
    assert at >= clock.now() + datetime.timedelta(minutes=59)
    assert at.minute == 0
    home = book(
        margaret,
        {"place_id": place_of(db, margaret, "Home")["id"]},
        pickup={"place_id": place_of(db, margaret, "Lily's home")["id"]},
    )
    assert trips.way_back(db, home, margaret) is None
    bookings.transition(db, out["id"], "cancelled", actor="senior")
    assert trips.way_back(db, bookings.get_booking(db, out["id"]), margaret) is None


def test_taking_a_cancel_back_counts_against_the_cap(book, db, margaret):
    first = book(margaret, key="a")
    bookings.transition(db, first["id"], "cancelled", actor="senior")
    for key in ("b", "c", "d"):
        book(margaret, key=key)
    with pytest.raises(TransitionRefused) as refused:
        bookings.transition(db, first["id"], "requested", actor="senior")
    assert "There are already 3 rides" in str(refused.value)
    assert len(bookings.open_bookings(db, margaret["id"])) == 3
