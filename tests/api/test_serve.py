"""``countersight serve`` as a user starts it: real server processes on loopback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from countersight.service.context import Context
from countersight.store import accounts
from tests.api.test_match_api import YENTE_BODY


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _call(url: str, body: object = None, key: str | None = None) -> tuple[int, dict]:  # type: ignore[type-arg]
    data = json.dumps(body).encode("utf-8") if body is not None else None
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")
    request.add_header("Content-Type", "application/json")
    if key:
        request.add_header("Authorization", f"ApiKey {key}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_answers_match_with_a_key(ctx: Context, workers: int, tmp_path: Path) -> None:
    key = accounts.new_api_key(ctx.store, accounts.add_user(ctx.store, "bot", "viewer").name)
    port = _port()
    env = {
        **os.environ,
        "COUNTERSIGHT_DB": ctx.settings.db,
        "COUNTERSIGHT_CACHE_DIR": ctx.settings.cache_dir,
    }
    command = [
        sys.executable,
        "-m",
        "countersight",
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    log = tmp_path / "server.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(command, env=env, stderr=sink)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                assert server.poll() is None, log.read_text(errors="replace")
                try:
                    if _call(f"{base}/readyz")[0] == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.1)
            status, answer = _call(f"{base}/match/default", YENTE_BODY, key)
            assert status == 200
            assert answer["responses"]["q1"]["results"][0]["id"] == "cs-hikvision"
            assert _call(f"{base}/match/default", YENTE_BODY)[0] == 401
        finally:
            server.terminate()
            server.wait(timeout=30)
