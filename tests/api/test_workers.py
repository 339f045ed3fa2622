"""``serve --workers 2`` on SQLite and PostgreSQL: a new list's index is built once and
warmed in the background while the old one answers, and many keep-alive connections are
shared by both workers."""

from __future__ import annotations

import fcntl
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from countersight.service.context import open_context
from countersight.service.loading import load_paths
from countersight.settings import load_settings
from countersight.store import accounts
from tests.conftest import fixture_data

pytestmark = pytest.mark.xdist_group("serve")

CUBA = {
    "queries": {"q1": {"schema": "Company", "properties": {"name": ["Banco Nacional de Cuba"]}}}
}


@dataclass
class Served:
    port: int
    key: str
    db: str
    cache: Path
    log: Path

    def call(self, path: str, body: object = None) -> Answer:
        """One request on a fresh connection: status, headers, JSON body."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            return _send(conn, path, self.key, body)
        finally:
            conn.close()


Answer = tuple[int, dict[str, str], dict[str, Any]]


def _send(conn: http.client.HTTPConnection, path: str, key: str, body: object = None) -> Answer:
    data = json.dumps(body).encode("utf-8") if body is not None else None
    headers = {"Authorization": f"ApiKey {key}", "Content-Type": "application/json"}
    conn.request("POST" if data else "GET", path, body=data, headers=headers)
    response = conn.getresponse()
    payload = response.read()
    answer: dict[str, Any] = json.loads(payload)
    return response.status, dict(response.getheaders()), answer


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: str, cache: Path, tmp: Path) -> Iterator[Served]:
    settings = load_settings(env={}, db=db, cache_dir=str(cache))
    ctx = open_context(settings)
    key = accounts.new_api_key(ctx.store, accounts.add_user(ctx.store, "bot", "viewer").name)
    ctx.store.close()
    port = _port()
    env = {**os.environ, "COUNTERSIGHT_DB": db, "COUNTERSIGHT_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "countersight", "serve", "--port", str(port), "--workers", "2"]
    log = tmp / "server.log"
    with log.open("wb") as sink:
        server = subprocess.Popen([*command, "--log-level", "info"], env=env, stderr=sink)
    served = Served(port, key, db, cache, log)
    try:
        ready: set[str] = set()
        for _ in range(1200):
            assert server.poll() is None, log.read_text(errors="replace")
            try:
                status, headers, _ = served.call("/readyz")
                if status == 200:
                    ready.add(headers["x-countersight-worker"])
                    if len(ready) == 2:
                        break
            except OSError:
                pass
            time.sleep(0.05)
        assert len(ready) == 2, "both workers should become ready"
        yield served
    finally:
        server.terminate()
        server.wait(timeout=60)


@pytest.fixture
def served(backend_url: str, tmp_path: Path) -> Iterator[Served]:
    yield from _serve(backend_url, tmp_path / "cache", tmp_path)


@pytest.fixture
def served_sqlite(tmp_path: Path) -> Iterator[Served]:
    yield from _serve(f"sqlite:///{tmp_path / 'cs.db'}", tmp_path / "cache", tmp_path)


def _top(answer: dict) -> str | None:  # type: ignore[type-arg]
    results = answer["responses"]["q1"]["results"]
    return results[0]["id"] if results and results[0]["match"] else None


def test_a_new_list_is_built_once_and_warmed_while_the_old_index_answers(
    served: Served,
) -> None:
    status, headers, answer = served.call("/match/default", CUBA)
    assert status == 200
    assert _top(answer) is None
    old = headers["x-countersight-data-version"]
    (lock_file,) = served.cache.glob("index-*.lock")
    ctx = open_context(load_settings(env={}, db=served.db, cache_dir=str(served.cache)))
    with lock_file.open("a+b") as lock:
        # Holding the index cache's lock, the test stops every build: whatever the workers
        # do meanwhile, they must keep answering from the old index, at once.
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        load_paths(ctx, [fixture_data("ofac-sdn-csv-2024-05")])
        new = ctx.store.version()
        assert new != old
        during: list[tuple[int, str, str, str | None]] = []
        deadline = time.monotonic() + 3  # past the workers' version check (every 2 s)
        while time.monotonic() < deadline or len({d[1] for d in during}) < 2:
            status, headers, answer = served.call("/match/default", CUBA)
            version = headers.get("x-countersight-data-version", "")
            during.append((status, headers["x-countersight-worker"], version, _top(answer)))
            assert time.monotonic() < deadline + 30, "only one worker answered"
        assert {(d[0], d[2], d[3]) for d in during} == {(200, old, None)}
        assert not list(served.cache.glob(f"index-*-{new}-*.pkl"))
        fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
    ctx.store.close()
    switched: dict[str, str | None] = {}
    for _ in range(600):
        status, headers, answer = served.call("/match/default", CUBA)
        assert status == 200
        if headers["x-countersight-data-version"] == new:
            switched[headers["x-countersight-worker"]] = _top(answer)
        if len(switched) == 2:
            break
        time.sleep(0.05)
    assert len(switched) == 2, "both workers should answer from the new list"
    assert all(top and top.startswith("ofac-") for top in switched.values()), switched
    assert len(list(served.cache.glob(f"index-*-{new}-*.pkl"))) == 1
    log = served.log.read_text(errors="replace")
    assert log.count(f"building the match index for data version {new}") == 1, log
    assert log.count(f"answering from data version {new}") == 2, log


def test_two_workers_share_many_keep_alive_connections(served_sqlite: Served) -> None:
    """Connections that arrive while one worker is busy (here: stopped for a moment, as a
    long request, a pause or a loaded machine would hold it) are shared by both workers once
    it runs again, and each keep-alive connection stays with its worker. With one listening
    socket shared by the workers (uvicorn's ``--workers``), the worker that happened to be
    free accepted all 100, and they stayed with it."""
    pids: set[int] = set()
    while len(pids) < 2:
        pids.add(int(served_sqlite.call("/healthz")[1]["x-countersight-worker"]))
    connections: list[http.client.HTTPConnection] = []
    busy = min(pids)
    os.kill(busy, signal.SIGSTOP)
    try:
        for _ in range(100):
            conn = http.client.HTTPConnection("127.0.0.1", served_sqlite.port, timeout=60)
            conn.connect()  # the kernel completes the handshake before any accept
            conn.request("GET", "/healthz")
            connections.append(conn)
        time.sleep(0.5)  # the free worker has had every chance to accept them all
    finally:
        os.kill(busy, signal.SIGCONT)

    def worker_of(conn: http.client.HTTPConnection) -> set[str]:
        response = conn.getresponse()
        response.read()
        workers = {response.getheader("x-countersight-worker", "")}
        for _ in range(2):
            workers.add(_send(conn, "/healthz", served_sqlite.key)[1]["x-countersight-worker"])
        conn.close()
        return workers

    with ThreadPoolExecutor(max_workers=len(connections)) as pool:  # one client each
        answered = list(pool.map(worker_of, connections))
    assert all(len(w) == 1 for w in answered)  # a keep-alive connection stays with one worker
    seen = [w for workers in answered for w in workers]
    shares = Counter(seen)
    assert len(seen) == len(connections) == 100
    # The kernel hashes each connection to a worker's socket: 100 split at worst 70:30 (a
    # worse split by luck has a chance under 1 in 10,000).
    assert set(shares) == {str(p) for p in pids}
    assert min(shares.values()) >= 30, shares
