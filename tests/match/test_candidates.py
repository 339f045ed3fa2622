"""Candidate generation: the rare-keys-first shortcut gives exactly what adding up every
key's postings gives, on synthetic organisations where many keys are common."""

from __future__ import annotations

import pytest
from benchmarks.synth import Generator

from countersight.match.index import MatchIndex
from countersight.match.types import Query
from countersight.normalize.names import analyze


@pytest.fixture(scope="module")
def index_and_queries() -> tuple[MatchIndex, list[Query]]:
    generator = Generator(11)
    index = MatchIndex.build(list(generator.entities(20_000)))
    queries = [Query.build([q.text]) for q in generator.queries(1_500)]
    return index, queries


@pytest.mark.parametrize("common", [10, 30, 60])
def test_rare_keys_first_gives_what_adding_every_key_gives(
    index_and_queries: tuple[MatchIndex, list[Query]], common: int
) -> None:
    index, queries = index_and_queries
    index.common_postings = common
    answered = 0
    for query in queries:
        forms = [analyze(n) for n in query.names]
        used, _ = index._weighted_keys(forms, query.identifiers)
        if not used:
            continue
        full = index._scatter_all(used, 25, 0.5)
        shortcut = index._rare_first(used, 25, 0.5)
        if shortcut is not None:
            answered += 1
            assert shortcut == full, query.names
        assert index.candidates(forms, query.identifiers) == full, query.names
    # The comparison means something only if the shortcut answered many queries itself.
    assert answered > len(queries) // 10, answered
