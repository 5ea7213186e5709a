"""A new family account confirms its email by a mailed link before it adds seniors, contacts or
rides."""

import re
import time

import pytest
from click.testing import CliRunner
from itsdangerous import URLSafeTimedSerializer

from elderride.cli import cli
from elderride.services import demo, throttle
from elderride.services.people import accounts, invites, signups
from elderride.store import connect
from elderride.store.schema import migrations
from tests.family_client import FamilyClient

SENIOR = {
    "name": "Ada Park",
    "phone": "+15550100050",
    "kind": "landline",
    "language": "en",
    "timezone": "America/New_York",
}


def confirmed_at(db, email):
    return accounts.family_member_by_email(db, email)["email_confirmed_at"]


@pytest.fixture
def bob(app, mailbox):
    """Bob, just signed up, his email not confirmed yet (the mail is in his mailbox)."""
    family = FamilyClient(app.test_client(), mailbox)
    family.sign_up("bob@example.com", name="Bob", confirm=False)
    return family


@pytest.fixture
def bob_helps_margaret(app, db, margaret, lily, bob):
    """Bob accepted Lily's invitation to help with Margaret, so he has a senior to try things on."""
    # The demo data is loaded before Bob signs up (loading it replaces the whole database).
    lily_id = accounts.family_member_by_email(db, demo.FAMILY_EMAIL)["id"]
    token = invites.create_invite(db, margaret["id"], lily_id)
    assert bob.submit(f"/family/invites/{token}").status_code == 303
    return margaret


def test_a_new_account_is_asked_to_confirm_and_cannot_add_a_senior(bob, db):
    page = bob.page("/family/").get_data(as_text=True)
    assert "Please confirm your email" in page and "bob<wbr>@example.com" in page
    assert 'action="/family/confirm"' in page  # the "send the link again" button
    assert "/family/seniors/new" not in page
    refused = bob.submit("/family/", "/family/seniors/new", data=SENIOR)
    assert refused.status_code == 403 and "Please confirm your email" in refused.get_data(
        as_text=True
    )
    assert bob.page("/family/seniors/new").status_code == 403
    assert db.table("seniors").count == 0 and db.table("family_links").count == 0


def test_an_unconfirmed_helper_cannot_add_a_contact_book_or_text(bob_helps_margaret, bob, db):
    senior_id = bob_helps_margaret["id"]
    # Bob may look (the family that invited him chose that), not reach anyone.
    assert bob.page(f"/family/seniors/{senior_id}").status_code == 200
    setup = f"/family/seniors/{senior_id}/setup"
    contact = next(db.table("contacts").rows_where("senior_id = ?", [senior_id]))
    before = {
        "contacts": db.table("contacts").count,
        "bookings": db.table("bookings").count,
        "recurring": db.table("recurring_rides").count,
        "outbox": db.table("outbox").count,
        "phones": db.table("senior_phones").count,
    }
    attempts = {
        f"/family/seniors/{senior_id}/contacts/new": {
            "name": "Stranger",
            "phone": "+15550100077",
            "notify": "on",
        },
        f"/family/seniors/{senior_id}/contacts/{contact['id']}": {
            "name": contact["name"],
            "phone": "+15550100077",
            "notify": "on",
        },
        f"/family/seniors/{senior_id}/rides/new": {
            "request_key": "k1",
            "pickup": "driver",
            "destination": "driver",
            "when": "now",
        },
        f"/family/seniors/{senior_id}/recurring": {"weekdays": ["0"], "at_time": "08:30"},
        f"/family/seniors/{senior_id}/device/text": {"phone": "1"},
        f"/family/seniors/{senior_id}/phones": {"phone": "+15550100078", "kind": "mobile"},
    }
    for action, data in attempts.items():
        response = bob.submit(setup, action, data=data)
        assert response.status_code == 403, (action, response.status_code)
        assert "Please confirm your email" in response.get_data(as_text=True)
    assert {
        "contacts": db.table("contacts").count,
        "bookings": db.table("bookings").count,
        "recurring": db.table("recurring_rides").count,
        "outbox": db.table("outbox").count,
        "phones": db.table("senior_phones").count,
    } == before
    assert (
        next(db.table("contacts").rows_where("id = ?", [contact["id"]]))["phone"]
        == contact["phone"]
    )
    # Confirmed from the mail, the same contact goes in.
    bob.confirm_email("bob@example.com")
    added = bob.submit(
        setup, f"/family/seniors/{senior_id}/contacts/new", data=attempts[list(attempts)[0]]
    )
    assert added.status_code == 303 and db.table("contacts").count == before["contacts"] + 1


