"""The store: entities, relations and provenance per dataset, in SQLite or PostgreSQL.

Every write that changes list data goes through :meth:`Store.replace_dataset`, which swaps a
dataset's rows, its provenance row and the derived merge links in one transaction and bumps
the store version. The matcher's persisted index is keyed by that version.

List writes take one lock for their whole transaction (on PostgreSQL an advisory transaction
lock; SQLite allows one writer anyway): the merge links and the version are store-wide, so
two loads, of the same dataset or of two, run one after the other; the second waits.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    delete,
    event,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url

from countersight.exc import ConfigError, NotFound
from countersight.model import Entity, Link, Relation
from countersight.model.source import LoadedSource
from countersight.normalize.text import clean_name
from countersight.store import tables as t


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """Provenance of one loaded dataset."""

    dataset: str
    kind: str
    title: str
    files: list[dict[str, Any]]
    sha256: str
    publisher_date: date | None
    loaded_at: datetime
    entity_count: int
    relation_count: int
    skipped: dict[str, int]
    warnings: list[str]
    fetch: dict[str, Any] | None = None

    @property
    def records(self) -> int:
        """Records in the loaded file(s): organisations kept plus records skipped."""
        return self.entity_count + sum(self.skipped.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "kind": self.kind,
            "title": self.title,
            "files": self.files,
            "sha256": self.sha256,
            "publisher_date": self.publisher_date.isoformat() if self.publisher_date else None,
            "loaded_at": self.loaded_at.isoformat(),
            "entity_count": self.entity_count,
            "relation_count": self.relation_count,
            "skipped": self.skipped,
            "warnings": self.warnings,
            "fetch": self.fetch,
        }


Resolver = Callable[[Sequence[Entity]], list[Link]]
LIST_WRITE_LOCK = "countersight:list-writes"


def _lock_list_writes(conn: Connection) -> None:
    """Wait for any other list write to commit (PostgreSQL advisory transaction lock)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": LIST_WRITE_LOCK})


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for a ``sqlite:///`` or ``postgresql://`` URL (psycopg 3 driver)."""
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise ConfigError(f"not a database URL: {url!r}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if backend == "postgresql":
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True)
    raise ConfigError(f"unsupported database {backend!r}: use sqlite:/// or postgresql://")


