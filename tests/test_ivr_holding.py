"""Callers waiting for a transcript are held by Twilio, not by a server thread."""

import functools
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from elderride.ivr import recordings
from elderride.ivr.simulator import CallSimulator
from tests.fake_twilio import AUTH_TOKEN

CALLERS = 20


def post_over_http(url, params, headers):
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(params).encode(), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def get(url, opener=None):
    with (opener or urllib.request.build_opener()).open(url, timeout=60) as response:
        response.read()
        return response.status


def test_twenty_callers_held_for_a_stalled_recording_host_leave_the_site_answering(
    phone_app, live_server, fake_twilio, margaret, monkeypatch
):
    # The recording host answers nothing until the pages below are fetched, and the fetch waits for
    # it as long: a server thread that waited on it would never come free while they are asked.
    fake_twilio.held = threading.Event()
    fetch = recordings.fetch
    monkeypatch.setattr(recordings, "fetch", functools.partial(fetch, timeout=300))
    results, errors = [], []

    def caller(number):
        try:
            phone = CallSimulator(
                post_over_http,
                base_url=live_server.url,
                auth_token=AUTH_TOKEN,
                caller=f"+1555019{number:04d}",
                recording_host=fake_twilio,
                pause_seconds=1.0,
            )
            phone.start()  # an unknown caller is asked where to be picked up, by voice
            heard = phone.say(b"RIFF" + b"\0" * 32000, duration=2)
            results.append(heard)
        except Exception as error:  # noqa: BLE001 - reported below with the rest
            errors.append(error)

    threads = [threading.Thread(target=caller, args=(number,)) for number in range(CALLERS)]
    for thread in threads:
        thread.start()
    try:
        deadline = time.monotonic() + 120
        while len(fake_twilio.requests) < 8 and time.monotonic() < deadline:
            time.sleep(0.05)
        # Callers are on hold, the speech workers all waiting on the stalled host.
        assert len(fake_twilio.requests) >= 8
        # The senior's device: the link sets its cookie, then the page itself is fetched. Blocked
        # request threads would keep these waiting as long as the host; held callers cost nothing.
        # (This was a bound of 2.5 s on each page, which a loaded machine stretches.)
        device = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        answers = [get(f"{live_server.url}/livez") for _ in range(5)]
        answers += [get(f"{live_server.url}/s/{margaret['device_token']}", device)]
        answers += [get(f"{live_server.url}/senior", device) for _ in range(2)]
        assert answers == [200] * 8
    finally:
        fake_twilio.held.set()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert len(results) == CALLERS
