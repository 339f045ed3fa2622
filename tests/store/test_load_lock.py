"""Two loads of one dataset at once, on every backend: both succeed, one after the other,
and the store ends as the last one left it (PostgreSQL raised UniqueViolation before)."""

from __future__ import annotations

import threading

from countersight.match.resolve import resolve_links
from countersight.store import Store
from tests.store.test_store import _source
from tests.storeutil import counts


def _race(store: Store, jobs: list[tuple[str, list[str]]]) -> list[BaseException]:
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def load(dataset: str, names: list[str]) -> None:
        barrier.wait()
        try:
            store.replace_dataset(_source(dataset, names), resolver=resolve_links)
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=load, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return errors


def test_two_loads_of_one_dataset_at_once_both_succeed(store: Store) -> None:
    names = [f"Company {n} Holdings Ltd" for n in range(4000)]
    for _ in range(3):
        assert _race(store, [("alpha", names), ("alpha", names)]) == []
        assert counts(store)["entities"] == 4000
        (record,) = store.sources()
        assert record.entity_count == 4000
