"""Fork-based worker pools for the index build and the batch matcher.

Workers are forked, so they see the parent's index and entity list without copying them.
Objects that exist before the fork are frozen out of the garbage collector
(:func:`gc.freeze`): a collection in a worker would otherwise write to every object's header
and so copy the whole index into each worker.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

A = TypeVar("A")
R = TypeVar("R")


def can_fork() -> bool:
    """Whether worker processes can be forked here (POSIX with the fork start method)."""
    return os.name == "posix" and "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of acyclic objects (it
    would walk them all again and again as they accumulate)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def fork_map(func: Callable[[A], R], tasks: Iterable[A], workers: int) -> Iterator[R]:
    """``func`` over ``tasks`` in ``workers`` forked processes, results in task order."""
    context = multiprocessing.get_context("fork")
    gc.freeze()
    try:
        with context.Pool(workers) as pool:
            yield from pool.imap(func, tasks)
    finally:
        gc.unfreeze()
