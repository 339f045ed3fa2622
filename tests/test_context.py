"""The service context: one snapshot per use-case, and a registry check that reads bytes,
not YAML."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
import yaml

from countersight.model import Entity, Lang, Name, NameKind, Schema
from countersight.model.source import FileInfo, LoadedSource
from countersight.service.context import Context, ensure_registry, open_context
from countersight.service.screening import ScreenOptions, screen
from countersight.settings import Settings
from countersight.sources import registry
from tests.storeutil import statements


def _one_company(dataset: str, name: str) -> LoadedSource:
    entity = Entity(
        id=f"{dataset}-1",
        schema=Schema.COMPANY,
        names=[Name(name, NameKind.PRIMARY, Lang.UND)],
        datasets=[dataset],
    )
    return LoadedSource(
        dataset=dataset,
        kind="test",
        title=dataset,
        files=[FileInfo(f"{dataset}.csv", "0" * 64, 1)],
        entities=[entity],
    )


def test_a_pinned_context_keeps_its_engine_across_a_load(ctx: Context) -> None:
    pinned = ctx.pinned()
    before = pinned.engine()
    ctx.store.replace_dataset(_one_company("extra", "Quartzite Lantern Holdings"))
    assert pinned.engine() is before
    assert "extra-1" not in before.view.entities
    assert "extra-1" in ctx.engine().view.entities  # the shared context moves on


def test_a_screening_reads_the_store_version_once(ctx: Context, tmp_path: Path) -> None:
    holdings = tmp_path / "h.csv"
    holdings.write_text("Name,Weight\nZhejiang Dahua Technology,2\nApple Inc,98\n")
    ctx.engine()
    with statements(ctx.store) as sent:
        document = screen(ctx, holdings, ScreenOptions(save=False))
    assert document["summary"]["flagged_rows"] == 1
    assert sum("FROM meta" in s for s in sent) == 1, sent


def test_open_context_does_not_parse_yaml_when_nothing_changed(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_context(settings).store.close()  # the first open loads the registry

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("YAML parsed although the registry did not change")

    monkeypatch.setattr(yaml, "safe_load", refuse)
    again = open_context(settings)
    assert ensure_registry(again.store) is False
    again.store.close()


def test_the_bytes_digest_is_the_loaded_registry_version(ctx: Context, tmp_path: Path) -> None:
    stored = ctx.store.source("registry")
    assert stored is not None
    assert registry.files_digest() == stored.sha256 == registry.read_registry().sha256
    copy = tmp_path / "registry"
    shutil.copytree(registry.default_path(), copy)
    assert registry.files_digest(copy) == stored.sha256
    entity_file = next((copy / "entities").glob("*.yaml"))
    entity_file.write_bytes(entity_file.read_bytes() + b"\n")
    assert registry.files_digest(copy) != stored.sha256
    assert registry.files_digest(copy) == registry.read_registry(copy).sha256


def test_an_index_file_left_by_a_killed_build_is_removed(settings: Settings) -> None:
    """A build killed while writing its cache leaves ``index-...<pid>.tmp``; the next build
    removes it (a running process's file is left alone)."""
    from countersight.service.context import remove_orphaned_temp_files

    cache = Path(settings.cache_dir)
    cache.mkdir(parents=True, exist_ok=True)
    dead = cache / "index-abc-v1-1.999999999.tmp"  # beyond any pid: no such process
    dead.write_bytes(b"partial")
    alive = cache / f"index-abc-v1-1.{os.getpid()}.tmp"
    alive.write_bytes(b"in progress")
    assert remove_orphaned_temp_files(cache) == [dead]
    assert not dead.exists()
    assert alive.exists()


def test_a_server_context_warms_a_new_version_while_the_old_one_answers(ctx: Context) -> None:
    ctx.background_refresh = True  # as create_app sets it
    old = ctx.engine()
    ctx.store.replace_dataset(_one_company("extra", "Quartzite Lantern Holdings"))
    assert ctx.engine() is old  # no build in the caller's path: the old engine answers
    assert ctx.warm() is True  # the next one is on its way (started by the call above)
    for _ in range(600):
        if ctx.serving_version() != old.view.version:
            break
        time.sleep(0.05)
    assert ctx.serving_version() == ctx.store.version()
    assert "extra-1" in ctx.engine().view.entities
    assert ctx.warm() is False
    cached = list(Path(ctx.settings.cache_dir).glob("index-*.pkl"))
    assert [p.name.split("-")[2] for p in cached] == [ctx.store.version().split("-")[0]]
