"""Password reset mail: sent over real SMTP, links only on the public address, never shown to a
dispatcher."""

import base64
import json
import re

import pytest
from click.testing import CliRunner

from elderride.cli import cli
from elderride.services import delivery, demo
from elderride.services.outgoing import messages, outbox
from elderride.services.outgoing.mail import SmtpSettings
from elderride.worker import deliverer_from_config
from tests.conftest import csrf_token, sign_in
from tests.family_client import FamilyClient
from tests.smtp_server import Mailbox, smtp_server  # noqa: F401 - a fixture

PUBLIC = "https://rides.example.org"


@pytest.fixture
def mail_app(app, smtp_server):
    app.config.update(
        SMTP_URL=smtp_server.url, MAIL_FROM="elderride <rides@example.org>", PUBLIC_BASE_URL=PUBLIC
    )
    return app


def deliver(app, db):
    deliverer = deliverer_from_config(app.config)
    while delivery.run_once(db, deliverer, "test"):
        pass


def ask_for_reset(app, email, headers=None):
    client = app.test_client()
    page = client.get("/family/reset", headers=headers or {}).get_data(as_text=True)
    response = client.post(
        "/family/reset",
        data={"csrf_token": csrf_token(page), "email": email},
        headers=headers or {},
    )
    assert response.status_code == 200
    return response


def link_in(message):
    return re.search(r"https?://\S+/family/reset/\S+", message.get_content()).group(0)


@pytest.fixture
def ann(mail_app, db, smtp_server):
    family = FamilyClient(mail_app.test_client(), Mailbox(mail_app, smtp_server.inbox))
    family.sign_up("ann@example.com", name="Ann")
    family.submit("/family/", "/family/signout")
    # Her confirmation mail arrived and was used; the tests here read the mails that come next.
    smtp_server.inbox.messages.clear()
    return family


def test_a_reset_mail_arrives_over_smtp_and_works_once(mail_app, db, ann, smtp_server):
    assert "If there is an account" in ask_for_reset(mail_app, "Ann@Example.com").get_data(
        as_text=True
    )
    deliver(mail_app, db)
    [message] = smtp_server.inbox.messages
    assert message["To"] == "ann@example.com" and message["From"] == "elderride <rides@example.org>"
    link = link_in(message)
    assert link.startswith(f"{PUBLIC}/family/reset/")
    path = link.removeprefix(PUBLIC)
    assert ann.submit(path, data={"password": "a brand new password"}).status_code == 303
    ann.submit("/family/", "/family/signout")
    assert ann.page(path).status_code == 400
    assert ann.sign_in("ann@example.com", "a brand new password").status_code == 303
    # The console saw that they went (the confirmation, the reset), to whom, about what: messages,
    # with no link in them.
    sent = [row for row in messages.messages(db) if row["channel"] == "email"]
    assert [row["recipient"] for row in sent] == ["ann@example.com"] * 2
    assert not any("/family/" in row["body"] for row in sent)


def test_a_forged_host_yields_a_link_to_the_public_base(mail_app, db, ann, smtp_server):
    ask_for_reset(
        mail_app,
        "ann@example.com",
        headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"},
    )
    deliver(mail_app, db)
    link = link_in(smtp_server.inbox.messages[0])
    assert link.startswith(f"{PUBLIC}/") and "evil" not in link


def test_invite_device_and_api_links_ignore_a_forged_host(mail_app, db, smtp_server):
    client = mail_app.test_client()
    client.environ_base["HTTP_HOST"] = "evil.example"
    family = FamilyClient(client, Mailbox(mail_app, smtp_server.inbox))
    family.sign_up("ann@example.com")
    senior_id = family.add_senior()
    invite = family.submit(
        f"/family/seniors/{senior_id}", f"/family/seniors/{senior_id}/invites"
    ).get_data(as_text=True)
    family.submit(f"/family/seniors/{senior_id}/device", data={"action": "renew"})
    device = family.page(f"/family/seniors/{senior_id}/device").get_data(as_text=True)
    assert f"{PUBLIC}/family/invites/" in invite and "evil.example" not in invite
    assert f"{PUBLIC}/s/" in device and "evil.example" not in device
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["servers"][0]["url"].startswith(PUBLIC)


def test_the_dispatchers_outbox_page_holds_no_link_or_token(
    mail_app, demo_data, ann, db, smtp_server
):
    ask_for_reset(mail_app, "ann@example.com")
    deliver(mail_app, db)
    token = link_in(smtp_server.inbox.messages[0]).rsplit("/", 1)[1]
    console = sign_in(
        mail_app.test_client(), "/console/signin", demo.DISPATCHER_EMAIL, demo.DISPATCHER_PASSWORD
    )
    outbox_page = console.get("/console/outbox").get_data(as_text=True)
    assert "ann@example.com" in outbox_page  # that it went, and to whom
    assert token not in outbox_page and "/family/reset/" not in outbox_page


def test_without_mail_the_reset_page_says_so_and_sends_nothing(app, db):
    family = FamilyClient(app.test_client())
    family.sign_up("ann@example.com")
    page = app.test_client().get("/family/reset").get_data(as_text=True)
    assert "cannot send email" in page and 'name="email"' not in page
    response = app.test_client().post("/family/reset", data={"email": "ann@example.com"})
    assert response.status_code in (200, 400)
    assert db.table("outbox").count_where("kind = 'email'") == 0


def test_smtp_without_a_public_address_sends_no_links(app, db, smtp_server):
    app.config.update(SMTP_URL=smtp_server.url, MAIL_FROM="rides@example.org")
    page = app.test_client().get("/family/reset").get_data(as_text=True)
    assert "cannot send email" in page


