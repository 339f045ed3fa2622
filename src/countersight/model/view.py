"""The canonical view of the store: merged entities and relations between them.

Registry entities absorb the list records linked to them (names, identifiers, listings,
provenance); relation endpoints are rewritten to canonical ids. Everything above the store
(matching, look-through, the entity page) reads this view, built once per store version.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from countersight.model import Entity, IdScheme, Link, Relation


@dataclass(slots=True)
class DataView:
    """Canonical entities, the raw records behind each, and canonical relations."""

    version: str
    entities: dict[str, Entity] = field(default_factory=dict)
    members: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    canonical: dict[str, str] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    _outgoing: dict[str, list[Relation]] = field(default_factory=dict)
    _incoming: dict[str, list[Relation]] = field(default_factory=dict)

    def resolve(self, entity_id: str) -> str | None:
        """Canonical id for any raw or canonical id."""
        if entity_id in self.entities:
            return entity_id
        return self.canonical.get(entity_id)

    def get(self, entity_id: str) -> Entity | None:
        found = self.resolve(entity_id)
        return self.entities.get(found) if found else None

    def children(self, entity_id: str) -> list[Relation]:
        """Relations where the entity is the owner, parent or superior body."""
        return self._outgoing.get(entity_id, [])

    def parents(self, entity_id: str) -> list[Relation]:
        """Relations where the entity is owned, a subsidiary or a unit."""
        return self._incoming.get(entity_id, [])


def build_view(
    version: str, entities: Iterable[Entity], relations: Iterable[Relation], links: Iterable[Link]
) -> DataView:
    """Merge linked records into their canonical entities and re-point relations."""
    view = DataView(version=version)
    link_for = {(link.member_dataset, link.member_id): link for link in links}
    pending: list[tuple[Entity, Link]] = []
    members: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for entity in entities:
        dataset = entity.datasets[0] if entity.datasets else ""
        link = link_for.get((dataset, entity.id))
        if link is not None:
            pending.append((entity, link))
            continue
        existing = view.entities.get(entity.id)
        if existing is None:
            view.entities[entity.id] = copy.deepcopy(entity)
        else:
            existing.merge(entity)
        members[entity.id].append((dataset, entity.id, "primary record"))
    for entity, link in pending:
        target = view.entities.get(link.canonical_id)
        dataset = entity.datasets[0] if entity.datasets else ""
        if target is None:
            view.entities[entity.id] = copy.deepcopy(entity)
            members[entity.id].append((dataset, entity.id, "primary record"))
            continue
        target.merge(entity)
        view.canonical[entity.id] = target.id
        members[target.id].append((dataset, entity.id, link.reason))
    view.members = dict(members)
    by_lei: dict[str, str] = {}
    for entity in view.entities.values():
        for lei in entity.ids(IdScheme.LEI):
            by_lei.setdefault(lei, entity.id)
    for relation in relations:
        subject = _endpoint(view, by_lei, relation.subject)
        obj = _endpoint(view, by_lei, relation.object)
        if subject is None or obj is None or subject == obj:
            continue
        canonical = Relation(
            kind=relation.kind,
            subject=subject,
            object=obj,
            share=relation.share,
            start=relation.start,
            end=relation.end,
            sources=relation.sources,
            dataset=relation.dataset,
            note=relation.note,
        )
        view.relations.append(canonical)
        view._outgoing.setdefault(subject, []).append(canonical)
        view._incoming.setdefault(obj, []).append(canonical)
    return view


def _endpoint(view: DataView, by_lei: dict[str, str], entity_id: str) -> str | None:
    found = view.resolve(entity_id)
    if found is not None:
        return found
    if entity_id.startswith("lei-"):
        return by_lei.get(entity_id[4:])
    return None
