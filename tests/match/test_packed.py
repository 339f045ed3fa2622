"""The packed entity store gives back exactly the entities the scorer always had, so
matches and their explanations do not depend on how the index holds them."""

from __future__ import annotations

import pickle

import pytest

from countersight.match.engine import Matcher
from countersight.match.index import MatchIndex, indexed
from countersight.match.packed import PackedEntities, pack, unpack
from countersight.match.types import Query
from countersight.model import Entity
from countersight.sources import plan
from countersight.sources.registry import load
from tests.conftest import fixture_data


@pytest.fixture(scope="module")
def entities() -> list[Entity]:
    listed = plan([fixture_data("ofac-sdn-csv-2024-05")])[0].run().entities
    return [*load().entities, *listed]


def test_every_entity_comes_back_field_for_field(entities: list[Entity]) -> None:
    items = [indexed(e) for e in entities]
    assert len(items) > 200
    assert any(i.identifiers for i in items)
    assert any(i.has_han for i in items)
    assert any(n.note for i in items for n in i.names)  # dated former names
    for item in items:
        assert unpack(pack(item)) == item
    index = MatchIndex.build(entities)
    assert list(index.entities) == items
    assert index.entities[-1] == items[-1]
    assert list(index.entities.ids()) == [i.id for i in items]


def test_large_indexes_decode_per_use_and_small_ones_keep_what_they_decoded(
    monkeypatch: pytest.MonkeyPatch, entities: list[Entity]
) -> None:
    index = MatchIndex.build(entities)
    assert index.entities[3] is index.entities[3]
    monkeypatch.setattr("countersight.match.packed.KEEP_DECODED_UP_TO", 10)
    large = PackedEntities(index.entities.data, index.entities.ends)
    assert large[3] is not large[3]
    assert large[3] == index.entities[3]
    with pytest.raises(IndexError):
        large[len(large)]


def test_the_pickled_index_matches_as_the_built_one(entities: list[Entity]) -> None:
    index = MatchIndex.build(entities)
    again = pickle.loads(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    assert again.entities == index.entities
    for name in ["Hangzhou Hikvision Digital Technology", "海康威视", "Dahua Technology USA Inc."]:
        query = Query.build([name])
        built = Matcher(index).match(query, cutoff=0.0)
        loaded = Matcher(again).match(query, cutoff=0.0)
        assert built
        assert [(r.entity_id, r.score, r.explanation) for r in built] == [
            (r.entity_id, r.score, r.explanation) for r in loaded
        ]
