"""Keyset pages: a list walks an index from where the last page ended, never counting what came
before.

A page's cursor is the id of its last row; the next page holds the rows that sort after that row.
A cursor naming no row gives an empty page, so every whole number is a valid cursor.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from elderride.services.errors import N_, ValidationError

# SQLite's integers are 64-bit: a larger cursor could name no row.
MAX_ID = 2**63 - 1


@dataclass
class Page:
    """One page of rows, newest first, and the cursor of the next page (None on the last)."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    next: int | None = None


def cursor(text: str | None, field_name: str = "before") -> int | None:
    """Read a cursor a client gave back: None for none, ValidationError when it is not a row id
    (an empty one included: a link never carries one)."""
    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        raise ValidationError(field_name, N_("This page link is not valid.")) from None
    if not 1 <= value <= MAX_ID or not str(text).isdigit():
        raise ValidationError(field_name, N_("This page link is not valid."))
    return value


def newest_first(
    db: Database,
    table: str,
    where: list[str],
    params: list[Any],
    *,
    order: str,
    limit: int,
    before: int | None,
) -> list[dict[str, Any]]:
    """Return up to `limit` rows of `table` matching `where`, newest by (`order`, id) first, after
    row `before`.

    Each call is one index range: the caller keeps an index on (filter columns, `order`).
    """
    clauses = list(where)
    values = list(params)
    if before is not None:
        clauses.append(f"({order}, id) < (select {order}, id from {table} where id = ?)")
        values.append(before)
    sql = f"select * from {table}"
    if clauses:
        sql += " where " + " and ".join(clauses)
    sql += f" order by {order} desc, id desc limit ?"
    rows = db.execute(sql, [*values, limit])
    columns = [description[0] for description in rows.description]
    return [dict(zip(columns, row)) for row in rows.fetchall()]


def merged(lists: list[list[dict[str, Any]]], order: str, limit: int) -> list[dict[str, Any]]:
    """Merge several newest-first lists into one, newest first, at most `limit` rows."""
    merged_rows = heapq.merge(*lists, key=lambda row: (row[order], row["id"]), reverse=True)
    return [row for _, row in zip(range(limit), merged_rows)]


def page_of(rows: list[dict[str, Any]], size: int) -> Page:
    """Cut `rows` (fetched with one extra) into a page and the cursor after it."""
    if len(rows) > size:
        return Page(rows[:size], rows[size - 1]["id"])
    return Page(rows, None)
