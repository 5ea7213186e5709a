"""An invitation to help look after a senior, opened by someone with no account yet: the page says
who invited them to help whom, and the invitation is still there once they have made one."""

import re

import pytest

from elderride.services import throttle
from elderride.services.people import invites
from tests.family_client import FamilyClient


@pytest.fixture
def invitation(db, margaret):
    lily_id = db.execute(
        "select id from family_members where email = 'lily@example.com'"
    ).fetchone()
    return invites.create_invite(db, margaret["id"], lily_id[0])


def test_an_invitation_survives_making_an_account_and_names_who_asked_for_whom(
    client, mailbox, invitation, margaret, db
):
    landing = client.get(f"/family/invites/{invitation}")
    assert landing.status_code == 200
    words = landing.get_data(as_text=True)
    assert "Lily Chen invited you to help look after Margaret Chen." in words
    make = re.search(r'href="(/family/signup\?next=[^"]+)"', words)[1].replace("&amp;", "&")
    assert re.search(r'href="/family/signin\?next=[^"]+"', words)
    # Making an account comes back to the invitation, not to an empty portal.
    bob = FamilyClient(client, mailbox)
    made = bob.submit(make, data={"email": "bob@example.com", "name": "Bob", "password": "x" * 12})
    assert made.status_code == 303
    assert made.headers["Location"].endswith(f"/family/invites/{invitation}")
    bob.confirm_email("bob@example.com")
    page = client.get(f"/family/invites/{invitation}").get_data(as_text=True)
    assert "Lily Chen invited you to help look after Margaret Chen." in page
    accepted = bob.submit(f"/family/invites/{invitation}")
    assert accepted.status_code == 303
    assert accepted.headers["Location"].endswith(f"/family/seniors/{margaret['id']}")
    bob_id = db.execute("select id from family_members where email = 'bob@example.com'").fetchone()
    assert (
        db.execute(
            "select count(*) from family_links where family_member_id = ? and senior_id = ?",
            [bob_id[0], margaret["id"]],
        ).fetchone()[0]
        == 1
    )


@pytest.mark.parametrize("token", ["nothing-like-it", "x" * 500, "%00", "<script>"])
def test_a_wrong_invitation_names_nobody(client, demo_data, token):
    landing = client.get(f"/family/invites/{token}")
    words = landing.get_data(as_text=True)
    assert landing.status_code in (200, 404)
    assert "Lily Chen" not in words and "Margaret" not in words and "<script>" not in words


def test_a_used_invitation_names_nobody(client, invitation, db, lily):
    assert lily.submit(f"/family/invites/{invitation}").status_code in (303, 400)
    db.table("invites").update(next(db.table("invites").rows)["id"], {"used_at": "2026-01-01"})
    words = client.get(f"/family/invites/{invitation}").get_data(as_text=True)
    assert "Lily Chen" not in words and "Margaret" not in words


def test_the_portal_mails_the_invitation_and_the_mailed_link_leads_to_margaret(
    app, client, mailbox, db, margaret
):
    lily = FamilyClient(app.test_client(), mailbox)
    assert lily.sign_in("lily@example.com", "lily-demo-password").status_code == 303
    setup = f"/family/seniors/{margaret['id']}/setup"
    sent = lily.submit(
        setup, f"/family/seniors/{margaret['id']}/invites", {"email": "Bob@Example.com"}
    )
    assert sent.status_code == 200
    assert "Sent by email to bob@example.com." in sent.get_data(as_text=True)
    link = mailbox.link("bob@example.com", "/family/invites/")
    # Bob, in his own browser, opens the mail's link: who asked him to help whom, then an account.
    landing = client.get(link).get_data(as_text=True)
    assert "Lily Chen invited you to help look after Margaret Chen." in landing
    bob = FamilyClient(client, mailbox)
    make = re.search(r'href="(/family/signup\?next=[^"]+)"', landing)[1]
    made = bob.submit(make, data={"email": "bob@example.com", "name": "Bob", "password": "x" * 12})
    assert made.headers["Location"].endswith(link)
    bob.confirm_email("bob@example.com")
    assert bob.submit(link).status_code == 303
    assert "Margaret Chen" in client.get("/family/").get_data(as_text=True)


@pytest.mark.parametrize(
    "address",
    ["not an address", "x" * 300 + "@example.com", "bob@example.com\nBcc: eve@example.com"],
)
def test_a_wrong_address_is_explained_and_nothing_is_mailed(app, mailbox, db, margaret, address):
    lily = FamilyClient(app.test_client(), mailbox)
    lily.sign_in("lily@example.com", "lily-demo-password")
    setup = f"/family/seniors/{margaret['id']}/setup"
    sent = lily.submit(setup, f"/family/seniors/{margaret['id']}/invites", {"email": address})
    assert sent.status_code == 400
    assert db.execute("select count(*) from outbox where kind = 'email'").fetchone()[0] == 0


def emails_to(db, address):
    return db.execute(
        "select count(*) from outbox where kind = 'email' and payload like ?", [f'%"{address}"%']
    ).fetchone()[0]


def mail_invitation(lily, margaret, address):
    setup = f"/family/seniors/{margaret['id']}/setup"
    return lily.submit(setup, f"/family/seniors/{margaret['id']}/invites", {"email": address})


def test_invitations_mailed_to_someone_leave_them_their_password_reset(app, mailbox, db, margaret):
    victoria = FamilyClient(app.test_client(), mailbox)
    victoria.sign_up("victoria@example.com", name="Victoria")
    lily = FamilyClient(app.test_client(), mailbox)
    assert lily.sign_in("lily@example.com", "lily-demo-password").status_code == 303
    for _ in range(throttle.RESETS_PER_ACCOUNT):
        assert mail_invitation(lily, margaret, "victoria@example.com").status_code == 200
    before = emails_to(db, "victoria@example.com")
    FamilyClient(app.test_client()).submit("/family/reset", data={"email": "victoria@example.com"})
    assert emails_to(db, "victoria@example.com") == before + 1


def test_invitations_to_one_address_stop_at_their_own_limit(app, mailbox, db, margaret):
    lily = FamilyClient(app.test_client(), mailbox)
    lily.sign_in("lily@example.com", "lily-demo-password")
    for _ in range(throttle.INVITATIONS_PER_RECIPIENT):
        assert mail_invitation(lily, margaret, "bob@example.com").status_code == 200
    refused = mail_invitation(lily, margaret, "bob@example.com")
    assert refused.status_code == 400
    assert "Send the link yourself." in refused.get_data(as_text=True)
    assert emails_to(db, "bob@example.com") == throttle.INVITATIONS_PER_RECIPIENT


def test_one_member_mails_a_few_invitations_a_day_whatever_the_addresses(
    app, mailbox, db, margaret
):
    lily = FamilyClient(app.test_client(), mailbox)
    lily.sign_in("lily@example.com", "lily-demo-password")
    for n in range(throttle.INVITATIONS_PER_SENDER):
        assert mail_invitation(lily, margaret, f"helper{n}@example.com").status_code == 200
    refused = mail_invitation(lily, margaret, "one-more@example.com")
    assert refused.status_code == 400
    assert "invitations by email today" in refused.get_data(as_text=True)
    assert emails_to(db, "one-more@example.com") == 0
