"""Screening jobs of the team server: queued, running, done or failed, with progress."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update

from countersight.exc import NotFound
from countersight.store import tables as t
from countersight.store.store import Store


def create_job(store: Store, file_name: str, created_by: str, owner: str | None = None) -> str:
    """A queued job; ``owner`` names the server process that will run it."""
    job_id = secrets.token_hex(8)
    with store.engine.begin() as conn:
        conn.execute(
            insert(t.jobs).values(
                id=job_id,
                status="queued",
                progress=0.0,
                message=None,
                file_name=file_name,
                created_by=created_by,
                created_at=datetime.now(UTC),
                run_id=None,
                owner=owner,
            )
        )
    return job_id


def update_job(store: Store, job_id: str, **values: Any) -> None:
    with store.engine.begin() as conn:
        conn.execute(update(t.jobs).where(t.jobs.c.id == job_id).values(**values))


def _utc(value: datetime) -> str:
    """A stored time as ISO 8601 in UTC (SQLite hands times back without their zone)."""
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def _job(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "status": row["status"],
        "progress": row["progress"],
        "message": row["message"],
        "file_name": row["file_name"],
        "created_by": row["created_by"],
        "created_at": _utc(row["created_at"]),
        "run_id": row["run_id"],
    }


def get_job(store: Store, job_id: str) -> dict[str, Any]:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.jobs).where(t.jobs.c.id == job_id)).mappings().first()
    if row is None:
        raise NotFound(f"no screening {job_id!r}")
    return _job(row)


def list_jobs(store: Store, limit: int = 30) -> list[dict[str, Any]]:
    """The latest jobs, newest first; a finished one carries its run's ``summary`` (the
    counts), the others ``None``."""
    query = (
        select(t.jobs, t.runs.c.summary)
        .select_from(t.jobs.outerjoin(t.runs, t.runs.c.id == t.jobs.c.run_id))
        .order_by(t.jobs.c.created_at.desc())
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [{**_job(r), "summary": r["summary"]} for r in conn.execute(query).mappings()]


def unfinished(store: Store) -> list[tuple[str, str | None]]:
    """(id, owner) of every queued or running job."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.jobs.c.id, t.jobs.c.owner).where(t.jobs.c.status.in_(["queued", "running"]))
        ).all()
    return [(r[0], r[1]) for r in rows]


def fail_jobs(store: Store, job_ids: list[str], message: str) -> None:
    """Mark these jobs failed with ``message`` (only those still queued or running)."""
    if not job_ids:
        return
    with store.engine.begin() as conn:
        conn.execute(
            update(t.jobs)
            .where(t.jobs.c.id.in_(job_ids), t.jobs.c.status.in_(["queued", "running"]))
            .values(status="failed", message=message)
        )


def keep_input(
    store: Store, job_id: str, file_name: str, content: bytes, options: dict[str, Any]
) -> None:
    """Keep a finished job's input (see ``tables.job_inputs``)."""
    with store.engine.begin() as conn:
        conn.execute(
            insert(t.job_inputs).values(
                job_id=job_id, file_name=file_name, content=content, options=options
            )
        )


def job_input(store: Store, job_id: str) -> tuple[str, bytes, dict[str, Any]]:
    """A job's kept input: ``(file name, bytes, options)``."""
    with store.engine.connect() as conn:
        row = conn.execute(select(t.job_inputs).where(t.job_inputs.c.job_id == job_id)).first()
    if row is None:
        raise NotFound(
            f"the file of screening {job_id} is no longer kept (files of screenings that no "
            "watch was made from are deleted after a retention period, and older screenings "
            "did not keep theirs): upload the file again to monitor it"
        )
    return row.file_name, bytes(row.content), dict(row.options)


def prune_inputs(store: Store, created_before: datetime) -> int:
    """Delete the kept inputs of jobs created before ``created_before`` that no watch was
    made from (a watch's ``options["job"]``); returns how many were deleted. The jobs
    themselves, and their runs, stay."""
    with store.engine.begin() as conn:
        used = {(o or {}).get("job") for (o,) in conn.execute(select(t.watches.c.options))}
        old = select(t.jobs.c.id).where(t.jobs.c.created_at < created_before)
        kept = conn.execute(select(t.job_inputs.c.job_id).where(t.job_inputs.c.job_id.in_(old)))
        doomed = sorted(job_id for (job_id,) in kept if job_id not in used)
        if doomed:
            conn.execute(delete(t.job_inputs).where(t.job_inputs.c.job_id.in_(doomed)))
    return len(doomed)
