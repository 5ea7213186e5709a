"""The dispatch API: bearer token, status reports moving bookings, replays, refusals, its OpenAPI
document."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from elderride.services import bookings

TOKEN = "api-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ASSIGNED = {
    "id": "evt-1",
    "type": "assigned",
    "driver_name": "Sam Lee",
    "car_make": "Toyota",
    "car_colour": "Blue",
    "plate": "ABC 123",
    "eta_minutes": 5,
}


@pytest.fixture
def api(app):
    app.config["DISPATCH_API_TOKEN"] = TOKEN
    return app.test_client()


@pytest.fixture
def ride(db, margaret, book):
    booking = book(margaret)
    bookings.transition(db, booking["id"], "forwarded", actor="dispatch")
    return booking


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": TOKEN},
        {"Authorization": "Basic " + TOKEN},
    ],
)
def test_a_wrong_or_missing_token_gets_401(api, ride, headers):
    for method, path in (
        ("GET", "/api/v1/bookings"),
        ("GET", f"/api/v1/bookings/{ride['id']}"),
        ("POST", f"/api/v1/bookings/{ride['id']}/events"),
    ):
        response = api.open(
            path, method=method, headers=headers, json=ASSIGNED if method == "POST" else None
        )
        assert response.status_code == 401 and "bearer token" in response.get_json()["error"]


def test_an_unconfigured_api_refuses_everyone(app, ride):
    assert (
        app.test_client().get("/api/v1/bookings", headers={"Authorization": "Bearer "}).status_code
        == 401
    )


def test_listing_and_reading_bookings(api, ride):
    listed = api.get("/api/v1/bookings?state=forwarded", headers=AUTH).get_json()["bookings"]
    assert [booking["id"] for booking in listed] == [ride["id"]]
    assert listed[0]["destination"] == {"label": "City Hospital", "address": "400 River Road"}
    assert api.get("/api/v1/bookings?state=requested", headers=AUTH).get_json()["bookings"] == []
    assert api.get("/api/v1/bookings?state=flying", headers=AUTH).status_code == 400
    one = api.get(f"/api/v1/bookings/{ride['id']}", headers=AUTH).get_json()
    assert [event["to_state"] for event in one["events"]] == ["requested", "forwarded"]
    assert api.get("/api/v1/bookings/999999", headers=AUTH).status_code == 404
    assert api.get("/api/v1/bookings/99999999999999999999999999", headers=AUTH).status_code == 404


def test_a_missing_booking_is_a_json_404_saying_so(api, ride):
    for response in (
        api.get("/api/v1/bookings/999999", headers=AUTH),
        api.post("/api/v1/bookings/999999/events", json=ASSIGNED, headers=AUTH),
    ):
        assert response.status_code == 404
        assert response.get_json() == {"error": "There is no such booking."}


def test_a_status_report_moves_the_booking_and_reaches_the_senior(api, app, ride, db, margaret):
    response = api.post(f"/api/v1/bookings/{ride['id']}/events", json=ASSIGNED, headers=AUTH)
    assert (
        response.status_code == 200
        and response.get_json()["booking"]["driver"]["name"] == "Sam Lee"
    )
    senior = app.test_client()
    senior.get(f"/s/{margaret['device_token']}")
    page = senior.get(f"/senior/rides/{ride['id']}").get_data(as_text=True)
    assert "Sam Lee" in page and "ABC 123" in page
    kinds = sorted(
        row["kind"]
        for row in db.table("outbox").rows_where(
            "booking_id = ? and payload like '%assigned%'", [ride["id"]]
        )
    )
    # The senior's call-back and the family's text are queued.
    assert kinds == [
        "call",
        "dispatch",
        "text",
    ]


def test_a_replayed_report_changes_nothing(api, ride, db):
    api.post(f"/api/v1/bookings/{ride['id']}/events", json=ASSIGNED, headers=AUTH)
    outbox_rows, events = db.table("outbox").count, len(bookings.events_of(db, ride["id"]))
    again = api.post(f"/api/v1/bookings/{ride['id']}/events", json=ASSIGNED, headers=AUTH)
    assert again.status_code == 200
    assert (
        db.table("outbox").count == outbox_rows
        and len(bookings.events_of(db, ride["id"])) == events
    )


def test_a_forbidden_transition_gets_409(api, ride, db):
    response = api.post(
        f"/api/v1/bookings/{ride['id']}/events",
        json={"id": "evt-9", "type": "completed"},
        headers=AUTH,
    )
    assert response.status_code == 409
    body = response.get_json()
    assert body["state"] == "forwarded" and "cannot become completed" in body["error"]
    assert bookings.get_booking(db, ride["id"])["state"] == "forwarded"


@pytest.mark.parametrize(
    "report, field",
    [
        ({"type": "assigned"}, "id"),
        ({"id": "", "type": "assigned"}, "id"),
        ({"id": "x" * 101, "type": "assigned"}, "id"),
        ({"id": "e", "type": "teleported"}, "type"),
        ({**ASSIGNED, "id": "e2", "eta_minutes": "soon"}, "eta_minutes"),
        ({**ASSIGNED, "id": "e3", "plate": "P" * 50}, "plate"),
        ({**ASSIGNED, "id": "e4", "driver_name": ""}, "driver_name"),
    ],
)
def test_bad_reports_are_explained_and_change_nothing(api, ride, db, report, field):
    response = api.post(f"/api/v1/bookings/{ride['id']}/events", json=report, headers=AUTH)
    assert response.status_code == 400 and response.get_json()["field"] == field
    assert bookings.get_booking(db, ride["id"])["state"] == "forwarded"


def test_non_json_and_oversized_bodies(api, ride):
    assert (
        api.post(
            f"/api/v1/bookings/{ride['id']}/events",
            data="not json",
            headers={**AUTH, "Content-Type": "application/json"},
        ).status_code
        == 400
    )
    assert (
        api.post(
            f"/api/v1/bookings/{ride['id']}/events",
            data=b"x" * (5 * 1024 * 1024),
            headers={**AUTH, "Content-Type": "application/json"},
        ).status_code
        == 413
    )
    response = api.delete("/api/v1/bookings", headers=AUTH)
    assert response.status_code == 405 and "GET" in response.headers["Allow"] and response.is_json


def test_the_openapi_document_is_valid_3_1(api):
    from openapi_spec_validator import validate

    document = api.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_schemathesis_finds_no_server_error_and_no_schema_break(app, live_server, ride, tmp_path):
    app.config["DISPATCH_API_TOKEN"] = TOKEN
    command = Path(sys.executable).parent / "schemathesis"
    result = subprocess.run(
        [
            str(command),
            "run",
            f"{live_server.url}/api/v1/openapi.json",
            "-H",
            f"Authorization: Bearer {TOKEN}",
            "--max-examples",
            "40",
            "--seed",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,  # its cache stays out of the repository
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "passed" in result.stdout


@pytest.mark.parametrize(
    "raw",
    [
        "1e400",
        "Infinity",
        "-Infinity",
        "NaN",
        "2.9",
        "true",
        '"5 minutes"',
        "99999999999999999999999",
    ],
)
def test_an_eta_that_is_not_a_whole_number_of_minutes_is_refused(api, ride, db, raw):
    body = (
        '{"id": "evt-eta", "type": "assigned", "driver_name": "Sam Lee", "car_make": "Toyota",'
        f' "car_colour": "Blue", "plate": "ABC 123", "eta_minutes": {raw}}}'
    )
    response = api.post(
        f"/api/v1/bookings/{ride['id']}/events",
        data=body,
        content_type="application/json",
        headers=AUTH,
    )
    assert response.status_code == 400 and response.get_json()["field"] == "eta_minutes"
    assert bookings.get_booking(db, ride["id"])["state"] == "forwarded"


def test_a_whole_eta_written_as_a_float_is_taken(api, ride):
    response = api.post(
        f"/api/v1/bookings/{ride['id']}/events", json={**ASSIGNED, "eta_minutes": 7.0}, headers=AUTH
    )
    assert (
        response.status_code == 200 and response.get_json()["booking"]["driver"]["eta_minutes"] == 7
    )


def test_deeply_nested_json_is_a_clear_400(api, ride):
    body = "[" * 100_000 + "]" * 100_000
    response = api.post(
        f"/api/v1/bookings/{ride['id']}/events",
        data=body,
        content_type="application/json",
        headers=AUTH,
    )
    assert response.status_code == 400 and "JSON" in response.get_json()["error"]


@pytest.mark.parametrize("event_id", ["\ud800", "evt\u0000one", "evt\r\nX-Injected: 1"])
def test_an_event_id_that_is_not_printable_text_is_refused(api, ride, event_id):
    body = json.dumps({**ASSIGNED, "id": event_id})
    response = api.post(
        f"/api/v1/bookings/{ride['id']}/events",
        data=body,
        content_type="application/json",
        headers=AUTH,
    )
    assert response.status_code == 400 and response.get_json()["field"] == "id"


def test_the_list_is_walked_page_by_page_and_a_new_booking_shifts_no_page(api, db, margaret, book):
    made = []
    for number in range(7):
        booking = book(margaret, {"address": f"{number} Elm Street"})
        # A senior may have only three rides open: the list shows cancelled ones all the same.
        bookings.transition(db, booking["id"], "cancelled", actor="senior")
        made.append(booking["id"])
    seen, address = [], "/api/v1/bookings?limit=3"
    while address:
        body = api.get(address, headers=AUTH).get_json()
        assert len(body["bookings"]) <= 3
        seen += [booking["id"] for booking in body["bookings"]]
        if body["next"] and len(seen) == 3:
            # A booking made mid-walk belongs before the first page; the walk neither repeats nor
            # skips.
            book(margaret, {"address": "Late Street"})
        address = body["next"]
    assert seen == made[::-1]
    # The late one.
    assert api.get("/api/v1/bookings?limit=7", headers=AUTH).get_json()["next"] is not None
    response = api.get("/api/v1/bookings?limit=8", headers=AUTH)
    assert response.get_json()["next"] is None and "Link" not in response.headers


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=201", "limit=two", "before=abc", "before=-1", "before=99999999999999999999"],
)
def test_a_bad_page_request_is_a_clear_400(api, ride, query):
    response = api.get(f"/api/v1/bookings?{query}", headers=AUTH)
    assert response.status_code == 400 and response.get_json()["field"] in ("limit", "before")


def test_the_next_link_is_sent_as_a_link_header_too(api, ride, db, margaret, book):
    book(margaret, {"address": "1 Oak Road"})
    response = api.get("/api/v1/bookings?limit=1&state=requested", headers=AUTH)
    body = response.get_json()
    assert body["next"] is None  # the first ride is forwarded, not requested
    response = api.get("/api/v1/bookings?limit=1", headers=AUTH)
    assert response.headers["Link"] == f'<{response.get_json()["next"]}>; rel="next"'
    following = api.get(response.get_json()["next"], headers=AUTH).get_json()
    assert [booking["id"] for booking in following["bookings"]] == [ride["id"]] and following[
        "next"
    ] is None
