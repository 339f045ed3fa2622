"""Evidence and list memberships: why an entity is of concern, and who says so, when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any


class Confidence(StrEnum):
    """How well a fact is sourced (the registry's legend).

    H: a primary or official document, or two independent consistent secondary reports.
    M: one reputable secondary report, or plainly implied by an H source.
    L: an unverified lead. Never enough to flag anything on its own.
    """

    HIGH = "H"
    MEDIUM = "M"
    LOW = "L"

    @property
    def flags(self) -> bool:
        """Whether evidence at this confidence may flag a screened row."""
        return self is not Confidence.LOW


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True, slots=True)
class Evidence:
    """One dated public source backing a fact about an entity.

    ``key`` is stable within its dataset (e.g. the registry's ``S47``) so relations and names
    can cite it. ``url`` or ``citation`` must be given. ``date`` is ISO and may be partial
    (``2019``, ``2019-10``, ``2019-10-09``); ``date_basis`` says whether the source states it
    (``published``), it follows from what the source reports (``inferred``), or the source is
    undated and the date is when Countersight recorded it (``accessed``).
    """

    key: str
    publisher: str
    title: str
    date: str | None
    url: str | None = None
    citation: str | None = None
    summary: str | None = None
    confidence: Confidence = Confidence.HIGH
    date_basis: str = "published"
    kind: str = "finding"  # finding | listing (a dated listing) | context | lead | oem
    title_is: str = "title"  # "description" when the source gives no title of its own

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "publisher": self.publisher,
            "title": self.title,
            "title_is": self.title_is,
            "date": self.date,
            "date_basis": self.date_basis,
            "kind": self.kind,
            "url": self.url,
            "citation": self.citation,
            "summary": self.summary,
            "confidence": self.confidence.value,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        return cls(
            key=data["key"],
            publisher=data["publisher"],
            title=data["title"],
            date=str(data["date"]) if data.get("date") else None,
            url=data.get("url"),
            citation=data.get("citation"),
            summary=data.get("summary"),
            confidence=Confidence(data.get("confidence", "H")),
            date_basis=data.get("date_basis", "published"),
            kind=data.get("kind", "finding"),
            title_is=data.get("title_is", "title"),
        )


@dataclass(frozen=True, slots=True)
class ListMembership:
    """An entity's presence on an official list (or a research finding list).

    ``list`` is an id from :data:`countersight.model.lists.LISTS`; ``program`` is the
    publisher's program code (e.g. ``CMIC-EO13959``); ``source_record_id`` is the record's id
    in the publisher's file (e.g. OFAC's ent_num ``30946``). ``evidence`` names the evidence
    key that documents the listing when it comes from the registry. ``via`` names the listed
    parent when the listing reaches this entity as its subsidiary or affiliate (the FCC
    Covered List, NDAA Section 889); ``end_confidence`` is the confidence of the removal
    date when it is weaker than the listing's.
    """

    list: str
    program: str | None = None
    listed_on: date | None = None
    delisted_on: date | None = None
    source_record_id: str | None = None
    dataset: str | None = None
    evidence: str | None = None
    confidence: Confidence = Confidence.HIGH
    via: str | None = None
    end_confidence: Confidence | None = None
    note: str | None = None

    def active_on(self, when: date) -> bool:
        """In force on ``when``: listed by then (or undated) and not yet removed."""
        if self.listed_on and when < self.listed_on:
            return False
        return not (self.delisted_on and when >= self.delisted_on)

    def to_dict(self) -> dict[str, Any]:
        return {
            "via": self.via,
            "end_confidence": self.end_confidence.value if self.end_confidence else None,
            "note": self.note,
            "list": self.list,
            "program": self.program,
            "listed_on": _iso(self.listed_on),
            "delisted_on": _iso(self.delisted_on),
            "source_record_id": self.source_record_id,
            "dataset": self.dataset,
            "evidence": self.evidence,
            "confidence": self.confidence.value,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ListMembership:
        return cls(
            list=data["list"],
            program=data.get("program"),
            listed_on=_date(data.get("listed_on")),
            delisted_on=_date(data.get("delisted_on")),
            source_record_id=data.get("source_record_id"),
            dataset=data.get("dataset"),
            evidence=data.get("evidence"),
            confidence=Confidence(data.get("confidence", "H")),
            via=data.get("via"),
            end_confidence=Confidence(data["end_confidence"])
            if data.get("end_confidence")
            else None,
            note=data.get("note"),
        )
