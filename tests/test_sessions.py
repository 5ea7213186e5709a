"""Sessions end when they should: sign-out and a new password end every copy of the cookie; idle
consoles close."""

import time

from elderride.services import demo
from elderride.services.people import accounts
from tests.conftest import csrf_token, sign_in
from tests.family_client import FamilyClient


def session_cookie(client):
    return client.get_cookie("session").value


def browser_with(app, cookie):
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other


def test_a_cookie_copied_before_sign_out_is_refused_after(app, db):
    family = FamilyClient(app.test_client())
    family.sign_up("ann@example.com")
    copied = session_cookie(family.client)
    assert browser_with(app, copied).get("/family/").status_code == 200
    family.submit("/family/", "/family/signout")
    assert browser_with(app, copied).get("/family/").status_code == 302


def test_sign_out_on_one_device_ends_the_others(app, db):
    phone, laptop = FamilyClient(app.test_client()), FamilyClient(app.test_client())
    phone.sign_up("ann@example.com")
    assert laptop.sign_in("ann@example.com", "correct horse battery").status_code == 303
    phone.submit("/family/", "/family/signout")
    assert laptop.page("/family/").status_code == 302


def test_a_new_password_ends_every_session(app, db):
    family = FamilyClient(app.test_client())
    family.sign_up("ann@example.com")
    copied = session_cookie(family.client)
    member = accounts.family_member_by_email(db, "ann@example.com")
    accounts.set_password(db, member["id"], "a brand new password")
    assert browser_with(app, copied).get("/family/").status_code == 302


def staff_client(app):
    return sign_in(
        app.test_client(), "/console/signin", demo.DISPATCHER_EMAIL, demo.DISPATCHER_PASSWORD
    )


def test_a_dispatchers_signed_out_cookie_is_refused(app, demo_data):
    console = staff_client(app)
    copied = session_cookie(console)
    token = csrf_token(console.get("/console/").get_data(as_text=True))
    assert console.post("/console/signout", data={"csrf_token": token}).status_code == 303
    assert browser_with(app, copied).get("/console/").status_code == 302


def test_a_console_left_idle_for_twelve_hours_signs_out(app, demo_data, monkeypatch):
    console = staff_client(app)
    assert console.get("/console/").status_code == 200
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 11 * 3600)
    assert console.get("/console/").status_code == 200  # in use: the idle clock starts again
    monkeypatch.setattr(time, "time", lambda: now + 22 * 3600)
    assert console.get("/console/").status_code == 200
    monkeypatch.setattr(time, "time", lambda: now + 34.5 * 3600)
    assert console.get("/console/").status_code == 302
