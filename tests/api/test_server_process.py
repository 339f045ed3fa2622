"""The team server as ``countersight serve`` runs it: a hostile upload does not stall other
clients, a chunked body is cut off at the limit, a restart fails orphaned jobs, and SIGTERM
stops cleanly."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook

from countersight.service.context import open_context
from countersight.service.jobs import process_id
from countersight.settings import load_settings
from countersight.store import accounts
from countersight.store import jobs as jobs_store
from tests.conftest import ROOT

pytestmark = pytest.mark.xdist_group("serve")


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str
    port: int
    log: Path
    key: str
    env: dict[str, str]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 10) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _start(env: dict[str, str], key: str, tmp: Path) -> Server:
    port = _port()
    log = tmp / f"server-{port}.log"
    command = [sys.executable, "-m", "countersight", "serve", "--port", str(port)]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, env=env, stderr=sink, stdout=sink)
    base = f"http://127.0.0.1:{port}"
    for _ in range(1200):
        assert process.poll() is None, log.read_text(errors="replace")
        try:
            if _get(f"{base}/readyz", timeout=2)[0] == 200:
                return Server(process, base, port, log, key, env)
        except OSError:
            pass
        time.sleep(0.1)
    process.kill()
    raise AssertionError("the server did not become ready")


def _multipart(name: str, content: bytes) -> tuple[bytes, str]:
    boundary = "countersight-test-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return head + content + f"\r\n--{boundary}--\r\n".encode(), boundary


def _upload(server: Server, name: str, content: bytes) -> tuple[int, dict]:  # type: ignore[type-arg]
    body, boundary = _multipart(name, content)
    request = urllib.request.Request(f"{server.base}/screenings", data=body, method="POST")
    request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    request.add_header("Authorization", f"ApiKey {server.key}")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@pytest.fixture(scope="module")
def store_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], str, Path]:
    tmp = tmp_path_factory.mktemp("serve")
    settings = load_settings(env={}, db=f"sqlite:///{tmp / 'cs.db'}", cache_dir=str(tmp / "cache"))
    context = open_context(settings)
    context.engine()  # the servers start from the persisted index
    accounts.add_user(context.store, "alice", "analyst")
    key = accounts.new_api_key(context.store, "alice")
    context.store.close()
    env = {
        **os.environ,
        "COUNTERSIGHT_DB": settings.db,
        "COUNTERSIGHT_CACHE_DIR": settings.cache_dir,
        "COUNTERSIGHT_MAX_UPLOAD_MB": "1",
        "COUNTERSIGHT_WORKERS": "1",
    }
    return env, key, tmp


@pytest.fixture(scope="module")
def server(store_env: tuple[dict[str, str], str, Path]) -> Iterator[Server]:
    env, key, tmp = store_env
    # Jobs a killed server left behind, with its upload folder.
    context = open_context(load_settings(env=env))
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    host, _, _ = process_id().rpartition(":")
    left = [
        jobs_store.create_job(context.store, "0.csv", "alice"),  # before owners were recorded
        jobs_store.create_job(context.store, "1.csv", "alice", f"{host}:{gone.pid}"),
        # Still running: a server in this (test) process, and one on another host.
        jobs_store.create_job(context.store, "2.csv", "alice", process_id()),
        jobs_store.create_job(context.store, "3.csv", "alice", f"elsewhere:{gone.pid}"),
    ]
    jobs_store.update_job(context.store, left[1], status="running", progress=0.4)
    uploads = Path(context.settings.cache_dir) / "uploads"
    for name in (f"server-{host}-{gone.pid}-abc", f"server-{host}-{os.getpid()}-abc"):
        (uploads / name / "x").mkdir(parents=True)
        (uploads / name / "x" / "0.csv").write_text("Name\nHikvision\n")
    context.store.close()
    started = _start(env, key, tmp)
    started.env["LEFT_JOBS"] = ",".join(left)
    yield started
    started.process.kill()
    started.process.wait(10)


def hostile_workbook() -> bytes:
    """20,000 rows and one cell in the last column (XFD): a reader that pads rows to the
    sheet's width needs gigabytes for 100 KB."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Weight"])
    for n in range(20_000):
        sheet.append([f"Company {n}", 1])
    sheet.cell(row=2, column=16_384, value="x")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_restart_fails_orphaned_jobs_and_removes_their_files(server: Server) -> None:
    context = open_context(load_settings(env=server.env))
    jobs = [jobs_store.get_job(context.store, j) for j in server.env["LEFT_JOBS"].split(",")]
    context.store.close()
    for job in jobs[:2]:
        assert job["status"] == "failed", job
        assert "server stopped" in job["message"]
    assert [job["status"] for job in jobs[2:]] == ["queued", "queued"]
    uploads = Path(server.env["COUNTERSIGHT_CACHE_DIR"]) / "uploads"
    host, _, _ = process_id().rpartition(":")
    assert not [p for p in uploads.glob(f"server-{host}-*-abc") if str(os.getpid()) not in p.name]
    assert (uploads / f"server-{host}-{os.getpid()}-abc" / "x" / "0.csv").exists()


