"""Persistence: SQLAlchemy Core on SQLite (default) or PostgreSQL, migrated by Alembic."""

from countersight.model import Link
from countersight.store.store import Resolver, SourceRecord, Store, make_engine

__all__ = ["Link", "Resolver", "SourceRecord", "Store", "make_engine"]