def test_the_demo_shows_mails_in_its_own_mailbox_and_only_in_demo_mode(app, db):
    family = FamilyClient(app.test_client())
    family.sign_up("ann@example.com")
    assert app.test_client().get("/demo/mailbox").status_code == 404
    app.config["DEMO"] = True
    response = ask_for_reset(app, "ann@example.com")
    assert "/demo/mailbox" in response.get_data(as_text=True)
    deliver(app, db)
    assert outbox.counts(db)["dead"] == 0
    mailbox = app.test_client().get("/demo/mailbox").get_data(as_text=True)
    assert "ann@example.com" in mailbox and re.search(
        r'href="http://localhost/family/reset/[^"]+"', mailbox
    )


def test_reset_requests_are_limited_per_account_and_per_address(mail_app, db, ann):
    for _ in range(6):
        ask_for_reset(mail_app, "ann@example.com")
    # Three mails with links an hour to one account: her confirmation, then two resets.
    assert db.table("outbox").count_where("kind = 'email'") == 3
    for number in range(12):
        ask_for_reset(mail_app, f"someone{number}@example.com")
    assert db.table("reset_requests").count_where("address = '127.0.0.1'") == 10


def test_the_reset_token_reveals_nothing_of_the_password_hash(mail_app, db, ann, smtp_server):
    ask_for_reset(mail_app, "ann@example.com")
    deliver(mail_app, db)
    token = link_in(smtp_server.inbox.messages[0]).rsplit("/", 1)[1]
    payload = token.split(".")[0]
    claim = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    password_hash = next(db.table("family_members").rows)["password_hash"]
    assert claim["seal"] not in password_hash
    assert not any(
        password_hash[start : start + 8] in token for start in range(len(password_hash) - 8)
    )


def test_a_mail_the_server_refuses_for_good_is_a_dead_letter(
    mail_app, demo_data, ann, db, smtp_server
):
    smtp_server.inbox.refuse["ann@example.com"] = "550 No such mailbox"
    ask_for_reset(mail_app, "ann@example.com")
    deliver(mail_app, db)
    # (Her confirmation mail went before the server refused her.)
    [entry] = list(db.table("outbox").rows_where("kind = 'email' and status != 'done'"))
    assert entry["status"] == "dead" and "550" in entry["last_error"]
    # The console says the mail did not arrive, and to whom, still without its link.
    console = sign_in(
        mail_app.test_client(), "/console/signin", demo.DISPATCHER_EMAIL, demo.DISPATCHER_PASSWORD
    )
    outbox_page = console.get("/console/outbox").get_data(as_text=True)
    assert "Email → ann@example.com · failed" in outbox_page and "/family/reset/" not in outbox_page


def test_a_mail_server_that_is_down_is_tried_again(mail_app, db, ann, smtp_server):
    smtp_server.inbox.refuse["ann@example.com"] = "451 Try again later"
    ask_for_reset(mail_app, "ann@example.com")
    deliver(mail_app, db)
    [entry] = list(db.table("outbox").rows_where("kind = 'email' and status != 'done'"))
    assert entry["status"] == "pending" and entry["attempts"] == 1


def test_the_smtp_url_says_host_port_tls_and_account():
    settings = SmtpSettings.from_url(
        "smtp://mailer%40example.org:s%3Acret@mail.example.org:587?starttls=1"
    )
    assert (settings.host, settings.port, settings.starttls, settings.implicit_tls) == (
        "mail.example.org",
        587,
        True,
        False,
    )
    assert (settings.username, settings.password) == ("mailer@example.org", "s:cret")
    assert "s:cret" not in repr(settings)
    assert SmtpSettings.from_url("smtps://mail.example.org").port == 465
    with pytest.raises(ValueError):
        SmtpSettings.from_url("http://mail.example.org")


def test_reset_link_command_prints_a_working_link(mail_app, db, ann, tmp_path):
    environment = {
        "ELDERRIDE_INSTANCE_PATH": str(tmp_path / "instance"),
        "ELDERRIDE_DATABASE": mail_app.config["DATABASE"],
        "ELDERRIDE_SECRET_KEY": mail_app.config["SECRET_KEY"],
        "ELDERRIDE_PUBLIC_BASE_URL": PUBLIC,
    }
    result = CliRunner().invoke(cli, ["reset-link", "Ann@Example.com"], env=environment)
    assert result.exit_code == 0, result.output
    link = result.output.strip()
    assert link.startswith(f"{PUBLIC}/family/reset/")
    assert (
        ann.submit(link.removeprefix(PUBLIC), data={"password": "a brand new password"}).status_code
        == 303
    )
    unknown = CliRunner().invoke(cli, ["reset-link", "nobody@example.com"], env=environment)
    assert unknown.exit_code == 1 and "No family account" in unknown.output


def test_reset_pages_and_the_demo_mailbox_in_a_browser(page, app, db, live_server):
    from tests.browser import axe_violations

    FamilyClient(app.test_client()).sign_up("ann@example.com", name="Ann")
    page.goto(f"{live_server.url}/family/reset")
    assert "cannot send email" in page.locator("main").inner_text() and axe_violations(page) == []
    app.config["DEMO"] = True
    page.goto(f"{live_server.url}/family/reset")
    page.fill("input[name=email]", "ann@example.com")
    page.get_by_role("button", name="Send me a link").click()
    page.get_by_role("link", name="Open the demo mailbox").click()
    deliver(app, db)
    page.reload()
    assert axe_violations(page) == []
    page.locator(".mail-body a").first.click()
    page.fill("input[name=password]", "a brand new password")
    page.locator("main button[type=submit]").click()
    assert page.url == f"{live_server.url}/family/"
