"""Limits on guessing and flooding: a growing wait per account and address for sign-ins, caps on
mailed links and on new accounts per address."""

import datetime
import ipaddress

from sqlite_utils import Database

from elderride.services import clock
from elderride.store import inserted_id, writing

PORTALS = ("family", "staff")
# Tries that cost nothing: a person who mistypes a few times never waits.
FREE_TRIES_PER_ACCOUNT = 3  # from one address, for one email
FREE_TRIES_PER_ADDRESS = 20  # from one address, all emails together
# After the free tries each failure doubles the wait, up to this.
MAX_WAIT_SECONDS = 15 * 60
# Failures are remembered this long, so the waits keep growing for a patient attacker.
MEMORY = datetime.timedelta(hours=24)

RESET_WINDOW = datetime.timedelta(hours=1)
RESETS_PER_ACCOUNT = 3
RESETS_PER_ADDRESS = 10

# Invitations mailed by family members: counted apart from the recipient's own resets and
# confirmations, so inviting someone never locks them out of their account.
INVITATION_WINDOW = datetime.timedelta(hours=24)
INVITATIONS_PER_SENDER = 10
INVITATIONS_PER_RECIPIENT = 3

SIGN_UP_WINDOW = datetime.timedelta(hours=24)
SIGN_UPS_PER_ADDRESS = 3


def wait_after(failures: int, free: int) -> int:
    """Return the seconds to wait after `failures` failures when `free` of them cost nothing."""
    if failures < free:
        return 0
    wait: int = min(MAX_WAIT_SECONDS, 2 ** (failures - free + 1))
    return wait


def _remaining(
    db: Database, where: str, params: list[str], free: int, now: datetime.datetime
) -> float:
    count, last = db.execute(
        f"select count(*), max(at) from login_failures where {where}", params
    ).fetchone()
    owed = wait_after(count, free)
    if not owed:
        # No wait is owed (free tries left), whatever the clock says: a failure may be stamped a
        # moment after this try's `now`.
        return 0
    ready = clock.parse(last) + datetime.timedelta(seconds=owed)
    return max(0, (ready - now).total_seconds())


def _key(email: object) -> str:
    return (email if isinstance(email, str) else "").strip().lower()[:200]


def _wait(db: Database, portal: str, email: str, address: str, now: datetime.datetime) -> float:
    """Return the seconds before the next try for this email from this address (0: now)."""
    since = clock.iso(now - MEMORY)
    return max(
        _remaining(
            db,
            "portal = ? and email = ? and address = ? and at >= ?",
            [portal, email, address, since],
            FREE_TRIES_PER_ACCOUNT,
            now,
        ),
        _remaining(
            db,
            "portal = ? and address = ? and at >= ?",
            [portal, address, since],
            FREE_TRIES_PER_ADDRESS,
            now,
        ),
    )


def begin_sign_in(
    db: Database, portal: str, email: object, address: str | None
) -> tuple[int | None, float]:
    """Reserve one sign-in try and return (its id, 0), or (None, seconds to wait) while
    throttled."""
    # The try is written as a failure before the password is checked, in the same write
    # transaction as the count, so parallel guesses queue on the count instead of slipping
    # past it; a success takes the failures back (`sign_in_succeeded`).
    assert portal in PORTALS
    key, place = _key(email), (address or "unknown")[:100]
    with writing(db):
        now = clock.now()  # read holding the lock: every failure counted is stamped before it
        since = clock.iso(now - MEMORY)
        db.execute("delete from login_failures where at < ?", [since])
        wait = _wait(db, portal, key, place, now)
        if wait > 0:
            return None, wait
        attempt = db.table("login_failures").insert(
            {"portal": portal, "email": key, "address": place, "at": clock.iso(now)}
        )
        return inserted_id(attempt), 0


def sign_up_wait(db: Database, email: object, address: str | None) -> float:
    """Return the seconds before this address may try another sign-up (0: now)."""
    return _wait(db, "family", _key(email), (address or "unknown")[:100], clock.now())


def sign_up_refused(db: Database, email: object, address: str | None) -> None:
    """Count a sign-up refused for a taken email like a failed sign-in: probing which emails have
    accounts is guessing too."""
    with writing(db):
        db.table("login_failures").insert(
            {
                "portal": "family",
                "email": _key(email),
                "address": (address or "unknown")[:100],
                "at": clock.iso(),
            }
        )


def sign_in_succeeded(db: Database, portal: str, email: object) -> None:
    """Forget this portal's failures for the account (the other portal's stay counted)."""
    with writing(db):
        db.execute(
            "delete from login_failures where portal = ? and email = ?", [portal, _key(email)]
        )


def allow_account_mail(db: Database, email: object, address: str | None) -> bool:
    """Count a mailed link asked for (a reset, a confirmation) and tell whether it may be sent (a
    few per account and per address an hour)."""
    # Resets and confirmations share one count: what it stops is a mailbox flooded from here.
    now = clock.now()
    key, place = _key(email), (address or "unknown")[:100]
    since = clock.iso(now - RESET_WINDOW)
    with writing(db):
        db.execute("delete from reset_requests where at < ?", [since])
        by_account = db.execute(
            "select count(*) from reset_requests where email = ?", [key]
        ).fetchone()[0]
        by_address = db.execute(
            "select count(*) from reset_requests where address = ?", [place]
        ).fetchone()[0]
        if by_account >= RESETS_PER_ACCOUNT or by_address >= RESETS_PER_ADDRESS:
            return False
        db.table("reset_requests").insert({"email": key, "address": place, "at": clock.iso(now)})
        return True


def allow_invitation_mail(db: Database, sender_id: int, email: object) -> str | None:
    """Count an invitation mail and return None when it may go, or which limit it hit ("sender"
    or "recipient")."""
    now = clock.now()
    key = _key(email)
    with writing(db):
        db.execute(
            "delete from invitation_mails where at < ?", [clock.iso(now - INVITATION_WINDOW)]
        )
        table = db.table("invitation_mails")
        if table.count_where("sender_id = ?", [sender_id]) >= INVITATIONS_PER_SENDER:
            return "sender"
        if table.count_where("email = ?", [key]) >= INVITATIONS_PER_RECIPIENT:
            return "recipient"
        table.insert({"sender_id": sender_id, "email": key, "at": clock.iso(now)})
        return None


def _network(address: str | None) -> str:
    """Return what sign-ups are counted by: the IPv4 address, or the /64 of an IPv6 one."""
    # One IPv6 subscriber is handed a whole /64 (RFC 6177), so its addresses are one place.
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return (address or "unknown")[:100]
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(getattr(ip, "ipv4_mapped", None) or ip)


def take_sign_up(db: Database, address: str | None, limit: int = SIGN_UPS_PER_ADDRESS) -> bool:
    """Count a new account from this address and tell whether it may be made (`limit` a day)."""
    # Kept in the database, counted holding the write lock: every process sees the same count,
    # and a sign-up that fails later in the same transaction gives its place back.
    now = clock.now()
    place = _network(address)
    with writing(db):
        db.execute("delete from sign_ups where at < ?", [clock.iso(now - SIGN_UP_WINDOW)])
        if db.table("sign_ups").count_where("address = ?", [place]) >= limit:
            return False
        db.table("sign_ups").insert({"address": place, "at": clock.iso(now)})
        return True
