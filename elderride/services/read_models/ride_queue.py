"""The dispatch console's queue: open rides with who and where, reviews first, and search."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from elderride.services import bookings, handbacks, lifecycle, overflow, paging, priority
from elderride.services.errors import NotFound, ValidationError
from elderride.services.people import phones
from elderride.services.scheduled import marks

# Search looks at this many seniors whose names match, and shows this many rides.
SEARCH_SENIORS = 20
SEARCH_RIDES = 50
MAX_QUERY = 100
# Reviews shown above the queue; past this many the "needs review" filter pages through them all.
REVIEW_CAP = 200
# Rides raised for having no driver pulled onto the queue's first page from older ones, at most.
RAISED_CAP = 100


# How the console may order the queue; the first is the default: whoever has waited longest.
SORTS = ("waiting", "newest")
# States in which a senior waits on dispatch; once a driver has the ride, nobody does.
WAITING_STATES = frozenset({"needs_review", "requested", "forwarded", "no_car"})


def waiting_since(ride: dict[str, Any]) -> str | None:
    """Return since when the senior has waited on dispatch (when they asked, or the time they
    asked for if later), or None once a driver has the ride."""
    if ride["state"] not in WAITING_STATES:
        return None
    pickup_at: str | None = ride["pickup_at"]
    created_at: str = ride["created_at"]
    return pickup_at if pickup_at and pickup_at > created_at else created_at


def sort_key(ride: dict[str, Any], now: str) -> tuple[Any, ...]:
    """The queue's one order, "longest waiting first": rides waiting now, the longest wait first;
    then rides booked for later, the soonest first; then rides a driver has, oldest first."""
    since = waiting_since(ride)
    if since is None:
        return (2, ride["created_at"], ride["id"])
    return (0 if since <= now else 1, since, ride["id"])


def in_order(rides: list[dict[str, Any]], sort: str, now: str) -> list[dict[str, Any]]:
    """Return `rides` in the order a dispatcher chose: "waiting" (sort_key) or "newest"."""
    if sort == "newest":
        return sorted(rides, key=lambda ride: (ride["created_at"], ride["id"]), reverse=True)
    return sorted(rides, key=lambda ride: sort_key(ride, now))


@dataclass
class Queue:
    """One page of the queue: reviews (first page only), then the other open rides, newest first."""

    reviews: list[dict[str, Any]] = field(default_factory=list)
    rides: list[dict[str, Any]] = field(default_factory=list)
    older: int | None = None
    more_reviews: bool = False


def open_queue(
    db: Database,
    *,
    state: str | None,
    size: int,
    before: int | None,
    sort: str = SORTS[0],
    now: str = "",
) -> Queue:
    """Return the queue for a state filter (None: every open state), `size` rides a page, each
    page in the order `sort` names (see in_order).

    Every review waiting is on the first page, above the rest, whatever its age: a caller is
    waiting to hear back. So is every ride raised for having no driver (taken off the older page
    it would have been on). The other rides are keyset pages of their own, newest first; the
    chosen order applies within a page.
    """
    states = [state] if state is not None else sorted(lifecycle.OPEN_STATES - {"needs_review"})
    page = bookings.page_bookings(db, states=states, size=size, before=before)
    queue = Queue(rides=page.rows, older=page.next)
    # A ride nobody took as its pickup nears is on the first page, whichever page its age gives it.
    raised = raised_rides(db, states)
    if before is None:
        on_page = {ride["id"] for ride in queue.rides}
        queue.rides += [ride for ride in raised if ride["id"] not in on_page]
    else:
        pulled = {ride["id"] for ride in raised}
        queue.rides = [ride for ride in queue.rides if ride["id"] not in pulled]
    if state is None:
        if before is None and sort == "newest":
            reviews = bookings.page_bookings(db, states=["needs_review"], size=REVIEW_CAP)
            queue.reviews, queue.more_reviews = reviews.rows, reviews.next is not None
        elif before is None:
            # Past the cap, the callers who have waited longest are the ones on the page.
            waiting = bookings.oldest_in_state(db, "needs_review", REVIEW_CAP + 1)
            queue.reviews = [dict(ride) for ride in waiting[:REVIEW_CAP]]
            queue.more_reviews = len(waiting) > REVIEW_CAP
    queue.reviews = in_order(queue.reviews, sort, now)
    queue.rides = in_order(queue.rides, sort, now)
    with_people(db, queue.reviews + queue.rides)
    with_alerts(db, queue.reviews + queue.rides)
    queue.rides.sort(key=first_on_the_page)
    return queue


def raised_rides(db: Database, states: list[str]) -> list[dict[str, Any]]:
    """Return the rides raised for having no driver that still have none, in `states`, newest
    first (at most RAISED_CAP)."""
    ids: list[int] = []
    for state in sorted(set(states) & set(lifecycle.WAITING_FOR_A_DRIVER)):
        # The mark's key is unassigned.mark(id); the state's index range holds only open rides.
        ids += [
            row[0]
            for row in db.execute(
                "select id from bookings where state = ? and exists (select 1 from schedule_marks"
                " where schedule_marks.key = 'unassigned:' || bookings.id)"
                " order by created_at desc limit ?",
                [state, RAISED_CAP],
            ).fetchall()
        ]
    return [dict(bookings.get_booking(db, ride_id)) for ride_id in sorted(ids)[::-1][:RAISED_CAP]]


def first_on_the_page(ride: dict[str, Any]) -> tuple[bool, int]:
    """Return a ride's place on its page, one term a reason: a ride nobody has taken as its pickup
    nears, then rides that must arrive on time; the sort is stable, so the page's own order
    stands within each."""
    return (not (ride["no_driver_alert"] or ride["handed_back"]), priority.queue_term(ride))


def with_alerts(db: Database, rides: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mark each ride whose car is late ("late_alert"), that nobody took as its pickup neared
    ("no_driver_alert", while it still has no driver), and whether the overflow center was offered
    it or keeps it ("overflow"), and whether the centers handed it back too often for a dispatcher
    to arrange it ("handed_back"), in place."""
    ids = [ride["id"] for ride in rides]
    late = marks.marked_among(db, "late", ids)
    unassigned = marks.marked_among(db, "unassigned", ids)
    offers = overflow.offers_among(db, ids)
    for ride in rides:
        ride["late_alert"] = ride["id"] in late and ride["state"] in ("assigned", "arriving")
        ride["no_driver_alert"] = (
            ride["id"] in unassigned and ride["state"] in lifecycle.WAITING_FOR_A_DRIVER
        )
        offer = offers.get(ride["id"])
        holder = offer["holder"] if offer else None
        # "offered": the overflow center may take it too; "overflow": it did, and keeps it.
        ride["overflow"] = None
        if offer and holder is None and ride["no_driver_alert"]:
            ride["overflow"] = "offered"
        elif holder == overflow.OVERFLOW and ride["state"] in lifecycle.OPEN_STATES:
            ride["overflow"] = "overflow"
        # Read only for a ride still waiting for a car (one indexed count each).
        ride["handed_back"] = handbacks.waiting_on_a_dispatcher(db, ride["id"], ride["state"])
    return rides


