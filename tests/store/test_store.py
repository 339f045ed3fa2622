"""One conformance suite, run against every store backend (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from countersight.match.resolve import resolve_links
from countersight.model import Entity, Lang, Link, Name, NameKind, Relation, RelationKind, Schema
from countersight.model.source import FileInfo, LoadedSource
from countersight.sources import plan, registry
from countersight.store import Store
from countersight.store.migrate import current, head
from countersight.store.tables import metadata
from tests.conftest import fixture_data
from tests.storeutil import counts, snapshot


def _source(dataset: str, names: Sequence[str], relations: Sequence[Relation] = ()) -> LoadedSource:
    entities = [
        Entity(
            id=f"{dataset}-{i}",
            schema=Schema.COMPANY,
            names=[Name(n, NameKind.PRIMARY, Lang.UND)],
            datasets=[dataset],
        )
        for i, n in enumerate(names)
    ]
    return LoadedSource(
        dataset=dataset,
        kind="test",
        title=dataset,
        files=[FileInfo(f"{dataset}.csv", "0" * 64, 1)],
        entities=entities,
        relations=list(relations),
    )


def test_migrated_to_head_without_drift(store: Store) -> None:
    assert current(store.engine) == head()
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_replace_inserts_and_reload_replaces(store: Store) -> None:
    v0 = store.version()
    store.replace_dataset(_source("alpha", ["Alpha One Co", "Alpha Two Co"]))
    assert counts(store)["entities"] == 2
    v1 = store.version()
    assert v1 != v0
    store.replace_dataset(_source("alpha", ["Alpha Three Co"]))
    assert counts(store)["entities"] == 1
    assert [e.caption for e in store.entities()] == ["Alpha Three Co"]
    assert store.version() != v1
    (record,) = store.sources()
    assert record.dataset == "alpha"
    assert record.entity_count == 1


def test_failed_write_leaves_previous_version_exactly(store: Store) -> None:
    store.replace_dataset(_source("alpha", ["Alpha One Co"]))
    before = snapshot(store)

    def broken(entities: Sequence[Entity]) -> list[Link]:
        raise RuntimeError("resolver failed half-way")

    with pytest.raises(RuntimeError):
        store.replace_datasets(
            [_source("alpha", ["Replaced Co"]), _source("beta", ["Beta"])], resolver=broken
        )
    assert snapshot(store) == before


def test_duplicate_ids_in_one_load_roll_back(store: Store) -> None:
    store.replace_dataset(_source("alpha", ["Alpha One Co"]))
    before = snapshot(store)
    bad = _source("alpha", ["Dup A"])
    bad.entities.append(bad.entities[0])
    with pytest.raises(Exception, match=r"(?i)unique|duplicate"):
        store.replace_dataset(bad)
    assert snapshot(store) == before


def test_unicode_names_and_relations_round_trip(store: Store) -> None:
    relation = Relation(RelationKind.OWNERSHIP, "u-0", "u-1", share=51.5, dataset="u")
    store.replace_dataset(
        _source("u", ["杭州海康威视数字技术股份有限公司", "商湯科技", "Ströer"], [relation])
    )
    captions = sorted(e.caption for e in store.entities())
    assert "杭州海康威视数字技术股份有限公司" in captions
    assert "商湯科技" in captions
    (loaded,) = store.relations()
    assert loaded.share == 51.5
    assert loaded.subject == "u-0"


def test_remove_dataset(store: Store) -> None:
    store.replace_dataset(_source("alpha", ["A Co"]))
    store.replace_dataset(_source("beta", ["B Co"]))
    store.remove_dataset("alpha")
    assert [s.dataset for s in store.sources()] == ["beta"]


def test_registry_and_list_merge_links(store: Store) -> None:
    store.replace_dataset(registry.load(), resolver=resolve_links)
    (job,) = plan([fixture_data("ofac-consolidated-nonsdn-2025-12")])
    store.replace_dataset(job.run(), resolver=resolve_links)
    links = {link.member_id: link for link in store.links()}
    assert links["ofac-30946"].canonical_id == "cs-hikvision"
    assert "isin CNE100000PM8" in links["ofac-30946"].reason
    # OFAC's SenseTime record is the Hong Kong company, linked by its registry number.
    assert links["ofac-33114"].canonical_id == "cs-sensetime-hk"
    assert "registration" in links["ofac-33114"].reason
    assert links["ofac-33893"].canonical_id == "cs-yitu"  # Cayman address: jurisdiction ky
    assert links["ofac-30936"].canonical_id == "cs-cetc"  # by USCC
    assert "ofac-30923" not in links  # China Mobile is not in the registry
    assert any(
        str(i) == "isin:CNE100000PM8" for e in store.entities(["registry"]) for i in e.identifiers
    )
