"""The match use-case: one query (CLI ``match``, API ``/match``) or many (screening).

Every text a match query is built from passes :func:`check_text` first: a lone surrogate
or a NUL character is not a name, and a name longer than :data:`MAX_NAME_LENGTH`
characters is refused rather than compared (the comparison grows with the length).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Unpack, cast

from countersight.exc import InputError
from countersight.match.types import Query
from countersight.model import IdentifierValues as IdentifierValues  # for the façade
from countersight.normalize import storable
from countersight.normalize.identifiers import InvalidIdentifier
from countersight.service.context import Context, Engine
from countersight.service.contracts import IdentifierDoc, MatchDocument, MatchResultDoc
from countersight.service.present import result_dict, shadowed


def parse_as_of(value: str | None, field: str = "--as-of") -> date | None:
    """``--as-of`` (or the API's ``as_of``) as a date (``YYYY-MM-DD``); None means today."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{field} {value!r} is not a date (YYYY-MM-DD)") from exc


MAX_NAME_LENGTH = 1000
FAMILY_WINDOW = 25
"""How many candidates the family rule (:func:`shadowed`) looks at, however few are shown:
the matcher scores this many anyway."""
"""The longest name or identifier (in characters) a match query accepts."""


def text_problem(value: str) -> str | None:
    """What makes ``value`` unusable as a name or identifier, or None: more than
    :data:`MAX_NAME_LENGTH` characters, a NUL character, or a lone surrogate (half of a
    UTF-16 pair, not a character)."""
    if len(value) > MAX_NAME_LENGTH:
        return f"is {len(value):,} characters long; at most {MAX_NAME_LENGTH:,} are accepted"
    return storable.text_problem(value)


def check_text(field: str, value: str) -> str:
    """``value`` unchanged, or an input error naming ``field`` and the problem."""
    problem = text_problem(value)
    if problem is not None:
        raise InputError(f"{field} {problem}")
    return value


def check_values(names: Sequence[str], values: IdentifierValues) -> None:
    """Check every name and identifier value of one query (see :func:`text_problem`)."""
    for name in names:
        check_text("name", name)
    for key, items in cast(Mapping[str, Sequence[str]], values).items():
        for item in items:
            check_text(key, item)


def build_query(names: Sequence[str], **values: Unpack[IdentifierValues]) -> Query:
    """A query from raw values; a malformed identifier or text is an input error."""
    check_values(names, values)
    try:
        query = Query.build(list(names), **values)
    except InvalidIdentifier as exc:
        raise InputError(str(exc)) from exc
    if not query.names and not query.identifiers:
        raise InputError("give a name or an identifier to match")
    return query


def match_results(
    engine: Engine,
    query: Query,
    limit: int = 5,
    cutoff: float | None = None,
    as_of: date | None = None,
) -> list[MatchResultDoc]:
    """Scored candidates as ``match --json`` results as of ``as_of`` (default today), best
    first, from one engine. A parent or subsidiary of the exactly named candidate is for
    review (:func:`countersight.service.present.shadowed`)."""
    # The family rule looks past the shown rows: a relative shown first is still only a
    # resemblance when the exactly named candidate ranks below the limit.
    results = engine.matcher.match(query, limit=max(limit, FAMILY_WINDOW), cutoff=cutoff)
    relatives = shadowed(engine.view, results)
    return [
        result_dict(
            engine.view,
            engine.view.entities[r.entity_id],
            r,
            as_of,
            relatives.get(r.entity_id),
        )
        for r in results[:limit]
    ]


def match_json(
    ctx: Context,
    query: Query,
    limit: int = 5,
    cutoff: float | None = None,
    as_of: date | None = None,
) -> MatchDocument:
    """The ``match --json`` document, answered as of ``as_of`` (default today)."""
    return {
        "query": {
            "names": list(query.names),
            "identifiers": [cast(IdentifierDoc, i.to_dict()) for i in query.identifiers],
            "countries": list(query.countries),
        },
        "as_of": (as_of or date.today()).isoformat(),
        "thresholds": {
            "match": ctx.settings.match_threshold,
            "review": ctx.settings.review_threshold,
        },
        "results": match_results(ctx.engine(), query, limit, cutoff, as_of),
    }
