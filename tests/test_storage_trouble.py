"""A full disk: health says so, a caller reaches a person, a page explains, nothing is
half-written."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree

import pytest
from twilio.request_validator import RequestValidator

from elderride.services import demo
from elderride.services.people import seniors
from elderride.store import connect, migrate
from tests.conftest import HEALTH, HEALTH_TOKEN

AUTH_TOKEN = "storage-test-token"
SECRET_KEY = "storage-test"
OPERATOR = "+15550100090"


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB filesystem of its own, so it can be filled for real."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"mounting a small filesystem needs root: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(small_disk):
    """`elderride serve` with its database on the small disk, demo data loaded, the worker
    running."""
    instance = small_disk / "instance"
    database = connect(instance / "elderride.db")
    migrate(database)
    demo.seed(database)
    database.close()
    port = _free_port()
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("ELDERRIDE_")
    }
    environment.update(
        ELDERRIDE_INSTANCE_PATH=str(instance),
        ELDERRIDE_SECRET_KEY=SECRET_KEY,
        ELDERRIDE_MIN_FREE_MB="1",
        ELDERRIDE_TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        ELDERRIDE_OPERATOR_NUMBER=OPERATOR,
        ELDERRIDE_HEALTH_TOKEN=HEALTH_TOKEN,
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "elderride", "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90  # a busy machine can take long to start Python and import
        while get(f"{base}/healthz")[0] != 200:
            if time.monotonic() > deadline:
                pytest.fail("the server never became healthy")
            time.sleep(0.1)
        yield base, instance
    finally:
        process.terminate()
        process.wait(timeout=30)


def get(url, opener=None, headers=None):
    try:
        asking = urllib.request.Request(url, headers=headers or {})
        with (opener or urllib.request.build_opener()).open(asking, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return None, ""


def post(url, data, headers=None, opener=None):
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(data).encode(), headers=headers or {}, method="POST"
    )
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def twilio_post(base, path, params):
    url = base + path
    signature = RequestValidator(AUTH_TOKEN).compute_signature(url, params)
    return post(url, params, {"X-Twilio-Signature": signature})


def fill(disk, database):
    """Write until the filesystem refuses: a full disk, for real.

    The write-ahead log is emptied first: SQLite reuses a log's space once it is
    checkpointed, so a small write could otherwise still fit on a full disk.
    """
    connection = connect(database)
    try:
        deadline = time.monotonic() + 30
        # Busy: a reader is in it.
        while connection.execute("pragma wal_checkpoint(TRUNCATE)").fetchone()[0]:
            if time.monotonic() > deadline:
                pytest.fail("the server's connections never let the log be emptied")
            time.sleep(0.05)
    finally:
        connection.close()
    filler = disk / "filler"
    # Unbuffered: a buffered file would try its last, partly written block again on close, and
    # that raises outside the loop.
    with open(filler, "wb", buffering=0) as file:
        try:
            while True:
                file.write(b"\0" * 65536)
                file.flush()
        except OSError:
            pass
    return filler


def margarets_device(base, instance):
    database = connect(instance / "elderride.db")
    margaret = next(database.table("seniors").rows_where("name = 'Margaret Chen'"))
    # The family's link: only its hash is stored, so it is made here with the server's secret key.
    token = seniors.issue_device_token(database, margaret["id"], SECRET_KEY)
    database.close()
    device = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    assert get(f"{base}/s/{token}", device)[0] == 200
    return device


def book_city_hospital(base, device):
    status, page = get(f"{base}/senior/ride?to=2", device)
    assert status == 200, page
    form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
    return post(f"{base}/senior/ride", form, opener=device)


def counts(instance):
    database = connect(instance / "elderride.db")
    try:
        assert database.execute("pragma integrity_check").fetchone()[0] == "ok"
        return {
            table: database.table(table).count
            for table in ("bookings", "booking_events", "outbox", "calls")
        }
    finally:
        database.close()


def test_a_full_disk_fails_health_apologises_to_callers_and_leaves_nothing_half_written(
    server, small_disk
):
    base, instance = server
    device = margarets_device(base, instance)
    before = counts(instance)
    filler = fill(small_disk, instance / "elderride.db")
    try:
        deadline = time.monotonic() + 30  # the health page reuses its write probe for a moment
        while True:
            status, body = get(f"{base}/healthz", headers=HEALTH)
            if '"writable":false' in body.replace(" ", "") or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert status == 503 and '"writable":false' in body.replace(" ", "")
        status, page = book_city_hospital(base, device)
        assert status == 503 and "nothing was booked" in page
        status, body = twilio_post(
            base,
            "/voice/incoming",
            {"CallSid": "CA" + "7" * 32, "From": "+15550100001", "To": "+15550109999"},
        )
        document = ElementTree.fromstring(body)
        assert (
            status == 200
            and "something went wrong" in document.find("Dial/..").find("Say").text.lower()
        )
        assert document.find("Dial").text.strip() == OPERATOR
    finally:
        filler.unlink()
    assert counts(instance) == before
    deadline = time.monotonic() + 60
    while get(f"{base}/healthz")[0] != 200:
        if time.monotonic() > deadline:
            pytest.fail("health did not recover once the disk had room again")
        time.sleep(0.1)
