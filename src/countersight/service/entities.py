"""The entity use-case: everything known about one organisation, with provenance.

One document (:class:`~countersight.service.contracts.EntityDetailDoc`) serves
``countersight entity --json``, ``GET /entities/{id}`` and the web entity page: yente's
entity shape (``properties``…) plus names, lists, evidence, relations and provenance.
"""

from __future__ import annotations

from typing import cast

from countersight.exc import NotFound
from countersight.model import Relation
from countersight.model.confidence import flaggable
from countersight.model.view import DataView
from countersight.service.context import Context
from countersight.service.contracts import (
    EntityDetailDoc,
    IdentifierDoc,
    NameDoc,
    ProvenanceDoc,
    RelationDoc,
)
from countersight.service.present import entity_doc, evidence_dict, list_ids, listing_dict
from countersight.service.rows import category_labels
from countersight.store import SourceRecord


def _relation_doc(view: DataView, relation: Relation, other_id: str, direction: str) -> RelationDoc:
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


def _provenance_doc(
    dataset: str, raw_id: str, reason: str, record: SourceRecord | None
) -> ProvenanceDoc:
    return {
        "dataset": dataset,
        "record_id": raw_id,
        "reason": reason,
        "title": record.title if record else dataset,
        "loaded_at": record.loaded_at.isoformat() if record else None,
        "publisher_date": record.publisher_date.isoformat()
        if record and record.publisher_date
        else None,
    }


def entity_detail(ctx: Context, entity_id: str) -> EntityDetailDoc:
    """Names, identifiers, relations, lists, evidence and provenance of one entity. A list
    record merged into another entity answers with that entity (``id`` differs from
    ``requested_id``)."""
    view = ctx.engine().view
    canonical = view.resolve(entity_id)
    if canonical is None:
        raise NotFound(f"no entity {entity_id!r}")
    entity = view.entities[canonical]
    sources = {s.dataset: s for s in ctx.store.sources()}
    return {
        **entity_doc(entity),
        "requested_id": entity_id,
        "names": [cast(NameDoc, n.to_dict()) for n in entity.names],
        "identifiers": [cast(IdentifierDoc, i.to_dict()) for i in entity.identifiers],
        "countries": list(entity.countries),
        "addresses": list(entity.addresses),
        "lists": list_ids(entity),
        "listings": listing_dict(entity),
        "topics": list(entity.topics),
        "categories": list(entity.categories),
        "category_labels": category_labels(entity.categories),
        "flaggable": flaggable(entity),
        "evidence": evidence_dict(entity),
        "relations": [
            *(_relation_doc(view, r, r.subject, "parent") for r in view.parents(canonical)),
            *(_relation_doc(view, r, r.object, "child") for r in view.children(canonical)),
        ],
        "provenance": [
            _provenance_doc(dataset, raw_id, reason, sources.get(dataset))
            for dataset, raw_id, reason in view.members.get(canonical, [])
        ],
        "notes": list(entity.notes),
    }
