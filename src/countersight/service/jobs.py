"""Screenings run in the background for the API and web app.

An upload is checked before a job exists: too large (413) or unreadable (400) leaves no job
and no file behind. The check reads the file in a child process with a memory and a time
limit (:mod:`countersight.service.sandbox`), off the event loop, so a hostile file costs its
own process and other clients keep getting answers. Accepted uploads are screened one at a
time, each in a child process of its own with the limits ``screen_memory_mb`` (beyond the
match index it loads from the shared cache) and ``screen_seconds``: a screening past either
fails with a message saying which, and the server carries on. The job row carries status and
progress, and on success the run id whose document is the result.

Each job records the server process that runs it (``host:pid``), and each process keeps its
uploads in its own folder under ``<cache dir>/uploads``. When a server stops, its queued and
running jobs are marked failed ("server stopped"); when ``serve`` starts, :func:`recover`
does the same for jobs whose process on this host is gone (a killed server), and removes
their folders, leaving alone the jobs of servers still running, here or on other hosts.
Messages and documents name the client's file, never the server's temp path. A failed job's
message keeps its option mentions unworded (:func:`countersight.exc.mention`): the API and
the web app each word them as their own field or control when they show it. A finished
job keeps its input (file, fund files, reading options) in the store, so that it can be
monitored later as a watch (:mod:`countersight.service.monitor`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import queue
import shutil
import socket
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from countersight.exc import CountersightError, InputError, UploadTooLarge
from countersight.model.screening import ScreeningDocument
from countersight.service.context import Context
from countersight.service.sandbox import Task, limit_memory, run_limited, stop_all
from countersight.service.screening import Progress, ScreenOptions, read_input, screen
from countersight.service.watches import kept_options
from countersight.settings import Settings
from countersight.store import Store, records
from countersight.store import jobs as jobs_store

log = logging.getLogger(__name__)
ALLOWED_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xml")
CHECK_SECONDS = 60.0
CHECK_MEMORY_MB = 1024
STOPPED = "server stopped before the screening finished; upload the file again"
SCREENING = Task(
    "screening the file",
    "split it, or ask the administrator to raise COUNTERSIGHT_SCREEN_SECONDS",
    "split it, or ask the administrator to raise COUNTERSIGHT_SCREEN_MEMORY_MB",
    limit_at_start=False,
    input_errors=False,
    forks=True,  # the batch matcher forks its workers
)


@dataclass(slots=True)
class Upload:
    """A file received from a client, already saved to a private temp folder as ``name``
    (a safe name); ``shown`` is the client's own name for it, as messages give it."""

    name: str
    path: Path
    shown: str = ""


def shown_name(name: str | None) -> str:
    """A client's file name as messages show it: the name without folders or control
    characters (``Holdings Q3 2026.xlsx`` stays so)."""
    base = Path((name or "upload").replace("\\", "/")).name
    return "".join(c for c in base if c.isprintable())[:200] or "upload"


def safe_name(name: str) -> str:
    base = Path(name or "upload").name
    cleaned = "".join(c if c.isalnum() or c in "._-" else "_" for c in base)[:120]
    return cleaned or "upload"


def check_upload(name: str, size: int, limit_mb: int) -> None:
    if size > limit_mb * 1024 * 1024:
        raise UploadTooLarge(f"{name} is {size / 1_048_576:.1f} MB; the limit is {limit_mb} MB")
    if not name.lower().endswith(ALLOWED_SUFFIXES):
        raise InputError(f"{name}: upload a CSV, TSV, XLSX or N-PORT XML file")


def uploads_root(ctx: Context) -> Path:
    """Where upload folders live for this store's servers."""
    return Path(ctx.settings.cache_dir) / "uploads"


def scrub(value: Any, folder: Path) -> Any:
    """``value`` with the server's folder removed from every string, leaving file names."""
    prefix = str(folder).rstrip("/") + "/"
    if isinstance(value, str):
        return value.replace(prefix, "")
    if isinstance(value, dict):
        return {k: scrub(v, folder) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v, folder) for v in value]
    return value


def _scrubbed(exc: CountersightError, uploads: list[Upload]) -> CountersightError:
    """The same kind of error, its message naming the client's file by the client's name."""
    return type(exc)(_named(exc.raw, uploads))


