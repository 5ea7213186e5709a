"""The SQLite store: connections, transactions and the schema."""

from elderride.store.database import connect, inserted_id, migrate, writing

__all__ = ["connect", "inserted_id", "migrate", "writing"]
