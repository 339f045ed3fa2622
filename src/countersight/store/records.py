"""Screening runs and review decisions: what users did, kept with who and when."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update

from countersight.exc import InputError, NotFound
from countersight.model.screening import DecisionDoc, Route, Verdict
from countersight.store import tables as t
from countersight.store.store import Store

MAX_NOTE = 2000  # characters; a longer note is refused


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's verdict on one finding of a row: the entity, and the route it was
    reached by (None for decisions recorded before routes were kept)."""

    row_key: str
    entity_id: str
    verdict: Verdict
    note: str | None
    decided_by: str
    decided_at: datetime
    route: Route | None = None
    matched_entity: str | None = None

    def to_dict(self) -> DecisionDoc:
        return {
            "row_key": self.row_key,
            "entity_id": self.entity_id,
            "route": self.route,
            "matched_entity": self.matched_entity,
            "verdict": self.verdict,
            "note": self.note,
            "decided_by": self.decided_by,
            "decided_at": self.decided_at.isoformat(),
        }


def _verdict(value: str) -> Verdict:
    try:
        return Verdict(value)
    except ValueError:
        raise InputError(f"verdict must be confirm or reject, not {value!r}") from None


def add_decision(
    store: Store,
    row_key: str,
    entity_id: str,
    verdict: str,
    by: str,
    note: str | None = None,
    *,
    route: Route | None = None,
    matched_entity: str | None = None,
) -> Decision:
    """Record a reviewer's verdict on a finding; the latest one per (row, entity, route)
    applies."""
    if not row_key.strip() or not entity_id.strip():
        raise InputError("a decision needs a row key and an entity id")
    if note is not None and len(note) > MAX_NOTE:
        raise InputError(f"the note is {len(note):,} characters; the limit is {MAX_NOTE:,}")
    decision = Decision(
        row_key,
        entity_id,
        _verdict(verdict),
        note,
        by,
        datetime.now(UTC),
        Route(route) if route is not None else None,
        matched_entity,
    )
    with store.engine.begin() as conn:
        conn.execute(
            insert(t.decisions).values(
                row_key=row_key,
                entity_id=entity_id,
                verdict=decision.verdict.value,
                note=note,
                decided_by=by,
                decided_at=decision.decided_at,
                active=True,
                route=decision.route.value if decision.route else None,
                matched_entity=matched_entity,
            )
        )
    return decision


def _decision(row: Any) -> Decision:
    route = row["route"]
    return Decision(
        row["row_key"],
        row["entity_id"],
        Verdict(row["verdict"]),
        row["note"],
        row["decided_by"],
        row["decided_at"],
        Route(route) if route else None,
        row["matched_entity"],
    )


def decisions(
    store: Store, row_keys: Iterable[str] | None = None
) -> dict[tuple[str, str, Route | None], Decision]:
    """The latest decision per (row key, entity id, route), optionally for some rows only."""
    query = select(t.decisions).order_by(t.decisions.c.decided_at, t.decisions.c.id)
    keys = list(row_keys) if row_keys is not None else None
    out: dict[tuple[str, str, Route | None], Decision] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(keys) if keys is not None else 1, 900):
            chunk = query
            if keys is not None:
                chunk = query.where(t.decisions.c.row_key.in_(keys[start : start + 900]))
            for row in conn.execute(chunk).mappings():
                found = _decision(row)
                out[(found.row_key, found.entity_id, found.route)] = found
    return out


def add_run(
    store: Store,
    file_name: str,
    file_sha256: str,
    created_by: str | None,
    summary: dict[str, Any],
    result: dict[str, Any],
) -> str:
    """Save a screening run; the stored document carries its own run id."""
    run_id = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)
    result = {**result, "run": run_id}
    with store.engine.begin() as conn:
        conn.execute(
            insert(t.runs).values(
                id=run_id,
                created_at=datetime.now(UTC),
                file_name=file_name,
                file_sha256=file_sha256,
                store_version=store.version(),
                created_by=created_by,
                summary=summary,
                result=result,
            )
        )
    return run_id


def edit_run(
    store: Store, run_id: str, change: Callable[[dict[str, Any]], dict[str, Any]]
) -> dict[str, Any]:
    """Replace a stored run's document by ``change(document)`` in one transaction (the row
    is locked on PostgreSQL, so two edits at once cannot lose one another); returns it."""
    with store.engine.begin() as conn:
        row = (
            conn.execute(select(t.runs.c.result).where(t.runs.c.id == run_id).with_for_update())
            .mappings()
            .first()
        )
        if row is None:
            raise NotFound(f"no screening run {run_id!r}")
        result = row["result"]
        document = change(result if isinstance(result, dict) else json.loads(result))
        conn.execute(
            update(t.runs)
            .where(t.runs.c.id == run_id)
            .values(summary=document["summary"], result=document)
        )
    return document


def get_run(store: Store, run_id: str) -> dict[str, Any]:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.runs).where(t.runs.c.id == run_id)).mappings().first()
    if row is None:
        raise NotFound(f"no screening run {run_id!r}")
    result = row["result"]
    return {
        "id": row["id"],
        "created_at": row["created_at"].isoformat(),
        "file_name": row["file_name"],
        "file_sha256": row["file_sha256"],
        "store_version": row["store_version"],
        "created_by": row["created_by"],
        "summary": row["summary"],
        "result": result if isinstance(result, dict) else json.loads(result),
    }


def list_runs(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    query = (
        select(
            t.runs.c.id,
            t.runs.c.created_at,
            t.runs.c.file_name,
            t.runs.c.created_by,
            t.runs.c.summary,
        )
        .order_by(t.runs.c.created_at.desc())
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [
            {
                "id": r["id"],
                "created_at": r["created_at"].isoformat(),
                "file_name": r["file_name"],
                "created_by": r["created_by"],
                "summary": r["summary"],
            }
            for r in conn.execute(query).mappings()
        ]
