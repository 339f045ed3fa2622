"""A store every fuzz worker copies: the embedded registry and one loaded list."""

from __future__ import annotations

import dataclasses
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from countersight.service.context import Context, open_context
from countersight.service.loading import load_paths
from countersight.settings import load_settings
from tests.conftest import fixture_data

CASES = 60  # per seed file; see the README's "Fuzz suite" for the totals


@dataclass
class Worker:
    """What a forked fuzz worker uses: its own copy of the store, and a scratch folder."""

    ctx: Context
    work: Path
    fingerprint: str | None = None
    client: Any = None
    headers: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def store(self):  # type: ignore[no-untyped-def]
        return self.ctx.store


@dataclass(frozen=True)
class Template:
    """A prepared store file to copy, and its index cache."""

    db: Path
    cache: Path

    def worker(self, tag: str) -> Worker:
        """Called in the forked child: a private copy of the store."""
        work = self.db.parent / f"{tag}-{os.getpid()}"
        work.mkdir()
        db = work / "cs.db"
        shutil.copyfile(self.db, db)
        cache = work / "cache"
        shutil.copytree(self.cache, cache)
        settings = load_settings(env={}, db=f"sqlite:///{db}", cache_dir=str(cache))
        return Worker(open_context(dataclasses.replace(settings, workers=1)), work)


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    root = tmp_path_factory.mktemp("fuzz-store")
    db, cache = root / "template.db", root / "cache"
    settings = load_settings(env={}, db=f"sqlite:///{db}", cache_dir=str(cache))
    ctx = open_context(dataclasses.replace(settings, workers=1))
    load_paths(ctx, [fixture_data("ofac-consolidated-nonsdn-2025-12")])
    ctx.engine()  # the index cache the workers copy
    ctx.store.close()
    return Template(db, cache)
