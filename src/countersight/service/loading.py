"""Load official list files into the store.

All files are parsed first; only when every one parsed does the store change, in one
transaction. A malformed file therefore leaves the store exactly as it was, and so does a
disk that fills up during the write (said in one line).
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from countersight.exc import CountersightError, InputError
from countersight.match.resolve import resolve_links
from countersight.model import REGISTRY_DATASET
from countersight.service.context import Context
from countersight.sources import LoadedSource, LoadJob, plan


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What one load did, for the summary table."""

    dataset: str
    kind: str
    label: str
    entities: int
    relations: int
    skipped: dict[str, int]
    warnings: list[str]
    notes: list[str]
    publisher_date: str | None


def load_paths(
    ctx: Context,
    paths: list[Path],
    fmt: str | None = None,
    dataset: str | None = None,
    on_job: Callable[[LoadJob], None] | None = None,
) -> list[LoadReport]:
    """Parse every list in ``paths`` and replace their datasets in the store atomically."""
    jobs = plan(paths, fmt)
    if dataset and len(jobs) > 1:
        raise InputError(f"--dataset names one dataset, but the paths hold {len(jobs)} lists")
    parsed: list[tuple[LoadJob, LoadedSource]] = []
    for job in jobs:
        loaded = job.run(dataset)
        if loaded.dataset == REGISTRY_DATASET:
            raise InputError(
                f"the dataset name {REGISTRY_DATASET!r} is reserved for the embedded registry",
                file=job.label,
            )
        parsed.append((job, loaded))
        if on_job is not None:
            on_job(job)
    names = [loaded.dataset for _, loaded in parsed]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise InputError(
            f"two of the given lists would both replace dataset "
            f"{sorted(duplicates)[0]!r}; load them separately or use --dataset"
        )
    try:
        ctx.store.replace_datasets([loaded for _, loaded in parsed], resolver=resolve_links)
    except Exception as exc:
        if disk_full(exc):
            raise CountersightError(
                "the disk is full: nothing was loaded and the store is as it was; free some "
                "space and load again"
            ) from None
        raise
    ctx.invalidate()
    return [
        LoadReport(
            dataset=loaded.dataset,
            kind=loaded.kind,
            label=job.label,
            entities=len(loaded.entities),
            relations=len(loaded.relations),
            skipped=dict(loaded.skipped),
            warnings=list(loaded.warnings),
            notes=list(job.notes),
            publisher_date=loaded.publisher_date.isoformat() if loaded.publisher_date else None,
        )
        for job, loaded in parsed
    ]


def disk_full(exc: BaseException) -> bool:
    """Whether an error from the store means the disk (or the database's quota) is full:
    ENOSPC, SQLite's "database or disk is full", PostgreSQL's disk_full (53100)."""
    for error in (exc, getattr(exc, "orig", None), exc.__cause__):
        if error is None:
            continue
        if isinstance(error, OSError) and error.errno == errno.ENOSPC:
            return True
        if getattr(error, "sqlstate", None) == "53100":
            return True
        text = str(error)
        if "database or disk is full" in text or "No space left on device" in text:
            return True
    return False


def remove_dataset(ctx: Context, dataset: str) -> None:
    if dataset == REGISTRY_DATASET:
        raise InputError("the embedded registry cannot be removed")
    ctx.store.remove_dataset(dataset, resolver=resolve_links)
    ctx.invalidate()
