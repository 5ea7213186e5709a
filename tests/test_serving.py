"""The phone line never waits behind a staff page: /voice/ has threads that slow console pages
cannot take."""

import json
import os
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from twilio.request_validator import RequestValidator
from waitress.server import create_server

from elderride.serving import make_server
from tests.fake_twilio import AUTH_TOKEN
from tests.live_server import LiveServer, wait_until

THREADS = 2


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def incoming_call(base):
    url = f"{base}/voice/incoming"
    params = {
        "CallSid": "CA" + "5" * 32,
        "From": "+15550100001",
        "To": "+15550109999",
        "AccountSid": "AC" + "0" * 32,
    }
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(params).encode(),
        method="POST",
        headers={"X-Twilio-Signature": RequestValidator(AUTH_TOKEN).compute_signature(url, params)},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.read().decode()


@pytest.fixture
def slow_console(phone_app, demo_data):
    """Every console request holds its thread until released, as a page over a huge history
    would."""
    release, holding, lock = threading.Event(), [], threading.Lock()

    def hold():
        with lock:
            holding.append(1)
        release.wait(30)

    phone_app.before_request_funcs.setdefault("console", []).insert(0, hold)
    yield release, holding
    release.set()


def flood(base, count, finished):
    def one():
        get(f"{base}/console/")
        finished.append(1)

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


def test_a_call_is_answered_while_every_general_thread_serves_a_slow_console_page(
    phone_app, slow_console
):
    release, holding = slow_console
    live = LiveServer(phone_app, server=make_server(phone_app, threads=THREADS, voice_threads=2))
    finished = []
    try:
        # Every general thread held, more queued behind.
        staff = flood(live.url, 3 * THREADS, finished)
        assert wait_until(lambda: len(holding) == THREADS)
        status, twiml = incoming_call(live.url)
        assert status == 200 and "<Response>" in twiml
        # The console pages were all still running.
        assert finished == [] and len(holding) == THREADS
        release.set()
        for thread in staff:
            thread.join(30)
        assert len(finished) == 3 * THREADS
    finally:
        release.set()
        live.stop()


def test_without_the_lane_the_call_waits_behind_the_staff_pages(phone_app, slow_console):
    """The control: one shared pool, and the caller waits until a staff page lets go (so the test
    above can fail)."""
    release, holding = slow_console
    live = LiveServer(
        phone_app, server=create_server(phone_app, host="127.0.0.1", port=0, threads=THREADS)
    )
    finished, answered = [], []
    try:
        staff = flood(live.url, THREADS, finished)
        assert wait_until(lambda: len(holding) == THREADS)
        caller = threading.Thread(target=lambda: answered.append(incoming_call(live.url)[0]))
        caller.start()
        caller.join(1.0)
        assert answered == []  # queued behind the held console pages
        release.set()
        caller.join(30)
        assert answered == [200]
        for thread in staff:
            thread.join(30)
    finally:
        release.set()
        live.stop()


def test_requests_are_routed_to_their_lane():
    from elderride.serving import LaneDispatcher

    lanes = LaneDispatcher(1, 1)
    try:
        assert (
            lanes.lane("/voice/incoming") is lanes.voice
            and lanes.lane("/voice/gather") is lanes.voice
        )
        for path in ("/console/", "/api/v1/bookings", "/family/", "/healthz", "/voicex", "/"):
            assert lanes.lane(path) is lanes.general
    finally:
        lanes.shutdown()


def test_a_staff_request_starts_only_once_the_call_being_answered_is_done():
    from elderride.serving import PhoneFirst

    answering, order = threading.Event(), []
    finish_call = threading.Event()

    def app(environ, start_response):
        if environ["PATH_INFO"].startswith("/voice/"):
            answering.set()
            finish_call.wait(10)
        order.append(environ["PATH_INFO"])
        return [b""]

    gate = PhoneFirst(app, max_wait=10)
    call = threading.Thread(target=gate, args=({"PATH_INFO": "/voice/incoming"}, None))
    call.start()
    assert answering.wait(10)
    page = threading.Thread(target=gate, args=({"PATH_INFO": "/console/"}, None))
    page.start()
    page.join(0.3)
    assert page.is_alive() and order == []  # the page waits at the gate
    finish_call.set()
    call.join(10)
    page.join(10)
    assert order == ["/voice/incoming", "/console/"]


