"""The overflow dispatch center: a ride nobody took by its deadline is offered to it as well, and
whichever center assigns first keeps the ride; the other is sent a withdrawal (docs/overflow.md)."""

from typing import Any, TypedDict

from sqlite_utils import Database

from elderride.services import booking_document, booking_log, clock, handbacks
from elderride.services.errors import N_, NotFound, TransitionRefused
from elderride.services.outgoing import outbox
from elderride.services.records import Booking
from elderride.store.database import loads

PRIMARY = "primary"
OVERFLOW = "overflow"
# The overflow center's reports are logged as this actor; any other actor that assigns a ride (the
# primary's API, its TDS telegrams, a dispatcher at the console) is the primary center.
OVERFLOW_ACTOR = "overflow-api"
# Outbox entries for the overflow center: a webhook of its own, never given up on.
KIND = "overflow"
OFFERED = "offered"
WITHDRAWN = "withdrawn"

# What a center that answers too late is told, by who holds the ride.
TAKEN = {
    PRIMARY: N_("The primary dispatch center took this ride first; it stays with them."),
    OVERFLOW: N_("The overflow dispatch center took this ride first; it stays with them."),
}
NOT_OFFERED = N_("This ride was not offered to your center.")
# What the overflow center's key is told of a ride that does not exist, was never offered to it, or
# that it gave back: the same words, so nothing tells them apart.
UNKNOWN = N_("There is no ride with this id offered to your center.")
ASSIGN_FIRST = N_("This ride is offered to your center: assign a driver before reporting on it.")


class Offer(TypedDict):
    """A ride offered to the overflow center, who keeps it (None: nobody has answered), and when
    the overflow center gave it back (None: it is the center's to read)."""

    booking_id: int
    offered_at: str
    holder: str | None
    held_at: str | None
    returned_at: str | None


COLUMNS = "booking_id, offered_at, holder, held_at, returned_at"


def _offer(row: tuple[Any, ...]) -> Offer:
    return Offer(
        booking_id=row[0], offered_at=row[1], holder=row[2], held_at=row[3], returned_at=row[4]
    )


def center_of(actor: str) -> str:
    """Return which center an actor speaks for."""
    return OVERFLOW if actor == OVERFLOW_ACTOR else PRIMARY


def offer_of(db: Database, booking_id: int) -> Offer | None:
    """Return the ride's offer to the overflow center, or None when it was never offered."""
    row = db.execute(
        f"select {COLUMNS} from overflow_offers where booking_id = ?", [booking_id]
    ).fetchone()
    return None if row is None else _offer(row)


def offers_among(db: Database, ids: list[int]) -> dict[int, Offer]:
    """Return the offers of those of `ids` that were offered (a bounded read by key)."""
    if not ids:
        return {}
    rows = db.execute(
        f"select {COLUMNS} from overflow_offers where booking_id in "
        f"({', '.join('?' for _ in ids)})",
        ids,
    ).fetchall()
    return {row[0]: _offer(row) for row in rows}


def _payload(db: Database, booking: Booking, event: str) -> dict[str, Any]:
    """Return an outbox payload in the webhook's one shape: the event, the state, the document."""
    return {
        "event": event,
        "state": booking["state"],
        # A center told to stop has no driver to give the senior's code word to.
        "booking": booking_document.document_of(db, booking, with_code_word=event != WITHDRAWN),
    }


def offer(db: Database, booking: Booking) -> bool:
    """Offer a ride to the overflow center, in the caller's transaction; tell whether this call
    made the offer (a ride is offered once, and never after LIMIT hand-backs)."""
    assert db.conn.in_transaction, "an offer is written in the same transaction as its outbox entry"
    if handbacks.exhausted(db, booking["id"]):
        # Handed back before its deadline: a dispatcher arranges it, and would refuse the car.
        return False
    cursor = db.execute(
        "insert or ignore into overflow_offers (booking_id, offered_at) values (?, ?)",
        [booking["id"], clock.iso()],
    )
    if cursor.rowcount != 1:
        return False
    _tell_overflow(db, booking, OFFERED)
    return True


def _tell_overflow(db: Database, booking: Booking, event: str) -> None:
    if event == OFFERED:
        # Offered (again): the ride is the overflow center's to read until it gives it back.
        db.execute(
            "update overflow_offers set returned_at = null where booking_id = ?", [booking["id"]]
        )
    outbox.enqueue(
        db,
        KIND,
        _payload(db, booking, event),
        booking_id=booking["id"],
        ordering_key=f"{KIND}:{booking['id']}",
    )


def claim(db: Database, booking: Booking, actor: str) -> None:
    """Let `actor`'s center assign a ride, in the caller's transaction: the first center to assign
    an offered ride keeps it and the other is sent a withdrawal, once; a later one is refused."""
    center = center_of(actor)
    offered = offer_of(db, booking["id"])
    if offered is None:
        if center == OVERFLOW:
            raise TransitionRefused(NOT_OFFERED)
        return
    if offered["holder"] == center:
        return
    if offered["holder"] is not None:
        raise TransitionRefused(TAKEN[offered["holder"]])
    # Conditional, in the write transaction that assigns: of two centers answering at once, one
    # update finds nobody holding the ride.
    cursor = db.execute(
        "update overflow_offers set holder = ?, held_at = ?"
        " where booking_id = ? and holder is null",
        [center, clock.iso(), booking["id"]],
    )
    if cursor.rowcount != 1:
        raise TransitionRefused(TAKEN[PRIMARY if center == OVERFLOW else OVERFLOW])
    if center == OVERFLOW:
        outbox.enqueue(db, "dispatch", _payload(db, booking, WITHDRAWN), booking_id=booking["id"])
    elif offered["returned_at"] is None:
        # A center that gave the ride back is working on nothing: there is nothing to withdraw.
        _tell_overflow(db, booking, WITHDRAWN)


