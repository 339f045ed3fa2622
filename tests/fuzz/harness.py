"""Run fuzz cases in a forked, bounded worker and sort each outcome.

A case is a callable run in a child process forked from the test (so nothing is pickled),
under an address-space limit (:data:`MEMORY_MB` above the parent's) and a limit of
:data:`TIMEOUT` seconds of CPU time per case (CPU, not wall-clock, so a busy machine does not
turn a slow case into a hang; a wall-clock backstop of :data:`BACKSTOP` catches a case that
waits without computing). The child runs cases one after another and reports each on a
pipe; when it dies or stalls, the case in flight is recorded (``memory``/``hang``/``killed``)
and a fresh child carries on from the next case. Outcomes:

- ``ok``: the input was accepted;
- ``refused``: a clean refusal (an ``InputError``, or HTTP 400/413) with a one-line message;
- ``crash:<Type>``: any other exception (a traceback for the user, a 500 for a client);
- ``long-message``: a clean refusal whose one line runs past 1,000 characters (it quotes a
  huge cell in full): counted apart, a finding of its own, not a failure of the invariant;
- ``bad-message``: a refusal whose message is empty or spans lines;
- ``store-changed``: refused, but the store is not as it was;
- ``memory``, ``hang``, ``died``: past the memory or time bound, or the worker died.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import select
import signal
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sql_select

from countersight.exc import InputError
from countersight.store import Store, tables

TIMEOUT = 6.0
BACKSTOP = 60.0
MEMORY_MB = 768
CLEAN = frozenset({"ok", "refused", "long-message"})
SUMMARY_DIR = Path(__file__).resolve().parents[2] / "build" / "fuzz"


class OverTime(BaseException):
    """Raised in the child when a case has used :data:`TIMEOUT` seconds of CPU."""


def _over_time(signum: int, frame: object) -> None:
    raise OverTime


class Refused(Exception):
    """A front end's clean refusal (HTTP 400/413), carrying its message."""


@dataclass(frozen=True, slots=True)
class Case:
    """One input to try: a label naming the mutation, and the action that tries it."""

    label: str
    run: Callable[[Any], None]


@dataclass(slots=True)
class Report:
    """Outcomes of one fuzz run, in case order."""

    name: str
    outcomes: list[tuple[str, str, str]] = field(default_factory=list)  # label, outcome, detail

    @property
    def counts(self) -> Counter[str]:
        return Counter(outcome for _, outcome, _ in self.outcomes)

    def failures(self) -> list[tuple[str, str, str]]:
        return [o for o in self.outcomes if o[1] not in CLEAN]

    def save(self) -> None:
        SUMMARY_DIR.mkdir(parents=True, exist_ok=True)
        (SUMMARY_DIR / f"{self.name}.json").write_text(
            json.dumps(
                {
                    "name": self.name,
                    "cases": len(self.outcomes),
                    "counts": dict(sorted(self.counts.items())),
                    "failures": self.failures()[:20],
                },
                indent=1,
            ),
            encoding="utf-8",
        )

    def explain(self) -> str:
        lines = [f"{self.name}: {dict(self.counts)}"]
        lines += [f"  {label}: {outcome} {detail}" for label, outcome, detail in self.failures()]
        return "\n".join(lines[:40])


def fingerprint(store: Store) -> str:
    """Row counts and a digest of every table: equal before and after a refused input."""
    digest = hashlib.sha256()
    with store.engine.connect() as conn:
        for table in tables.metadata.sorted_tables:
            count = conn.execute(sql_select(func.count()).select_from(table)).scalar_one()
            digest.update(f"{table.name}:{count}\n".encode())
            for row in conn.execute(sql_select(table)).mappings():
                digest.update(json.dumps(dict(row), default=str, sort_keys=True).encode())
    return digest.hexdigest()


def check_message(message: str) -> str:
    """``refused`` for a clean one-line message (``long-message`` past 1,000 characters),
    else ``bad-message``."""
    if "\n" in message.strip() or not message.strip():
        return "bad-message"
    return "long-message" if len(message) > 1000 else "refused"


