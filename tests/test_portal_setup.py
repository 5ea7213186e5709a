"""The family portal's set-up: deletes that ask and can be undone, the device link turned off and
back on, the link texted through the outbox, the time zone read from a city's name."""

import datetime
import json
import re

import pytest

from elderride.services import bookings, clock, undo
from elderride.services.delivery import Deliverer, run_once
from elderride.services.errors import ValidationError
from elderride.services.outgoing import messages
from elderride.services.people import accounts, contacts, device_texts, places, seniors, timezones
from tests.family_client import FamilyClient
from tests.texting import agree_by_text


@pytest.fixture
def lily(client, demo_data):
    family = FamilyClient(client)
    assert family.sign_in("lily@example.com", "lily-demo-password").status_code == 303
    return family


def later(monkeypatch, minutes):
    """Move the clock on by `minutes`."""
    moment = clock.now() + datetime.timedelta(minutes=minutes)
    monkeypatch.setattr(clock, "now", lambda: moment)


def item_rows(db, kind, senior_id):
    if kind == "places":
        return [dict(row) for row in places.list_places(db, senior_id)]
    if kind == "contacts":
        return [dict(row) for row in contacts.list_contacts(db, senior_id)]
    return [dict(row) for row in seniors.phones_of(db, senior_id)]


@pytest.mark.parametrize(
    "kind, index, question, told",
    [
        ("places", 1, "Delete the place City Hospital?", "Deleted City Hospital."),
        ("contacts", 0, "Delete the family contact Lily Chen?", "Deleted Lily Chen."),
        ("phones", 0, "Remove the number +1 555-010-0001?", "Removed the number +1 555-010-0001."),
    ],
)
def test_a_delete_asks_first_and_can_be_undone(lily, margaret, db, kind, index, question, told):
    before = item_rows(db, kind, margaret["id"])
    item = before[index]
    path = f"/family/seniors/{margaret['id']}/{kind}/{item['id']}/delete"
    asked = lily.page(path)
    assert asked.status_code == 200 and question in asked.get_data(as_text=True)
    assert item_rows(db, kind, margaret["id"]) == before  # asking changes nothing
    deleted = lily.submit(path)
    assert deleted.status_code == 303 and deleted.headers["Location"].endswith(f"/setup#{kind}")
    assert item["id"] not in [row["id"] for row in item_rows(db, kind, margaret["id"])]
    page = lily.page(f"/family/seniors/{margaret['id']}/setup").get_data(as_text=True)
    assert told in page and f"/family/seniors/{margaret['id']}/undo" in page
    undone = lily.submit(
        f"/family/seniors/{margaret['id']}/setup", f"/family/seniors/{margaret['id']}/undo"
    )
    assert undone.status_code == 303
    # Back as it was, where it was: same row, same place in the family's order.
    assert item_rows(db, kind, margaret["id"]) == before
    # An undo is used once.
    page = lily.page(f"/family/seniors/{margaret['id']}/setup").get_data(as_text=True)
    assert told not in page


def test_an_undo_is_offered_for_a_few_minutes_only(lily, margaret, db, monkeypatch):
    hospital = places.list_places(db, margaret["id"])[1]
    lily.submit(f"/family/seniors/{margaret['id']}/places/{hospital['id']}/delete")
    later(monkeypatch, 16)
    page = lily.page(f"/family/seniors/{margaret['id']}/setup").get_data(as_text=True)
    assert "Deleted City Hospital." not in page
    lily.submit(f"/family/seniors/{margaret['id']}/setup", f"/family/seniors/{margaret['id']}/undo")
    assert [place["label"] for place in places.list_places(db, margaret["id"])] == [
        "Home",
        "Lily's home",
    ]


def test_an_undo_that_no_longer_fits_is_explained(lily, margaret, db):
    hospital = places.list_places(db, margaret["id"])[1]
    lily.submit(f"/family/seniors/{margaret['id']}/places/{hospital['id']}/delete")
    places.add_place(db, margaret["id"], label="city hospital", address="1 New Road")
    refused = lily.submit(
        f"/family/seniors/{margaret['id']}/setup", f"/family/seniors/{margaret['id']}/undo"
    )
    assert refused.status_code == 400
    assert "Another place now has this name." in refused.get_data(as_text=True)
    assert len(places.list_places(db, margaret["id"])) == 3


