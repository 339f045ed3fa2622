"""Alembic environment: always run with a connection handed over by Countersight's store."""

from __future__ import annotations

from alembic import context

from countersight.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only via the alembic command line
    raise RuntimeError("run migrations through countersight.store.migrate()")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
