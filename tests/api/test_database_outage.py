"""PostgreSQL going away under a running server: 503 with Retry-After (never 500), /readyz
failing, and recovery without a restart once it is back.

The test starts and stops a throw-away cluster of its own (as ``scripts/with-test-services``
does), so it can stop the database under the app without touching the suite's server.
"""

from __future__ import annotations

import contextlib
import gc
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from countersight.server.app import create_app
from countersight.service.context import open_context
from countersight.settings import load_settings
from countersight.store import accounts
from tests.api.test_match_api import YENTE_BODY
from tests.conftest import REQUIRE_SERVICES, ROOT


@dataclass
class Cluster:
    bin: Path
    data: Path
    port: int
    run_as: list[str]

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/countersight"

    def ctl(self, *args: str) -> None:
        command = [*self.run_as, str(self.bin / "pg_ctl"), "-D", str(self.data), *args]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data.parent} -c fsync=off"
        self.ctl("-l", str(self.data.parent / "log"), "-w", "-o", options, "start")

    def stop(self) -> None:
        self.ctl("-m", "fast", "-w", "stop")


def _collect_dropped_connections(port: int) -> None:
    """psycopg warns when a connection the stopped server dropped is garbage-collected
    unclosed: close this cluster's connections and collect them here, quietly, rather than
    in whichever test runs next."""
    import psycopg

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
        for obj in gc.get_objects():
            if isinstance(obj, psycopg.Connection) and not obj.closed:
                with contextlib.suppress(Exception):
                    if obj.info.port == port:
                        obj.close()
        gc.collect()


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        if REQUIRE_SERVICES:
            pytest.fail("PostgreSQL's pg_ctl is missing but the services are required")
        pytest.skip("no PostgreSQL binaries (Debian: apt-get install postgresql)")
    bin_dir = Path(found[-1]).parent
    work = Path(tempfile.mkdtemp(prefix="countersight-outage-"))
    run_as: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(work, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    data = work / "data"
    subprocess.run(
        [*run_as, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    db = Cluster(bin_dir, data, port, run_as)
    db.start()
    subprocess.run(
        [
            *run_as,
            str(bin_dir / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "countersight",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    try:
        yield db
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            db.ctl("-m", "immediate", "stop")
        shutil.rmtree(work, ignore_errors=True)
        _collect_dropped_connections(port)


def test_database_outage_is_503_and_recovers_without_restart(
    cluster: Cluster, tmp_path: Path
) -> None:
    settings = load_settings(env={}, db=cluster.url, cache_dir=str(tmp_path / "cache"))
    context = open_context(settings)
    accounts.add_user(context.store, "alice", "analyst")
    key = {"Authorization": f"ApiKey {accounts.new_api_key(context.store, 'alice')}"}
    example = (ROOT / "examples" / "portfolio.csv").read_bytes()
    with TestClient(create_app(ctx=context), raise_server_exceptions=False) as client:
        for _ in range(600):
            if client.get("/readyz").status_code == 200:
                break
            time.sleep(0.05)
        job = client.post("/screenings", headers=key, files={"file": ("p.csv", example)})
        assert job.status_code == 202
        job_id = job.json()["id"]
        for _ in range(600):
            if client.get(f"/screenings/{job_id}", headers=key).json()["status"] == "done":
                break
            time.sleep(0.05)
        cluster.stop()
        calls: dict[str, Callable[[], Any]] = {
            "match": lambda: client.post("/match/default", json=YENTE_BODY, headers=key),
            "search": lambda: client.get("/search/default", params={"q": "x"}, headers=key),
            "screening": lambda: client.get(f"/screenings/{job_id}", headers=key),
            "upload": lambda: client.post(
                "/screenings", headers=key, files={"file": ("p.csv", example)}
            ),
            "readyz": lambda: client.get("/readyz"),
        }
        for name, call in calls.items():
            answer = call()
            assert answer.status_code == 503, (name, answer.text)
            assert "database is not reachable" in answer.json()["detail"], name
            assert int(answer.headers["retry-after"]) > 0
        assert client.get("/healthz").status_code == 200  # alive, though not ready
        _collect_dropped_connections(cluster.port)
        cluster.start()
        for _ in range(100):
            if client.get("/readyz").status_code == 200:
                break
            time.sleep(0.1)
        for name, call in calls.items():
            assert call().status_code in (200, 202), name
    context.store.close()
    _collect_dropped_connections(cluster.port)
