"""Look through ownership: from a matched entity to the flagged entities it is tied to.

Two directions, both through relations that pass the ownership threshold (a stated share
at or above it, or control without a stated share: a subsidiary or a subordinate unit):

- up: the held entity is owned or controlled by a flagged entity (OFAC's 50 percent rule
  reads this way: what a blocked party owns is blocked);
- down: the held entity owns or controls a flagged entity, so the holding funds it.

Walks stop at ``max_depth`` and never revisit an entity, so ownership cycles end. Only
relations that held on the date asked about (default today) are walked: a sold subsidiary is
history, not exposure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from countersight.model import Relation, RelationKind
from countersight.model.view import DataView


@dataclass(frozen=True, slots=True)
class Step:
    """One hop on a look-through path."""

    id: str
    caption: str
    relation: str  # brand | subsidiary_of | unit_of | parent_of | superior_of | fund_holding
    share: float | None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "caption": self.caption,
            "relation": self.relation,
            "share": self.share,
        }


@dataclass(frozen=True, slots=True)
class Tie:
    """A flagged entity reached from a matched one, and how."""

    target: str
    path: tuple[Step, ...]


def passes(relation: Relation, threshold: float) -> bool:
    """Whether exposure flows through a relation: a share at or above the threshold, or
    control without a stated share."""
    if relation.share is not None:
        return relation.share >= threshold
    return relation.kind in (RelationKind.SUBSIDIARY, RelationKind.UNIT)


def _up_label(relation: Relation) -> str:
    return "unit_of" if relation.kind == RelationKind.UNIT else "subsidiary_of"


def _down_label(relation: Relation) -> str:
    return "superior_of" if relation.kind == RelationKind.UNIT else "parent_of"


def lookthrough(
    view: DataView,
    start: str,
    flagged: Callable[[str], bool],
    threshold: float = 50.0,
    max_depth: int = 6,
    as_of: date | None = None,
) -> list[Tie]:
    """Flagged entities tied to ``start`` by ownership or control on ``as_of`` (default
    today), nearest first."""
    when = as_of or date.today()
    ties: list[Tie] = []
    for direction in ("up", "down"):
        frontier: list[tuple[str, tuple[Step, ...]]] = [(start, ())]
        seen = {start}
        for _depth in range(max_depth):
            next_frontier: list[tuple[str, tuple[Step, ...]]] = []
            for entity_id, path in frontier:
                relations = (
                    view.parents(entity_id) if direction == "up" else view.children(entity_id)
                )
                for relation in relations:
                    if not passes(relation, threshold) or not relation.active_on(when):
                        continue
                    other = relation.subject if direction == "up" else relation.object
                    if other in seen:
                        continue
                    seen.add(other)
                    entity = view.entities.get(other)
                    label = _up_label(relation) if direction == "up" else _down_label(relation)
                    step = Step(other, entity.caption if entity else other, label, relation.share)
                    new_path = (*path, step)
                    if flagged(other):
                        ties.append(Tie(other, new_path))
                    next_frontier.append((other, new_path))
            frontier = next_frontier
            if not frontier:
                break
    return ties