def test_healthz_answers_within_a_second_while_a_hostile_upload_is_read(server: Server) -> None:
    content = hostile_workbook()
    outcome: list[tuple[int, dict]] = []  # type: ignore[type-arg]
    upload = threading.Thread(target=lambda: outcome.append(_upload(server, "book.xlsx", content)))
    upload.start()
    slowest = 0.0
    polls = 0
    while upload.is_alive() or polls < 5:
        started = time.monotonic()
        status, _ = _get(f"{server.base}/healthz", timeout=5)
        slowest = max(slowest, time.monotonic() - started)
        assert status == 200
        polls += 1
        time.sleep(0.1)
    upload.join()
    assert slowest < 1.0, f"/healthz took {slowest:.2f} s during the upload"
    status, answer = outcome[0]
    assert status in (202, 400), answer  # refused by a limit, or read in streaming mode
    assert "Traceback" not in json.dumps(answer)
    assert "Traceback" not in server.log.read_text(errors="replace")


def test_a_chunked_body_is_refused_as_it_passes_the_limit(server: Server) -> None:
    head = (
        "POST /screenings HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{server.port}\r\n"
        f"Authorization: ApiKey {server.key}\r\n"
        "Content-Type: multipart/form-data; boundary=b\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    ).encode()
    part = b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n'
    chunk = b"Name\n" + b"Hikvision Digital Technology\n" * 2200  # about 64 KB
    with socket.create_connection(("127.0.0.1", server.port), timeout=15) as conn:
        conn.sendall(head + b"%x\r\n%s\r\n" % (len(part), part))
        sent = 0
        # Three times the 1 MB limit, then silence: the server must answer without the rest
        # (the body never ends, as a 2 GB upload would not for a long time).
        while sent < 3 * 1024 * 1024:
            try:
                conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:
                break  # the server closed the connection after answering
            sent += len(chunk)
        answer = b""
        while not answer.endswith(b"}") and (part := conn.recv(65536)):
            answer += part
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"upload limit" in answer


def test_sigterm_stops_without_tracebacks_and_fails_the_running_job(
    store_env: tuple[dict[str, str], str, Path],
) -> None:
    env, key, tmp = store_env
    server = _start(env, key, tmp)
    example = (ROOT / "examples" / "portfolio.csv").read_bytes()
    status, answer = _upload(server, "portfolio.csv", example)
    assert status == 202, answer
    server.process.send_signal(signal.SIGTERM)
    # uvicorn finishes its shutdown, then exits by the signal it caught (as a shell expects).
    assert server.process.wait(30) in (0, -signal.SIGTERM)
    log = server.log.read_text(errors="replace")
    assert "Traceback" not in log, log
    context = open_context(load_settings(env=env))
    job = jobs_store.get_job(context.store, answer["id"])
    context.store.close()
    assert job["status"] in ("done", "failed"), job
    if job["status"] == "failed":
        assert "server stopped" in job["message"]
