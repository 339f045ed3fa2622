"""Reading an untrusted upload in a child process with a memory and a time limit.

A hostile file (a workbook whose rows are padded to 16,384 columns, a shared-strings bomb, a
name of 100,000 characters) must cost its own process, never the server: the child gets an
address-space limit (``RLIMIT_AS``) and a deadline, and is killed past it. Children are
forked from a clean fork server that has the readers imported already, so a check costs
milliseconds, not an interpreter start. Where ``resource`` or the fork server are missing
(not Linux), the check runs in the calling thread without limits.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from countersight.exc import CountersightError, InputError

_PRELOAD = ["countersight.service.screening"]


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
) -> None:
    import resource

    limit = _vm_size() + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        work(*args)
        conn.send(None)
    except CountersightError as exc:
        conn.send((type(exc).__name__, exc.raw))  # option mentions unworded
    except MemoryError:
        conn.send(("MemoryError", ""))
    except Exception as exc:  # reported as unreadable; the parent never sees a trace
        conn.send(("Exception", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _context() -> Any:
    if sys.platform != "linux":
        return None
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


def run_limited(
    work: Callable[..., Any], args: tuple[Any, ...], *, name: str, seconds: float, memory_mb: int
) -> None:
    """Run ``work(*args)`` in a child with limits; re-raise its Countersight errors, and turn
    running out of time or memory into one InputError naming ``name``."""
    context = _context()
    if context is None:
        work(*args)
        return
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, work, args, memory_mb), daemon=True)
    process.start()
    sender.close()
    try:
        ready = receiver.poll(seconds)
        outcome: tuple[str, str] | None = receiver.recv() if ready else ("timeout", "")
    except EOFError:  # the child died without answering: killed for memory
        outcome = ("MemoryError", "")
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
    if outcome is None:
        return
    kind, message = outcome
    if kind == "timeout":
        raise InputError(f"reading the file took longer than {seconds:g} s; split it", file=name)
    if kind == "MemoryError":
        raise InputError(
            f"reading the file needs more than {memory_mb} MB of memory; split it or save it "
            "without empty formatted cells",
            file=name,
        )
    if kind == "Exception":
        raise InputError(f"the file cannot be read ({message})", file=name)
    error_class = InputError if kind in ("InputError", "UploadTooLarge") else CountersightError
    raise error_class(message)


__all__ = ["run_limited"]
