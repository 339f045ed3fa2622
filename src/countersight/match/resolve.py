"""Decide which list records are the same organisation as a registry entity.

When a user loads official lists, Hikvision from the OFAC file and Hikvision from the
registry must become one entity with both provenances. The rule, strict on purpose:

1. identifiers first: a shared ISIN, LEI, USCC or registry number links the records,
   unless an entity-level identifier (LEI, USCC) conflicts;
2. otherwise names: a name that is identical once normalised (same trade name, same line of
   business, compatible places), with compatible countries, and only one registry entity
   having it.

Anything looser is left to the matcher, which explains itself; a merge does not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from countersight.match.business import NEUTRAL_GENERIC
from countersight.model import REGISTRY_DATASET as DATASET
from countersight.model import Entity, IdScheme, Link, NameKind
from countersight.normalize.names import NameForm, analyze
from countersight.normalize.places import COUNTRY_WORDS
from countersight.normalize.text import latin_tokens

_LINK_SCHEMES = (IdScheme.ISIN, IdScheme.LEI, IdScheme.USCC, IdScheme.REGISTRATION)
_CONFLICT_SCHEMES = (IdScheme.LEI, IdScheme.USCC)
_SKIP_KINDS = (NameKind.WEAK, NameKind.BRAND)


def strict_key(form: NameForm) -> tuple[str, ...] | None:
    """A normalised name key: equal keys mean equal names for merging purposes."""
    if form.is_empty:
        return None
    if form.script == "han":
        return ("han", form.han_core, *sorted(form.generic - NEUTRAL_GENERIC))
    return ("latin", " ".join(form.distinct), *sorted(form.generic - NEUTRAL_GENERIC))


def _name_key(value: str) -> tuple[str, ...] | None:
    """:func:`strict_key` plus the country words of the name: "Dahua Technology USA Inc."
    (a US subsidiary) is not "Dahua Technology"."""
    key = strict_key(analyze(value))
    if key is None:
        return None
    return (*key, *sorted({t for t in latin_tokens(value) if t in COUNTRY_WORDS}))


def _conflicts(left: Entity, right: Entity) -> bool:
    for scheme in _CONFLICT_SCHEMES:
        a, b = set(left.ids(scheme)), set(right.ids(scheme))
        if a and b and not a & b:
            return True
    return False


def _countries_ok(left: Entity, right: Entity) -> bool:
    return (
        not left.countries
        or not right.countries
        or bool(set(left.countries) & set(right.countries))
    )


def resolve_links(entities: Sequence[Entity]) -> list[Link]:
    """Links from list records to the registry entities they are (see module docstring)."""
    registry = [e for e in entities if DATASET in e.datasets]
    by_id = {e.id: e for e in registry}
    by_identifier: dict[tuple[IdScheme, str], set[str]] = defaultdict(set)
    by_name: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for entity in registry:
        for identifier in entity.identifiers:
            if identifier.scheme in _LINK_SCHEMES:
                by_identifier[(identifier.scheme, identifier.value)].add(entity.id)
        for name in entity.names:
            key = _name_key(name.value) if name.kind not in _SKIP_KINDS else None
            if key is not None:
                by_name[key].add(entity.id)
    links: list[Link] = []
    for entity in entities:
        if DATASET in entity.datasets:
            continue
        dataset = entity.datasets[0] if entity.datasets else ""
        found = _by_identifier(entity, by_identifier, by_id)
        if found is None:
            found = _by_name(entity, by_name, by_id)
        if found is not None:
            links.append(Link(found[0], dataset, entity.id, found[1]))
    return links


def _by_identifier(
    entity: Entity, index: dict[tuple[IdScheme, str], set[str]], by_id: dict[str, Entity]
) -> tuple[str, str] | None:
    hits: dict[str, str] = {}
    for identifier in entity.identifiers:
        for target in index.get((identifier.scheme, identifier.value), ()):
            hits.setdefault(target, f"same {identifier.scheme.value} {identifier.value}")
    hits = {t: why for t, why in hits.items() if not _conflicts(entity, by_id[t])}
    if len(hits) == 1:
        return next(iter(hits.items()))
    return None


def _by_name(
    entity: Entity, index: dict[tuple[str, ...], set[str]], by_id: dict[str, Entity]
) -> tuple[str, str] | None:
    for name in entity.names:
        if name.kind in _SKIP_KINDS:
            continue
        key = _name_key(name.value)
        if key is None:
            continue
        targets = list(index.get(key, set()))
        targets = [
            t
            for t in targets
            if _countries_ok(entity, by_id[t]) and not _conflicts(entity, by_id[t])
        ]
        if len(targets) == 1:
            return targets[0], f"same name {name.value!r}"
    return None
