"""yente's ``/match`` and ``/search`` shapes over Countersight's engine.

Integrators who know yente send the same requests (``{"queries": {key: {"schema",
"properties"}}}``) and read the same responses, ``matcher`` included. Countersight stores no
people: a Person query is answered with no results. A batch is answered from one engine
(one snapshot of the data), taken once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from countersight.exc import InputError, NotFound
from countersight.match.entity_features import ENTITY_FEATURES
from countersight.match.features import NAME_FEATURES, Feature
from countersight.match.types import Query
from countersight.model import REGISTRY_DATASET, Entity, IdentifierValues
from countersight.service.context import Context, Engine
from countersight.service.contracts import (
    EntityMatchesDoc,
    FacetDoc,
    FeatureInfoDoc,
    MatchResponseDoc,
    SearchResponseDoc,
)
from countersight.service.matching import FAMILY_WINDOW, check_text
from countersight.service.present import entity_doc, scored_entity_doc, shadowed

MATCHABLE = {"Company", "Organization", "LegalEntity", "PublicBody", "Thing"}
UNMATCHED = {"Person", "Vessel", "Airplane"}
_NAME_PROPS = ("name", "alias", "previousName", "weakAlias", "abbreviation")
_COUNTRY_PROPS = ("country", "jurisdiction", "mainCountry", "nationality")


@dataclass(frozen=True, slots=True)
class MatchParams:
    """How a ``/match`` batch is scored and cut (yente's query parameters)."""

    dataset: str
    threshold: float
    cutoff: float
    limit: int
    as_of: date | None = None  # listings, names and relations as of this date (default today)


def _values(properties: Mapping[str, Any], key: str, where: str) -> list[str]:
    value = properties.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise InputError(f"{where}.{key} must be a string or a list of strings")
    out = []
    for i, item in enumerate(value):
        if item is None or not str(item).strip():
            continue
        out.append(check_text(f"{where}.{key}[{i}]", str(item)))
    return out


def to_query(example: Mapping[str, Any], where: str = "properties") -> Query:
    """An FtM entity example → a Countersight query (identifiers that do not parse are
    dropped, as yente cleans values). Bad text is an input error naming the property."""
    properties = example.get("properties") or {}
    if not isinstance(properties, dict):
        raise InputError(f"{where} must be an object")
    registration = _values(properties, "registrationNumber", where)
    values: IdentifierValues = {  # FtM properties → query keys
        "isin": _values(properties, "isinCode", where),
        "lei": _values(properties, "leiCode", where),
        "ticker": _values(properties, "ticker", where),
        "uscc": _values(properties, "uscCode", where)
        + [r for r in registration if len(r.strip()) == 18],
        "country": [v for p in _COUNTRY_PROPS for v in _values(properties, p, where)],
    }
    names = [v for p in _NAME_PROPS for v in _values(properties, p, where)]
    return Query.build(names, strict=False, **values)


@cache
def matcher_docs() -> dict[str, FeatureInfoDoc]:
    """yente's ``matcher`` field: every feature the scorer runs, with its explanation.
    ``coefficient`` is 1.0 for all: a feature's value enters the score as it is; ``kind``
    says how (``main``: the best counts; ``qualifier``: added; ``cap``: an upper bound).
    There is no per-feature source URL, so ``url`` is empty."""
    features: list[Feature[Any]] = [*NAME_FEATURES, *ENTITY_FEATURES]
    return {
        f.name: {"description": f.description, "coefficient": 1.0, "url": "", "kind": f.kind}
        for f in features
    }


def check_dataset(ctx: Context, dataset: str) -> None:
    if dataset == "default":
        return
    known = {s.dataset for s in ctx.store.sources()} | {REGISTRY_DATASET}
    if dataset not in known:
        raise NotFound(f"no dataset {dataset!r}; known: default, {', '.join(sorted(known))}")


def _no_results(schema: str) -> EntityMatchesDoc:
    return {
        "status": 200,
        "results": [],
        "total": {"value": 0, "relation": "eq"},
        "query": {"id": None, "schema": schema, "properties": {}},
    }


def match_one(
    engine: Engine, example: Mapping[str, Any], params: MatchParams, key: str = "q"
) -> EntityMatchesDoc:
    """One query of a batch, scored against ``engine``."""
    check_text("a query key", key)
    schema = example.get("schema")
    if not isinstance(schema, str):
        raise InputError(f"queries.{key}: each query needs a 'schema'")
    check_text(f"queries.{key}.schema", schema)
    example_id = example.get("id")
    if isinstance(example_id, str):
        check_text(f"queries.{key}.id", example_id)
    if schema in UNMATCHED:
        return _no_results(schema)
    if schema not in MATCHABLE:
        raise InputError(
            f"queries.{key}.schema: {schema!r} cannot be matched; "
            f"use one of {', '.join(sorted(MATCHABLE))}"
        )
    query = to_query(example, f"queries.{key}.properties")
    window = params.limit if params.dataset == "default" else params.limit * 10
    results = engine.matcher.match(query, limit=max(window, FAMILY_WINDOW), cutoff=params.cutoff)
    relatives = shadowed(engine.view, results)  # the same family rule as match --json
    out = []
    for result in results:
        entity = engine.view.entities[result.entity_id]
        if params.dataset != "default" and params.dataset not in entity.datasets:
            continue
        result.match = result.score >= params.threshold
        shadow = result.entity_id in relatives
        out.append(scored_entity_doc(engine.view, entity, result, params.as_of, shadow))
        if len(out) >= params.limit:
            break
    return {
        "status": 200,
        "results": out,
        "total": {"value": sum(1 for r in out if r["match"]), "relation": "eq"},
        "query": {
            "id": example_id if isinstance(example_id, str) else None,
            "schema": schema,
            "properties": {
                "name": query.names,
                "country": query.countries,
                **{i.scheme.value: [i.value] for i in query.identifiers},
            },
        },
    }


def match_batch(
    ctx: Context, queries: Mapping[str, Mapping[str, Any]], params: MatchParams
) -> MatchResponseDoc:
    """yente's ``/match`` answer for a batch: every query against one engine."""
    check_dataset(ctx, params.dataset)
    engine = ctx.engine()
    return {
        "responses": {key: match_one(engine, ex, params, key) for key, ex in queries.items()},
        "matcher": matcher_docs(),
        "limit": params.limit,
    }


def _facet(label: str, values: Iterable[str], name: Callable[[str], str]) -> FacetDoc:
    counts = Counter(values)
    return {
        "label": label,
        "values": [
            {"name": v, "label": name(v), "count": n}
            for v, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
    }


def _facets(entities: list[Entity]) -> dict[str, FacetDoc]:
    """yente's default facets (countries, topics, datasets) over every hit."""
    return {
        "countries": _facet("Countries", (c for e in entities for c in e.countries), str),
        "topics": _facet("Topics", (t for e in entities for t in e.topics), str),
        "datasets": _facet("Datasets", (d for e in entities for d in e.datasets), str),
    }


def search(ctx: Context, dataset: str, text: str, limit: int, offset: int) -> SearchResponseDoc:
    """yente's ``/search`` answer: entities whose names meet ``text``, best first."""
    if not text.strip():
        raise InputError("give a search text: ?q=...")
    check_dataset(ctx, dataset)
    query = Query.build([check_text("q", text)], strict=False)
    engine = ctx.engine()
    results = engine.matcher.match(query, limit=500, cutoff=0.3)
    hits = [(engine.view.entities[r.entity_id], r) for r in results]
    if dataset != "default":
        hits = [(e, r) for e, r in hits if dataset in e.datasets]
    page = hits[offset : offset + limit]
    return {
        "results": [{**entity_doc(e), "score": r.score} for e, r in page],
        "facets": _facets([e for e, _ in hits]),
        "total": {"value": len(hits), "relation": "eq"},
        "limit": limit,
        "offset": offset,
    }
