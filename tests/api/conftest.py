"""An app over a fresh store with an analyst and a viewer; the index is ready before tests."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from countersight.server.app import create_app
from countersight.service.context import Context
from countersight.store import accounts


@dataclass
class Api:
    client: TestClient
    analyst: dict[str, str]
    viewer: dict[str, str]
    ctx: Context


@pytest.fixture
def api(ctx: Context) -> Iterator[Api]:
    accounts.add_user(ctx.store, "alice", "analyst", "correct horse battery")
    accounts.add_user(ctx.store, "victor", "viewer", "correct horse battery")
    analyst = {"Authorization": f"ApiKey {accounts.new_api_key(ctx.store, 'alice')}"}
    viewer = {"Authorization": f"ApiKey {accounts.new_api_key(ctx.store, 'victor')}"}
    app = create_app(ctx=ctx)
    with TestClient(app) as client:
        for _ in range(300):
            if client.get("/healthz").json()["ready"]:
                break
            time.sleep(0.05)
        yield Api(client, analyst, viewer, ctx)


def login(client: TestClient, name: str, password: str, **extra: str):  # type: ignore[no-untyped-def]
    """Sign in through the web form as a browser does: fetch the form, post it with its token."""
    page = client.get("/web/login")
    token = re.search(r'name="login_token" value="([^"]+)"', page.text)
    assert token, page.text
    data = {"username": name, "password": password, "login_token": token.group(1), **extra}
    return client.post("/web/login", data=data, follow_redirects=False)


def csrf_of(client: TestClient) -> str:
    """The CSRF token the signed-in pages carry."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/web/screenings").text)
    assert token
    return token.group(1)


def wait_done(api: Api, job_id: str, headers: dict[str, str]) -> dict:  # type: ignore[type-arg]
    for _ in range(600):
        job = api.client.get(f"/screenings/{job_id}", headers=headers).json()
        if job["status"] in ("done", "failed"):
            return job  # type: ignore[no-any-return]
        time.sleep(0.05)
    raise AssertionError("screening did not finish")
