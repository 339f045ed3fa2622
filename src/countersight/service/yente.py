"""yente's ``/match`` and ``/search`` shapes over Countersight's engine.

Integrators who know yente send the same requests (``{"queries": {key: {"schema",
"properties"}}}``) and read the same responses. Countersight stores no people: a Person
query is answered with no results.
"""

from __future__ import annotations

from typing import Any

from countersight.exc import InputError, NotFound
from countersight.match.types import MatchResult, Query
from countersight.model import REGISTRY_DATASET, Entity, IdScheme
from countersight.service.context import Context
from countersight.service.present import status_of
from countersight.sources.ftm import ID_PROPERTY, NAME_PROPERTY

MATCHABLE = {"Company", "Organization", "LegalEntity", "PublicBody", "Thing"}
UNMATCHED = {"Person", "Vessel", "Airplane"}
_NAME_PROPS = ("name", "alias", "previousName", "weakAlias", "abbreviation")
_COUNTRY_PROPS = ("country", "jurisdiction", "mainCountry", "nationality")


def _values(properties: dict[str, Any], key: str) -> list[str]:
    value = properties.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if v is not None and str(v).strip()]
    raise InputError(f"property {key!r} must be a string or a list of strings")


def to_query(example: dict[str, Any]) -> Query:
    """An FtM entity example → a Countersight query (identifiers that do not parse are
    dropped, as yente cleans values)."""
    properties = example.get("properties") or {}
    if not isinstance(properties, dict):
        raise InputError("'properties' must be an object")
    registration = _values(properties, "registrationNumber")
    return Query.build(
        [v for p in _NAME_PROPS for v in _values(properties, p)],
        isin=_values(properties, "isinCode"),
        lei=_values(properties, "leiCode"),
        ticker=_values(properties, "ticker"),
        uscc=_values(properties, "uscCode") + [r for r in registration if len(r.strip()) == 18],
        country=[v for p in _COUNTRY_PROPS for v in _values(properties, p)],
        strict=False,
    )


def properties_of(entity: Entity) -> dict[str, list[str]]:
    props: dict[str, list[str]] = {}
    for name in entity.names:
        props.setdefault(NAME_PROPERTY[name.kind], []).append(name.value)
    for identifier in entity.identifiers:
        value = (
            identifier.value.rpartition(":")[2]
            if identifier.scheme == IdScheme.TICKER
            else identifier.value
        )
        props.setdefault(ID_PROPERTY[identifier.scheme], []).append(value)
    if entity.countries:
        props["country"] = list(entity.countries)
    if entity.topics:
        props["topics"] = list(entity.topics)
    if entity.addresses:
        props["address"] = list(entity.addresses)
    programs = [m.program for m in entity.memberships if m.program]
    if programs:
        props["program"] = list(dict.fromkeys(programs))
    urls = [e.url for e in entity.evidence if e.url]
    if urls:
        props["sourceUrl"] = list(dict.fromkeys(urls))
    return props


def entity_response(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "caption": entity.caption,
        "schema": entity.schema.value,
        "properties": properties_of(entity),
        "datasets": list(entity.datasets),
        "referents": [],
        "target": bool(entity.memberships),
    }


def scored_response(entity: Entity, result: MatchResult) -> dict[str, Any]:
    out = entity_response(entity)
    out.update(
        {
            "score": result.score,
            "match": result.match,
            "status": status_of(entity, result),
            "features": {f.name: round(f.score, 4) for f in result.features},
            "explanations": {
                f.name: {
                    "score": round(f.score, 4),
                    "detail": f.detail,
                    "description": f.description,
                }
                for f in result.features
            },
            "lists": list(dict.fromkeys(m.list for m in entity.memberships)),
        }
    )
    return out


def check_dataset(ctx: Context, dataset: str) -> None:
    if dataset == "default":
        return
    known = {s.dataset for s in ctx.store.sources()} | {REGISTRY_DATASET}
    if dataset not in known:
        raise NotFound(f"no dataset {dataset!r}; known: default, {', '.join(sorted(known))}")


def match_one(
    ctx: Context,
    dataset: str,
    example: dict[str, Any],
    *,
    threshold: float,
    cutoff: float,
    limit: int,
) -> dict[str, Any]:
    schema = example.get("schema")
    if not isinstance(schema, str):
        raise InputError("each query needs a 'schema'")
    if schema in UNMATCHED:
        return {
            "status": 200,
            "results": [],
            "total": {"value": 0, "relation": "eq"},
            "query": {"schema": schema, "properties": {}},
        }
    if schema not in MATCHABLE:
        raise InputError(
            f"schema {schema!r} cannot be matched; use one of {', '.join(sorted(MATCHABLE))}"
        )
    query = to_query(example)
    engine = ctx.engine()
    window = limit if dataset == "default" else limit * 10
    results = engine.matcher.match(query, limit=window, cutoff=cutoff)
    out = []
    for result in results:
        entity = engine.view.entities[result.entity_id]
        if dataset != "default" and dataset not in entity.datasets:
            continue
        result.match = result.score >= threshold
        out.append(scored_response(entity, result))
        if len(out) >= limit:
            break
    return {
        "status": 200,
        "results": out,
        "total": {"value": sum(1 for r in out if r["match"]), "relation": "eq"},
        "query": {
            "schema": schema,
            "properties": {
                "name": query.names,
                "country": query.countries,
                **{i.scheme.value: [i.value] for i in query.identifiers},
            },
        },
    }


def search(ctx: Context, dataset: str, text: str, limit: int, offset: int) -> dict[str, Any]:
    if not text.strip():
        raise InputError("give a search text: ?q=...")
    query = Query.build([text], strict=False)
    engine = ctx.engine()
    results = engine.matcher.match(query, limit=500, cutoff=0.3)
    hits = [(engine.view.entities[r.entity_id], r) for r in results]
    if dataset != "default":
        hits = [(e, r) for e, r in hits if dataset in e.datasets]
    page = hits[offset : offset + limit]
    return {
        "results": [{**entity_response(e), "score": r.score} for e, r in page],
        "total": {"value": len(hits), "relation": "eq"},
        "limit": limit,
        "offset": offset,
    }
