"""Relations between organisations: ownership, control, and government units.

A relation always points from the controlling side (``subject``: owner, parent, superior
body) to the controlled side (``object``: asset, subsidiary, subordinate unit), as
followthemoney's ``Ownership`` edge does (owner → asset). Brands are not relations: a brand
is a name of its maker (:attr:`countersight.model.entity.NameKind.BRAND`) with its source.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from countersight.model.evidence import _date, _iso


class RelationKind(StrEnum):
    """Kinds of relation that exposure can be looked through."""

    OWNERSHIP = "ownership"  # subject holds ``share`` percent of object
    SUBSIDIARY = "subsidiary"  # subject controls object; share unknown or not stated
    UNIT = "unit"  # object is a subordinate unit of a public body (e.g. a municipal PSB)


@dataclass(frozen=True, slots=True)
class Relation:
    """A dated, sourced link between two entities."""

    kind: RelationKind
    subject: str
    object: str
    share: float | None = None
    start: date | None = None
    end: date | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)
    dataset: str | None = None
    note: str | None = None

    @property
    def id(self) -> str:
        """A deterministic key, so reloading a source gives the same relation ids. A dated
        relation includes its start, so successive periods (60% then 48%) stay apart."""
        raw = f"{self.dataset}|{self.kind}|{self.subject}|{self.object}"
        if self.start:
            raw += f"|{self.start.isoformat()}"
        return "rel-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "subject": self.subject,
            "object": self.object,
            "share": self.share,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "sources": list(self.sources),
            "dataset": self.dataset,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Relation:
        share = data.get("share")
        return cls(
            kind=RelationKind(data["kind"]),
            subject=data["subject"],
            object=data["object"],
            share=float(share) if share is not None else None,
            start=_date(data.get("start")),
            end=_date(data.get("end")),
            sources=tuple(data.get("sources", ())),
            dataset=data.get("dataset"),
            note=data.get("note"),
        )

    def active_on(self, when: date) -> bool:
        """True when the relation held on ``when`` (open ends count as holding)."""
        if self.start and when < self.start:
            return False
        return not (self.end and when > self.end)

    def ended_by(self, when: date) -> bool:
        """True when the relation had ended on ``when`` (it is history, not current)."""
        return self.end is not None and when > self.end


@dataclass(frozen=True, slots=True)
class Link:
    """A list record merged into a canonical (registry) entity, and why."""

    canonical_id: str
    member_dataset: str
    member_id: str
    reason: str