def test_the_mailed_link_confirms_once_by_a_press_not_by_opening(bob, db, mailbox):
    [mail] = mailbox.to("bob@example.com")
    assert mail["Subject"] == "Confirm your email for elderride"
    link = mailbox.link("bob@example.com", "/family/confirm/")
    # Opening the link (as a mail scanner does) changes nothing; the button does.
    opened = bob.page(link)
    assert opened.status_code == 200 and confirmed_at(db, "bob@example.com") is None
    assert bob.submit(link).status_code == 200
    assert confirmed_at(db, "bob@example.com") is not None
    assert bob.submit("/family/", "/family/seniors/new", data=SENIOR).status_code == 303
    for replay in (bob.page(link), bob.client.post(link, data={})):
        assert replay.status_code == 400
    assert "already used" in bob.page(link).get_data(as_text=True)


def test_an_expired_link_is_refused(app, bob, db, mailbox):
    link = mailbox.link("bob@example.com", "/family/confirm/")
    page = bob.page(link).get_data(as_text=True)
    app.config["CONFIRM_LINK_SECONDS"] = 0
    time.sleep(1.1)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    expired = bob.client.post(link, data={"csrf_token": token})
    assert expired.status_code == 400 and "expired" in expired.get_data(as_text=True)
    assert confirmed_at(db, "bob@example.com") is None


def test_forged_links_and_other_kinds_of_token_confirm_nothing(app, bob, db, mailbox):
    member = accounts.family_member_by_email(db, "bob@example.com")
    real = mailbox.link("bob@example.com", "/family/confirm/").rsplit("/", 1)[1]
    claim = {"member": member["id"], "seal": "0" * 32}
    forged = [
        real[:-4] + ("AAAA" if not real.endswith("AAAA") else "BBBB"),  # its signature changed
        URLSafeTimedSerializer("a guessed key", salt="family-email-confirmation").dumps(claim),
        # Signed with the right key, but a guess at the seal.
        URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="family-email-confirmation").dumps(
            claim
        ),
        # A real password reset link for Bob is not a confirmation.
        accounts.reset_token(app.config["SECRET_KEY"], member),
        "x" * 5000,
        "%00%0d%0a<script>",
    ]
    for token in forged:
        page = bob.page(f"/family/confirm/{token}")
        assert page.status_code in (400, 404), (token, page.status_code)
        if page.status_code == 400:
            # A wrong seal reads like a spent link: nothing tells a forger which part failed.
            assert re.search("not valid|already used", page.get_data(as_text=True))
    assert confirmed_at(db, "bob@example.com") is None


def test_a_link_for_one_account_confirms_only_that_one(app, bob, db, mailbox):
    cat = FamilyClient(app.test_client(), mailbox)
    cat.sign_up("cat@example.com", name="Cat", confirm=False)
    bobs_link = mailbox.link("bob@example.com", "/family/confirm/")
    # Cat, signed in, presses Bob's link: Bob's email is confirmed, hers is not.
    assert cat.submit(bobs_link).status_code == 200
    assert confirmed_at(db, "bob@example.com") is not None
    assert confirmed_at(db, "cat@example.com") is None
    assert cat.submit("/family/", "/family/seniors/new", data=SENIOR).status_code == 403


def test_the_link_is_on_the_public_address_whatever_host_the_sign_up_named(app, mailbox):
    app.config["PUBLIC_BASE_URL"] = "https://rides.example.org"
    client = app.test_client()
    client.environ_base["HTTP_HOST"] = "evil.example"
    client.environ_base["HTTP_X_FORWARDED_HOST"] = "evil.example"
    FamilyClient(client).sign_up("dan@example.com")
    [mail] = mailbox.to("dan@example.com")
    [link] = re.findall(r"https?://\S+", mail.get_content())
    assert link.startswith("https://rides.example.org/family/confirm/") and "evil" not in link


def test_sending_the_link_again_is_limited_like_reset_links(bob, db, mailbox):
    answers = []
    for _ in range(throttle.RESETS_PER_ACCOUNT + 1):
        answer = bob.submit("/family/", "/family/confirm")
        assert answer.status_code == 303
        answers.append(answer.headers["Location"])
    # The sign-up's mail counts: two more went, the third is refused and said so.
    assert answers.count("/family/?mailed=sent") == throttle.RESETS_PER_ACCOUNT - 1
    assert answers[-1] == "/family/?mailed=wait"
    assert len(mailbox.to("bob@example.com")) == throttle.RESETS_PER_ACCOUNT
    page = bob.page(answers[-1]).get_data(as_text=True)
    assert "several links in the last hour" in page
    # Every link sent works until one is used; then all are spent.
    first, newest = (
        re.search(r"http://localhost(/family/confirm/\S+)", mail.get_content()).group(1)
        for mail in (mailbox.to("bob@example.com")[0], mailbox.to("bob@example.com")[-1])
    )
    assert bob.submit(first).status_code == 200
    assert bob.page(newest).status_code == 400


