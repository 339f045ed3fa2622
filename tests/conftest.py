"""Fixture strategy.

- Official files are read in place from ``../shared/data`` (:data:`DATA`); they are never
  copied into the repository. Small hand-written fixtures live in ``tests/fixtures``.
- Every test gets its own SQLite file and index cache under ``tmp_path``: nothing is shared,
  nothing touches the user's data directory.
- ``backend_url`` runs a test once per store backend: SQLite always, PostgreSQL when
  ``COUNTERSIGHT_TEST_PG`` names a server (``scripts/with-test-services`` starts one). With
  ``COUNTERSIGHT_REQUIRE_SERVICES=1`` (``make test``) a missing server fails instead of
  skipping, so CI cannot go green without the PostgreSQL suite.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from countersight.cli import app
from countersight.service.context import Context, open_context
from countersight.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REQUIRE_SERVICES = os.environ.get("COUNTERSIGHT_REQUIRE_SERVICES") == "1"


def pytest_sessionstart(session: pytest.Session) -> None:
    if not DATA.is_dir():
        raise pytest.UsageError(f"the shared data folder {DATA} is missing")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(
        env={}, db=f"sqlite:///{tmp_path / 'cs.db'}", cache_dir=str(tmp_path / "cache")
    )


@pytest.fixture
def ctx(settings: Settings) -> Iterator[Context]:
    context = open_context(settings)
    yield context
    context.store.close()


@pytest.fixture
def cli_env(settings: Settings) -> dict[str, str]:
    return {
        "COUNTERSIGHT_DB": settings.db,
        "COUNTERSIGHT_CACHE_DIR": settings.cache_dir,
        "COLUMNS": "160",
    }


class Cli:
    """Runs the real command line in-process with an isolated store."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.runner = CliRunner()

    def __call__(self, *args: str | Path):  # type: ignore[no-untyped-def]
        return self.runner.invoke(app, [str(a) for a in args], env=self.env, catch_exceptions=False)


@pytest.fixture
def cli(cli_env: dict[str, str]) -> Cli:
    return Cli(cli_env)


def _pg_admin_url() -> str | None:
    return os.environ.get("COUNTERSIGHT_TEST_PG")


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'backend.db'}"
        return
    admin = _pg_admin_url()
    if not admin:
        if REQUIRE_SERVICES:
            pytest.fail("COUNTERSIGHT_TEST_PG is not set but the services are required")
        pytest.skip("no PostgreSQL server (set COUNTERSIGHT_TEST_PG)")
    import psycopg

    name = f"cs_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = admin.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
