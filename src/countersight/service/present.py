"""One presenter per shape: entities and match results as the typed documents of
:mod:`countersight.service.contracts`. The CLI, the API, the web pages and the reports all
read what these functions build, so a field means the same everywhere.

The ``match --json`` result shape is a public contract (integrations build on it):
``{"id", "caption", "schema", "names", "score", "match", "lists", "topics",
"explanation"}``, plus the additive fields ``status``, ``review``, ``listings``,
``evidence``, ``categories``, ``path`` and ``features``.
"""

from __future__ import annotations

from countersight.match.affiliate import reaches_affiliates
from countersight.match.features import NAME_FEATURES
from countersight.match.types import FeatureResult, MatchResult
from countersight.model import Entity, IdScheme, list_info
from countersight.model.confidence import concern
from countersight.service.contracts import (
    EntityDoc,
    EvidenceDoc,
    ExplanationDoc,
    FeatureDoc,
    ListingDoc,
    MatchResultDoc,
    PathStepDoc,
    ScoredEntityDoc,
)
from countersight.sources.ftm import ID_PROPERTY, NAME_PROPERTY

_NAME_FEATURES = frozenset(f.name for f in NAME_FEATURES)


def listing_dict(entity: Entity) -> list[ListingDoc]:
    """The lists an entity is on, with each list's label and title."""
    out: list[ListingDoc] = []
    for m in entity.memberships:
        info = list_info(m.list)
        out.append(
            {
                "list": m.list,
                "label": info.short,
                "title": info.title,
                "program": m.program,
                "listed_on": m.listed_on.isoformat() if m.listed_on else None,
                "delisted_on": m.delisted_on.isoformat() if m.delisted_on else None,
                "source_record_id": m.source_record_id,
                "dataset": m.dataset,
                "confidence": m.confidence.value,
            }
        )
    return out


def evidence_dict(entity: Entity) -> list[EvidenceDoc]:
    """The public sources behind an entity's flags."""
    return [
        {
            "publisher": e.publisher,
            "date": e.date,
            "title": e.title,
            "url": e.url,
            "citation": e.citation,
            "summary": e.summary,
            "confidence": e.confidence.value,
            "key": e.key,
        }
        for e in entity.evidence
    ]


def list_ids(entity: Entity) -> list[str]:
    return list(dict.fromkeys(m.list for m in entity.memberships))


def status_of(entity: Entity, result: MatchResult) -> str:
    """``flagged`` (a match to an entity backed by H/M evidence), ``review`` (a possible
    match, or a match to an entity known only from low-confidence leads) or ``clear`` (no
    match, or a reference record such as a GLEIF entry with no listing or evidence)."""
    level = concern(entity)
    if level is None:
        return "clear"
    if result.route == "affiliate" and not reaches_affiliates(entity):
        level = "review"  # an affiliate inferred from its name, beyond the listing's reach
    if result.match and level == "flagged":
        return "flagged"
    if result.match or result.review:
        return "review"
    return "clear"


def feature_doc(feature: FeatureResult) -> FeatureDoc:
    return {
        "feature": feature.name,
        "score": round(feature.score, 4),
        "detail": feature.detail,
        "description": feature.description,
    }


def result_dict(entity: Entity, result: MatchResult) -> MatchResultDoc:
    """One candidate of ``match --json``."""
    path: list[PathStepDoc] = []
    if result.via_brand:
        path.append(
            {"id": entity.id, "caption": result.via_brand, "relation": "brand", "share": None}
        )
    return {
        "id": entity.id,
        "caption": entity.caption,
        "schema": entity.schema.value,
        "names": entity.name_values(),
        "score": result.score,
        "match": result.match,
        "review": result.review,
        "status": status_of(entity, result),
        "lists": list_ids(entity),
        "listings": listing_dict(entity),
        "topics": list(entity.topics),
        "categories": list(entity.categories),
        "datasets": list(entity.datasets),
        "explanation": result.explanation,
        "features": [feature_doc(f) for f in result.features],
        "route": result.route,
        "matched_name": result.candidate_name,
        "path": path,
        "evidence": evidence_dict(entity),
    }


# -- yente's shapes ------------------------------------------------------------------------


def properties_of(entity: Entity) -> dict[str, list[str]]:
    """An entity as FollowTheMoney properties (names, identifiers, countries, topics,
    addresses, programs, source URLs)."""
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


def entity_doc(entity: Entity) -> EntityDoc:
    """yente's ``EntityResponse.from_entity``. ``target`` is true for a listed entity."""
    return {
        "id": entity.id,
        "caption": entity.caption,
        "schema": entity.schema.value,
        "properties": properties_of(entity),
        "datasets": list(entity.datasets),
        "referents": [],
        "target": bool(entity.memberships),
    }


def explanation_doc(feature: FeatureResult, result: MatchResult) -> ExplanationDoc:
    """yente's ``FtResult``; a name feature also names the two names it compared."""
    named = feature.name in _NAME_FEATURES
    return {
        "score": round(feature.score, 4),
        "detail": feature.detail,
        "description": feature.description,
        "query": result.query_name if named else None,
        "candidate": result.candidate_name if named else None,
    }


def scored_entity_doc(entity: Entity, result: MatchResult) -> ScoredEntityDoc:
    """yente's ``ScoredEntityResponse.from_entity_result``: the entity, its score, whether
    it matches, and the features that explain it."""
    return {
        **entity_doc(entity),
        "score": result.score,
        "match": result.match,
        "status": status_of(entity, result),
        "features": {f.name: round(f.score, 4) for f in result.features},
        "explanations": {f.name: explanation_doc(f, result) for f in result.features},
        "lists": list_ids(entity),
    }
