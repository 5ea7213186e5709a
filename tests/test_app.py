"""The application: configuration layers, the health check, security headers, packaging."""

import datetime
import json
import os
import subprocess
import sys
import time
import zipfile

from elderride import create_app
from elderride.services import clock
from elderride.services.outgoing import outbox
from tests.conftest import HEALTH, HEALTH_TOKEN


def test_config_layers_defaults_instance_file_environment_then_test(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        "OPERATOR_NUMBER = '+15550100010'\nDISPATCH_PHONE = '+15550100011'\nDEMO = False\n"
    )
    monkeypatch.setenv("ELDERRIDE_INSTANCE_PATH", str(instance))
    monkeypatch.setenv("ELDERRIDE_DISPATCH_PHONE", "+15550100012")
    monkeypatch.setenv("ELDERRIDE_DEMO", "true")
    monkeypatch.setenv("ELDERRIDE_WORKER_POLL_SECONDS", "2.5")
    app = create_app()
    assert app.config["OPERATOR_NUMBER"] == "+15550100010"  # instance file
    assert app.config["DISPATCH_PHONE"] == "+15550100012"  # environment beats the file
    assert app.config["DEMO"] is True and app.config["WORKER_POLL_SECONDS"] == 2.5
    assert app.config["TWILIO_API_BASE"] == "https://api.twilio.com"  # default
    assert app.config["DATABASE"] == str(instance / "elderride.db")
    overridden = create_app({"DISPATCH_PHONE": "+15550100013"})
    assert overridden.config["DISPATCH_PHONE"] == "+15550100013"  # test overrides beat all


