"""The entity use-case: everything known about one organisation, with provenance."""

from __future__ import annotations

from typing import Any

from countersight.exc import NotFound
from countersight.model import Relation
from countersight.model.confidence import flaggable
from countersight.model.view import DataView
from countersight.service.context import Context
from countersight.service.present import evidence_dict, list_ids, listing_dict


def _relation_dict(
    view: DataView, relation: Relation, other_id: str, direction: str
) -> dict[str, Any]:
    other = view.entities.get(other_id)
    return {
        "direction": direction,
        "kind": relation.kind.value,
        "id": other_id,
        "caption": other.caption if other else other_id,
        "share": relation.share,
        "start": relation.start.isoformat() if relation.start else None,
        "end": relation.end.isoformat() if relation.end else None,
        "sources": list(relation.sources),
        "dataset": relation.dataset,
        "note": relation.note,
    }


def entity_detail(ctx: Context, entity_id: str) -> dict[str, Any]:
    """Names, identifiers, relations, lists, evidence and provenance of one entity."""
    view = ctx.engine().view
    canonical = view.resolve(entity_id)
    if canonical is None:
        raise NotFound(f"no entity {entity_id!r}")
    entity = view.entities[canonical]
    relations = [
        *(_relation_dict(view, r, r.subject, "parent") for r in view.parents(canonical)),
        *(_relation_dict(view, r, r.object, "child") for r in view.children(canonical)),
    ]
    sources = {s.dataset: s for s in ctx.store.sources()}
    provenance = []
    for dataset, raw_id, reason in view.members.get(canonical, []):
        record = sources.get(dataset)
        provenance.append(
            {
                "dataset": dataset,
                "record_id": raw_id,
                "reason": reason,
                "title": record.title if record else dataset,
                "loaded_at": record.loaded_at.isoformat() if record else None,
                "publisher_date": record.publisher_date.isoformat()
                if record and record.publisher_date
                else None,
            }
        )
    return {
        "id": entity.id,
        "requested_id": entity_id,
        "caption": entity.caption,
        "schema": entity.schema.value,
        "names": [n.to_dict() for n in entity.names],
        "identifiers": [i.to_dict() for i in entity.identifiers],
        "countries": list(entity.countries),
        "addresses": list(entity.addresses),
        "lists": list_ids(entity),
        "listings": listing_dict(entity),
        "topics": list(entity.topics),
        "categories": list(entity.categories),
        "flaggable": flaggable(entity),
        "evidence": evidence_dict(entity),
        "relations": relations,
        "datasets": list(entity.datasets),
        "provenance": provenance,
        "notes": list(entity.notes),
    }