def with_people(db: Database, rides: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add each ride's senior's name, first number and time zone ("senior_name", "senior_phone",
    "senior_timezone"), in place."""
    senior_ids = sorted({ride["senior_id"] for ride in rides if ride["senior_id"] is not None})
    names: dict[int, tuple[str, str | None, str | None]] = {}
    if senior_ids:
        marks = ", ".join("?" for _ in senior_ids)
        for senior_id, name, phone, timezone in db.execute(
            f"select seniors.id, seniors.name, (select phone from senior_phones where "
            f"senior_phones.senior_id = seniors.id order by id limit 1), seniors.timezone "
            f"from seniors where seniors.id in ({marks})",
            senior_ids,
        ).fetchall():
            names[senior_id] = (name, phone, timezone)
    for ride in rides:
        name, phone, timezone = names.get(ride["senior_id"], (None, None, None))
        ride["senior_name"] = name
        ride["senior_timezone"] = timezone
        caller = ride["caller_phone"] or ""
        # A withheld number is stored as a word; only a real number can be called back.
        ride["senior_phone"] = phone or (caller if caller.startswith("+") else None)
    return rides


def _fts_query(text: str) -> str | None:
    """Return an FTS5 query matching names with words starting as typed, or None for no words."""
    # Only word characters reach FTS5: quotes and operators a person types mean nothing here.
    words = re.findall(r"\w+", text)[:5]
    return " ".join(f'"{word}"*' for word in words) or None


def search(db: Database, text: str, *, default_region: str = "US") -> list[dict[str, Any]]:
    """Return the rides a dispatcher means by a booking number, a phone number or a name.

    "#12" or "12" is booking 12; a number of seven digits or more is a phone number (a senior's
    or an unknown caller's); anything else is words of a senior's name. Newest first, any state.
    """
    text = (text or "").strip()[:MAX_QUERY]
    if not text:
        return []
    found: list[dict[str, Any]] = []
    number = re.fullmatch(r"#?\s*(\d{1,12})", text)
    digits = re.sub(r"\D", "", text)
    if number and len(number.group(1)) < 7:
        try:
            found = [dict(bookings.get_booking(db, int(number.group(1))))]
        except NotFound:
            found = []
    elif len(digits) >= 7 and re.fullmatch(r"[\d\s()+.\-]+", text):
        found = _by_phone(db, text, default_region)
    else:
        query = _fts_query(text)
        if query is not None:
            senior_ids = [
                row[0]
                for row in db.execute(
                    "select rowid from seniors_fts where seniors_fts match ? limit ?",
                    [query, SEARCH_SENIORS],
                ).fetchall()
            ]
            found = _of_seniors(db, senior_ids)
    return with_alerts(db, with_people(db, found))


def _of_seniors(db: Database, senior_ids: list[int]) -> list[dict[str, Any]]:
    """Return the newest rides of these seniors, each senior's own index range, merged."""
    lists = [
        bookings.page_bookings(db, senior_id=senior_id, size=SEARCH_RIDES).rows
        for senior_id in senior_ids
    ]
    return paging.merged(lists, "created_at", SEARCH_RIDES)


def _by_phone(db: Database, text: str, default_region: str) -> list[dict[str, Any]]:
    """Return the newest rides of the senior with this number, or of an unknown caller with it."""
    try:
        number = phones.normalise(text, region=default_region)
    except ValidationError:
        return []
    row = db.execute("select senior_id from senior_phones where phone = ?", [number]).fetchone()
    senior_rides = _of_seniors(db, [row[0]]) if row else []
    caller_rides = paging.newest_first(
        db,
        "bookings",
        ["caller_phone = ?"],
        [number],
        order="created_at",
        limit=SEARCH_RIDES,
        before=None,
    )
    rides = paging.merged([senior_rides, caller_rides], "created_at", SEARCH_RIDES * 2)
    unique = {ride["id"]: ride for ride in rides}
    return [dict(bookings.get_booking(db, ride_id)) for ride_id in list(unique)[:SEARCH_RIDES]]
