"""Uploaded screenings run with per-job memory and time limits (``screen_memory_mb``,
``screen_seconds``): past either, the job fails with a message naming the limit, and the
server keeps answering and screening."""

from __future__ import annotations

import sys
import time
from dataclasses import replace

import pytest

from countersight.settings import Settings, load_settings
from tests.api.conftest import Api
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="limits need Linux")
EXAMPLE = ROOT / "examples" / "portfolio.csv"


def _many_rows(rows: int) -> bytes:
    lines = [f"Northwind Copper Trading {n} Holdings Ltd,{n % 97 + 1}" for n in range(rows)]
    return ("Name,Weight\n" + "\n".join(lines) + "\n").encode("utf-8")


def _screen(api: Api, name: str, content: bytes) -> dict:  # type: ignore[type-arg]
    files = {"file": (name, content, "text/csv")}
    response = api.client.post("/screenings", files=files, headers=api.analyst)
    assert response.status_code == 202, response.text
    job_id = response.json()["id"]
    for _ in range(3000):  # a shared machine can be slow; a hang still fails the test
        job = api.client.get(f"/screenings/{job_id}", headers=api.viewer).json()
        if job["status"] in ("done", "failed"):
            return job  # type: ignore[no-any-return]
        time.sleep(0.1)
    raise AssertionError("screening did not finish")


def _limit(api: Api, memory_mb: int = 2048, seconds: float = 900.0) -> None:
    """Set the limits; each job reads them when it starts."""
    settings = api.ctx.settings
    api.ctx.settings = replace(settings, screen_memory_mb=memory_mb, screen_seconds=seconds)


def test_the_limits_are_settings_with_documented_defaults() -> None:
    defaults = Settings()
    assert (defaults.screen_memory_mb, defaults.screen_seconds) == (2048, 900.0)
    env = {"COUNTERSIGHT_SCREEN_MEMORY_MB": "64", "COUNTERSIGHT_SCREEN_SECONDS": "2.5"}
    given = load_settings(env=env)
    assert (given.screen_memory_mb, given.screen_seconds) == (64, 2.5)


def test_a_screening_past_its_memory_limit_fails_and_the_server_carries_on(api: Api) -> None:
    # A child starved this far may fail an allocation at once (the memory message) or stall
    # in the allocator until its deadline: either way the job fails naming a setting.
    _limit(api, memory_mb=8, seconds=60.0)
    job = _screen(api, "big.csv", _many_rows(20_000))
    assert job["status"] == "failed", job
    message = job["message"]
    memory = message.startswith("big.csv: screening the file needs more than 8 MB of memory")
    deadline = message.startswith("big.csv: screening the file took longer than 60 s")
    assert memory or deadline, message
    assert "COUNTERSIGHT_SCREEN_MEMORY_MB" in message or "COUNTERSIGHT_SCREEN_SECONDS" in message
    assert api.client.get("/healthz").status_code == 200
    _limit(api)
    # Within the limits, a batch large enough for the matcher to fork its workers runs.
    again = _screen(api, "many.csv", _many_rows(2_500) + b"Hikvision,1\n")
    assert again["status"] == "done", again
    assert len(again["result"]["rows"]) == 2_501
    assert again["result"]["summary"]["flagged_rows"] == 1


def test_a_screening_past_its_time_limit_is_stopped_and_fails(api: Api) -> None:
    _limit(api, seconds=0.5)
    job = _screen(api, "slow.csv", _many_rows(20_000))
    assert job["status"] == "failed", job
    assert job["message"].startswith("slow.csv: screening the file took longer than 0.5 s")
    assert "COUNTERSIGHT_SCREEN_SECONDS" in job["message"]
    _limit(api)
    again = _screen(api, "portfolio.csv", EXAMPLE.read_bytes())
    assert again["status"] == "done", again
