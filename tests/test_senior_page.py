"""The senior page over HTTP: the device link, booking once, cancelling, bad input."""

import re
from http.cookies import SimpleCookie

import pytest

from elderride.services import bookings
from elderride.services.people import seniors
from tests.conftest import csrf_token


def open_link(client, senior):
    response = client.get(f"/s/{senior['device_token']}")
    assert response.status_code == 303
    return response


def place_id(db, senior, label):
    return next(
        db.table("places").rows_where("senior_id = ? and label = ?", [senior["id"], label])
    )["id"]


def confirm_form(client, query):
    page = client.get(f"/senior/ride?{query}").get_data(as_text=True)
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
    assert {"csrf_token", "request_key", "to", "when"} <= set(fields)
    return fields


def test_the_device_link_remembers_the_device_for_years(client, margaret):
    response = open_link(client, margaret)
    assert response.headers["Location"] == "/senior"
    cookie = SimpleCookie(response.headers["Set-Cookie"])["elderride_device"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 365 * 24 * 3600
    page = client.get("/senior").get_data(as_text=True)
    assert "Margaret Chen" in page
    labels = re.findall(r'class="button place" href="[^"]+">([^<]+)</a>', page)
    assert labels == ["Home", "City Hospital", "Lily&#39;s home"]
    assert re.findall(r'href="tel:(\+\d+)"', page) == [
        "+15550100002",
        "+15550100003",
        "+15550100099",
    ]


def test_a_chinese_senior_sees_chinese(client, wang):
    open_link(client, wang)
    page = client.get("/senior").get_data(as_text=True)
    assert '<html lang="zh-Hans">' in page
    assert "您想去哪里？" in page and "市第一人民医院" in page and "李娜" in page


@pytest.mark.parametrize("token", ["not-a-token", "x" * 300, "%00", "' or 1=1 --"])
def test_an_unknown_link_gets_a_kind_page_in_both_languages(client, demo_data, token):
    response = client.get(f"/s/{token}")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "ask your family" in page and "请让家人" in page
    assert "elderride_device" not in response.headers.get("Set-Cookie", "")


def test_without_the_device_cookie_the_page_explains_what_to_do(client, demo_data):
    response = client.get("/senior")
    assert response.status_code == 403
    assert "ask your family" in response.get_data(as_text=True)


def test_a_forged_device_cookie_is_not_accepted(client, margaret):
    client.set_cookie("elderride_device", "eyJzZW5pb3IiOjEsInRva2VuIjoieCJ9.forged")
    assert client.get("/senior").status_code == 403


def test_a_revoked_link_stops_working_on_the_device(client, app, margaret, db):
    open_link(client, margaret)
    assert client.get("/senior").status_code == 200
    seniors.issue_device_token(db, margaret["id"], app.config["SECRET_KEY"])
    response = client.get("/senior")
    assert response.status_code == 403
    assert "needs a new link" in response.get_data(as_text=True)


def test_booking_creates_one_ride_however_often_the_form_is_sent(client, margaret, db, hospital):
    open_link(client, margaret)
    form = confirm_form(client, f"to={hospital['id']}")
    first = client.post("/senior/ride", data=form)
    assert first.status_code == 303
    second = client.post("/senior/ride", data=form)
    assert second.headers["Location"] == first.headers["Location"]
    assert db.table("bookings").count == 1
    ride = next(db.table("bookings").rows)
    assert (
        ride["pickup_label"],
        ride["destination_label"],
        ride["channel"],
        ride["pickup_at"],
    ) == ("Home", "City Hospital", "web", None)
    status = client.get(first.headers["Location"]).get_data(as_text=True)
    assert "We are finding a car" in status


def test_booking_without_the_form_token_is_refused(client, margaret, db, hospital):
    open_link(client, margaret)
    form = confirm_form(client, f"to={hospital['id']}")
    del form["csrf_token"]
    response = client.post("/senior/ride", data=form)
    assert response.status_code == 400
    assert "try again" in response.get_data(as_text=True)
    assert db.table("bookings").count == 0


def test_a_forged_form_token_is_refused(client, margaret, db, hospital):
    open_link(client, margaret)
    form = confirm_form(client, f"to={hospital['id']}")
    form["csrf_token"] = "forged"
    assert client.post("/senior/ride", data=form).status_code == 400
    assert db.table("bookings").count == 0


@pytest.mark.parametrize(
    "address, message",
    [
        ("", "Please fill this in."),
        ("   ", "Please fill this in."),
        ("x" * 500, "under 200 characters"),
    ],
)
def test_somewhere_else_needs_a_sensible_address(client, margaret, db, address, message):
    open_link(client, margaret)
    form = confirm_form(client, "to=other")
    form["address"] = address
    response = client.post("/senior/ride", data=form)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and 'aria-invalid="true"' in page
    assert db.table("bookings").count == 0


def test_somewhere_else_books_a_typed_address(client, margaret, db):
    open_link(client, margaret)
    form = confirm_form(client, "to=other&when=in_1_hour")
    form["address"] = "  7 Harbour   View <b>Road</b> "
    response = client.post("/senior/ride", data=form)
    assert response.status_code == 303
    ride = next(db.table("bookings").rows)
    assert ride["destination_address"] == "7 Harbour View <b>Road</b>"
    assert ride["pickup_at"] is not None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "&lt;b&gt;Road&lt;/b&gt;" in page and "<b>Road</b>" not in page


def test_going_home_asks_where_to_pick_up(client, margaret, db):
    open_link(client, margaret)
    form = confirm_form(client, f"to={place_id(db, margaret, 'Home')}")
    assert "pickup" not in form
    response = client.post("/senior/ride", data=form)
    assert response.status_code == 400
    form["pickup_address"] = "400 River Road"
    assert client.post("/senior/ride", data=form).status_code == 303
    ride = next(db.table("bookings").rows)
    assert (ride["pickup_address"], ride["destination_label"]) == ("400 River Road", "Home")


def test_going_home_from_another_preset_place(client, margaret, db, hospital):
    open_link(client, margaret)
    form = confirm_form(client, f"to={place_id(db, margaret, 'Home')}&pickup={hospital['id']}")
    assert form["pickup"] == str(hospital["id"])
    assert client.post("/senior/ride", data=form).status_code == 303
    assert next(db.table("bookings").rows)["pickup_label"] == "City Hospital"


@pytest.mark.parametrize("query", ["to=9999", "to=<script>", "", "to=1&when=yesterday&pickup=abc"])
def test_odd_links_never_fail(client, margaret, db, query):
    open_link(client, margaret)
    response = client.get(f"/senior/ride?{query}")
    assert response.status_code in (200, 303)


def test_another_seniors_ride_does_not_exist_here(client, margaret, wang, db, book):
    ride = book(wang, "市第一人民医院")
    open_link(client, margaret)
    for path in (
        f"/senior/rides/{ride['id']}",
        f"/senior/rides/{ride['id']}/panel",
        f"/senior/rides/{ride['id']}/cancel",
    ):
        assert client.get(path).status_code == 404
    page = client.get("/senior").get_data(as_text=True)
    token = csrf_token(page)
    assert (
        client.post(f"/senior/rides/{ride['id']}/cancel", data={"csrf_token": token}).status_code
        == 404
    )
    assert bookings.get_booking(db, ride["id"])["state"] == "requested"


def test_cancel_asks_once_and_can_be_undone_before_a_driver_is_assigned(
    client, margaret, db, hospital
):
    open_link(client, margaret)
    form = confirm_form(client, f"to={hospital['id']}")
    status_url = client.post("/senior/ride", data=form).headers["Location"]
    question = client.get(f"{status_url}/cancel").get_data(as_text=True)
    assert "Cancel this car?" in question and "City Hospital" in question
    client.post(f"{status_url}/cancel", data={"csrf_token": csrf_token(question)})
    ride = next(db.table("bookings").rows)
    assert ride["state"] == "cancelled"
    page = client.get(status_url).get_data(as_text=True)
    assert "Undo" in page
    client.post(f"{status_url}/reopen", data={"csrf_token": csrf_token(page)})
    assert bookings.get_booking(db, ride["id"])["state"] == "requested"


def test_the_status_page_shows_the_assigned_driver(client, margaret, db, hospital):
    open_link(client, margaret)
    form = confirm_form(client, f"to={hospital['id']}")
    status_url = client.post("/senior/ride", data=form).headers["Location"]
    ride_id = int(status_url.rsplit("/", 1)[1])
    bookings.transition(db, ride_id, "forwarded", actor="dispatch")
    bookings.transition(
        db,
        ride_id,
        "assigned",
        actor="dispatch",
        details={
            "driver_name": "Sam Lee",
            "car_make": "Toyota Camry",
            "car_colour": "Blue",
            "plate": "ABC 123",
            "eta_minutes": 7,
        },
    )
    panel = client.get(f"{status_url}/panel").get_data(as_text=True)
    assert (
        "Sam Lee" in panel
        and "Blue Toyota Camry" in panel
        and "ABC 123" in panel
        and "7 minutes" in panel
    )
    page = client.get(status_url).get_data(as_text=True)
    assert "Cancel this car" in page and "Undo" not in page


@pytest.mark.parametrize(
    "data, cookie, value",
    [
        ({"lang": "zh"}, "lang", "zh"),
        ({"size": "largest"}, "size", "largest"),
        ({"theme": "contrast"}, "theme", "contrast"),
    ],
)
def test_preferences_are_remembered_on_the_device(client, margaret, data, cookie, value):
    open_link(client, margaret)
    token = csrf_token(client.get("/senior").get_data(as_text=True))
    response = client.post("/preferences", data={**data, "next": "/senior", "csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"] == "/senior"
    assert client.get_cookie(cookie).value == value
    page = client.get("/senior").get_data(as_text=True)
    assert {"lang": '<html lang="zh-Hans">', "size": "size-largest", "theme": "theme-contrast"}[
        cookie
    ] in page


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "senior"]
)
def test_preferences_never_redirect_off_site(client, margaret, target):
    open_link(client, margaret)
    token = csrf_token(client.get("/senior").get_data(as_text=True))
    response = client.post("/preferences", data={"lang": "en", "next": target, "csrf_token": token})
    assert response.headers["Location"] == "/senior"