def test_an_undo_belongs_to_its_senior(lily, margaret, wang, db):
    member = accounts.family_member_by_email(db, "lily@example.com")
    accounts.link_senior(db, member["id"], wang["id"])
    hospital = places.list_places(db, margaret["id"])[1]
    lily.submit(f"/family/seniors/{margaret['id']}/places/{hospital['id']}/delete")
    lily.submit(f"/family/seniors/{wang['id']}/setup", f"/family/seniors/{wang['id']}/undo")
    assert len(places.list_places(db, wang["id"])) == 3
    assert len(places.list_places(db, margaret["id"])) == 2


def test_turning_the_link_off_asks_and_can_be_undone(lily, margaret, db, app, client):
    device = f"/family/seniors/{margaret['id']}/device"
    asked = lily.page(f"{device}/off")
    assert asked.status_code == 200
    assert "Turn off the link to Margaret Chen" in asked.get_data(as_text=True)
    assert seniors.senior_by_device_token(db, margaret["device_token"]) is not None
    lily.submit(f"{device}/off", device, {"action": "revoke"})
    assert seniors.senior_by_device_token(db, margaret["device_token"]) is None
    page = lily.page(device).get_data(as_text=True)
    assert "The link is turned off." in page and "Undo" in page
    assert lily.submit(device, f"/family/seniors/{margaret['id']}/undo").status_code == 303
    # The very same link works again on the devices that had it.
    assert seniors.senior_by_device_token(db, margaret["device_token"])["id"] == margaret["id"]
    assert "The link is turned off." not in lily.page(device).get_data(as_text=True)


def test_turning_the_link_off_cannot_be_undone_later(lily, margaret, db, monkeypatch):
    device = f"/family/seniors/{margaret['id']}/device"
    lily.submit(f"{device}/off", device, {"action": "revoke"})
    later(monkeypatch, 16)
    page = lily.page(device).get_data(as_text=True)
    assert "The link is turned off." in page and "Undo" not in page
    lily.submit(device, f"/family/seniors/{margaret['id']}/undo")
    assert seniors.senior_by_device_token(db, margaret["device_token"]) is None


def test_the_device_link_page_is_never_cached(lily, margaret):
    response = lily.page(f"/family/seniors/{margaret['id']}/device")
    assert "no-store" in response.headers["Cache-Control"]


class RecordingNotifier(messages.BuiltinNotifier):
    """The built-in notifier, remembering each text's body as the carrier would get it."""

    def __init__(self):
        super().__init__()
        self.sent = []

    def send_text(self, db, *, key, to, body, booking_id=None, shown=None):
        self.sent.append((to, body))
        super().send_text(db, key=key, to=to, body=body, booking_id=booking_id, shown=shown)


@pytest.fixture
def mobile(db, margaret, app):
    """A mobile number for Margaret, who has only a landline in the demo; she replied YES to it."""
    phone_id = seniors.add_phone(db, margaret["id"], "+15550100061", "mobile")
    agree_by_text(app, "+15550100061")
    return phone_id


def test_the_link_waits_for_the_number_to_agree(lily, margaret, db):
    # A number only typed on the family page may be anyone's: the senior's link is not sent to it.
    phone_id = seniors.add_phone(db, margaret["id"], "+15550100062", "mobile")
    response = send_link(lily, margaret, phone_id)
    assert response.status_code == 400
    assert "has not agreed to texts from us yet" in response.get_data(as_text=True)
    [request] = db.table("outbox").rows_where("kind = 'text'")
    assert json.loads(request["payload"])["consent_request"] is True
    assert margaret["device_token"] not in request["payload"]


def send_link(lily, margaret, phone_id):
    device = f"/family/seniors/{margaret['id']}/device"
    return lily.submit(device, f"{device}/text", {"phone_id": str(phone_id)})


