"""What a copy of the disk or the logs gives away: owner-only files, hashed device tokens, no
secrets in logs."""

import logging
import os
import stat
from pathlib import Path

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
