"""The outbox: work queued in the same transaction as the change that caused it, delivered after."""

import datetime
import json
import random
import secrets
from collections.abc import Mapping
from typing import Any, Literal, Protocol

from sqlite_utils import Database

from elderride.services import clock, paging
from elderride.store import inserted_id, writing

# How long a claimed entry is reserved for one worker; a worker killed mid-delivery
# loses its claim after this and another worker delivers the entry again.
LEASE_SECONDS = 60
BACKOFF_BASE_SECONDS = 2
BACKOFF_CAP_SECONDS = 15 * 60
# Texts and calls give up into the dead letter after this many tries; a webhook to
# a dispatch system (the primary or the overflow center) never does, because a booking must never
# be lost.
MAX_ATTEMPTS = {"text": 8, "call": 5, "email": 8, "dispatch": None, "overflow": None}


# An outbox row, its payload decoded once claimed.
Entry = dict[str, Any]


class Random(Protocol):
    """What backoff needs of `random`: a uniform draw."""

    def uniform(self, a: float, b: float) -> float: ...


class PermanentFailure(Exception):
    """A delivery that can never succeed (an invalid number, a refused request)."""


def enqueue(
    db: Database,
    kind: str,
    payload: Mapping[str, Any],
    *,
    booking_id: int | None = None,
    ordering_key: str | None = None,
) -> int:
    """Queue `payload` for delivery; call inside the transaction of the change that caused it."""
    assert db.conn.in_transaction, "an outbox entry is written in the same transaction as its cause"
    stamp = clock.iso()
    return inserted_id(
        db.table("outbox").insert(
            {
                "kind": kind,
                "booking_id": booking_id,
                # Entries with the same key are delivered one at a time, in the order queued.
                "ordering_key": ordering_key or f"{kind}:{booking_id}",
                "payload": json.dumps(payload, ensure_ascii=False),
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": stamp,
                "created_at": stamp,
            }
        )
    )


def claim(
    db: Database,
    worker: str,
    *,
    limit: int = 10,
    now: datetime.datetime | None = None,
    lease_seconds: float = LEASE_SECONDS,
) -> list[Entry]:
    """Reserve up to `limit` entries that are due, the oldest of each ordering key only.

    Each claimed entry carries a fresh `claim_token`: completing or failing it later
    changes nothing once another worker has claimed it again (a fenced lease).
    """
    now = now or clock.now()
    stamp = clock.iso(now)
    until = clock.iso(now + datetime.timedelta(seconds=lease_seconds))
    token = secrets.token_hex(8)
    with writing(db):
        rows = db.execute(
            """
            select * from outbox as entry
            where entry.status = 'pending'
              and entry.next_attempt_at <= :now
              and (entry.claimed_until is null or entry.claimed_until < :now)
              and entry.id = (
                select min(id) from outbox as earlier
                where earlier.ordering_key = entry.ordering_key and earlier.status = 'pending'
              )
            order by entry.next_attempt_at, entry.id
            limit :limit
            """,
            {"now": stamp, "limit": limit},
        )
        columns = [description[0] for description in rows.description]
        entries = [dict(zip(columns, row)) for row in rows.fetchall()]
        for entry in entries:
            entry["attempts"] += 1
            entry.update(claimed_until=until, claimed_by=worker, claim_token=token)
            db.table("outbox").update(
                entry["id"],
                {
                    "claimed_until": until,
                    "claimed_by": worker,
                    "attempts": entry["attempts"],
                    "claim_token": token,
                },
            )
    for entry in entries:
        entry["payload"] = json.loads(entry["payload"])
    return entries


def _fenced_update(db: Database, entry: Mapping[str, Any], values: Mapping[str, Any]) -> bool:
    """Apply `values` to a claimed entry only while its claim still holds; return whether it did."""
    assignments = ", ".join(f"{column} = ?" for column in values)
    with writing(db):
        cursor = db.execute(
            f"update outbox set {assignments} where id = ? and status = 'pending' and claim_token "
            "is ?",
            [*values.values(), entry["id"], entry.get("claim_token")],
        )
    return cursor.rowcount == 1


def complete(db: Database, entry: Mapping[str, Any]) -> bool:
    """Mark a claimed entry delivered; False when its lease was lost to another worker."""
    return _fenced_update(
        db,
        entry,
        {
            "status": "done",
            "finished_at": clock.iso(),
            "claimed_until": None,
            "claim_token": None,
            "last_error": None,
        },
    )


def set_aside(db: Database, entry: Mapping[str, Any], status: str, reason: str) -> bool:
    """Finish a claimed entry unsent, as `status`, saying why; False when its lease was lost."""
    return _fenced_update(
        db,
        entry,
        {
            "status": status,
            "last_error": reason[:1000],
            "finished_at": clock.iso(),
            "claimed_until": None,
            "claim_token": None,
        },
    )


def release(db: Database, entry: Mapping[str, Any]) -> bool:
    """Give back a claimed entry that was not tried, as if it had never been claimed."""
    return _fenced_update(
        db,
        entry,
        {
            "attempts": entry["attempts"] - 1,
            "claimed_until": None,
            "claimed_by": None,
            "claim_token": None,
        },
    )


def backoff(attempts: int, *, rng: Random = random) -> float:
    """Return the wait before try `attempts + 1`: exponential, capped, with jitter."""
    ceiling: int = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** max(0, attempts - 1))
    # Jitter spreads retries out so a recovering receiver is not hit by all of them at once.
    return ceiling * rng.uniform(0.5, 1.0)


