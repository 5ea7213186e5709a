"""Sessions end when they should: sign-out and a new password end every copy of the cookie; idle
consoles close."""

import datetime
import time

from elderride.services import clock, demo
from elderride.services.people import accounts, signups
from elderride.store import connect
from elderride.store.schema import migrations
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


def test_a_pruned_accounts_cookie_does_not_open_the_next_account_given_its_id(app, db, mailbox):
    # SQLite may hand a deleted account's id to the next sign-up; the cookie names the account.
    squatter = FamilyClient(app.test_client(), mailbox)
    squatter.sign_up("never-confirms@example.com", name="Mallory", confirm=False)
    copied = session_cookie(squatter.client)
    assert browser_with(app, copied).get("/family/").status_code == 200
    gone = accounts.family_member_by_email(db, "never-confirms@example.com")
    assert signups.prune_unconfirmed(db, now=clock.now() + datetime.timedelta(days=8)) == 1
    newcomer = FamilyClient(app.test_client(), mailbox)
    newcomer.sign_up("victoria@example.com", name="Victoria")
    assert accounts.family_member_by_email(db, "victoria@example.com")["id"] == gone["id"]
    assert newcomer.page("/family/").status_code == 200
    old = browser_with(app, copied).get("/family/")
    assert old.status_code == 302 and b"Victoria" not in old.get_data()


def test_a_deleted_dispatchers_cookie_does_not_open_the_account_given_its_id(app, db):
    accounts.create_staff(db, email="temp@example.com", name="Temp", password="a long password")
    console = sign_in(app.test_client(), "/console/signin", "temp@example.com", "a long password")
    copied = session_cookie(console)
    assert browser_with(app, copied).get("/console/").status_code == 200
    gone = next(db.table("staff").rows_where("email = ?", ["temp@example.com"]))
    db.table("staff").delete(gone["id"])  # an operator removes the account by hand
    accounts.create_staff(db, email="next@example.com", name="Next", password="a long password")
    assert next(db.table("staff").rows_where("email = ?", ["next@example.com"]))["id"] == gone["id"]
    assert browser_with(app, copied).get("/console/").status_code == 302


def test_accounts_from_before_the_upgrade_get_their_own_session_keys(tmp_path):
    db = connect(tmp_path / "old.db")
    migrations.apply(db, stop_before="m097_session_keys")
    for n in (1, 2):
        db.table("family_members").insert(
            {
                "email": f"old{n}@example.com",
                "name": "Old",
                "password_hash": "x",
                "created_at": clock.iso(),
            }
        )
    db.table("staff").insert(
        {
            "email": "desk@example.com",
            "name": "Desk",
            "password_hash": "x",
            "role": "dispatcher",
            "created_at": clock.iso(),
        }
    )
    migrations.apply(db)
    keys = [
        row["session_key"] for table in ("family_members", "staff") for row in db.table(table).rows
    ]
    assert len(keys) == 3 and all(len(key) >= 32 for key in keys) and len(set(keys)) == 3
    db.close()
