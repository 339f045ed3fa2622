"""Chinese names a subsidiary known only in Latin script borrows from its group.

"Dahua Technology USA Inc." has no Chinese name on record, but its trade name is the
reading of its group's 大华 (dà huá). A Chinese query is then compared with those
characters, not with the reading alone: 沧州大化 (a chemicals company, also "da hua") does
not meet Dahua Technology USA, while 大华技术 still does. The borrowed names serve that
character check only; they are never matched as the subsidiary's own names.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from countersight.model import Entity, NameKind
from countersight.model.view import DataView
from countersight.normalize.names import NameForm, analyze
from countersight.normalize.text import has_han

GroupName = tuple[str, str]
"""A Han name of the group, and the id of the group entity that has it."""

_SKIP_KINDS = (NameKind.WEAK, NameKind.BRAND)


def _latin_trade_names(entity: Entity) -> set[str]:
    """The entity's Latin trade names run together, and each leading run of their words
    ("dahua" for "Dahua Technology USA", "dajiang" for "Dajiang Baiwang Technology")."""
    out: set[str] = set()
    for name in entity.names:
        if name.kind in _SKIP_KINDS:
            continue
        form = analyze(name.value)
        if form.script != "latin":
            continue
        words = form.distinct
        out.update("".join(words[: i + 1]) for i in range(len(words)))
    return out


def _reading(form: NameForm) -> str:
    return form.pinyin.replace("v", "u")


def _ancestors(view: DataView, entity_id: str) -> Iterator[Entity]:
    """The entity's owners and parents, and theirs, each once."""
    seen = {entity_id}
    queue = [entity_id]
    while queue:
        for relation in view.parents(queue.pop()):
            if relation.subject in seen:
                continue
            seen.add(relation.subject)
            queue.append(relation.subject)
            parent = view.entities.get(relation.subject)
            if parent is not None:
                yield parent


def borrowed_names(view: DataView, entity: Entity) -> list[GroupName]:
    """Han names of the entity's group whose reading is the entity's Latin trade name (or
    its leading words), for an entity that has no Han name of its own."""
    offered = [
        (name.value, group.id)
        for group in _ancestors(view, entity.id)
        for name in group.names
        if name.kind not in _SKIP_KINDS and has_han(name.value)
    ]
    if not offered or any(analyze(n.value).script == "han" for n in entity.names):
        return []
    trade = _latin_trade_names(entity)
    found: list[GroupName] = []
    for value, group_id in offered:
        form = analyze(value)
        if form.script == "han" and len(form.han_core) >= 2 and _reading(form) in trade:
            found.append((value, group_id))
    return found


def group_names(view: DataView, entities: Iterable[Entity]) -> dict[str, list[GroupName]]:
    """:func:`borrowed_names` of every entity that borrows any, by entity id."""
    out: dict[str, list[GroupName]] = {}
    for entity in entities:
        if view.parents(entity.id):
            found = borrowed_names(view, entity)
            if found:
                out[entity.id] = found
    return out
