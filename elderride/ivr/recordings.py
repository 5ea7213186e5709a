"""Callers' recordings: fetched from Twilio, with the account's credentials, from the configured
host only, and kept where the console plays them."""

from __future__ import annotations

import base64
import re
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from elderride.services.outgoing import http_requests
from elderride.store.files import PathLike, write_private

MAX_BYTES = 5 * 1024 * 1024
# Twilio answers a media request with a redirect to a temporary storage URL; a few hops at most.
MAX_REDIRECTS = 3


class RecordingRefused(ValueError):
    """A recording URL that points anywhere but the configured Twilio host, or a redirect we will
    not follow."""


def fetch(
    url: str,
    *,
    api_base: str,
    account_sid: str | None,
    auth_token: str | None,
    timeout: float = 5.0,
) -> bytes:
    """Return the WAV bytes of a recording; refuse any host but `api_base`.

    The credentials go to `api_base` alone: a redirect to Twilio's temporary media
    URL on another host is followed without them, and only over https (or the
    scheme of `api_base` itself, for a local stand-in).
    """
    target, allowed = urlsplit(url or ""), urlsplit(api_base)
    # The URL comes from the request: fetching any other host would hand our credentials to it.
    if (target.scheme, target.netloc) != (
        allowed.scheme,
        allowed.netloc,
    ) or not target.path.startswith("/"):
        raise RecordingRefused(f"recording URL outside {allowed.scheme}://{allowed.netloc}")
    if not target.path.endswith((".wav", ".mp3")):
        url = url.split("?", 1)[0] + ".wav"
    # One deadline for the whole fetch, redirects included: each hop gets what is left of it.
    give_up_at = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        remaining = give_up_at - time.monotonic()
        if remaining <= 0:
            raise http_requests.OutboundError(f"no whole answer within {timeout:g} s")
        here = urlsplit(url)
        headers = {"User-Agent": "elderride-recordings/1"}
        if (
            (here.scheme, here.netloc) == (allowed.scheme, allowed.netloc)
            and account_sid
            and auth_token
        ):
            token = base64.b64encode(f"{account_sid}:{auth_token}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        answer = http_requests.request(
            "GET", url, headers=headers, deadline=remaining, max_bytes=MAX_BYTES
        )
        if answer.status in (301, 302, 303, 307, 308):
            url = urljoin(url, answer.location)
            scheme = urlsplit(url).scheme
            if scheme != "https" and scheme != allowed.scheme:
                raise RecordingRefused(f"recording redirected to a {scheme or 'relative'} URL")
            if allowed.scheme == "https" and scheme != "https":
                raise RecordingRefused("recording redirected from https to plain http")
            continue
        if answer.status != 200:
            raise http_requests.OutboundError(f"recording host answered {answer.status}")
        if answer.truncated:
            raise ValueError("recording too large")
        return answer.body
    raise RecordingRefused(f"recording redirected more than {MAX_REDIRECTS} times")


def keep(folder: PathLike, name: str, wav: bytes) -> Path:
    """Keep a caller's answer as an owner-only WAV in the recordings `folder`, whole or not at all;
    return its path.

    Recorded by Twilio or heard over a live stream, every answer is kept by this one rule, and
    the console plays only files in this folder (to signed-in staff).
    """
    # The name is built from request fields: nothing in it may reach outside the folder.
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", name)[:160] or "recording"
    path = Path(folder) / f"{safe}.wav"
    write_private(path, wav)
    return path
