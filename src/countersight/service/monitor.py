"""Monitoring from the web app: keep a finished screening as a watch, and show what the
last re-screen of each watch changed.

A screening run by the server keeps its input (file, fund files, reading options; see
``store.jobs.keep_input``), so "Monitor this screening" makes a watch of exactly what was
screened, with the screening's own document as the baseline: the first digest then reports
what changed since the results the user saw.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypedDict

from countersight.exc import InputError
from countersight.service.context import Context
from countersight.service.watches import check_name
from countersight.store import jobs as jobs_store
from countersight.store import records
from countersight.store import watches as store_watches
from countersight.store.watches import Watch


class WatchOverview(TypedDict):
    """One watch on the digest page: its latest digest and whether the last run made it."""

    name: str
    file: str
    created_by: str
    created_at: str
    last_screened_at: str
    from_job: str | None
    digest: dict[str, Any] | None
    digest_at: str | None
    from_last_run: bool


def default_name(job: dict[str, Any]) -> str:
    """A watch name for a screening: its file's stem and the job id's first characters."""
    stem = str(job["file_name"]).rsplit(".", 1)[0] or "screening"
    return f"{stem[:100]}-{str(job['id'])[:6]}"


def watch_of_job(ctx: Context, job_id: str) -> str | None:
    """The watch made from this screening, if any."""
    return store_watches.watch_for_job(ctx.store, job_id)


def watch_job(ctx: Context, job_id: str, name: str, by: str) -> Watch:
    """Keep a finished screening as a watch named ``name`` (same file, fund files and
    reading options; its result as the baseline)."""
    check_name(name)
    job = jobs_store.get_job(ctx.store, job_id)
    if job["status"] != "done" or not job["run_id"]:
        raise InputError(f"screening {job_id} has not finished: only a result can be monitored")
    existing = watch_of_job(ctx, job_id)
    if existing is not None:
        raise InputError(f"this screening is already monitored as {existing!r}")
    file_name, content, options = jobs_store.job_input(ctx.store, job_id)
    baseline = records.get_run(ctx.store, job["run_id"])["result"]
    watch = Watch(
        name=name,
        file_name=file_name,
        content=content,
        options={**options, "job": job_id},
        webhook_url=None,
        secret=None,
        created_by=by,
        created_at=datetime.now(UTC),
        last_result=dict(baseline),
        last_screened_at=datetime.fromisoformat(job["created_at"]),
    )
    store_watches.add_watch(ctx.store, watch)
    return watch


def overview(ctx: Context) -> list[WatchOverview]:
    """Every watch with its latest digest; ``from_last_run`` when the latest re-screen made
    it (else the last re-screen changed nothing)."""
    out: list[WatchOverview] = []
    for watch in store_watches.watches(ctx.store):
        latest = next(iter(store_watches.digests(ctx.store, watch.name, limit=1)), None)
        last_run = watch.last_screened_at.isoformat()
        out.append(
            {
                "name": watch.name,
                "file": watch.file_name,
                "created_by": watch.created_by,
                "created_at": watch.created_at.isoformat(),
                "last_screened_at": last_run,
                "from_job": watch.options.get("job"),
                "digest": latest["body"] if latest else None,
                "digest_at": latest["created_at"] if latest else None,
                "from_last_run": latest is not None and latest["created_at"] == last_run,
            }
        )
    return out