def test_the_link_is_texted_through_the_outbox_and_never_stored(lily, margaret, mobile, db, app):
    sent = send_link(lily, margaret, mobile)
    assert sent.status_code == 303
    assert "The link is on its way by text." in lily.page(sent.headers["Location"]).get_data(
        as_text=True
    )
    entry = next(db.table("outbox").rows_where("kind = 'text'"))
    assert margaret["device_token"] not in entry["payload"]
    assert json.loads(entry["payload"])["to"] == "+15550100061"
    notifier = RecordingNotifier()
    run_once(db, Deliverer(notifier, secret_key=app.config["SECRET_KEY"]), "test")
    [(to, body)] = notifier.sent
    assert to == "+15550100061"
    assert f"http://localhost/s/{margaret['device_token']}" in body
    assert body.startswith("Hello Margaret Chen")
    # The console's message log keeps the words, never the link.
    recorded = [row["body"] for row in db.table("messages").rows]
    assert recorded and not any(margaret["device_token"] in text for text in recorded)


def test_a_link_turned_off_before_the_text_goes_is_not_sent(lily, margaret, mobile, db, app):
    send_link(lily, margaret, mobile)
    device = f"/family/seniors/{margaret['id']}/device"
    lily.submit(f"{device}/off", device, {"action": "revoke"})
    notifier = RecordingNotifier()
    run_once(db, Deliverer(notifier, secret_key=app.config["SECRET_KEY"]), "test")
    assert notifier.sent == []
    assert next(db.table("outbox").rows_where("kind = 'text'"))["status"] == "dead"


def test_a_number_removed_before_the_text_goes_gets_no_link(lily, margaret, mobile, db, app):
    send_link(lily, margaret, mobile)
    seniors.remove_phone(db, margaret["id"], mobile)  # the phone was lost
    notifier = RecordingNotifier()
    run_once(db, Deliverer(notifier, secret_key=app.config["SECRET_KEY"]), "test")
    assert notifier.sent == []


def test_a_link_made_again_before_the_text_goes_is_not_sent_there(lily, margaret, mobile, db, app):
    send_link(lily, margaret, mobile)
    seniors.issue_device_token(db, margaret["id"], app.config["SECRET_KEY"])
    notifier = RecordingNotifier()
    run_once(db, Deliverer(notifier, secret_key=app.config["SECRET_KEY"]), "test")
    assert notifier.sent == []


def test_the_link_is_texted_in_the_seniors_language(client, wang, db, app):
    app.config["ALLOWED_REGIONS"] = "US,CN"
    member = accounts.family_member_by_email(db, "lily@example.com")
    accounts.link_senior(db, member["id"], wang["id"])
    lily = FamilyClient(client)
    lily.sign_in("lily@example.com", "lily-demo-password")
    phone_id = seniors.phones_of(db, wang["id"])[0]["id"]
    assert send_link(lily, wang, phone_id).status_code == 303
    payload = json.loads(next(db.table("outbox").rows_where("kind = 'text'"))["payload"])
    assert payload["body"].startswith("王秀英您好")


def test_texting_the_link_is_limited_per_hour(lily, margaret, mobile, db):
    for _ in range(device_texts.PER_HOUR):
        assert send_link(lily, margaret, mobile).status_code == 303
    refused = send_link(lily, margaret, mobile)
    assert refused.status_code == 400
    assert "Please try later" in refused.get_data(as_text=True)
    assert db.table("outbox").count_where("kind = 'text'") == device_texts.PER_HOUR


def test_texting_the_link_respects_the_daily_message_cap(book, lily, margaret, mobile, db, app):
    app.config["DAILY_MESSAGE_CAP"] = 2
    book(margaret, {"address": "9 Elm"}, key="cap")
    # The ride's text to Lily counts against Margaret's cap: one more may go, not two.
    assert send_link(lily, margaret, mobile).status_code == 303
    refused = send_link(lily, margaret, mobile)
    assert refused.status_code == 400
    assert "the most texts and calls there can be in a day" in refused.get_data(as_text=True)


@pytest.mark.parametrize(
    "phone_id, status",
    [
        ("", 400),
        ("abc", 400),
        ("-1", 400),
        ("99999999999999999999999", 400),
        ("1 OR 1=1", 400),
        ("<script>", 400),
    ],
)
def test_a_bad_number_choice_is_explained(lily, margaret, mobile, db, phone_id, status):
    device = f"/family/seniors/{margaret['id']}/device"
    response = lily.submit(device, f"{device}/text", {"phone_id": phone_id})
    assert response.status_code == status
    assert "Please choose a number." in response.get_data(as_text=True)
    assert db.table("outbox").count_where("kind = 'text'") == 0


