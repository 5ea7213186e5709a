"""Fetching a caller's recording from Twilio, with the account's credentials, from the configured host only."""

import base64
import urllib.error
import urllib.request
from urllib.parse import urlsplit

MAX_BYTES = 5 * 1024 * 1024


class RecordingRefused(ValueError):
    """A recording URL that points anywhere but the configured Twilio host."""


def fetch(url, *, api_base, account_sid, auth_token, timeout=5.0):
    """Return the WAV bytes of a recording; refuse any host but `api_base`."""
    target, allowed = urlsplit(url or ""), urlsplit(api_base)
    # The URL comes from the request: fetching any other host would hand our credentials to it.
    if (target.scheme, target.netloc) != (allowed.scheme, allowed.netloc) or not target.path.startswith("/"):
        raise RecordingRefused(f"recording URL outside {allowed.scheme}://{allowed.netloc}")
    if not target.path.endswith((".wav", ".mp3")):
        url = url.split("?", 1)[0] + ".wav"
    request = urllib.request.Request(url)
    if account_sid and auth_token:
        token = base64.b64encode(f"{account_sid}:{auth_token}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        data = response.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError("recording too large")
    return data
