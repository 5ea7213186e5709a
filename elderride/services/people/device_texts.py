"""Texting a senior the link to their page, through the outbox like every other text, without the
link ever being stored."""

import datetime
import hashlib
from typing import Any

from sqlite_utils import Database

from elderride.services import clock
from elderride.services.errors import N_, NotFound, ValidationError
from elderride.services.outgoing import consent, outbox
from elderride.services.people import phones, seniors
from elderride.services.records import Senior
from elderride.store import writing

# The link is a secret: the outbox keeps this placeholder, and the deliverer puts the link in.
LINK_PLACEHOLDER = "ELDERRIDE-DEVICE-LINK"
# A few texts an hour are plenty for a family that lost one; more would be a way to pester.
PER_HOUR = 3
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(hours=24)


def ordering_key(senior_id: int) -> str:
    """Return the outbox ordering key of this senior's link texts."""
    return f"device-link:{senior_id}"


def _sent_to_senior_today(db: Database, senior_id: int, now: datetime.datetime) -> int:
    """Count the texts and calls about this senior queued in the last 24 hours, link texts
    included."""
    since = clock.iso(now - DAY)
    count: int = db.execute(
        """
        select count(*) from outbox
        where kind in ('text', 'call') and created_at >= ? and status != 'held'
          and (ordering_key = ?
               or booking_id in (select id from bookings where senior_id = ?))
        """,
        [since, ordering_key(senior_id), senior_id],
    ).fetchone()[0]
    return count


def text_link(
    db: Database,
    senior_id: int,
    phone_id: int,
    *,
    body: str,
    shown: str,
    link_template: str,
    allowed_regions: frozenset[str],
    daily_cap: int | None,
    now: datetime.datetime | None = None,
) -> int:
    """Queue a text of the senior's device link to one of their mobile numbers, and return its
    outbox id.

    `body` holds LINK_PLACEHOLDER where the link goes, `link_template` holds it where the token
    goes; `shown` is what the message log keeps instead of the body.
    """
    now = now or clock.now()
    senior = seniors.get_senior(db, senior_id)
    number = next(
        (phone for phone in seniors.phones_of(db, senior_id) if phone["id"] == phone_id), None
    )
    if number is None:
        raise NotFound(N_("There is no such number."))
    if number["kind"] != "mobile":
        raise ValidationError("phone", N_("A landline cannot get texts: choose a mobile number."))
    if not phones.reachable(number["phone"], allowed_regions):
        raise ValidationError("phone", N_("elderride may not send texts to this number."))
    if not senior.get("device_token_hash") or not senior.get("device_key"):
        raise ValidationError("link", N_("Make a link first: there is no link to send."))
    if consent.consent_of(db, number["phone"]).state != "in":
        # The link opens the senior's rides: it goes only to a number its owner showed is theirs
        # (a YES, or a call the line believed), never to one only typed here.
        consent.ask(db, number["phone"], senior=senior, own=True)
        raise ValidationError(
            "phone",
            N_(
                "This number has not agreed to texts from us yet. Once %(name)s replies YES to our "
                "text, or calls us from it, the link can be sent."
            ),
            name=senior["name"],
        )
    with writing(db):
        recent = db.table("outbox").count_where(
            "ordering_key = ? and created_at >= ?",
            [ordering_key(senior_id), clock.iso(now - HOUR)],
        )
        if recent >= PER_HOUR:
            raise ValidationError(
                "link",
                N_("The link was texted %(count)s times in the last hour. Please try later."),
                count=recent,
            )
        if daily_cap is not None and _sent_to_senior_today(db, senior_id, now) >= daily_cap:
            raise ValidationError(
                "link",
                N_(
                    "%(name)s has had the most texts and calls there can be in a day. Please try "
                    "tomorrow."
                ),
                name=senior["name"],
            )
        payload: dict[str, Any] = {
            "to": number["phone"],
            "body": body,
            "shown": shown,
            "device_link_of": senior_id,
            "link_template": link_template,
            "link_fingerprint": _fingerprint(senior),
        }
        return int(outbox.enqueue(db, "text", payload, ordering_key=ordering_key(senior_id)))


def _fingerprint(senior: Senior) -> str:
    """Name the senior's current link without holding it: a new link has another fingerprint."""
    made = f"{senior.get('device_key')}:{senior.get('device_token_hash')}"
    return hashlib.sha256(made.encode()).hexdigest()[:16]


def expand(db: Database, payload: dict[str, Any], secret_key: str | bytes | None) -> str | None:
    """Return a queued link text's body with the senior's current link in it, or None when the
    link is off, was made again since, or the number is no longer one of the senior's."""
    if secret_key is None:
        return None
    try:
        senior = seniors.get_senior(db, payload["device_link_of"])
    except NotFound:
        return None
    # A lost phone is removed and a new link made: the text queued before must not carry it there.
    numbers = {phone["phone"] for phone in seniors.phones_of(db, senior["id"])}
    if payload["to"] not in numbers or payload.get("link_fingerprint") != _fingerprint(senior):
        return None
    token = seniors.device_token(senior, secret_key)
    if token is None:
        return None
    link = payload["link_template"].replace(LINK_PLACEHOLDER, token)
    return str(payload["body"]).replace(LINK_PLACEHOLDER, link)
