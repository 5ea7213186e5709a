"""Handing bookings to an external dispatch system: signed JSON webhooks, retried until acknowledged."""

import hashlib
import hmac
import json
import urllib.error
import urllib.request

from elderride.services import clock

SIGNATURE_HEADER = "X-ElderRide-Signature"
DELIVERY_HEADER = "X-ElderRide-Delivery"


def sign(secret, body):
    """Return the signature header value for `body`: sha256=<hex HMAC-SHA256>."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def webhook_body(entry):
    """Return the JSON body for an outbox entry: the delivery id, the event and the booking as it was."""
    payload = entry["payload"]
    document = {
        "delivery_id": f"elderride-{entry['id']}",
        "event": payload["event"],
        "state": payload["state"],
        "booking": payload["booking"],
        "queued_at": entry["created_at"],
        "sent_at": clock.iso(),
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True).encode()


class WebhookFailed(RuntimeError):
    """The dispatch system did not acknowledge a delivery; it will be tried again."""


class Webhook:
    """Posts each booking change to the dispatch system's URL, signed, until it answers 2xx."""

    def __init__(self, url, secret, *, timeout=10.0):
        if not secret:
            raise ValueError("ELDERRIDE_DISPATCH_WEBHOOK_SECRET must be set with ELDERRIDE_DISPATCH_WEBHOOK_URL")
        self.url, self.secret, self.timeout = url, secret, timeout

    def __call__(self, db, entry):
        body = webhook_body(entry)
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                SIGNATURE_HEADER: sign(self.secret, body),
                DELIVERY_HEADER: f"elderride-{entry['id']}",
                "User-Agent": "elderride-dispatch/1",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read(65536)
                status = response.status
        except urllib.error.HTTPError as error:
            # Any answer but 2xx is "not yet": a booking is never dropped.
            raise WebhookFailed(f"dispatch answered {error.code}") from None
        except (urllib.error.URLError, OSError) as error:
            raise WebhookFailed(f"dispatch unreachable: {getattr(error, 'reason', error)}") from None
        if not 200 <= status < 300:
            raise WebhookFailed(f"dispatch answered {status}")
