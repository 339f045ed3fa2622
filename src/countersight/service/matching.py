"""The match use-case: one query (CLI ``match``, API ``/match``) or many (screening)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from countersight.exc import InputError
from countersight.match.types import MatchResult, Query
from countersight.normalize.identifiers import InvalidIdentifier
from countersight.service.context import Context
from countersight.service.present import result_dict


def build_query(
    names: Sequence[str],
    *,
    isin: Sequence[str] = (),
    lei: Sequence[str] = (),
    ticker: Sequence[str] = (),
    uscc: Sequence[str] = (),
    cusip: Sequence[str] = (),
    sedol: Sequence[str] = (),
    country: Sequence[str] = (),
) -> Query:
    """A query from raw values; a malformed identifier is an input error."""
    try:
        query = Query.build(
            list(names),
            isin=list(isin),
            lei=list(lei),
            ticker=list(ticker),
            uscc=list(uscc),
            cusip=list(cusip),
            sedol=list(sedol),
            country=list(country),
        )
    except InvalidIdentifier as exc:
        raise InputError(str(exc)) from exc
    if not query.names and not query.identifiers:
        raise InputError("give a name or an identifier to match")
    return query


def match_query(
    ctx: Context, query: Query, limit: int = 5, cutoff: float | None = None
) -> list[tuple[MatchResult, dict[str, Any]]]:
    """Scored candidates with their presentation dicts, best first."""
    engine = ctx.engine()
    results = engine.matcher.match(query, limit=limit, cutoff=cutoff)
    out = []
    for result in results:
        entity = engine.view.entities[result.entity_id]
        out.append((result, result_dict(entity, result)))
    return out


def match_json(
    ctx: Context, query: Query, limit: int = 5, cutoff: float | None = None
) -> dict[str, Any]:
    """The ``match --json`` document."""
    return {
        "query": query.to_dict(),
        "thresholds": {
            "match": ctx.settings.match_threshold,
            "review": ctx.settings.review_threshold,
        },
        "results": [d for _, d in match_query(ctx, query, limit, cutoff)],
    }