def release(db: Database, booking: Booking, actor: str) -> None:
    """Hand a ride back when its car fell through, in the caller's transaction: nobody holds it;
    the other center (told to stop) is offered it again unless it was handed back too often (a
    dispatcher arranges it then), and a center whose car a dispatcher at the console found
    missing, or still looking for a car when the ride is handed back too often, is told to stand
    down."""
    offered = offer_of(db, booking["id"])
    if offered is None:
        return
    if offered["holder"] is None:
        # A center gave back a ride nobody had assigned (its "no car" on a ride forwarded to it):
        # the overflow center, still looking for a car, stops once a dispatcher arranges it.
        if readable(offered) and handbacks.exhausted(db, booking["id"]):
            _stand_down(db, booking, tell=True)
        return
    holder, center = offered["holder"], center_of(actor)
    # A center's own reports on a ride the other holds are refused (check_report): only staff
    # at the console mark another center's ride, speaking for the primary.
    db.execute(
        "update overflow_offers set holder = null, held_at = null where booking_id = ?",
        [booking["id"]],
    )
    offer_again = not handbacks.exhausted(db, booking["id"])
    if holder == center == PRIMARY and offer_again:
        _tell_overflow(db, booking, OFFERED)
        return
    _stand_down(db, booking, tell=holder == OVERFLOW and center == PRIMARY)
    if holder == OVERFLOW and center != PRIMARY and offer_again:
        outbox.enqueue(db, "dispatch", _payload(db, booking, OFFERED), booking_id=booking["id"])


def _stand_down(db: Database, booking: Booking, *, tell: bool) -> None:
    """Make the ride none of the overflow center's business (check_read) until it is offered it
    again: it gave the ride back, was stood down, or is not offered it again; `tell`: send it
    `withdrawn` (it is working on the ride)."""
    db.execute(
        "update overflow_offers set returned_at = ? where booking_id = ?",
        [clock.iso(), booking["id"]],
    )
    if tell:
        _tell_overflow(db, booking, WITHDRAWN)


def check_report(
    db: Database, booking_id: int, actor: str, kind: str, *, event_key: str | None = None
) -> None:
    """Refuse a center's report on a ride it does not hold: the loser's, or the overflow center's
    on a ride never offered to it or not yet assigned by it. A report sent again (`event_key`
    already taken, its answer lost) is answered as before while the ride is the center's to
    read, though it may have handed the ride back since."""
    if booking_log.replayed(db, booking_id, event_key):
        check_read(db, booking_id, actor)
        return
    center = center_of(actor)
    offered = offer_of(db, booking_id)
    if center == OVERFLOW and offered is not None and offered["returned_at"] is not None:
        raise NotFound(UNKNOWN)
    handbacks.check(db, booking_id, actor, kind)
    if offered is None:
        if center == OVERFLOW:
            raise TransitionRefused(NOT_OFFERED)
    else:
        holder = offered["holder"]
        if holder is not None and holder != center:
            raise TransitionRefused(TAKEN[holder])
        if holder is None and center == OVERFLOW and kind != "assigned":
            raise TransitionRefused(ASSIGN_FIRST)
    # Last: a center that lost the ride is told so, not whose car it has now.
    handbacks.check_car(db, booking_id, actor, kind)


def readable(offered: Offer | None) -> bool:
    """Tell whether the overflow center may see a ride at all: offered to it, and not given back
    (a ride it may not see is answered as one that does not exist)."""
    return offered is not None and offered["returned_at"] is None


def check_read(db: Database, booking_id: int, actor: str) -> None:
    """Refuse the overflow center a ride the primary center took first: once withdrawn, the ride
    (its driver, the senior's code word) is no longer its business."""
    offered = offer_of(db, booking_id)
    if center_of(actor) == OVERFLOW and offered is not None and offered["holder"] == PRIMARY:
        raise TransitionRefused(TAKEN[PRIMARY])


def follow(db: Database, booking: Booking, event: str) -> None:
    """Send the overflow center a change to a ride offered to it, while nobody or it holds it (a
    cancel, an edit), in the caller's transaction."""
    offered = offer_of(db, booking["id"])
    if readable(offered) and offered is not None and offered["holder"] in (None, OVERFLOW):
        _tell_overflow(db, booking, event)


def last_told(db: Database, booking_id: int) -> dict[str, Any] | None:
    """Return the booking document the overflow center was last sent about a ride, or None: what
    it may still be shown of a ride it gave back (none of the ride's later changes)."""
    row = db.execute(
        "select json_extract(payload, '$.booking') from outbox where booking_id = ? and kind = ?"
        " order by id desc limit 1",
        [booking_id, KIND],
    ).fetchone()
    return None if row is None or row[0] is None else loads(row[0], None)
