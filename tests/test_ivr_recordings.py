"""Fetching recordings: the account's credentials go to Twilio's host and nowhere else."""

import pytest

from elderride.ivr import recordings
from elderride.services.outgoing.http_requests import OutboundError
from tests.fake_twilio import ACCOUNT_SID, AUTH_TOKEN, MediaHost


def fetch(fake_twilio, url):
    return recordings.fetch(
        url, api_base=fake_twilio.url, account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, timeout=3
    )


def test_a_redirect_to_the_media_host_is_followed_without_the_credentials(fake_twilio):
    media = MediaHost(body=b"RIFF-the-audio")
    try:
        url = fake_twilio.add("RE1", b"unused")
        fake_twilio.media_redirect = media.url
        assert fetch(fake_twilio, url) == b"RIFF-the-audio"
        assert fake_twilio.requests[0][2] is True  # Twilio's host got the credentials
        assert media.requests == [(f"/2010-04-01/Accounts/{ACCOUNT_SID}/Recordings/RE1.wav", None)]
    finally:
        media.close()


def test_a_redirect_loop_is_refused(fake_twilio):
    loop = MediaHost(redirect_to="/again")
    try:
        url = fake_twilio.add("RE2", b"unused")
        fake_twilio.media_redirect = loop.url
        with pytest.raises(recordings.RecordingRefused, match="more than"):
            fetch(fake_twilio, url)
        assert all(authorization is None for _, authorization in loop.requests)
    finally:
        loop.close()


def test_a_redirect_to_another_scheme_is_refused(fake_twilio):
    elsewhere = MediaHost(redirect_to="ftp://127.0.0.1/audio.wav")
    try:
        url = fake_twilio.add("RE3", b"unused")
        fake_twilio.media_redirect = elsewhere.url
        with pytest.raises(recordings.RecordingRefused):
            fetch(fake_twilio, url)
    finally:
        elsewhere.close()


def test_a_stalled_host_costs_at_most_the_deadline(fake_twilio):
    url = fake_twilio.add("RE4", b"RIFF")
    fake_twilio.stall = 3
    with pytest.raises(OutboundError, match="within"):
        recordings.fetch(
            url,
            api_base=fake_twilio.url,
            account_sid=ACCOUNT_SID,
            auth_token=AUTH_TOKEN,
            timeout=0.5,
        )


def test_an_oversized_recording_is_refused(fake_twilio, monkeypatch):
    monkeypatch.setattr(recordings, "MAX_BYTES", 10)
    url = fake_twilio.add("RE5", b"x" * 11)
    with pytest.raises(ValueError, match="too large"):
        fetch(fake_twilio, url)


def test_redirects_share_one_deadline(fake_twilio):
    slow_loop = MediaHost(redirect_to="/again", delay=0.4)
    try:
        url = fake_twilio.add("RE6", b"unused")
        fake_twilio.media_redirect = slow_loop.url
        with pytest.raises(OutboundError, match="within"):
            recordings.fetch(
                url,
                api_base=fake_twilio.url,
                account_sid=ACCOUNT_SID,
                auth_token=AUTH_TOKEN,
                timeout=1.0,
            )
    finally:
        slow_loop.close()
