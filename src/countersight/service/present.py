"""Turn entities and match results into the JSON shapes the CLI and API share.

The ``match --json`` result shape is a public contract (integrations build on it):
``{"id", "caption", "schema", "names", "score", "match", "lists", "topics",
"explanation"}``, plus the additive fields ``status``, ``review``, ``listings``,
``evidence``, ``categories``, ``path`` and ``features``.
"""

from __future__ import annotations

from typing import Any

from countersight.match.types import MatchResult
from countersight.model import Entity, list_info
from countersight.model.confidence import concern


def listing_dict(entity: Entity) -> list[dict[str, Any]]:
    out = []
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


def evidence_dict(entity: Entity) -> list[dict[str, Any]]:
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
    if result.match and level == "flagged":
        return "flagged"
    if result.match or result.review:
        return "review"
    return "clear"


def result_dict(entity: Entity, result: MatchResult) -> dict[str, Any]:
    path = []
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
        "features": [f.to_dict() for f in result.features],
        "matched_name": result.candidate_name,
        "path": path,
        "evidence": evidence_dict(entity),
    }