def test_a_landline_or_another_seniors_number_gets_no_link(lily, margaret, wang, db):
    landline = seniors.phones_of(db, margaret["id"])[0]
    refused = send_link(lily, margaret, landline["id"])
    assert refused.status_code == 400 and "A landline cannot get texts" in refused.get_data(
        as_text=True
    )
    wangs = seniors.phones_of(db, wang["id"])[0]
    assert send_link(lily, margaret, wangs["id"]).status_code == 400
    assert db.table("outbox").count_where("kind = 'text'") == 0


def test_a_number_outside_the_allowed_regions_gets_no_link(lily, margaret, db):
    # A number entered before the allowed regions were narrowed.
    phone_id = (
        db.table("senior_phones")
        .insert(
            {
                "senior_id": margaret["id"],
                "phone": "+8613800000009",
                "kind": "mobile",
                "created_at": clock.iso(),
            }
        )
        .last_pk
    )
    refused = send_link(lily, margaret, phone_id)
    assert refused.status_code == 400 and "may not send texts" in refused.get_data(as_text=True)
    assert db.table("outbox").count_where("kind = 'text'") == 0


@pytest.mark.parametrize(
    "typed, zone",
    [
        ("New York", "America/New_York"),
        ("new york", "America/New_York"),
        ("America/New_York", "America/New_York"),
        ("纽约", "America/New_York"),
        ("Shanghai", "Asia/Shanghai"),
        ("上海", "Asia/Shanghai"),
        ("São Paulo", "America/Sao_Paulo"),
        ("Sao Paulo", "America/Sao_Paulo"),
        ("UTC", "UTC"),
    ],
)
def test_a_time_zone_is_found_by_its_city(typed, zone):
    assert timezones.resolve(typed, "zh") == zone


@pytest.mark.parametrize(
    "typed", ["", "   ", "Springfield", "Indiana", "x" * 5000, "../../etc/passwd", "\x00", "%s"]
)
def test_a_time_zone_that_is_no_zone_is_refused_with_words(typed):
    with pytest.raises(ValidationError) as refused:
        timezones.resolve(typed)
    assert refused.value.field == "timezone"


def test_the_zone_list_has_readable_names_and_no_old_aliases():
    names = {zone.name: zone.place for zone in timezones.zones("en")}
    assert names["America/New_York"] == "United States (New York)"
    assert "US/Eastern" not in names and "Asia/Calcutta" not in names
    assert "Asia/Kolkata" in names


def test_a_senior_is_added_with_a_time_zone_typed_as_a_city(lily, db):
    data = {"name": "Ada", "phone": "+15550100050", "kind": "mobile", "language": "en"}
    refused = lily.submit("/family/seniors/new", data=data | {"timezone": "Atlantis"})
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "No time zone matches Atlantis" in page and 'value="Atlantis"' in page
    assert seniors.senior_by_phone(db, "+15550100050") is None
    made = lily.submit("/family/seniors/new", data=data | {"timezone": "Chicago"})
    assert made.status_code == 303
    assert seniors.senior_by_phone(db, "+15550100050")["timezone"] == "America/Chicago"


def test_the_dashboard_shows_only_this_familys_rides_and_is_never_cached(
    book, lily, margaret, wang, db
):
    for senior, key in ((margaret, "m"), (wang, "w")):
        book(senior, {"address": f"{key} street"}, key=key)
    page = lily.page("/family/").get_data(as_text=True)
    assert "m street" in page and "w street" not in page and "王秀英" not in page
    # Without JavaScript the dashboard reloads itself; with it, the script swaps in the panel.
    assert '<noscript><meta http-equiv="refresh" content="30"></noscript>' in page
    assert 'data-refresh="/family/panel"' in page
    panel = lily.page("/family/panel")
    assert "no-store" in panel.headers["Cache-Control"]
    assert "m street" in panel.get_data(as_text=True)


def test_the_rides_page_has_dates_and_the_history_in_words(book, lily, margaret, db):
    ride = book(margaret, {"address": "9 Elm"}, key="h", channel="phone", created_by="caller")
    bookings.transition(db, ride["id"], "cancelled", actor="dispatcher:1")
    rides = lily.page(f"/family/seniors/{margaret['id']}").get_data(as_text=True)
    assert "Past rides" in rides and re.search(r"today, \d{1,2}:\d\d", rides)
    page = lily.page(f"/family/seniors/{margaret['id']}/rides/{ride['id']}").get_data(as_text=True)
    assert "Booked by Margaret Chen, by phone" in page and "Cancelled by a dispatcher" in page
    assert "dispatcher:1" not in page and "caller" not in page


