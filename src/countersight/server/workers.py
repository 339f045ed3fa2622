"""``serve --workers N``: N server processes, each accepting on its own socket.

uvicorn's own ``--workers`` shares one listening socket between its processes: whichever
process wakes first accepts every connection waiting, and a keep-alive connection stays with
the process that accepted it, so many clients can end up on one worker while the other idles.
Here each worker binds its own socket to the same address with ``SO_REUSEPORT``, and the
kernel spreads new connections over the workers' sockets by a hash of the client's address
and port: many connections share out evenly, whatever the workers are doing.

The parent keeps a socket bound to the address (never listening, so it takes no connection)
to fail at once when the port is taken, starts the workers (fresh interpreters, as uvicorn
does), restarts a worker that dies, and on SIGTERM or SIGINT stops them all (each finishes
its requests under way and fails its unfinished screenings) and exits.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import socket
import threading
import time
from multiprocessing.process import BaseProcess
from types import FrameType

log = logging.getLogger("countersight.server")
APP = "countersight.server.app:create_app"
STOP_SECONDS = 30.0
_EARLY_DEATH = 10.0  # a worker dying this soon after its start will not do better restarted


def reuseport_available() -> bool:
    """Whether this system balances one address over several sockets (Linux, BSDs)."""
    return hasattr(socket, "SO_REUSEPORT")


def bind(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` that other sockets may share (``SO_REUSEPORT``)."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)
    sock.set_inheritable(True)
    return sock


def log_to_stderr(level: str) -> None:
    """Countersight's own messages (index builds, switches to a new data version, failed
    screenings) on stderr beside uvicorn's, at the server's log level."""
    logger = logging.getLogger("countersight")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s:     [%(process)d] %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level.upper())


def _worker(host: str, port: int, log_level: str) -> None:
    """One worker: its own socket on the shared address, one uvicorn server over the app."""
    import uvicorn

    log_to_stderr(log_level)
    sock = bind(host, port)
    config = uvicorn.Config(APP, factory=True, host=host, port=port, log_level=log_level)
    uvicorn.Server(config).run(sockets=[sock])


class Workers:
    """Starts, watches and stops the worker processes."""

    def __init__(self, host: str, port: int, count: int, log_level: str) -> None:
        self.args = (host, port, log_level)
        self.count = count
        self.spawn = multiprocessing.get_context("spawn")
        self.processes: list[tuple[BaseProcess, float]] = []
        self.stopping = threading.Event()

    def _start_one(self) -> tuple[BaseProcess, float]:
        process = self.spawn.Process(target=_worker, args=self.args, name="countersight-worker")
        process.start()
        return process, time.monotonic()

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping.set()

    def _replace_dead(self) -> bool:
        """Restart workers that died; False when one died at start (a broken set-up)."""
        for n, (process, started) in enumerate(self.processes):
            if process.is_alive():
                continue
            if time.monotonic() - started < _EARLY_DEATH:
                log.error("worker %s exited at start (code %s)", process.pid, process.exitcode)
                return False
            log.warning("worker %s died (code %s); starting another", process.pid, process.exitcode)
            self.processes[n] = self._start_one()
        return True

    def run(self) -> None:
        """Serve until SIGTERM or SIGINT; then stop every worker and return."""
        host, port, _ = self.args
        guard = bind(host, port)  # fails now if the port is taken; never listens
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._stop)
        try:
            self.processes = [self._start_one() for _ in range(self.count)]
            while not self.stopping.wait(0.5):
                if not self._replace_dead():
                    break
        finally:
            self._stop_all()
            guard.close()

    def _stop_all(self) -> None:
        for process, _ in self.processes:
            if process.is_alive() and process.pid is not None:
                _signal(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        for process, _ in self.processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(5)


def _signal(pid: int, signum: int) -> None:
    """Send ``signum`` to ``pid`` if it still runs."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signum)


__all__ = ["Workers", "bind", "log_to_stderr", "reuseport_available"]
