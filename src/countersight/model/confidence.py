"""The confidence rule: whether an entity flags a matched row, as of a date.

H: an official document, or two independent consistent reports. M: one reputable report, or
plainly implied by an H source. L: an unverified lead. One place for the rule, used by
matching, screening, the API and the registry check:

- an entity *flags* when, on the date asked about, it holds a listing in force at H or M
  confidence (its own, or one that reaches it as a controlled subsidiary or affiliate of a
  listed parent), or it has a finding at H or M;
- it is for *review* when it has anything else of concern: a listing at L, a listing that
  has ended or not yet started (history), a finding at L, a research lead, or a documented
  OEM relabelling of a listed maker's products (IndigoVision sold Dahua cameras under its
  own name until 2021: neither the maker nor controlled by it);
- otherwise (a reference record, or an entity known only through context) it is neither.

Listings and control are dated; findings describe conduct and do not expire. A research
*lead* (a mention whose subject is not identified) never flags, whatever its confidence, so
an entity whose only basis is an unresolved lead stays review-only.
"""

from __future__ import annotations

from datetime import date

from countersight.model.entity import Entity
from countersight.model.evidence import Confidence, ListMembership
from countersight.model.lists import list_info

FLAGGED = "flagged"
REVIEW = "review"
REVIEW_KINDS = frozenset({"finding", "lead", "oem"})
"""Evidence kinds that make an entity worth a look even when they cannot flag it."""


def current(entity: Entity, as_of: date | None = None) -> list[ListMembership]:
    """The memberships in force on ``as_of`` (default today)."""
    when = as_of or date.today()
    return [m for m in entity.memberships if m.active_on(when)]


def flaggable(entity: Entity, as_of: date | None = None) -> bool:
    """Whether a match to this entity is flagged on ``as_of`` (see the module docstring)."""
    return any(m.confidence.flags for m in current(entity, as_of)) or any(
        e.confidence.flags and e.kind == "finding" for e in entity.evidence
    )


def concern(entity: Entity, as_of: date | None = None) -> str | None:
    """``flagged``, ``review`` or None for an entity on ``as_of`` (default today)."""
    if flaggable(entity, as_of):
        return FLAGGED
    if entity.memberships or any(e.kind in REVIEW_KINDS for e in entity.evidence):
        return REVIEW
    return None


def listing_history(
    entity: Entity, as_of: date | None = None, captions: dict[str, str] | None = None
) -> list[str]:
    """Listings not in force on ``as_of``, in words: ``removed from DoD 1260H on
    2025-01-07``; ``FCC Covered List through Zhejiang Dahua ... ended 2022-11-24``."""
    when = as_of or date.today()
    names = captions or {}
    lines: list[str] = []
    live = {(m.list, m.via) for m in entity.memberships if m.active_on(when)}
    for m in entity.memberships:
        if m.active_on(when) or (m.via and (m.list, m.via) in live):
            continue
        label = list_info(m.list).short
        if m.listed_on and when < m.listed_on:
            lines.append(f"not yet on {label} (listed {m.listed_on.isoformat()})")
            continue
        end = m.delisted_on.isoformat() if m.delisted_on else "?"
        weak = " (removal date unconfirmed, L)" if m.end_confidence == Confidence.LOW else ""
        if m.via:
            parent = names.get(m.via, m.via)
            lines.append(f"{label} reached it through {parent} until {end}{weak}")
        else:
            lines.append(f"removed from {label} on {end}{weak}")
    return list(dict.fromkeys(lines))


__all__ = ["FLAGGED", "REVIEW", "concern", "current", "flaggable", "listing_history"]