def test_a_ride_booked_for_later_reads_booked_not_finding_a_car(book, lily, margaret, db):
    book(
        margaret,
        {"address": "9 Elm"},
        pickup_at=clock.now() + datetime.timedelta(hours=5),
        key="later",
        channel="family",
        created_by="family:1",
    )
    page = lily.page("/family/").get_data(as_text=True)
    assert ">Booked<" in page and "We are finding a car" not in page


@pytest.mark.parametrize("typed", ["America", "Asia", "right/UTC", "posix/Asia/Tokyo", "localtime"])
def test_a_folder_or_copy_of_the_zone_database_is_not_a_time_zone(lily, margaret, db, typed):
    path = f"/family/seniors/{margaret['id']}/edit"
    data = {"name": margaret["name"], "language": "en", "timezone": typed, "notes": ""}
    response = lily.submit(path, data=data)
    assert response.status_code == 400
    assert db.table("seniors").get(margaret["id"])["timezone"] == "America/New_York"


def test_an_undo_sent_twice_brings_a_contact_back_once(margaret, db):
    lily_row = contacts.list_contacts(db, margaret["id"])[0]
    row = undo.deleted_row(db, "contacts", margaret["id"], lily_row["id"])
    contacts.delete_contact(db, margaret["id"], lily_row["id"])
    for _ in range(2):  # a double tap: both requests carry the same undo cookie
        undo.restore(db, "contacts", margaret["id"], row)
    names = [contact["name"] for contact in contacts.list_contacts(db, margaret["id"])]
    assert names.count("Lily Chen") == 1


def test_undo_brings_back_a_contact_who_shares_a_number_with_another(margaret, db):
    lily_row = contacts.list_contacts(db, margaret["id"])[0]
    contacts.add_contact(db, margaret["id"], name="David Chen", phone=lily_row["phone"])
    david = next(c for c in contacts.list_contacts(db, margaret["id"]) if c["name"] == "David Chen")
    row = undo.deleted_row(db, "contacts", margaret["id"], david["id"])
    contacts.delete_contact(db, margaret["id"], david["id"])
    undo.restore(db, "contacts", margaret["id"], row)
    assert "David Chen" in [c["name"] for c in contacts.list_contacts(db, margaret["id"])]


def test_the_link_text_carries_no_link_a_family_typed_only_ours(lily, margaret, mobile, db):
    db.table("seniors").update(margaret["id"], {"name": "Pay your fine at http://evil.example/N"})
    assert send_link(lily, margaret, mobile).status_code == 303
    body = json.loads(next(db.table("outbox").rows_where("kind = 'text'"))["payload"])["body"]
    assert body.startswith("Hello Pay your fine at")
    assert "evil.example" not in body and "http://evil" not in body


def test_a_chinese_seniors_number_typed_without_plus_86_is_read_as_chinese(app, signed_up, db):
    # A deployment that serves both: its default region is the US, Chinese numbers are allowed.
    app.config["ALLOWED_REGIONS"] = "US,CN"
    senior_id = signed_up.add_senior(name="王秀英", phone="138 0000 0009", language="zh")
    [phone] = list(db.table("senior_phones").rows_where("senior_id = ?", [senior_id]))
    assert phone["phone"] == "+8613800000009"
    # An English-speaking senior's number typed the same way is still read by DEFAULT_REGION.
    english = signed_up.add_senior(name="Ada Park", phone="555 010 0050", language="en")
    [phone] = list(db.table("senior_phones").rows_where("senior_id = ?", [english]))
    assert phone["phone"] == "+15550100050"


def test_a_region_numbers_may_not_be_in_is_never_guessed(app, signed_up):
    # Only US numbers here: a Chinese senior's number without +86 is read as American (and refused).
    app.config["ALLOWED_REGIONS"] = "US"
    response = signed_up.submit(
        "/family/seniors/new",
        data={
            "name": "王秀英",
            "phone": "138 0000 0009",
            "kind": "mobile",
            "language": "zh",
            "timezone": "Asia/Shanghai",
        },
    )
    assert response.status_code == 400
