"""Screenings run in the background for the API and web app.

An upload is checked before a job exists: too large (413) or unreadable (400) leaves no job
and no file behind. Accepted uploads are screened by a small thread pool; the job row
carries status and progress, and on success the run id whose document is the result.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from countersight.exc import CountersightError, InputError, UploadTooLarge
from countersight.service.context import Context
from countersight.service.screening import ScreenOptions, read_input, screen
from countersight.store import jobs as jobs_store
from countersight.store import records

log = logging.getLogger(__name__)
ALLOWED_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xml")


@dataclass(slots=True)
class Upload:
    """A file received from a client, already saved to a private temp folder."""

    name: str
    path: Path


def safe_name(name: str) -> str:
    base = Path(name or "upload").name
    cleaned = "".join(c if c.isalnum() or c in "._-" else "_" for c in base)[:120]
    return cleaned or "upload"


def check_upload(name: str, size: int, limit_mb: int) -> None:
    if size > limit_mb * 1024 * 1024:
        raise UploadTooLarge(f"{name} is {size / 1_048_576:.1f} MB; the limit is {limit_mb} MB")
    if not name.lower().endswith(ALLOWED_SUFFIXES):
        raise InputError(f"{name}: upload a CSV, TSV, XLSX or N-PORT XML file")


@dataclass
class JobRunner:
    """Runs screenings on a thread pool and records their progress."""

    ctx: Context
    workers: int = 1
    _pool: ThreadPoolExecutor = field(init=False)
    _root: Path = field(init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="screen")
        self._root = Path(tempfile.mkdtemp(prefix="countersight-uploads-"))

    def folder(self) -> Path:
        """A fresh private folder for one upload's files."""
        return Path(tempfile.mkdtemp(dir=self._root))

    def submit(
        self,
        main: Upload,
        user: str,
        options: ScreenOptions,
        funds: list[tuple[str, Upload]] | None = None,
    ) -> str:
        """Validate the upload (raising InputError for bad content), then queue the job."""
        folder = main.path.parent
        try:
            read_input(main.path, options)
            specs = []
            for key, fund in funds or []:
                read_input(fund.path, ScreenOptions())
                specs.append(f"{key}={fund.path}" if key else str(fund.path))
            options.holdings = specs
            options.by = user
        except CountersightError:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        job_id = jobs_store.create_job(self.ctx.store, main.name, user)
        self._pool.submit(self._run, job_id, main, options, folder)
        return job_id

    def _run(self, job_id: str, main: Upload, options: ScreenOptions, folder: Path) -> None:
        store = self.ctx.store
        jobs_store.update_job(store, job_id, status="running", progress=0.01)
        last = [0.0]

        def progress(stage: str, done: int, total: int) -> None:
            if total <= 0:
                return
            if done == 0:
                last[0] = 0.0
                return
            last[0] += done / total
            jobs_store.update_job(
                store, job_id, progress=round(0.05 + 0.9 * min(last[0], 1), 3), message=stage
            )

        try:
            document = screen(self.ctx, main.path, options, progress)
            jobs_store.update_job(
                store, job_id, status="done", progress=1.0, message=None, run_id=document["run"]
            )
        except CountersightError as exc:
            jobs_store.update_job(store, job_id, status="failed", message=str(exc))
        except Exception:  # reported to the client as a failure, never as a stack trace
            log.exception("screening job %s failed", job_id)
            jobs_store.update_job(
                store, job_id, status="failed", message="internal error while screening"
            )
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def result(self, job_id: str) -> dict[str, Any]:
        """The job, and its screening document once done."""
        job = jobs_store.get_job(self.ctx.store, job_id)
        if job["status"] == "done" and job["run_id"]:
            job["result"] = records.get_run(self.ctx.store, job["run_id"])["result"]
        return job

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self._root, ignore_errors=True)