def test_unknown_preference_values_are_ignored(client, margaret):
    open_link(client, margaret)
    token = csrf_token(client.get("/senior").get_data(as_text=True))
    client.post("/preferences", data={"lang": "xx", "size": "<huge>", "csrf_token": token})
    assert client.get_cookie("lang") is None and client.get_cookie("size") is None


@pytest.mark.parametrize("target", ["/senior\r\nSet-Cookie: x=1", "/\x00", "/senior\n"])
def test_a_next_address_with_control_characters_leads_home(client, margaret, target):
    open_link(client, margaret)
    token = csrf_token(client.get("/senior").get_data(as_text=True))
    response = client.post(
        "/preferences", data={"next": target, "size": "large", "csrf_token": token}
    )
    assert response.status_code == 303 and response.headers["Location"] == "/senior"


def test_when_nothing_can_be_saved_the_senior_sees_why_and_can_call_the_taxi_center(
    client, margaret, db, monkeypatch, hospital
):
    import sqlite3

    scratch = sqlite3.connect(":memory:")
    scratch.execute("pragma max_page_count = 2")
    scratch.execute("create table t (x)")
    with pytest.raises(sqlite3.OperationalError) as full:  # SQLite's own SQLITE_FULL
        scratch.execute("insert into t values (zeroblob(100000))")
    scratch.close()

    def disk_full(*args, **kwargs):
        raise full.value

    open_link(client, margaret)
    fields = confirm_form(client, f"to={hospital['id']}")
    monkeypatch.setattr(bookings, "create_booking", disk_full)
    response = client.post("/senior/ride", data=fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and "nothing was booked" in page
    assert 'href="tel:+15550100099"' in page


def test_with_three_cars_booked_the_page_says_so_before_offering_places(book, client, margaret):
    open_link(client, margaret)
    assert 'class="button place"' in client.get("/senior").get_data(as_text=True)
    for key in ("a", "b", "c"):
        book(margaret, key=key)
    page = client.get("/senior").get_data(as_text=True)
    assert "You have 3 cars booked, as many as can be." in page
    assert 'class="button place"' not in page