def test_a_password_reset_from_the_mail_confirms_the_email(app, bob, db, mailbox):
    # Someone who signed up with another person's address is beaten by its owner resetting it.
    bob.submit("/family/", "/family/signout")
    bob.submit("/family/reset", data={"email": "bob@example.com"})
    link = mailbox.link("bob@example.com", "/family/reset/")
    assert bob.submit(link, data={"password": "the owner's own password"}).status_code == 303
    assert confirmed_at(db, "bob@example.com") is not None


def test_without_mail_the_account_is_told_who_can_confirm_it(app, db):
    family = FamilyClient(app.test_client())
    family.sign_up("eve@example.com")
    page = family.page("/family/").get_data(as_text=True)
    assert "cannot send email yet" in page and 'action="/family/confirm"' not in page
    assert db.table("outbox").count == 0
    result = CliRunner().invoke(
        cli,
        ["confirm-family", "Eve@Example.com"],
        env={"ELDERRIDE_DATABASE": app.config["DATABASE"], "ELDERRIDE_SECRET_KEY": "cli"},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert family.submit("/family/", "/family/seniors/new", data=SENIOR).status_code == 303


def test_accounts_made_by_an_operator_or_the_demo_are_confirmed(app, db, demo_data):
    result = CliRunner().invoke(
        cli,
        ["create-family", "ops@example.com", "--name", "Ops", "--password", "a long password"],
        env={"ELDERRIDE_DATABASE": app.config["DATABASE"], "ELDERRIDE_SECRET_KEY": "cli"},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert confirmed_at(db, "ops@example.com") is not None
    assert confirmed_at(db, demo.FAMILY_EMAIL) is not None
    family = FamilyClient(app.test_client())
    family.sign_in("ops@example.com", "a long password")
    assert family.submit("/family/", "/family/seniors/new", data=SENIOR).status_code == 303


def test_accounts_from_before_the_upgrade_stay_confirmed(tmp_path):
    db = connect(tmp_path / "old.db")
    migrations.apply(db, stop_before="m084_trusted_accounts")
    db.table("family_members").insert(
        {
            "email": "old@example.com",
            "name": "Old",
            "password_hash": "x",
            "created_at": "2024-01-01T00:00:00+00:00",
        }
    )
    migrations.apply(db)
    member = accounts.family_member_by_email(db, "old@example.com")
    assert signups.email_confirmed(member) and accounts.seniors_limit(member) == 4
    db.close()


def test_an_email_address_with_markup_in_it_is_shown_as_text(app, mailbox):
    family = FamilyClient(app.test_client(), mailbox)
    family.sign_up("<i>x</i>@example.com", confirm=False)
    page = family.page("/family/").get_data(as_text=True)
    assert "&lt;i&gt;x&lt;/i&gt;<wbr>@example.com" in page and "<i>x</i>" not in page


def test_an_account_never_confirmed_is_deleted_by_the_pruning_after_a_week(
    app, db, bob_helps_margaret, signed_up
):
    import datetime

    from elderride.services import clock, history

    bob = accounts.family_member_by_email(db, "bob@example.com")
    created = clock.parse(bob["created_at"])
    # Within the week he may still confirm: nothing goes.
    history.prune(db, 90, now=created + signups.UNCONFIRMED_KEPT - datetime.timedelta(minutes=1))
    assert accounts.family_member_by_email(db, "bob@example.com")["id"] == bob["id"]
    pruned = history.prune(db, 90, now=created + signups.UNCONFIRMED_KEPT + datetime.timedelta(1))
    assert pruned["unconfirmed accounts"] == 1
    assert accounts.family_member_by_email(db, "bob@example.com") is None
    assert db.table("family_links").count_where("family_member_id = ?", [bob["id"]]) == 0
    # Confirmed accounts, however old, stay: Ann, and the demo's Lily who looks after Margaret.
    for email in ("ann@example.com", demo.FAMILY_EMAIL):
        assert accounts.family_member_by_email(db, email)["email_confirmed_at"]
    assert accounts.seniors_of(
        db, accounts.family_member_by_email(db, demo.FAMILY_EMAIL)["id"]
    ) == [bob_helps_margaret["id"]]