def fail(
    db: Database,
    entry: Mapping[str, Any],
    error: object,
    *,
    permanent: bool = False,
    now: datetime.datetime | None = None,
) -> Literal["lost", "dead", "retry"]:
    """Record a failed try: retry later, or move the entry to the dead letter ("lost" if the lease
    was)."""
    now = now or clock.now()
    limit = MAX_ATTEMPTS.get(entry["kind"])
    give_up = permanent or (limit is not None and entry["attempts"] >= limit)
    values: dict[str, Any] = {
        "last_error": str(error)[:1000],
        "claimed_until": None,
        "claim_token": None,
    }
    if give_up:
        values.update(status="dead", finished_at=clock.iso(now))
    else:
        retry_at = now + datetime.timedelta(seconds=backoff(entry["attempts"]))
        values.update(next_attempt_at=clock.iso(retry_at))
    if not _fenced_update(db, entry, values):
        return "lost"  # another worker holds the entry now; its outcome counts, not ours
    return "dead" if give_up else "retry"


def retry(db: Database, entry_id: int) -> None:
    """Put a dead entry back in the queue (a dispatcher's "try again")."""
    with writing(db):
        db.execute(
            "update outbox set status = 'pending', next_attempt_at = ?, finished_at = null"
            " where id = ? and status = 'dead'",
            [clock.iso(), entry_id],
        )


def counts(db: Database) -> dict[str, int]:
    """Return how many entries are pending, done and dead."""
    result = {"pending": 0, "done": 0, "dead": 0}
    for status, count in db.execute("select status, count(*) from outbox group by status"):
        result[status] = count
    return result


def oldest_pending_age(db: Database, kind: str | None = None) -> float | None:
    """Return how many seconds the oldest undelivered entry (of `kind`) has waited, or None."""
    sql = "select min(created_at) from outbox where status = 'pending'"
    params: list[str] = []
    if kind:
        sql += " and kind = ?"
        params.append(kind)
    oldest = db.execute(sql, params).fetchone()[0]
    if oldest is None:
        return None
    return (clock.now() - clock.parse(oldest)).total_seconds()


# Counts shown on every console page and by the health check stop here: they read an index
# range of waiting or dead entries, never the delivered history.
COUNT_CAP = 10_000


def backlog(db: Database, *, cap: int = COUNT_CAP) -> dict[str, int]:
    """Return how many entries are pending and dead, each counted up to `cap` (a bounded read)."""
    return {
        status: db.execute(
            "select count(*) from (select 1 from outbox where status = ? limit ?)", [status, cap]
        ).fetchone()[0]
        for status in ("pending", "dead")
    }


def entries(db: Database, *, booking_id: int | None = None, limit: int = 200) -> list[Entry]:
    """Return outbox entries for the console: dead letters first, then those waiting, then the
    newest done."""
    if booking_id is not None:
        return list(db.table("outbox").rows_where("booking_id = ?", [booking_id], order_by="id"))
    return dead_and_waiting(db, limit=limit) + finished_page(db, size=limit).rows


def dead_and_waiting(db: Database, *, limit: int = 200) -> list[Entry]:
    """Return the dead letters and the messages held by the daily cap (newest first), then the
    entries still waiting."""
    dead = paging.newest_first(
        db, "outbox", ["status = 'dead'"], [], order="finished_at", limit=limit, before=None
    )
    held = paging.newest_first(
        db, "outbox", ["status = 'held'"], [], order="finished_at", limit=limit, before=None
    )
    waiting = list(
        db.table("outbox").rows_where(
            "status = 'pending'", order_by="next_attempt_at, id", limit=limit
        )
    )
    return dead + held + waiting


def finished_page(db: Database, *, size: int = 100, before: int | None = None) -> paging.Page:
    """Return one page of delivered entries, the most recently finished first."""
    rows = paging.newest_first(
        db, "outbox", ["status = 'done'"], [], order="finished_at", limit=size + 1, before=before
    )
    return paging.page_of(rows, size)


def prune(db: Database, before: str, *, batch: int = 500) -> int:
    """Delete finished entries (done or dead) that finished before `before`, a batch per
    transaction.

    Their messages go first (a message keeps its entry's id); bookings and events are never touched.
    Returns how many entries were deleted.
    """
    deleted = 0
    while True:
        with writing(db):
            ids = [
                row[0]
                for status in ("done", "dead")
                for row in db.execute(
                    "select id from outbox where status = ? and finished_at < ? limit ?",
                    [status, before, batch],
                ).fetchall()
            ]
            if ids:
                marks = ", ".join("?" for _ in ids)
                db.execute(f"delete from messages where outbox_id in ({marks})", ids)
                db.execute(f"delete from outbox where id in ({marks})", ids)
        deleted += len(ids)
        if len(ids) < batch:
            return deleted


def call_payload(db: Database, entry_id: int) -> dict[str, Any] | None:
    """Return what a call-back said (its payload), or None when there is no such call."""
    row = next(db.table("outbox").rows_where("id = ? and kind = 'call'", [entry_id]), None)
    payload: dict[str, Any] | None = json.loads(row["payload"]) if row else None
    return payload


def beat(db: Database, worker: str, *, now: datetime.datetime | None = None) -> None:
    """Record that `worker` is alive and delivering (the health check reads it)."""
    with writing(db):
        db.table("worker_beats").upsert(
            {"name": worker[:200], "beat_at": clock.iso(now)}, pk="name"
        )


def last_beat_age(db: Database) -> float | None:
    """Return how many seconds ago any worker last reported, or None when none ever has."""
    latest = db.execute("select max(beat_at) from worker_beats").fetchone()[0]
    if latest is None:
        return None
    return (clock.now() - clock.parse(latest)).total_seconds()
