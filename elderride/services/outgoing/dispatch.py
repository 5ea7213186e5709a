"""Handing bookings to an external dispatch system: Standard Webhooks, retried until
acknowledged."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from typing import Any

from sqlite_utils import Database

from elderride.services import booking_document, clock
from elderride.services.outgoing import http_requests

SIGNATURE_HEADER = "X-ElderRide-Signature"
DELIVERY_HEADER = "X-ElderRide-Delivery"
SECRET_PREFIX = "whsec_"
MIN_KEY_BYTES = 16


def new_secret() -> str:
    """Return a new signing secret in the Standard Webhooks form, whsec_<base64 of 32 random
    bytes>."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def signing_keys(
    setting: str | None, name: str = "ELDERRIDE_DISPATCH_WEBHOOK_SECRET"
) -> list[bytes]:
    """Return the keys of the secret setting `name`: several, space-separated, during a
    rotation.

    A `whsec_` secret is the base64 of its key (the Standard Webhooks form); any other
    text is its own key, as the first secrets of this system were.
    """
    keys = []
    for secret in (setting or "").split():
        if secret.startswith(SECRET_PREFIX):
            encoded = secret[len(SECRET_PREFIX) :].rstrip("=")
            try:
                # Unpadded base64 is common in the wild; the spec's own libraries accept it.
                keys.append(base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True))
            except ValueError:
                raise ValueError(f"a whsec_ secret in {name} is not valid base64") from None
        else:
            keys.append(secret.encode())
        if len(keys[-1]) < MIN_KEY_BYTES:
            # An empty or tiny key signs nothing anyone could not forge.
            raise ValueError(f"each {name} must hold at least {MIN_KEY_BYTES} bytes of key")
    return keys


def sign(key: bytes, body: bytes) -> str:
    """Return the original signature header value for `body`: sha256=<hex HMAC-SHA256>."""
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


def standard_signature(keys: list[bytes], message_id: str, timestamp: int, body: bytes) -> str:
    """Return the webhook-signature value: v1,<base64 HMAC of "{id}.{timestamp}.{body}"> for each
    key."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    return " ".join(
        "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        for key in keys
    )


def delivery_id(entry: dict[str, Any]) -> str:
    """Return the id a receiver dedupes on: the same for every retry of one outbox entry."""
    return f"elderride-{entry['id']}"


def webhook_body(entry: dict[str, Any], booking: dict[str, Any] | None = None) -> bytes:
    """Return the JSON body for an outbox entry: the delivery id, the event and the booking
    document as it was (`booking`: that document, when the entry was queued before it existed)."""
    payload = entry["payload"]
    document = {
        "delivery_id": delivery_id(entry),
        "event": payload["event"],
        "state": payload["state"],
        "booking": payload["booking"] if booking is None else booking,
        "queued_at": entry["created_at"],
        "sent_at": clock.iso(),
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True).encode()


def signed_headers(
    keys: list[bytes], entry: dict[str, Any], body: bytes, *, timestamp: int | None = None
) -> dict[str, str]:
    """Return the headers of one delivery, signed by every key."""
    message_id = delivery_id(entry)
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": "application/json",
        "User-Agent": "elderride-dispatch/1",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": standard_signature(keys, message_id, timestamp, body),
        # Kept for receivers built before Standard Webhooks: signed with the first key.
        SIGNATURE_HEADER: sign(keys[0], body),
        DELIVERY_HEADER: message_id,
    }


class WebhookFailed(RuntimeError):
    """The dispatch system did not acknowledge a delivery; it will be tried again."""


class Webhook:
    """Posts each booking change to the dispatch system's URL, signed, until it answers 2xx."""

    def __init__(
        self,
        url: str,
        secret: str | None,
        *,
        timeout: float = 10.0,
        settings: tuple[str, str] = (
            "ELDERRIDE_DISPATCH_WEBHOOK_URL",
            "ELDERRIDE_DISPATCH_WEBHOOK_SECRET",
        ),
    ) -> None:
        url_setting, secret_setting = settings
        self.keys = signing_keys(secret, secret_setting)
        if not self.keys:
            raise ValueError(f"{secret_setting} must be set with {url_setting}")
        self.url, self.timeout = url, timeout

    def __call__(
        self, db: Database, entry: dict[str, Any], *, deadline: float | None = None
    ) -> None:
        body = webhook_body(entry, booking_document.as_queued(db, entry["payload"]["booking"]))
        seconds = self.timeout if deadline is None else max(0.1, min(self.timeout, deadline))
        try:
            answer = http_requests.request(
                "POST",
                self.url,
                body=body,
                headers=signed_headers(self.keys, entry, body),
                deadline=seconds,
            )
        except http_requests.OutboundError as error:
            raise WebhookFailed(f"dispatch unreachable: {error}") from None
        if 300 <= answer.status < 400:
            # Following would re-send the booking as a body-less GET and take its 200 for
            # a hand-off: a redirect is a failed try, shown with where it pointed.
            raise WebhookFailed(
                f"dispatch answered {answer.status}, redirecting to "
                f"{answer.location[:300] or '(nowhere)'}"
            )
        if not 200 <= answer.status < 300:
            # Any answer but 2xx is "not yet": a booking is never dropped.
            raise WebhookFailed(f"dispatch answered {answer.status}")