def test_the_gate_never_holds_a_staff_request_longer_than_its_limit():
    from elderride.serving import PhoneFirst

    release = threading.Event()

    def app(environ, start_response):
        if environ["PATH_INFO"].startswith("/voice/"):
            release.wait(10)
        return [environ["PATH_INFO"].encode()]

    gate = PhoneFirst(app, max_wait=0.05)
    call = threading.Thread(target=gate, args=({"PATH_INFO": "/voice/gather"}, None))
    call.start()
    try:
        # Served while the call still runs.
        assert gate({"PATH_INFO": "/api/v1/bookings"}, None) == [b"/api/v1/bookings"]
        assert call.is_alive()
    finally:
        release.set()
        call.join(10)


def test_other_requests_take_turns_a_few_at_a_time_while_calls_pass_them():
    """Threads share one interpreter lock: a webhook keeps its share only if few pages run at
    once; the rest wait their turn, and each is served."""
    from elderride.serving import PhoneFirst

    running, most, lock, release = [0], [0], threading.Lock(), threading.Event()

    def app(environ, start_response):
        if environ["PATH_INFO"].startswith("/voice/"):
            return [b"answered"]
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        release.wait(10)
        with lock:
            running[0] -= 1
        return [environ["PATH_INFO"].encode()]

    gate = PhoneFirst(app, at_once=2)
    served = []
    pages = [
        threading.Thread(target=lambda n=n: served.append(gate({"PATH_INFO": f"/p{n}"}, None)))
        for n in range(6)
    ]
    for page in pages:
        page.start()
    try:
        assert wait_until(lambda: running[0] == 2)
        threading.Event().wait(0.2)
        assert running[0] == 2 and served == []  # four wait their turn
        # A call is answered while both turns are held.
        assert gate({"PATH_INFO": "/voice/incoming"}, None) == [b"answered"]
    finally:
        release.set()
        for page in pages:
            page.join(10)
    assert most[0] == 2 and sorted(served) == [[f"/p{n}".encode()] for n in range(6)]


def test_a_stranger_holding_a_hundred_half_sent_requests_does_not_silence_the_line(phone_app):
    """Waitress stops accepting past its connection limit (100 by default), whatever the path: a
    stranger's idle connections must not be enough to keep Twilio's webhooks out."""
    import socket

    live = LiveServer(phone_app, server=make_server(phone_app, threads=THREADS, voice_threads=2))
    host, port = live.url.split("//")[1].split(":")
    held = []
    try:
        for _ in range(150):
            sock = socket.create_connection((host, int(port)), timeout=10)
            sock.sendall(b"GET /livez HTTP/1.1\r\nHost: x\r\n")  # and never the blank line
            held.append(sock)
        status, twiml = incoming_call(live.url)
        assert status == 200 and "<Response>" in twiml
    finally:
        for sock in held:
            sock.close()
        live.stop()


def test_settling_leaves_a_full_collection_only_what_came_after(tmp_path):
    """`serve` settles before its first request: start-up's objects (the app, its modules and
    catalogs) are frozen, so a full collection no longer walks them all (45 ms a time)."""
    import subprocess
    import sys

    code = (
        "import gc, json\n"
        "from elderride import create_app\n"
        "from elderride.serving import settle\n"
        "create_app({'TESTING': True})\n"
        "before = len(gc.get_objects())\n"
        "settle()\n"
        "print(json.dumps([before, len(gc.get_objects()), gc.get_freeze_count()]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "ELDERRIDE_INSTANCE_PATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    before, after, frozen = json.loads(result.stdout.strip().splitlines()[-1])
    assert before > 20_000 and frozen >= before - 1_000 and after < 1_000, (before, after, frozen)