def test_the_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("ELDERRIDE_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.delenv("ELDERRIDE_SECRET_KEY", raising=False)
    first = create_app().config["SECRET_KEY"]
    assert len(first) == 64
    assert create_app().config["SECRET_KEY"] == first
    assert (tmp_path / "instance" / "secret_key").stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv("ELDERRIDE_SECRET_KEY", "given")
    assert create_app().config["SECRET_KEY"] == "given"


def test_healthz_reports_database_and_speech(client, db):
    outbox.beat(db, "a running worker")
    response = client.get("/healthz", headers=HEALTH)
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True and body["database"]["journal_mode"] == "wal"
    assert body["database"]["pending_migrations"] == []
    assert body["database"]["writable"] is True and body["failing"] == []
    assert body["speech"]["available"] is False
    assert "keypad" in body["speech"]["reason"]


def test_healthz_is_never_kept_by_a_cache(client, db):
    # The operator's answer names recognizers, folders and error text; a shared cache must not
    # keep it for the next asker, and a stale "ok" from a cache would hide a failure.
    for headers in (HEALTH, {}):
        response = client.get("/healthz", headers=headers)
        assert response.cache_control.no_store is True
        assert "Authorization" in response.vary


def test_healthz_reports_a_configured_but_missing_model(tmp_path):
    app = create_app(
        {
            "DATABASE": str(tmp_path / "db.sqlite"),
            "SECRET_KEY": "x",
            "VOSK_MODEL": str(tmp_path / "nope"),
            "HEALTH_TOKEN": HEALTH_TOKEN,
        }
    )
    body = app.test_client().get("/healthz", headers=HEALTH).get_json()
    assert body["speech"] == {
        "available": False,
        "path": str(tmp_path / "nope"),
        "reason": f"The speech model folder {tmp_path / 'nope'} does not exist.",
    }


def test_healthz_fails_when_the_schema_is_behind(app, db):
    db.execute("delete from _sqlite_migrations where name = 'm005_outbox'")
    response = app.test_client().get("/healthz", headers=HEALTH)
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "failing"
    assert body["database"]["pending_migrations"] == ["m005_outbox"]


def test_pages_carry_security_headers(client):
    response = client.get("/healthz")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_static_files_are_addressed_by_content_hash(client, demo_data, margaret):
    client.get(f"/s/{margaret['device_token']}")
    page = client.get("/senior").get_data(as_text=True)
    css = next(part for part in page.split('"') if part.startswith("/static/elderride.css?v="))
    with client.get(css) as response:
        assert response.status_code == 200
        assert "immutable" in response.headers["Cache-Control"]


def test_unknown_pages_get_a_kind_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "This page is not here" in response.get_data(as_text=True)


def test_the_wheel_ships_templates_static_and_voice_and_serves_them(tmp_path, repository_root):
    """`pip install .` must serve pages: the folders are force-included into the package."""
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheel_dir),
            str(repository_root),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(wheel_dir.glob("elderride-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for expected in (
        "elderride/templates/senior/home.html",
        "elderride/static/elderride.css",
        "elderride/voice/notices/zh.toml",
        "elderride/translations/zh/LC_MESSAGES/messages.mo",
    ):
        assert expected in names
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    database = str(tmp_path / "wheel.db")
    script = (
        "import json, elderride\n"
        "from elderride.resources import resource_dir\n"
        f"app = elderride.create_app({{'DATABASE': {database!r}, 'SECRET_KEY': 'k'}})\n"
        "client = app.test_client()\n"
        "css = client.get('/static/elderride.css')\n"
        "print(json.dumps([elderride.__file__, str(resource_dir('templates')), "
        "client.get('/no/such').status_code,"
        " css.status_code, '.button' in css.get_data(as_text=True)]))\n"
        "css.close()\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        check=True,
    )
    module_file, templates, not_found, css, has_styles = json.loads(result.stdout)
    assert module_file.startswith(str(target))
    assert templates == str(target / "elderride" / "templates")
    assert (not_found, css, has_styles) == (404, 200, True)


def test_ids_too_large_for_sqlite_are_simply_not_found(client, margaret):
    client.get(f"/s/{margaret['device_token']}")
    huge = "9" * 30
    for path in (f"/senior/rides/{huge}", f"/senior/rides/{huge}/panel", f"/family/seniors/{huge}"):
        assert client.get(path).status_code in (302, 404), path
    assert client.get(f"/senior/rides/{2**63 - 1}").status_code == 404


def test_healthz_fails_when_no_worker_has_reported_for_a_minute(client, db):
    assert client.get("/healthz").get_json()["failing"] == ["worker"]  # none ever has
    outbox.beat(db, "w", now=clock.now() - datetime.timedelta(seconds=61))
    response = client.get("/healthz")
    assert response.status_code == 503 and response.get_json()["failing"] == ["worker"]
    outbox.beat(db, "w")
    assert client.get("/healthz").status_code == 200


def test_healthz_fails_when_the_disk_is_nearly_full(app, client, db):
    outbox.beat(db, "w")
    app.config["MIN_FREE_MB"] = 10**12  # more than any disk has free
    body = client.get("/healthz", headers=HEALTH).get_json()
    assert body["failing"] == ["disk"] and body["disk"]["free_mb"] < body["disk"]["minimum_mb"]


def test_the_worker_reports_while_it_runs(app, db):
    from elderride.worker import worker_from_config

    worker = worker_from_config(app.config)
    thread = worker.start_thread()
    try:
        deadline = time.monotonic() + 30
        while outbox.last_beat_age(db) is None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        worker.stop()
        thread.join(timeout=10)
    assert outbox.last_beat_age(db) < 60


def test_healthz_does_not_queue_behind_a_long_write(app, db, monkeypatch):
    import sqlite3
    import threading

    from elderride import system

    probes, write_probe = [], system.write_probe

    def counted_probe(*args):
        probes.append(args)
        return write_probe(*args)

    monkeypatch.setattr(system, "write_probe", counted_probe)
    # Every probe here comes within the reuse window, however slowly a loaded machine starts them.
    monkeypatch.setattr(system, "PROBE_REUSE_SECONDS", 600.0)
    outbox.beat(db, "w")
    holder = sqlite3.connect(app.config["DATABASE"])  # another process's writer, say
    holder.execute("begin immediate")
    try:
        answers = []

        def check():
            answers.append(app.test_client().get("/healthz", headers=HEALTH))

        threads = [threading.Thread(target=check) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        holder.rollback()
        holder.close()
    assert [answer.status_code for answer in answers] == [503] * 8
    assert all(answer.get_json()["database"]["writable"] is False for answer in answers)
    # One probe waits a second for the lock; the others share its answer. (This was a bound on the
    # seconds the eight took, which a loaded machine stretches; the count is what sharing means.)
    assert len(probes) == 1, probes


def test_a_stranger_learns_from_healthz_only_whether_it_is_well(tmp_path):
    """Whatever the check finds (recognizer addresses, a credential in them, the model's folder,
    an error's path, the outbox's counts) is for the operator's token; anyone gets ok or failing."""
    app = create_app(
        {
            "DATABASE": str(tmp_path / "db.sqlite"),
            "SECRET_KEY": "x",
            "HEALTH_TOKEN": HEALTH_TOKEN,
            "VOSK_SERVER": "ws://asr-user:asr-password@asr1.internal:2700",
        }
    )
    app.config["MIN_FREE_MB"] = 10**12  # failing, so that there is something to say
    client = app.test_client()
    for headers in (
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": HEALTH_TOKEN},
        {"Authorization": f"Bearer {HEALTH_TOKEN} "},
        {"Host": "127.0.0.1", "X-Forwarded-For": "127.0.0.1"},
    ):
        response = client.get("/healthz", headers=headers)
        assert response.status_code == 503
        # (no worker has reported either)
        assert response.get_json() == {"status": "failing", "failing": ["worker", "disk"]}
        text = response.get_data(as_text=True)
        for secret in ("asr1.internal", "asr-password", str(tmp_path), "free_mb", "outbox"):
            assert secret not in text, (headers, secret)
    operator = client.get("/healthz", headers=HEALTH).get_json()
    assert operator["disk"]["free_mb"] < operator["disk"]["minimum_mb"]
    assert operator["speech"]["servers"] == ["ws://asr-user:asr-password@asr1.internal:2700"]
    assert "outbox" in operator["database"]


def test_healthz_without_a_token_configured_tells_no_one_the_details(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "db.sqlite"), "SECRET_KEY": "x"})
    for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": "Bearer None"}):
        body = app.test_client().get("/healthz", headers=headers).get_json()
        assert set(body) == {"status", "failing"}