class Store:
    """Read and write Countersight's data. Thread-safe through SQLAlchemy's pool."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        self.engine = make_engine(url)
        if migrate:
            from countersight.store.migrate import upgrade

            upgrade(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    # -- version ---------------------------------------------------------------------------

    def version(self) -> str:
        with self.engine.connect() as conn:
            value = conn.execute(select(t.meta.c.value).where(t.meta.c.key == "version"))
            return value.scalar() or "0"

    def _bump(self, conn: Connection) -> None:
        current = conn.execute(select(t.meta.c.value).where(t.meta.c.key == "version")).scalar()
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        number = int(str(current).split("-")[0]) + 1 if current else 1
        value = f"{number}-{stamp}"
        if current is None:
            conn.execute(insert(t.meta).values(key="version", value=value))
        else:
            conn.execute(update(t.meta).where(t.meta.c.key == "version").values(value=value))

    # -- writing ---------------------------------------------------------------------------

    def replace_dataset(self, loaded: LoadedSource, resolver: Resolver | None = None) -> None:
        """Replace one dataset's rows and provenance, and re-derive links, atomically."""
        self.replace_datasets([loaded], resolver)

    def replace_datasets(
        self,
        loaded_sources: Sequence[LoadedSource],
        resolver: Resolver | None = None,
        fetch: Mapping[str, dict[str, Any]] | None = None,
    ) -> None:
        """Replace several datasets in one transaction: all of them change, or none.

        ``fetch`` holds, per dataset, how its files were downloaded (kept as provenance).
        """
        with self.engine.begin() as conn:
            _lock_list_writes(conn)
            for loaded in loaded_sources:
                for table in (t.entities, t.names, t.identifiers, t.relations):
                    conn.execute(delete(table).where(table.c.dataset == loaded.dataset))
                conn.execute(delete(t.sources).where(t.sources.c.dataset == loaded.dataset))
                self._insert_entities(conn, loaded.dataset, loaded.entities)
                self._insert_relations(conn, loaded.dataset, loaded.relations)
                conn.execute(
                    insert(t.sources).values(
                        dataset=loaded.dataset,
                        kind=loaded.kind,
                        title=loaded.title,
                        files=[
                            {"name": f.name, "sha256": f.sha256, "size": f.size}
                            for f in loaded.files
                        ],
                        sha256=loaded.sha256,
                        publisher_date=loaded.publisher_date,
                        loaded_at=datetime.now(UTC),
                        entity_count=len(loaded.entities),
                        relation_count=len(loaded.relations),
                        skipped=dict(loaded.skipped),
                        warnings=list(loaded.warnings),
                        fetch=(fetch or {}).get(loaded.dataset),
                    )
                )
            if resolver is not None:
                self._write_links(conn, resolver(list(self._entities(conn))))
            self._bump(conn)

    def remove_dataset(self, dataset: str, resolver: Resolver | None = None) -> None:
        with self.engine.begin() as conn:
            _lock_list_writes(conn)
            found = conn.execute(
                select(t.sources.c.dataset).where(t.sources.c.dataset == dataset)
            ).first()
            if found is None:
                raise NotFound(f"no dataset {dataset!r} is loaded")
            for table in (t.entities, t.names, t.identifiers, t.relations):
                conn.execute(delete(table).where(table.c.dataset == dataset))
            conn.execute(delete(t.sources).where(t.sources.c.dataset == dataset))
            if resolver is not None:
                self._write_links(conn, resolver(list(self._entities(conn))))
            self._bump(conn)

    @staticmethod
    def _insert_entities(conn: Connection, dataset: str, entities: Sequence[Entity]) -> None:
        entity_rows: list[dict[str, Any]] = []
        name_rows: list[dict[str, Any]] = []
        id_rows: list[dict[str, Any]] = []
        for entity in entities:
            entity_rows.append(
                {
                    "dataset": dataset,
                    "id": entity.id,
                    "schema": entity.schema.value,
                    "caption": entity.caption,
                    "data": entity.to_dict(),
                }
            )
            for name in entity.names:
                name_rows.append(
                    {
                        "dataset": dataset,
                        "entity_id": entity.id,
                        "value": name.value,
                        "norm": clean_name(name.value).casefold(),
                        "kind": name.kind.value,
                    }
                )
            for identifier in entity.identifiers:
                id_rows.append(
                    {
                        "dataset": dataset,
                        "entity_id": entity.id,
                        "scheme": identifier.scheme.value,
                        "value": identifier.value[:255],
                    }
                )
        for table, rows in (
            (t.entities, entity_rows),
            (t.names, name_rows),
            (t.identifiers, id_rows),
        ):
            for start in range(0, len(rows), 5000):
                if rows[start : start + 5000]:
                    conn.execute(insert(table), rows[start : start + 5000])

    @staticmethod
    def _insert_relations(conn: Connection, dataset: str, relations: Sequence[Relation]) -> None:
        rows = [
            {
                "dataset": dataset,
                "id": r.id,
                "kind": r.kind.value,
                "subject": r.subject,
                "object": r.object,
                "share": r.share,
                "data": r.to_dict(),
            }
            for r in relations
        ]
        if rows:
            conn.execute(insert(t.relations), rows)

    @staticmethod
    def _write_links(conn: Connection, links: list[Link]) -> None:
        conn.execute(delete(t.links))
        if links:
            conn.execute(
                insert(t.links),
                [
                    {
                        "canonical_id": link.canonical_id,
                        "member_dataset": link.member_dataset,
                        "member_id": link.member_id,
                        "reason": link.reason,
                    }
                    for link in links
                ],
            )

    # -- reading ---------------------------------------------------------------------------

    def sources(self) -> list[SourceRecord]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.sources).order_by(t.sources.c.dataset)).mappings()
            return [SourceRecord(**dict(row)) for row in rows]

    def source(self, dataset: str) -> SourceRecord | None:
        return next((s for s in self.sources() if s.dataset == dataset), None)

    @staticmethod
    def _entities(conn: Connection, datasets: Sequence[str] | None = None) -> Iterator[Entity]:
        query = select(t.entities.c.data).order_by(t.entities.c.dataset, t.entities.c.id)
        if datasets is not None:
            query = query.where(t.entities.c.dataset.in_(list(datasets)))
        for (data,) in conn.execute(query):
            yield Entity.from_dict(data if isinstance(data, dict) else json.loads(data))

    def entities(self, datasets: Sequence[str] | None = None) -> list[Entity]:
        with self.engine.connect() as conn:
            return list(self._entities(conn, datasets))

    def relations(self) -> list[Relation]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.relations.c.data).order_by(t.relations.c.id))
            return [
                Relation.from_dict(d if isinstance(d, dict) else json.loads(d)) for (d,) in rows
            ]

    def links(self) -> list[Link]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.links).order_by(t.links.c.canonical_id)).mappings()
            return [Link(**dict(row)) for row in rows]
