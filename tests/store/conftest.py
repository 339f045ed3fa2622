"""The store fixture every conformance test runs on, once per backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from countersight.store import Store


@pytest.fixture
def store(backend_url: str) -> Iterator[Store]:
    s = Store(backend_url)
    yield s
    s.close()