def _named(message: str, uploads: list[Upload]) -> str:
    """A message with the uploads' saved paths replaced by the names the client gave."""
    for upload in uploads:
        message = message.replace(str(upload.path), upload.shown or upload.name)
    return scrub(message, uploads[0].path.parent) if uploads else message


def process_id() -> str:
    """This server process, as jobs record it: ``host:pid``."""
    return f"{safe_name(socket.gethostname()).replace('-', '_')}:{os.getpid()}"


def _gone(owner: str | None) -> bool:
    """Whether the process that owned a job is known to be gone: no owner (an older job),
    or a process of this host that no longer exists. Other hosts' processes count as alive."""
    if not owner:
        return True
    host, _, pid = owner.rpartition(":")
    if host != process_id().rpartition(":")[0] or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def recover(ctx: Context) -> int:
    """At server start: fail the jobs that stopped servers left queued or running, and
    remove their upload folders. Returns how many jobs were failed."""
    dead = [job_id for job_id, owner in jobs_store.unfinished(ctx.store) if _gone(owner)]
    jobs_store.fail_jobs(ctx.store, dead, STOPPED)
    root = uploads_root(ctx)
    for folder in root.glob("*") if root.is_dir() else []:
        host, _, pid = folder.name.removeprefix("server-").rpartition("-")[0].rpartition("-")
        if _gone(f"{host}:{pid}" if host else None):
            shutil.rmtree(folder, ignore_errors=True)
    return len(dead)


def prune_inputs(ctx: Context, now: datetime | None = None) -> int:
    """When a screening finishes: delete the kept files of screenings created more than
    ``job_inputs_days`` ago that no watch was made from (0 keeps them forever). Returns
    how many screenings' files were deleted."""
    days = ctx.settings.job_inputs_days
    if days <= 0:
        return 0
    before = (now or datetime.now(UTC)) - timedelta(days=days)
    return jobs_store.prune_inputs(ctx.store, before)


def _prune_quietly(ctx: Context) -> None:
    """:func:`prune_inputs`, logged rather than raised: housekeeping never fails the
    screening that triggered it."""
    try:
        prune_inputs(ctx)
    except Exception:
        log.exception("could not delete expired screening files")


def _progress_writer(store: Store, job_id: str) -> Progress:
    """Records a screening's progress on its job row (5% to 95% across the stages)."""
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

    return progress


def screen_job(
    settings: Settings, version: str, path: Path, options: ScreenOptions, job_id: str
) -> ScreeningDocument:
    """One uploaded screening, as its limited child runs it: on the data version its server
    was answering from, with the memory limit counted from after the index is loaded."""
    store = Store(settings.db, migrate=False)
    try:
        ctx = Context(settings=settings, store=store).at_version(version)
        limit_memory()
        return screen(ctx, path, options, _progress_writer(store, job_id))
    finally:
        store.close()


@dataclass
class _Job:
    id: str
    main: Upload
    options: ScreenOptions
    folder: Path


