"""Watches (screenings kept for monitoring), their change digests and webhook deliveries.

A watch keeps its input file's bytes, so it is re-screened after each list update even when
the original file has moved. A digest is written together with its pending delivery, so a
delivery is never lost: it stays pending until the receiver accepts it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update

from countersight.exc import InputError, NotFound
from countersight.store import tables as t
from countersight.store.store import Store


@dataclass(frozen=True, slots=True)
class Watch:
    name: str
    file_name: str
    content: bytes
    options: dict[str, Any]
    webhook_url: str | None
    secret: str | None
    created_by: str
    created_at: datetime
    last_result: dict[str, Any]
    last_screened_at: datetime


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    digest_id: int
    url: str
    status: str
    attempts: int
    last_error: str | None


def add_watch(store: Store, watch: Watch) -> None:
    with store.engine.begin() as conn:
        found = conn.execute(select(t.watches.c.name).where(t.watches.c.name == watch.name))
        if found.first() is not None:
            raise InputError(f"a watch named {watch.name!r} exists already")
        conn.execute(insert(t.watches).values(**as_row(watch)))


def as_row(watch: Watch) -> dict[str, Any]:
    return {field: getattr(watch, field) for field in Watch.__dataclass_fields__}


def watches(store: Store) -> list[Watch]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.watches).order_by(t.watches.c.name)).mappings()
        return [Watch(**dict(row)) for row in rows]


def watch_for_job(store: Store, job_id: str) -> str | None:
    """The name of the watch made from a screening job (``options["job"]``), if any; reads
    names and options only, not the kept files' results."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.watches.c.name, t.watches.c.options)).all()
    return next((name for name, options in rows if (options or {}).get("job") == job_id), None)


def get_watch(store: Store, name: str) -> Watch:
    found = next((w for w in watches(store) if w.name == name), None)
    if found is None:
        raise NotFound(f"no watch named {name!r}")
    return found


def remove_watch(store: Store, name: str) -> None:
    get_watch(store, name)
    with store.engine.begin() as conn:
        digest_ids = select(t.digests.c.id).where(t.digests.c.watch == name)
        conn.execute(delete(t.deliveries).where(t.deliveries.c.digest_id.in_(digest_ids)))
        conn.execute(delete(t.digests).where(t.digests.c.watch == name))
        conn.execute(delete(t.watches).where(t.watches.c.name == name))


def record_screening(
    store: Store, watch: Watch, result: dict[str, Any], digest: dict[str, Any] | None
) -> int | None:
    """Keep the new baseline and, when something changed, the digest and its pending
    delivery, in one transaction. Returns the digest id."""
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        conn.execute(
            update(t.watches)
            .where(t.watches.c.name == watch.name)
            .values(last_result=result, last_screened_at=now)
        )
        if digest is None:
            return None
        digest_id = conn.execute(
            insert(t.digests).values(watch=watch.name, created_at=now, body=digest)
        ).inserted_primary_key
        assert digest_id is not None
        if watch.webhook_url:
            conn.execute(
                insert(t.deliveries).values(
                    digest_id=digest_id[0], url=watch.webhook_url, status="pending", attempts=0
                )
            )
        return int(digest_id[0])


def digests(store: Store, watch: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """Latest digests first: ``{"id", "watch", "created_at", "body"}``."""
    query = select(t.digests).order_by(t.digests.c.id.desc()).limit(limit)
    if watch is not None:
        query = query.where(t.digests.c.watch == watch)
    with store.engine.connect() as conn:
        return [
            {**dict(row), "created_at": row["created_at"].isoformat()}
            for row in conn.execute(query).mappings()
        ]


def digest_body(store: Store, digest_id: int) -> dict[str, Any]:
    with store.engine.connect() as conn:
        body = conn.execute(select(t.digests.c.body).where(t.digests.c.id == digest_id))
        value = body.scalar()
    if value is None:
        raise NotFound(f"no digest {digest_id}")
    return dict(value)


def pending_deliveries(store: Store) -> list[Delivery]:
    query = select(t.deliveries).where(t.deliveries.c.status == "pending")
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(t.deliveries.c.id)).mappings()
        return [
            Delivery(r["id"], r["digest_id"], r["url"], r["status"], r["attempts"], r["last_error"])
            for r in rows
        ]


def deliveries(store: Store) -> list[Delivery]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.deliveries).order_by(t.deliveries.c.id)).mappings()
        return [
            Delivery(r["id"], r["digest_id"], r["url"], r["status"], r["attempts"], r["last_error"])
            for r in rows
        ]


def record_attempt(store: Store, delivery_id: int, error: str | None) -> None:
    """One delivery attempt: delivered when ``error`` is None, else still pending."""
    values: dict[str, Any] = {"attempts": t.deliveries.c.attempts + 1, "last_error": error}
    if error is None:
        values.update(status="delivered", delivered_at=datetime.now(UTC))
    with store.engine.begin() as conn:
        conn.execute(update(t.deliveries).where(t.deliveries.c.id == delivery_id).values(values))
