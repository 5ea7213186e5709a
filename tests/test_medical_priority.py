"""Rides that must arrive on time: an appointment, or a place the family marked medical, is sent
with a hard drop-off, shown first in the console's queue with its own mark, in both languages."""

import datetime
import html.parser

from elderride.services import booking_document, clock
from elderride.services.people import places
from tests import openapi_check
from tests.conftest import place_of


class QueueRows(html.parser.HTMLParser):
    """The queue's rows in order: (ride id, priority or None, the text of its senior cell)."""

    def __init__(self, page):
        super().__init__()
        self.rows, self._cell = [], None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-state" in attrs:
            self.rows.append([None, attrs.get("data-priority"), ""])
        elif self.rows and tag in ("td", "th"):
            self._cell = attrs.get("class") or tag

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data):
        if not self.rows or self._cell is None:
            return
        row = self.rows[-1]
        if self._cell == "num" and row[0] is None:
            row[0] = int(data)
        elif self._cell == "th":
            row[2] += data


def tomorrow_at(hour):
    day = clock.now().date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(hour), datetime.UTC)


def mark_medical(lily, db, margaret, label):
    place = place_of(db, margaret, label)
    response = lily.submit(
        f"/family/seniors/{margaret['id']}/places/{place['id']}",
        data={
            "label": place["label"],
            "address": place["address"],
            "medical": "on",
            "travel_minutes": "40",
        },
    )
    assert response.status_code == 303
    return places.get_place(db, margaret["id"], place["id"])


def test_a_ride_to_a_place_the_family_marked_medical_has_a_hard_dropoff(db, lily, margaret, book):
    hospital = mark_medical(lily, db, margaret, "City Hospital")
    assert hospital["medical"] == 1
    ride = book(margaret, "City Hospital", pickup_at=tomorrow_at(14))
    document = booking_document.document_of(db, ride)
    assert document["priority"] == "medical"
    # The family's forty minutes' drive from when the car comes.
    assert document["dropoff"] == {
        "latest": clock.iso(tomorrow_at(14).replace(minute=40)),
        "hard": True,
    }
    openapi_check.check_response(
        "/api/v1/bookings/{booking_id}", "get", 200, {"booking": document, "events": []}
    )


def test_an_appointment_must_arrive_by_its_time(db, margaret, book):
    ride = book(margaret, "Lily's home", appointment_at=tomorrow_at(15))
    document = booking_document.document_of(db, ride)
    assert document["priority"] == "appointment"
    assert document["dropoff"] == {"latest": clock.iso(tomorrow_at(15)), "hard": True}


def test_an_ordinary_ride_has_no_dropoff_and_unmarking_a_place_ends_its_priority(
    db, lily, margaret, book
):
    mark_medical(lily, db, margaret, "City Hospital")
    hospital = place_of(db, margaret, "City Hospital")
    lily.submit(
        f"/family/seniors/{margaret['id']}/places/{hospital['id']}",
        data={"label": hospital["label"], "address": hospital["address"]},
    )
    ride = book(margaret, "City Hospital")
    document = booking_document.document_of(db, ride)
    assert document["priority"] == "normal" and document["dropoff"] is None


def test_the_queue_shows_a_ride_that_must_arrive_first_with_its_mark(
    app, db, lily, dispatcher, margaret, wang, book
):
    mark_medical(lily, db, margaret, "City Hospital")
    older = book(wang)
    medical = book(margaret, "City Hospital", pickup_at=tomorrow_at(9))
    newer = book(margaret, "Lily's home")
    page = dispatcher.get("/console/").get_data(as_text=True)
    rows = QueueRows(page).rows
    assert [row[0] for row in rows] == [medical["id"], newer["id"], older["id"]]
    assert [row[1] for row in rows] == ["medical", None, None]
    assert "Medical: there by" in rows[0][2] and "Medical" not in rows[1][2]
    dispatcher.set_cookie("lang", "zh")
    chinese = QueueRows(dispatcher.get("/console/queue-panel").get_data(as_text=True)).rows
    assert chinese[0][0] == medical["id"] and "就医" in chinese[0][2]


def test_a_place_marked_medical_on_an_old_ride_is_not_rewritten(db, lily, margaret, book):
    ride = book(margaret, "City Hospital")
    mark_medical(lily, db, margaret, "City Hospital")
    # The ride was booked as an ordinary one: what dispatch was told stays true.
    assert booking_document.document_of(db, ride)["priority"] == "normal"


def test_the_ride_page_shows_the_mark_and_who_rides_along(db, lily, dispatcher, margaret, book):
    mark_medical(lily, db, margaret, "City Hospital")
    ride = book(margaret, "City Hospital", pickup_at=tomorrow_at(9), companions=2)
    page = dispatcher.get(f"/console/bookings/{ride['id']}").get_data(as_text=True)
    assert "Medical: there by" in page and "2 carers or escorts" in page
    ordinary = book(margaret, "Lily's home")
    page = dispatcher.get(f"/console/bookings/{ordinary['id']}").get_data(as_text=True)
    assert "there by" not in page and "carers or escorts" not in page