@dataclass
class JobRunner:
    """Checks uploads in limited child processes and screens them on background threads."""

    ctx: Context
    workers: int = 1
    _queue: queue.Queue[_Job | None] = field(init=False)
    _checks: ThreadPoolExecutor = field(init=False)
    _root: Path = field(init=False)
    _active: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stopping: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._queue = queue.Queue()
        self._checks = ThreadPoolExecutor(max_workers=2, thread_name_prefix="upload-check")
        uploads_root(self.ctx).mkdir(parents=True, exist_ok=True)
        host, pid = process_id().rsplit(":", 1)
        prefix = f"server-{host}-{pid}-"
        self._root = Path(tempfile.mkdtemp(prefix=prefix, dir=uploads_root(self.ctx)))
        for n in range(self.workers):
            # Daemon threads: a stopping server does not wait for a screening to finish.
            threading.Thread(target=self._work, name=f"screen-{n}", daemon=True).start()

    @property
    def checks(self) -> ThreadPoolExecutor:
        """The bounded pool that upload checks run on (never the event loop)."""
        return self._checks

    def folder(self) -> Path:
        """A fresh private folder for one upload's files."""
        return Path(tempfile.mkdtemp(dir=self._root))

    def check(self, main: Upload, options: ScreenOptions, funds: list[tuple[str, Upload]]) -> None:
        """Read the upload and fund files in limited child processes (InputError if bad)."""
        try:
            for upload, opts in [(main, options)] + [(f, ScreenOptions()) for _, f in funds]:
                run_limited(
                    read_input,
                    (upload.path, replace(opts)),
                    name=upload.shown or upload.name,
                    seconds=CHECK_SECONDS,
                    memory_mb=CHECK_MEMORY_MB,
                )
        except CountersightError as exc:
            raise _scrubbed(exc, [main, *(f for _, f in funds)]) from None

    def submit(
        self,
        main: Upload,
        user: str,
        options: ScreenOptions,
        funds: list[tuple[str, Upload]] | None = None,
    ) -> str:
        """Queue a checked upload; returns the job id."""
        specs = [f"{key}={fund.path}" if key else str(fund.path) for key, fund in funds or []]
        options.holdings = specs
        options.by = user
        job_id = jobs_store.create_job(self.ctx.store, main.name, user, process_id())
        with self._lock:
            self._active.add(job_id)
        self._queue.put(_Job(job_id, main, options, main.path.parent))
        return job_id

    def _work(self) -> None:
        while (job := self._queue.get()) is not None:
            if self._stopping.is_set():
                return
            try:
                self._run(job)
            except Exception as exc:  # the outcome could not be written: database down
                log.warning("screening %s: could not record its outcome: %s", job.id, exc)

    def _run(self, job: _Job) -> None:
        store = self.ctx.store
        jobs_store.update_job(store, job.id, status="running", progress=0.01)
        settings = self.ctx.settings
        try:
            version = self.ctx.engine().view.version
            document = run_limited(
                screen_job,
                (settings, version, job.main.path, replace(job.options, save=False), job.id),
                name=job.main.name,
                seconds=settings.screen_seconds,
                memory_mb=settings.screen_memory_mb,
                task=SCREENING,
            )
            document = scrub(document, job.folder)
            digest = hashlib.sha256(job.main.path.read_bytes()).hexdigest()
            run_id = records.add_run(
                store, job.main.name, digest, job.options.by, document["summary"], document
            )
            jobs_store.keep_input(
                store,
                job.id,
                job.main.name,
                job.main.path.read_bytes(),
                kept_options(job.options),  # names only: no server path
            )
            _prune_quietly(self.ctx)  # before "done": a client that saw it sees the pruning
            jobs_store.update_job(
                store, job.id, status="done", progress=1.0, message=None, run_id=run_id
            )
        except CountersightError as exc:
            if not self._stopping.is_set():  # else shutdown() records why it stopped
                message = _named(exc.raw, [job.main])
                jobs_store.update_job(store, job.id, status="failed", message=message)
        except Exception:  # reported to the client as a failure, never as a stack trace
            if not self._stopping.is_set():
                log.exception("screening job %s failed", job.id)
                jobs_store.update_job(
                    store, job.id, status="failed", message="internal error while screening"
                )
        finally:
            with self._lock:
                self._active.discard(job.id)
            shutil.rmtree(job.folder, ignore_errors=True)

    def result(self, job_id: str) -> dict[str, Any]:
        """The job, and its screening document once done."""
        job = jobs_store.get_job(self.ctx.store, job_id)
        if job["status"] == "done" and job["run_id"]:
            job["result"] = records.get_run(self.ctx.store, job["run_id"])["result"]
        return job

    def shutdown(self) -> None:
        """Stop: this server's unfinished jobs are marked failed and its uploads removed."""
        self._stopping.set()
        for _ in range(self.workers):
            self._queue.put(None)
        self._checks.shutdown(wait=False, cancel_futures=True)
        stop_all()  # a screening's child would otherwise hold up the server's exit
        with self._lock:
            unfinished = sorted(self._active)
        for job_id in unfinished:
            try:
                jobs_store.update_job(self.ctx.store, job_id, status="failed", message=STOPPED)
            except Exception:  # the database may be gone too; recover() fails them later
                log.warning("could not mark screening %s as stopped", job_id)
        shutil.rmtree(self._root, ignore_errors=True)
