"""Coverage of official files: every in-scope record a user loads merges with the registry.

A record is in scope when it is on a list of ``scope.yaml`` and its name is one of that
list's scope records or contains one of its family words, so a new member of a known family
in a full list is caught too. Run by ``countersight registry check --against FILE``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from countersight.match.resolve import resolve_links
from countersight.model import Entity
from countersight.sources import plan
from countersight.sources.registry_scope import Scope, ScopeList, is_fcc_table, read_fcc_table


@dataclass(frozen=True, slots=True)
class Gap:
    """An in-scope official record that merged with no registry entity."""

    list: str
    record_id: str
    name: str

    def __str__(self) -> str:
        return f"{self.list}: {self.name!r} ({self.record_id}) has no registry entity"


def _in_scope(entity: Entity, spec: ScopeList) -> bool:
    names = [n.value.casefold() for n in entity.names]
    wanted = {r.name.casefold() for r in spec.records}
    if any(n in wanted for n in names):
        return True
    return any(
        re.search(rf"\b{re.escape(word.casefold())}\b", name)
        for name in names
        for word in spec.families
    )


def _named(entity: Entity, spec: ScopeList, registry_ids: set[str]) -> bool:
    """A record whose name is exactly a scope record's name counts as covered when that
    record's registry entity exists (used where a file cannot be merged by identifiers)."""
    names = {n.value.casefold() for n in entity.names}
    return any(r.name.casefold() in names and r.entity in registry_ids for r in spec.records)


def official_coverage(
    registry: Sequence[Entity], loaded: Iterable[Entity], scope: Scope
) -> tuple[int, list[Gap]]:
    """In-scope records of loaded official files, and those that merged with no entity."""
    records = list(loaded)
    linked = {link.member_id for link in resolve_links([*registry, *records])}
    registry_ids = {e.id for e in registry}
    in_scope = 0
    gaps = []
    for entity in records:
        lists = [m.list for m in entity.memberships if m.list in scope.lists]
        spec = next((scope.lists[x] for x in lists if _in_scope(entity, scope.lists[x])), None)
        if spec is None:
            continue
        in_scope += 1
        list_id = next(x for x in lists if scope.lists[x] is spec)
        if entity.id not in linked and not _named(entity, spec, registry_ids):
            gaps.append(Gap(list_id, entity.id, entity.caption))
    return in_scope, gaps


def official_records(paths: Sequence[Path]) -> list[Entity]:
    """The records of the official files given (any list format, or the FCC table)."""
    records: list[Entity] = []
    others = []
    for path in paths:
        if path.is_file() and is_fcc_table(path):
            records += read_fcc_table(path)
        else:
            others.append(path)
    for job in plan(others) if others else []:
        records += job.run().entities
    return records


__all__ = ["Gap", "official_coverage", "official_records"]
