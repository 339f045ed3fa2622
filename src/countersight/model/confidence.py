"""The confidence rule: which entities may flag a screened row, and which only go to review.

H: an official document, or two independent consistent reports. M: one reputable report, or
plainly implied by an H source. L: an unverified lead. Only H and M listings or findings flag.
"""

from __future__ import annotations

from countersight.model.entity import Entity


def concern(entity: Entity) -> str | None:
    """``flagged`` for an entity backed by H/M listings or findings; ``review`` for one with
    only low-confidence (L) listings or findings; None for one with neither (a reference
    record, or an entity known only through context such as a parent group)."""
    if flaggable(entity):
        return "flagged"
    if entity.memberships or any(e.kind == "finding" for e in entity.evidence):
        return "review"
    return None


def flaggable(entity: Entity) -> bool:
    """The confidence rule: an entity can flag a row only through H or M evidence or
    listings; entities known only from L material appear for review."""
    return any(m.confidence.flags for m in entity.memberships) or any(
        e.confidence.flags and e.kind == "finding" for e in entity.evidence
    )
