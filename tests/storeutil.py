"""Test helpers over a store: row counts, a full snapshot for before/after comparisons, and
a counter of the SQL statements a block of code sends."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, func, select

from countersight.store import Store
from countersight.store import tables as t


def counts(store: Store) -> dict[str, int]:
    """Row counts per table, to prove a failed load changed nothing."""
    out: dict[str, int] = {}
    with store.engine.connect() as conn:
        for table in (t.sources, t.entities, t.names, t.identifiers, t.relations, t.links):
            out[table.name] = conn.execute(select(func.count()).select_from(table)).scalar() or 0
    return out


def snapshot(store: Store) -> dict[str, Any]:
    """Everything list-related, for byte-for-byte before/after comparisons."""
    out: dict[str, Any] = {}
    with store.engine.connect() as conn:
        for table in (t.sources, t.entities, t.names, t.identifiers, t.relations, t.links, t.meta):
            rows = conn.execute(select(table)).mappings()
            out[table.name] = sorted(json.dumps(dict(r), default=str, sort_keys=True) for r in rows)
    return out


@contextmanager
def statements(store: Store) -> Iterator[list[str]]:
    """The SQL statements sent to ``store`` inside the ``with`` block, in order."""
    sent: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        sent.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
