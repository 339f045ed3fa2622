"""The index is the same however it is built: streamed, or in forked slices."""

from __future__ import annotations

import numpy as np
import pytest

from countersight.match import index as index_module
from countersight.match.engine import Matcher
from countersight.match.index import MatchIndex
from countersight.match.types import Query
from countersight.normalize.names import analyze
from countersight.sources import plan
from tests.conftest import data_file, fixture_data


@pytest.mark.parametrize(
    ("size", "least", "parallel_from", "slice_"),
    [("excerpt", 130, 100, 70), ("full", 6000, 1000, 700)],
)
def test_parallel_build_equals_the_streamed_one(
    monkeypatch: pytest.MonkeyPatch, size: str, least: int, parallel_from: int, slice_: int
) -> None:
    entities = plan([data_file(size, "ofac-sdn-csv-2024-05")])[0].run().entities
    assert len(entities) > least
    monkeypatch.setattr(index_module, "_PARALLEL_FROM", parallel_from)
    monkeypatch.setattr(index_module, "_SLICE", slice_)  # slices that do not divide evenly
    forked = MatchIndex.build(entities, workers=2)
    streamed = MatchIndex.build(iter(entities))
    assert np.array_equal(forked.keys, streamed.keys)
    assert np.array_equal(forked.offsets, streamed.offsets)
    assert np.array_equal(forked.postings, streamed.postings)
    assert forked.entities == streamed.entities
    query = Query.build(["ISLAMIC REVOLUTIONARY GUARD CORPS"])
    top = Matcher(forked).match(query, limit=1)
    assert top
    assert top[0].match
    assert top == Matcher(streamed).match(query, limit=1)


def test_candidates_rank_rare_shared_keys_first_and_leave_no_trace() -> None:
    entities = plan([fixture_data("ofac-consolidated-nonsdn-2025-12")])[0].run().entities
    index = MatchIndex.build(entities)
    forms = [analyze("HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.")]
    first = index.candidates(forms, [])
    assert "HIKVISION" in index.entities[first[0]].names[0].value.upper()
    assert not index._scratch().any()  # the accumulator is clean for the next query
    assert index.candidates(forms, []) == first
