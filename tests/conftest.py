"""Fixture strategy.

- Real official files come in two sizes. Trimmed excerpts of the public-domain and openly
  licensed ones are committed under ``tests/data`` (origin, licence and trimming in
  ``tests/data/MANIFEST.md``; ``tests/data/make.py`` regenerates them) and are read with
  :func:`fixture_data`: a fresh clone runs every test that needs only them. Full-size files
  are read with :func:`full_data` from the folder named by ``COUNTERSIGHT_TEST_DATA``
  (``make test`` and ``.ci/run`` set it to ``../shared/data`` when it exists); without it
  those tests skip, and with ``COUNTERSIGHT_REQUIRE_DATA=1`` a missing folder fails the run,
  so CI cannot go green without them. Small hand-written fixtures live in ``tests/fixtures``.
- Every test gets its own SQLite file and index cache under ``tmp_path``: nothing is shared,
  nothing touches the user's data directory.
- ``backend_url`` runs a test once per store backend: SQLite always, PostgreSQL when
  ``COUNTERSIGHT_TEST_PG`` names a server (``scripts/with-test-services`` starts one). With
  ``COUNTERSIGHT_REQUIRE_SERVICES=1`` (``make test``) a missing server fails instead of
  skipping, so CI cannot go green without the PostgreSQL suite.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from countersight.cli import app
from countersight.service.context import Context, open_context
from countersight.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXCERPTS = Path(__file__).resolve().parent / "data"
REQUIRE_SERVICES = os.environ.get("COUNTERSIGHT_REQUIRE_SERVICES") == "1"
REQUIRE_DATA = os.environ.get("COUNTERSIGHT_REQUIRE_DATA") == "1"
_STARTED = pytest.StashKey[float]()


def _data_folder() -> Path | None:
    """The full-size data folder from ``COUNTERSIGHT_TEST_DATA`` (relative to the project
    root), or ``None`` when the variable is unset or empty."""
    value = os.environ.get("COUNTERSIGHT_TEST_DATA", "").strip()
    if not value:
        return None
    return (ROOT / value).resolve()


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_STARTED] = time.time()
    folder = _data_folder()
    if folder is None and REQUIRE_DATA:
        raise pytest.UsageError(
            "COUNTERSIGHT_REQUIRE_DATA=1 but COUNTERSIGHT_TEST_DATA names no data folder"
        )
    if folder is not None and not folder.is_dir():
        raise pytest.UsageError(f"COUNTERSIGHT_TEST_DATA: the data folder {folder} is missing")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The fuzz suite's outcome counts (each fuzz test writes its own under build/fuzz)."""
    started = terminalreporter.config.stash.get(_STARTED, 0.0)
    folder = ROOT / "build" / "fuzz"
    files = sorted(f for f in folder.glob("*.json") if f.stat().st_mtime >= started)
    if not files:
        return
    terminalreporter.section("fuzz suite")
    for file in files:
        doc = json.loads(file.read_text(encoding="utf-8"))
        counts = ", ".join(f"{k} {v}" for k, v in doc["counts"].items())
        terminalreporter.write_line(f"{doc['name']:<24} {doc['cases']:>5} cases: {counts}")


def fixture_data(name: str) -> Path:
    """A trimmed excerpt committed under ``tests/data`` (same relative path as in the full
    data folder)."""
    path = EXCERPTS / name
    if not path.exists():
        raise FileNotFoundError(f"no excerpt {name} in {EXCERPTS}; see tests/data/MANIFEST.md")
    return path


def full_data(relpath: str) -> Path:
    """A full-size file or folder from the data folder; the test skips without one (a fresh
    clone) and fails when ``COUNTERSIGHT_REQUIRE_DATA=1`` or the file is missing from it."""
    folder = _data_folder()
    if folder is None:
        if REQUIRE_DATA:
            pytest.fail("COUNTERSIGHT_REQUIRE_DATA=1 but COUNTERSIGHT_TEST_DATA is not set")
        pytest.skip(f"needs the full {relpath}: set COUNTERSIGHT_TEST_DATA=../shared/data")
    path = folder / relpath
    if not path.exists():
        pytest.fail(f"{relpath} is missing from the data folder {folder}")
    return path


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


SIZES = ["excerpt", "full"]


def data_file(size: str, relpath: str) -> Path:
    """``relpath`` as the committed excerpt or the full file, for tests parametrized over
    :data:`SIZES` whose assertions hold on both."""
    return fixture_data(relpath) if size == "excerpt" else full_data(relpath)
