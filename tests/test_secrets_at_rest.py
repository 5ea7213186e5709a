"""What a copy of the disk or the logs gives away: owner-only files, hashed device tokens, no
secrets in logs."""

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from elderride import create_app
from elderride.cli import cli
from elderride.services import delivery
from elderride.services.people import seniors
from elderride.store import connect
from elderride.worker import deliverer_from_config
from tests.conftest import csrf_token
from tests.family_client import FamilyClient

FIXTURES = Path(__file__).parent / "fixtures" / "audio"


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_database_and_its_journal_are_owner_only_in_an_owner_only_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ELDERRIDE_INSTANCE_PATH", str(tmp_path / "fresh" / "instance"))
    monkeypatch.delenv("ELDERRIDE_DATABASE", raising=False)
    usual = os.umask(0o022)  # the usual umask, which would leave new files 0644
    app = create_app({"TESTING": True})
    database = Path(app.config["DATABASE"])
    db = connect(database)
    try:
        db.table("seniors").count  # noqa: B018 - opens the -wal and -shm files
        assert mode(database.parent) == 0o700 and mode(tmp_path / "fresh") == 0o700
        for path in (
            database,
            Path(f"{database}-wal"),
            Path(f"{database}-shm"),
            database.parent / "secret_key",
        ):
            assert mode(path) == 0o600, path
    finally:
        db.close()
        os.umask(usual)


def test_an_existing_world_readable_database_is_tightened(tmp_path):
    database = tmp_path / "old.db"
    connect(database).close()
    os.chmod(database, 0o644)
    connect(database).close()
    assert mode(database) == 0o600


def test_recordings_are_owner_only_in_an_owner_only_folder(app, call, margaret, db):
    phone = call("+15550100001")
    phone.start()
    phone.press("8")
    phone.say((FIXTURES / "ne-16k.wav").read_bytes(), duration=2)
    [path] = [row["audio_path"] for row in db.table("utterances").rows if row["audio_path"]]
    assert mode(app.config["RECORDINGS"]) == 0o700 and mode(path) == 0o600


def test_device_tokens_are_stored_only_as_a_hash(app, db):
    senior_id = seniors.create_senior(db, name="Ada", language="en")
    token = seniors.issue_device_token(db, senior_id, app.config["SECRET_KEY"])
    dump = "\n".join(db.conn.iterdump())
    assert token not in dump
    # Nor can the stored key make it without the secret key.
    senior = seniors.get_senior(db, senior_id)
    assert seniors.device_token(senior, "another secret key") != token
    assert seniors.device_token(senior, app.config["SECRET_KEY"]) == token
    client = app.test_client()
    assert client.get(f"/s/{token}").status_code == 303
    assert client.get("/senior").status_code == 200


def test_the_worker_logs_no_link_or_password(app, db, caplog):
    app.config.update(
        SMTP_URL="smtp://127.0.0.1:9",
        MAIL_FROM="rides@example.org",
        PUBLIC_BASE_URL="https://rides.example.org",
    )
    family = FamilyClient(app.test_client())
    family.sign_up("ann@example.com", password="correct horse battery")
    family.submit("/family/", "/family/signout")
    family.sign_in("ann@example.com", "a wrong password!")
    page = family.client.get("/family/reset").get_data(as_text=True)
    family.client.post(
        "/family/reset", data={"csrf_token": csrf_token(page), "email": "ann@example.com"}
    )
    with caplog.at_level(logging.DEBUG):
        delivery.run_once(db, deliverer_from_config(app.config), "test")
    assert "failed, will retry" in caplog.text  # the mail server is down
    assert "/family/reset/" not in caplog.text and "correct horse battery" not in caplog.text
    assert "a wrong password!" not in caplog.text


def test_serve_demo_refuses_real_twilio_credentials(tmp_path):
    environment = {
        "ELDERRIDE_INSTANCE_PATH": str(tmp_path),
        "ELDERRIDE_TWILIO_ACCOUNT_SID": "AC" + "1" * 32,
        "ELDERRIDE_TWILIO_AUTH_TOKEN": "real",
    }
    result = CliRunner().invoke(cli, ["serve", "--demo", "--port", "0"], env=environment)
    assert result.exit_code == 1 and "real Twilio credentials" in result.output


