"""Reading an upload in a child process with memory and time limits."""

from __future__ import annotations

import sys
import time

import pytest

from countersight.exc import InputError
from countersight.service.sandbox import run_limited

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="limits need Linux")


def _hog(megabytes: int) -> None:
    blocks = [bytearray(1024 * 1024) for _ in range(megabytes)]
    assert blocks


def _slow(seconds: float) -> None:
    time.sleep(seconds)


def _refuse(name: str) -> None:
    raise InputError("no column with names", file=name)


def test_a_reader_past_its_memory_limit_is_refused_in_one_line() -> None:
    with pytest.raises(InputError, match=r"^book.xlsx: reading the file needs more than 64 MB"):
        run_limited(_hog, (512,), name="book.xlsx", seconds=30, memory_mb=64)


def test_a_reader_past_its_deadline_is_killed() -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match="took longer than 1 s"):
        run_limited(_slow, (60,), name="slow.csv", seconds=1, memory_mb=64)
    assert time.monotonic() - started < 20


def test_errors_and_success_come_back() -> None:
    with pytest.raises(InputError, match=r"^a.csv: no column with names$"):
        run_limited(_refuse, ("a.csv",), name="a.csv", seconds=30, memory_mb=256)
    run_limited(_hog, (8,), name="ok.csv", seconds=30, memory_mb=256)
