"""A real server on loopback and Debian's Chromium driven by Playwright.

``COUNTERSIGHT_CHROMIUM`` (set by ``scripts/with-test-services``) names the browser; without
it these tests skip, unless the services are required (``make test``), when they fail.
Screenshots are saved to ``tests/artifacts/`` for people to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from countersight.server.app import create_app
from countersight.service.context import Context
from countersight.store import accounts
from tests.conftest import REQUIRE_SERVICES, ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    path = os.environ.get("COUNTERSIGHT_CHROMIUM") or shutil.which("chromium")
    return path if path and Path(path).exists() else None


@pytest.fixture
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        if REQUIRE_SERVICES:
            pytest.fail("Chromium is required for the browser tests (COUNTERSIGHT_CHROMIUM)")
        pytest.skip("no Chromium (set COUNTERSIGHT_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, headless=True, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@dataclass
class Server:
    url: str
    ctx: Context


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(ctx: Context) -> Iterator[Server]:
    accounts.add_user(ctx.store, "alice", "analyst", "correct horse battery")
    app = create_app(ctx=ctx)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    for _ in range(400):
        if instance.started and app.state.ready.is_set():
            break
        time.sleep(0.05)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield Server(f"http://127.0.0.1:{port}", ctx)
    instance.should_exit = True
    thread.join(timeout=10)
