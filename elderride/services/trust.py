"""Which rides a dispatcher looks at before dispatch hears of them: rides for now from families
nobody has vouched for yet."""

import dataclasses
import datetime

from sqlite_utils import Database

from elderride.services import clock
from elderride.services.errors import N_
from elderride.services.people import accounts
from elderride.services.records import Row
from elderride.store import writing

# A family account this young has not shown it is a real family (docs/booking-lifecycle.md).
NEW_FOR = datetime.timedelta(days=1)
# A ride whose car comes within this long leaves nobody time to notice it is fake: held as for now.
SOON = datetime.timedelta(hours=2)
NEW_ACCOUNT = "new_account"
# A call whose caller ID nobody vouched for (services.people.caller_id) may be anyone's.
CALLER_NOT_VOUCHED = "caller_not_vouched"
# Rides a member of staff books are their own check.
STAFF_CHANNELS = frozenset({"dispatcher"})


@dataclasses.dataclass(frozen=True)
class HoldReason:
    """What each side is told about a ride held for one reason."""

    # Beside the ride in the console's review list.
    dispatcher: str
    # On the senior page, under "A person will call you to confirm".
    senior: str
    # The phone line's closing sentence, a key of voice/prompts/<language>.toml.
    prompt: str
    # The same when the family was texted about the ride, if it says so.
    prompt_family_told: str | None = None
    # Whether the family is texted as the ride is held (voice/notices [text] needs_review).
    family_texted: bool = False


REASONS = {
    NEW_ACCOUNT: HoldReason(
        dispatcher=N_("New account — check this ride is real."),
        senior=N_(
            "Your family's account is new, so a person checks the ride before a car is sent. "
            "They will call you to confirm."
        ),
        prompt="booked_new_account",
    ),
    CALLER_NOT_VOUCHED: HoldReason(
        dispatcher=N_("Caller ID not vouched for — call the senior on their own number."),
        senior=N_(
            "This ride was asked for on a call we could not check, so a person calls you on "
            "your own number before a car is sent."
        ),
        prompt="booked_not_vouched",
        prompt_family_told="booked_not_vouched_family",
        # Whoever used her number, her family hears of it at once, not when a person lets it go.
        family_texted=True,
    ),
}


@dataclasses.dataclass(frozen=True)
class Standing:
    """A family account as the console shows it beside a held ride: how new, and who vouched."""

    id: int
    name: str
    email: str
    created_at: str
    trusted_at: str | None
    trusted_by: str | None
    vouched_for: bool


def hold_reason(
    db: Database,
    senior_id: int | None,
    *,
    channel: str,
    pickup_at: str | None,
    now: datetime.datetime | None = None,
) -> str | None:
    """Return why a ride must wait for a dispatcher before dispatch hears of it, or None."""
    # Only a ride for now: a car sent at once to a typed address is what a stranger can abuse,
    # and it leaves nobody time to notice.
    now = now or clock.now()
    # A ride booked for a few minutes ahead is a ride for now by another name.
    later = pickup_at is not None and clock.parse(pickup_at) > now + SOON
    if senior_id is None or later or channel in STAFF_CHANNELS:
        return None
    standings = family_of(db, senior_id, now=now)
    # A senior with no family account was set up by staff or an operator, not a stranger.
    if not standings or any(standing.vouched_for for standing in standings):
        return None
    return NEW_ACCOUNT


def family_of(
    db: Database, senior_id: int, *, now: datetime.datetime | None = None
) -> list[Standing]:
    """Return the family accounts that look after a senior, with whether each is vouched for."""
    rows = db.execute(
        "select member.id, member.name, member.email, member.created_at, member.trusted_at,"
        " member.trusted_by from family_links as link join family_members as member"
        " on member.id = link.family_member_id where link.senior_id = ? order by member.id",
        [senior_id],
    ).fetchall()
    moment = now or clock.now()
    return [
        Standing(
            id=member_id,
            name=name,
            email=email,
            created_at=created_at,
            trusted_at=trusted_at,
            trusted_by=trusted_by,
            vouched_for=_vouched_for(db, member_id, created_at, trusted_at, moment),
        )
        for member_id, name, email, created_at, trusted_at, trusted_by in rows
    ]


def _vouched_for(
    db: Database,
    member_id: int,
    created_at: str,
    trusted_at: str | None,
    now: datetime.datetime,
) -> bool:
    """Tell whether an account is marked trusted, or is a day old and one of its seniors' rides
    was completed."""
    if trusted_at:
        return True
    if clock.parse(created_at) > now - NEW_FOR:
        return False
    completed = db.execute(
        "select 1 from family_links join bookings on bookings.senior_id = family_links.senior_id"
        " and bookings.state = 'completed' where family_links.family_member_id = ? limit 1",
        [member_id],
    ).fetchone()
    return completed is not None


def trust_family(db: Database, family_member_id: int, *, by: str) -> Row:
    """Mark a family account trusted, recording who did it and when (the first time counts), or
    raise NotFound."""
    with writing(db):
        accounts.get_family_member(db, family_member_id)
        db.execute(
            "update family_members set trusted_at = ?, trusted_by = ?"
            " where id = ? and trusted_at is null",
            [clock.iso(), by, family_member_id],
        )
        return accounts.get_family_member(db, family_member_id)