def classify(case: Case, state: Any) -> tuple[str, str]:
    """Run one case in the child and name its outcome. The store's fingerprint after each
    case is the next case's "before" (kept on the state as ``fingerprint``)."""
    store: Store | None = getattr(state, "store", None)
    before = getattr(state, "fingerprint", None)
    if store is not None and before is None:
        before = fingerprint(store)
    signal.setitimer(signal.ITIMER_PROF, TIMEOUT)
    try:
        try:
            case.run(state)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
    except OverTime:
        return "hang", f"over {TIMEOUT:.0f} s of CPU"
    except (InputError, Refused) as exc:
        outcome = check_message(str(exc))
        if store is not None:
            after = fingerprint(store)
            state.fingerprint = after
            if after != before:
                return "store-changed", str(exc)[:200]
        return outcome, str(exc)[:200]
    except MemoryError:
        return "memory", "MemoryError"
    except BaseException as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        detail = f"{exc.__class__.__name__}: {str(exc)[:160]} at {where.filename}:{where.lineno}"
        return f"crash:{exc.__class__.__name__}", detail
    if store is not None:
        state.fingerprint = None  # accepted input may change the store
    return "ok", ""


def _limit_memory() -> None:
    with open("/proc/self/status", encoding="ascii") as status:
        size_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    limit = (size_kb + MEMORY_MB * 1024) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _child(cases: Sequence[Case], start: int, setup: Callable[[], Any] | None, out: int) -> None:
    code = 0
    try:
        _limit_memory()
        signal.signal(signal.SIGPROF, _over_time)
        state = setup() if setup is not None else None
        for index in range(start, len(cases)):
            os.write(out, f"S {index}\n".encode())
            outcome, detail = classify(cases[index], state)
            line = json.dumps([index, outcome, detail.replace("\n", " ")])
            os.write(out, f"D {line}\n".encode())
            if outcome in ("hang", "memory"):
                break  # interrupted mid-way, the state may be broken: start afresh
    except BaseException:
        code = 3
    finally:
        os._exit(code)


def _reap(pid: int) -> str:
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return f"died:{signal.Signals(os.WTERMSIG(status)).name}"
    return f"died:exit {os.WEXITSTATUS(status)}"


def run_cases(
    name: str,
    cases: Sequence[Case],
    setup: Callable[[], Any] | None = None,
    timeout: float = BACKSTOP,
) -> Report:
    """Run every case under the bounds; one forked child at a time."""
    report = Report(name)
    results: dict[int, tuple[str, str]] = {}
    start = 0
    setup_budget = BACKSTOP  # the first case may wait for the setup (index build)
    while start < len(cases):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            _child(cases, start, setup, write_end)
        os.close(write_end)
        in_flight: int | None = None
        progressed = False
        deadline = time.monotonic() + setup_budget + timeout
        buffer = b""
        finished = False
        with os.fdopen(read_end, "rb", buffering=0) as pipe:
            while True:
                remaining = deadline - time.monotonic()
                ready = select.select([pipe], [], [], max(remaining, 0))[0] if remaining > 0 else []
                if not ready:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    failed = in_flight if in_flight is not None else start
                    results[failed] = ("hang", f"no answer within {timeout:.0f} s (wall clock)")
                    start = failed + 1
                    break
                chunk = pipe.read(65536)
                if not chunk:
                    cause = _reap(pid)
                    if in_flight is None:
                        finished = start >= len(cases)
                        if not finished and not progressed:  # the setup itself failed
                            raise RuntimeError(f"fuzz worker for {name} died during setup")
                        break
                    results[in_flight] = (cause, "the worker died on this case")
                    start = in_flight + 1
                    break
                buffer += chunk
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    if line.startswith(b"S "):
                        in_flight = int(line[2:])
                        deadline = time.monotonic() + timeout
                    elif line.startswith(b"D "):
                        index, outcome, detail = json.loads(line[2:])
                        results[index] = (outcome, detail)
                        in_flight = None
                        progressed = True
                        start = index + 1
        if finished:
            break
        setup_budget = BACKSTOP
    for index, case in enumerate(cases):
        outcome, detail = results.get(index, ("hang", "not reached"))
        report.outcomes.append((case.label, outcome, detail))
    report.save()
    return report
