"""The SQLite store: connections, transactions and the schema."""

from elderride.store.database import connect, migrate, writing

__all__ = ["connect", "migrate", "writing"]
