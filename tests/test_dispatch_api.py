"""The dispatch API: bearer token, status reports moving bookings, replays, refusals, its OpenAPI
document."""

import collections
import json

import jsonschema
import pytest
import schemathesis
import schemathesis.config
import schemathesis.engine
import schemathesis.hooks
from schemathesis.engine import events

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
    assert listed[0]["destination"] == {
        "label": "City Hospital",
        "address": "400 River Road",
        "latitude": None,
        "longitude": None,
    }
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


# Seeded, derandomized and bounded: the same cases every run, in well under a minute on a busy
# two-core machine. Every phase but the stateful one, whose links this document does not declare.
SCHEMATHESIS_CONFIG = {
    "seed": 1,
    "headers": AUTH,
    "generation": {"mode": "all", "max-examples": 30, "deterministic": True},
    "phases": {
        "examples": {"enabled": True},
        "coverage": {"enabled": True},
        "fuzzing": {"enabled": True},
        "stateful": {"enabled": False},
    },
}


def test_the_api_does_what_its_document_says(app, live_server, ride, db):
    """The document's examples, its boundary and negative cases and seeded fuzzing, with a real
    token: every answer is one the document allows, valid data is taken and invalid refused."""
    app.config["DISPATCH_API_TOKEN"] = TOKEN
    config = schemathesis.config.SchemathesisConfig.from_dict(SCHEMATHESIS_CONFIG)
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json", config=config)

    def before_call(context, case, **kwargs):
        # Each case meets the ride as a dispatch system first sees it, forwarded with no reports
        # yet, so a report's body is judged rather than a replay or a finished ride; any valid id
        # names the ride (a made-up one would only ever find no booking).
        db.execute(
            "delete from booking_events where booking_id = ? and event_key like 'api:%'",
            [ride["id"]],
        )
        db.table("bookings").update(ride["id"], {"state": "forwarded"})
        booking_id = (case.path_parameters or {}).get("booking_id")
        if isinstance(booking_id, int) and not isinstance(booking_id, bool) and booking_id >= 1:
            case.path_parameters["booking_id"] = ride["id"]

    # The engine calls only global hooks before each request: this one is removed again below.
    schemathesis.hook(before_call)
    cases, failures = collections.Counter(), []
    try:
        for event in schemathesis.engine.from_schema(schema).execute():
            if isinstance(event, events.ScenarioFinished):
                for node in event.recorder.cases.values():
                    cases[event.phase.value, node.value.meta.generation.mode.value] += 1
                failures += [
                    f"{event.recorder.label} {check.name}: {check.failure_info.failure.title}\n"
                    f"{check.failure_info.code_sample}"
                    for checks in event.recorder.checks.values()
                    for check in checks
                    if check.failure_info
                ]
            elif isinstance(event, (events.NonFatalError, events.FatalError)):
                failures.append(repr(event))
    finally:
        schemathesis.hooks.GLOBAL_HOOK_DISPATCHER.unregister(before_call)
    print(f"schemathesis cases by phase and mode: {dict(cases)}; {len(failures)} failures")
    assert failures == [], "\n\n".join(failures)
    for phase in ("examples", "coverage", "fuzzing"):
        assert cases[phase, "positive"] > 0, (phase, cases)
    assert cases["coverage", "negative"] > 0 and cases["fuzzing", "negative"] > 0, cases


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
    [
        "limit=0",
        "limit=201",
        "limit=two",
        "limit=",
        "limit=%205",
        "before=abc",
        "before=-1",
        "before=99999999999999999999",
        "before=",
    ],
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


@pytest.mark.parametrize("name", ["Sam Lee", " Sam ", "", "   ", "\u200b", "Sam\u0000", None, 5])
def test_the_document_and_the_api_judge_a_drivers_name_alike(api, ride, db, name):
    document = api.get("/api/v1/openapi.json").get_json()
    report = {**ASSIGNED, "driver_name": name}
    schema = document["components"]["schemas"]["StatusReport"]
    fits = jsonschema.Draft202012Validator(schema).is_valid(report)
    response = api.post(f"/api/v1/bookings/{ride['id']}/events", json=report, headers=AUTH)
    assert (response.status_code == 200) == fits, (response.status_code, response.get_json())


def test_the_next_page_link_names_the_configured_address_never_the_host_header(
    api, app, db, margaret, book
):
    app.config["PUBLIC_BASE_URL"] = "https://rides.example.org"
    for number in range(2):
        booking = book(margaret, {"address": f"{number} Elm Street"})
        bookings.transition(db, booking["id"], "cancelled", actor="senior")
    response = api.get("/api/v1/bookings?limit=1", headers={**AUTH, "Host": "evil.example"})
    following = response.get_json()["next"]
    assert following.startswith("https://rides.example.org/api/v1/bookings?")
    assert response.headers["Link"] == f'<{following}>; rel="next"'
