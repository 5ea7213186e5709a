"""Keeping a senior's places and contacts in the order the family chose."""

from collections.abc import Iterable

from sqlite_utils import Database


def next_position(db: Database, table: str, senior_id: int) -> int:
    """Return the position after the last row of this senior in `table`."""
    row = db.execute(
        f"select coalesce(max(position), -1) + 1 from [{table}] where senior_id = ?", [senior_id]
    ).fetchone()
    return int(row[0])


def ordered_ids(db: Database, table: str, senior_id: int) -> list[int]:
    """Return this senior's row ids in `table` in their order."""
    rows = db.execute(
        f"select id from [{table}] where senior_id = ? order by position, id", [senior_id]
    )
    return [row[0] for row in rows]


def renumber(db: Database, table: str, senior_id: int, ids: Iterable[int]) -> None:
    """Store `ids` as positions 0…n-1; the caller holds the transaction."""
    for position, row_id in enumerate(ids):
        db.table(table).update(row_id, {"position": position})


def move(db: Database, table: str, senior_id: int, row_id: int, new_position: int | str) -> None:
    """Move one row to `new_position` (clamped), shifting the others."""
    ids = ordered_ids(db, table, senior_id)
    ids.remove(row_id)
    new_position = max(0, min(int(new_position), len(ids)))
    ids.insert(new_position, row_id)
    renumber(db, table, senior_id, ids)
