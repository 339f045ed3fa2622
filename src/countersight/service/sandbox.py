"""Reading an untrusted upload, and screening it, in a child process with limits.

A hostile file (a workbook whose rows are padded to 16,384 columns, a shared-strings bomb, a
name of 100,000 characters) must cost its own process, never the server: the child gets an
address-space limit (``RLIMIT_AS``) and a deadline, and is killed past it. Children are
forked from a clean fork server that has the readers imported already, so a check costs
milliseconds, not an interpreter start. Where ``resource`` or the fork server are missing
(not Linux), the work runs in the calling thread without limits.

Each :class:`Task` says what the child does, in the words its messages use, and when its
memory limit starts: reading an upload is limited from the start; a screening first loads
the match index (shared data, not the job's own) and is limited from there. The child runs
in its own process group, so a deadline also ends the processes it forked.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from countersight.exc import CountersightError, InputError

_PRELOAD = ["countersight.service.screening"]


@dataclass(frozen=True, slots=True)
class Task:
    """What a limited child does, as its messages say it."""

    doing: str  # "reading the file"
    too_slow: str  # advice when past the deadline
    too_big: str  # advice when past the memory limit
    limit_at_start: bool = True  # else the work calls :func:`limit_memory` itself
    input_errors: bool = True  # an unexpected error means the file is unreadable
    forks: bool = False  # the work starts processes of its own (a daemon child cannot)


READING = Task("reading the file", "split it", "split it or save it without empty formatted cells")
_MEMORY_MB: list[int] = []  # the child's budget, for limit_memory()
_RUNNING: set[Any] = set()  # children under way, for stop_all()
_RUNNING_LOCK = threading.Lock()


def limit_memory(memory_mb: int | None = None) -> None:
    """Cap this process's address space at what it uses now plus ``memory_mb`` (by default
    the budget the limited child was given). Past it, allocations fail (MemoryError)."""
    import resource

    budget = memory_mb if memory_mb is not None else _MEMORY_MB[-1]
    limit = _vm_size() + budget * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _vm_size() -> int:
    """This process's virtual memory in bytes (Linux), or 0 when unknown."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _child(
    conn: multiprocessing.connection.Connection,
    work: Callable[..., Any],
    args: tuple[Any, ...],
    memory_mb: int,
    limit_at_start: bool,
) -> None:
    os.setpgid(0, 0)  # its own group: a deadline kills what it forked too
    _MEMORY_MB.append(memory_mb)
    try:
        if limit_at_start:
            limit_memory(memory_mb)
        conn.send(("ok", work(*args)))
    except CountersightError as exc:
        conn.send((type(exc).__name__, exc.raw))  # option mentions unworded
    except MemoryError:
        conn.send(("MemoryError", ""))
    except Exception as exc:  # reported in one line; the parent never sees a trace
        conn.send(("Exception", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _context() -> Any:
    if sys.platform != "linux":
        return None
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


def _kill(process: Any) -> None:
    """Kill the child and every process in its group."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()


def stop_all() -> None:
    """Kill every limited child under way (a stopping server), with what they started."""
    with _RUNNING_LOCK:
        running = list(_RUNNING)
    for process in running:
        _kill(process)


def run_limited(
    work: Callable[..., Any],
    args: tuple[Any, ...],
    *,
    name: str,
    seconds: float,
    memory_mb: int,
    task: Task = READING,
) -> Any:
    """Run ``work(*args)`` in a child with limits and return its result; re-raise its
    Countersight errors, and turn running out of time or memory into one InputError naming
    ``name``."""
    context = _context()
    if context is None:
        return work(*args)
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child,
        args=(sender, work, args, memory_mb, task.limit_at_start),
        daemon=not task.forks,
    )
    with _RUNNING_LOCK:
        process.start()
        _RUNNING.add(process)
    sender.close()
    outcome: tuple[str, Any] = ("timeout", "")
    try:
        if receiver.poll(seconds):
            outcome = receiver.recv()
    except EOFError:  # the child died without answering: killed for memory
        outcome = ("MemoryError", "")
    finally:
        _kill(process)  # past its deadline, or done: nothing it started outlives it
        process.join(5)
        receiver.close()
        with _RUNNING_LOCK:
            _RUNNING.discard(process)
    return _result(outcome, name, seconds, memory_mb, task)


def _result(outcome: tuple[str, Any], name: str, seconds: float, memory_mb: int, task: Task) -> Any:
    kind, value = outcome
    if kind == "ok":
        return value
    if kind == "timeout":
        raise InputError(f"{task.doing} took longer than {seconds:g} s; {task.too_slow}", file=name)
    if kind == "MemoryError":
        raise InputError(
            f"{task.doing} needs more than {memory_mb} MB of memory; {task.too_big}", file=name
        )
    if kind == "Exception":
        if not task.input_errors:
            raise RuntimeError(value)
        raise InputError(f"the file cannot be read ({value})", file=name)
    error_class = InputError if kind in ("InputError", "UploadTooLarge") else CountersightError
    raise error_class(value)


__all__ = ["READING", "Task", "limit_memory", "run_limited", "stop_all"]