def test_the_demo_phone_is_closed_with_a_real_twilio_account(app):
    app.config.update(DEMO=True, TWILIO_ACCOUNT_SID="AC" + "1" * 32, TWILIO_AUTH_TOKEN="real")
    client = app.test_client()
    assert client.get("/demo/phone").status_code == 404
    assert client.post("/demo/phone/calls", data={"caller": "+15550100001"}).status_code in (
        400,
        404,
    )


def test_serve_demo_refuses_a_database_with_accounts_it_did_not_make(tmp_path):
    from elderride.services.people import accounts
    from elderride.store import migrate

    database = connect(tmp_path / "elderride.db")
    migrate(database)
    accounts.create_family_member(
        database, email="real.person@example.org", name="Real", password="a real long password"
    )
    database.close()
    environment = {key: value for key, value in os.environ.items() if "ELDERRIDE_" not in key}
    environment["ELDERRIDE_INSTANCE_PATH"] = str(tmp_path)
    # A process of its own: were it not refused, it would serve until killed.
    try:
        result = subprocess.run(
            [sys.executable, "-m", "elderride", "serve", "--demo", "--port", "0"],
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("serve --demo ran on a database with a real account")
    assert result.returncode == 1 and "accounts or seniors the demo did not make" in result.stderr
    assert "ELDERRIDE_INSTANCE_PATH" in result.stderr  # says what to do instead


def test_a_real_database_has_no_way_past_the_demos_guard(tmp_path, db):
    from elderride.services import demo
    from elderride.services.people import accounts, seniors

    # Seniors who call the line but no family accounts: the database is used for real.
    seniors.create_senior(db, name="Real", language="en", numbers=[("+15550170099", "landline")])
    assert demo.strangers(db) == {"seniors": 1}
    # A database the demo seeded, to which an operator then added a dispatcher.
    seeded = connect(tmp_path / "seeded.db")
    from elderride.store import migrate

    migrate(seeded)
    demo.seed(seeded)
    assert demo.strangers(seeded) == {}
    accounts.create_staff(seeded, email="ana@taxi.example", name="Ana", password="a long password!")
    assert demo.strangers(seeded) == {"staff": 1}
    seeded.close()


def test_demo_pages_answer_only_on_this_machine(app, demo_data):
    app.config["DEMO"] = True
    client = app.test_client()
    for path in ("/demo/mailbox", "/demo/phone"):
        stranger = client.get(path, environ_base={"REMOTE_ADDR": "203.0.113.7"})
        assert stranger.status_code == 404, path
        here = client.get(path, environ_base={"REMOTE_ADDR": "127.0.0.1"})
        assert here.status_code == 200, path


def test_a_demo_reset_link_names_the_server_not_the_host_a_stranger_wrote():
    import re

    import requests

    from elderride.bench.measure import temporary_server
    from elderride.services import demo

    with temporary_server() as (base, _):
        forged = {"Host": "evil.example"}
        session = requests.Session()
        page = session.get(f"{base}/family/reset", headers=forged, timeout=30).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        sent = session.post(
            f"{base}/family/reset",
            data={"csrf_token": token, "email": demo.FAMILY_EMAIL},
            headers={**forged, "Referer": f"{base}/family/reset"},
            timeout=30,
        )
        assert sent.status_code == 200
        mailbox = requests.get(f"{base}/demo/mailbox", timeout=30).text
    links = re.findall(r'href="(https?://[^"]+/family/reset/[^"]+)"', mailbox)
    assert links and all(link.startswith(base + "/") for link in links), links


def test_every_audience_is_told_a_demo_is_a_demo_in_its_language(app, demo_data):
    client = app.test_client()
    pages = ("/family/signin", "/console/signin", "/demo/phone")
    english, chinese = "This is a demonstration", "这是演示"
    assert all(english not in client.get(page).get_data(as_text=True) for page in pages[:2])
    app.config["DEMO"] = True
    for page in pages:
        assert english in client.get(page).get_data(as_text=True), page
    client.set_cookie("lang", "zh")
    for page in pages:
        assert chinese in client.get(page).get_data(as_text=True), page


def test_a_forwarded_for_header_does_not_make_a_stranger_this_machine(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "elderride.db"),
            "SECRET_KEY": "x",
            "DEMO": True,
            "TRUSTED_PROXIES": 1,  # set, while the port is reachable directly too
        }
    )
    client = app.test_client()
    forged = client.get(
        "/demo/mailbox",
        headers={"X-Forwarded-For": "127.0.0.1"},
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
    )
    assert forged.status_code == 404
    here = client.get("/demo/mailbox", environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert here.status_code == 200
