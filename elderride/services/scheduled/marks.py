"""Schedule marks: one row per piece of work done once, whose unique key keeps two workers, or a
replayed report, from doing it twice."""

from sqlite_utils import Database

from elderride.services import clock


def claim(db: Database, key: str, detail: str = "") -> bool:
    """Mark `key` done, in the caller's transaction; tell whether this call was the first."""
    assert db.conn.in_transaction, "a mark is written in the same transaction as its work"
    cursor = db.execute(
        "insert or ignore into schedule_marks (key, at, detail) values (?, ?, ?)",
        [key, clock.iso(), detail[:500]],
    )
    return bool(cursor.rowcount == 1)


def marked(db: Database, key: str) -> bool:
    """Tell whether `key` was marked done."""
    return db.execute("select 1 from schedule_marks where key = ?", [key]).fetchone() is not None


def detail(db: Database, key: str) -> str | None:
    """Return what the mark `key` noted when it was made (None when it was not)."""
    row = db.execute("select detail from schedule_marks where key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def marked_among(db: Database, prefix: str, ids: list[int]) -> set[int]:
    """Return which of `ids` have the mark `<prefix>:<id>` (a bounded read by key)."""
    if not ids:
        return set()
    keys = [f"{prefix}:{ride_id}" for ride_id in ids]
    rows = db.execute(
        f"select key from schedule_marks where key in ({', '.join('?' for _ in keys)})", keys
    ).fetchall()
    return {int(row[0].rpartition(":")[2]) for row in rows}
