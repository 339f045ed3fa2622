"""Product model numbers that a cited source documents for a maker."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ProductModel:
    """A product model number documented by a source for a maker."""

    entity_id: str
    model: str
    source: str
    label: str | None = None  # the brand it is sold under, where not the maker's own
