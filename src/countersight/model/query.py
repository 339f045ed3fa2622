"""The raw values a match query is built from, as a user types or a file gives them.

:class:`IdentifierValues` is the one list of identifier keywords shared by
``Query.build``, the match service, the CLI options and ``countersight.match(...)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from countersight.model.entity import IdScheme


class IdentifierValues(TypedDict, total=False):
    """Identifier values and countries for one query, each key a list of raw strings
    (``{"isin": ["CNE100000PM8"], "country": ["cn"]}``)."""

    isin: Sequence[str]
    lei: Sequence[str]
    cusip: Sequence[str]
    sedol: Sequence[str]
    ticker: Sequence[str]
    uscc: Sequence[str]
    country: Sequence[str]


QUERY_SCHEMES: tuple[IdScheme, ...] = tuple(
    IdScheme(key) for key in IdentifierValues.__annotations__ if key != "country"
)
"""The identifier schemes of :class:`IdentifierValues`, in the order a query lists them."""
