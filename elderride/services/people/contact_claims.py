"""A family member proving a contact is their own ("This is me"): a code texted to its number,
typed back on the portal."""

import dataclasses
import datetime
import hashlib
import hmac
import secrets
from typing import Any

from sqlite_utils import Database

from elderride.services import clock, wording
from elderride.services.errors import N_, ValidationError
from elderride.services.outgoing import consent, outbox
from elderride.services.people.contacts import get_contact
from elderride.services.people.seniors import get_senior
from elderride.store import inserted_id, writing

CODE_DIGITS = 6
# A code is good for this long, and for this many wrong tries: a million codes are not guessed
# in five.
CODE_LIFETIME = datetime.timedelta(minutes=15)
MAX_TRIES = 5
# A number gets at most this many codes a day, and a new one no sooner than this after the last:
# "This is me" must not become a way to text a stranger.
CODES_PER_DAY = 3
# And one member gets at most this many codes a day, whatever numbers they type: changing a
# contact's number again and again must not text stranger after stranger.
CODES_PER_MEMBER_PER_DAY = 5
RESEND_AFTER = datetime.timedelta(minutes=1)

OTHERS = N_("This number is marked as another family member's own. Only they can change that.")


@dataclasses.dataclass(frozen=True)
class Claim:
    """A code on its way to a contact's number, waiting to be typed back."""

    contact_id: int
    phone: str
    sent_at: str
    # False: the code sent a moment ago still stands, and no new text went.
    sent_now: bool


def _digest(claim_id: int, code: str) -> str:
    """Keep a code hashed with its claim's id, never as typed."""
    return hashlib.sha256(f"{claim_id}:{code}".encode()).hexdigest()


def _pending(db: Database, contact_id: int, member_id: int, phone: str) -> dict[str, Any] | None:
    """The latest code this member asked for this contact's current number, if it still stands."""
    since = clock.iso(clock.now() - CODE_LIFETIME)
    return next(
        db.table("contact_claims").rows_where(
            "contact_id = ? and member_id = ? and phone = ? and proven_at is null"
            " and sent_at >= ? and tries < ?",
            [contact_id, member_id, phone, since, MAX_TRIES],
            order_by="id desc",
            limit=1,
        ),
        None,
    )


def claimed_by(db: Database, senior_id: int, member_id: int) -> int | None:
    """Return the id of the contact `member_id` proved is their own among the senior's, if any."""
    row = db.execute(
        "select id from contacts where senior_id = ? and member_id = ? order by id limit 1",
        [senior_id, member_id],
    ).fetchone()
    return row[0] if row else None


def start(
    db: Database,
    senior_id: int,
    contact_id: int,
    member_id: int,
    *,
    member_name: str,
    language: str,
) -> Claim:
    """Text a code to the contact's number for `member_id` to type back (a code sent a moment ago
    stands instead); raise ValidationError when it is another member's or had its codes today."""
    now = clock.now()
    with writing(db):
        contact = get_contact(db, senior_id, contact_id)
        if contact["member_id"] not in (None, member_id):
            raise ValidationError("is_me", OTHERS)
        phone = contact["phone"]
        pending = _pending(db, contact_id, member_id, phone)
        if pending is not None and clock.parse(pending["sent_at"]) > now - RESEND_AFTER:
            return Claim(contact_id, phone, pending["sent_at"], sent_now=False)
        sent_today = db.table("contact_claims").count_where(
            "phone = ? and sent_at >= ?", [phone, clock.iso(now - datetime.timedelta(days=1))]
        )
        asked_today = db.table("contact_claims").count_where(
            "member_id = ? and sent_at >= ?",
            [member_id, clock.iso(now - datetime.timedelta(days=1))],
        )
        if asked_today >= CODES_PER_MEMBER_PER_DAY:
            raise ValidationError(
                "is_me",
                N_(
                    "You have asked for %(count)s codes today. Please try again tomorrow, or ask "
                    "the people who run elderride for help."
                ),
                count=CODES_PER_MEMBER_PER_DAY,
            )
        if sent_today >= CODES_PER_DAY:
            raise ValidationError(
                "is_me",
                N_("This number has had %(count)s codes today. Please try again tomorrow."),
                count=CODES_PER_DAY,
            )
        if consent.consent_of(db, phone).state == "out":
            raise ValidationError(
                "is_me",
                N_(
                    "This number asked us to stop texting it. Text START to the number our "
                    "texts come from, then try again."
                ),
            )
        stamp = clock.iso(now)
        claim_id = inserted_id(
            db.table("contact_claims").insert(
                {
                    "contact_id": contact_id,
                    "member_id": member_id,
                    "phone": phone,
                    "code_hash": "",
                    "sent_at": stamp,
                    "tries": 0,
                }
            )
        )
        code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        db.table("contact_claims").update(claim_id, {"code_hash": _digest(claim_id, code)})
        words = wording.catalog(language)["claim"]["code"]
        body = words.format(
            family=wording.sendable(member_name, wording.NAME_LENGTH),
            senior=wording.sendable(get_senior(db, senior_id)["name"], wording.NAME_LENGTH),
            code=code,
        )
        # Like the opt-in request, the one kind of text a number that never said YES may get:
        # its own holder asked for it on the portal, and it is capped above and per number.
        outbox.enqueue(
            db,
            "text",
            {"to": phone, "body": body, "state": "claim", "consent_request": True},
            ordering_key=f"claim:{phone}",
        )
        return Claim(contact_id, phone, stamp, sent_now=True)


def prove(db: Database, senior_id: int, contact_id: int, member_id: int, code: object) -> None:
    """Mark the contact as `member_id`'s own when `code` is the one texted to its number (their
    earlier own contact stops being theirs); raise ValidationError otherwise."""
    typed = "".join(str(code or "").split())[:20]
    with writing(db):
        contact = get_contact(db, senior_id, contact_id)
        if contact["member_id"] == member_id:
            return  # proved already: a second post of the same form
        if contact["member_id"] is not None:
            raise ValidationError("code", OTHERS)
        pending = _pending(db, contact_id, member_id, contact["phone"])
        if pending is None:
            raise ValidationError(
                "code", N_("This code has run out or was tried too often. Ask for a new one.")
            )
        right = typed.isdigit() and hmac.compare_digest(
            _digest(pending["id"], typed), pending["code_hash"]
        )
        if not right:
            db.table("contact_claims").update(pending["id"], {"tries": pending["tries"] + 1})
    if not right:
        # Raised once the wrong try is counted: inside the transaction it would be undone.
        raise ValidationError(
            "code", N_("That is not the code we texted. Check the text and try again.")
        )
    with writing(db):
        if get_contact(db, senior_id, contact_id)["member_id"] is not None:
            raise ValidationError("code", OTHERS)
        db.table("contact_claims").update(pending["id"], {"proven_at": clock.iso()})
        # One contact per family member per senior: the newly proved number is theirs now.
        db.execute(
            "update contacts set member_id = null where senior_id = ? and member_id = ?",
            [senior_id, member_id],
        )
        db.table("contacts").update(contact_id, {"member_id": member_id})
        # Typing back a code the number received is its holder agreeing to hear from us.
        consent.agree(db, contact["phone"], via="code")


def release(db: Database, senior_id: int, contact_id: int, member_id: int) -> None:
    """Stop the contact being `member_id`'s own (only their own claim)."""
    with writing(db):
        db.execute(
            "update contacts set member_id = null where id = ? and senior_id = ? and member_id = ?",
            [contact_id, senior_id, member_id],
        )
