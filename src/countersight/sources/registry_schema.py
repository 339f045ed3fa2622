"""The schema of Countersight's surveillance-vendor registry files (pydantic).

``sources.yaml`` holds the cited documents by key; ``categories.yaml`` the categories of
involvement; ``scope.yaml`` which official lists and programmes the registry must cover;
``entities/*.yaml`` one organisation each. Every fact about an entity names the source key it
comes from and the confidence that source supports (H, M or L, as in
:class:`countersight.model.Confidence`).

Time: names, relations and listings carry dates. Dates may be partial (``2018``,
``2018-02``): a partial start counts from the first day of its period, a partial end to the
last day. A listing's ``listed_on``/``delisted_on`` (or ``start``/``end``) bound the period it
was in force; a removal is an end date, never a deleted row.
"""

from __future__ import annotations

import builtins
import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ConfidenceCode = Literal["H", "M", "L"]
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ID = re.compile(r"^cs-[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def partial_date(value: object) -> str | None:
    """A YAML date or a ``YYYY``/``YYYY-MM``/``YYYY-MM-DD`` string, as ISO text."""
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, date) else str(value)
    if not _PARTIAL_DATE.match(text):
        raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return text


def bound(text: str | None, *, end: bool) -> date | None:
    """The first (start) or last (end) day a partial date can mean."""
    if text is None:
        return None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 1:
        return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
    year, month = parts
    if not end:
        return date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


class SourceDoc(_Strict):
    """A cited public document.

    ``title`` is the document's own title as the research notes give it
    (``title_is: title``); where they give none, ``title`` describes the document and
    ``title_is: description`` says so, so nothing reads like an invented headline.
    """

    publisher: str = Field(min_length=1)
    title: str = Field(min_length=1)
    title_is: Literal["title", "description"] = "title"
    official: bool = False
    date: str
    date_basis: Literal["published", "inferred", "accessed"] = "published"
    url: str | None = None
    citation: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: object) -> str:
        text = partial_date(value)
        if text is None:
            raise ValueError("a source needs a date")
        return text

    @model_validator(mode="after")
    def _where(self) -> SourceDoc:
        if not self.url and not self.citation:
            raise ValueError("a source needs a url or a citation")
        return self


class Category(_Strict):
    title: str
    description: str


class NameEntry(_Strict):
    """A name; a ``former`` name carries the period it was used (``start``/``end``)."""

    value: str = Field(min_length=1)
    lang: Literal["en", "zh-Hans", "zh-Hant", "zh-Latn-pinyin", "und"] = "en"
    kind: Literal["primary", "alias", "short", "former", "weak"] = "alias"
    source: str | None = None
    start: str | None = None
    end: str | None = None
    note: str | None = None

    @field_validator("start", "end", mode="before")
    @classmethod
    def _dates(cls, value: object) -> str | None:
        return partial_date(value)


class BrandEntry(_Strict):
    value: str = Field(min_length=1)
    lang: Literal["en", "zh-Hans", "zh-Hant", "und"] = "en"
    source: str
    confidence: ConfidenceCode = "H"


class IdentifierEntry(_Strict):
    scheme: Literal["isin", "lei", "cusip", "sedol", "ticker", "uscc", "registration"]
    value: str = Field(min_length=1)
    source: str


class ParentEntry(_Strict):
    """This entity is controlled by ``id`` (a parent, owner or superior body) from ``start``
    to ``end`` (open ends: still holds). ``end_source`` documents a sale; ``date_note``
    records disagreeing dates and which one is used."""

    id: str
    kind: Literal["ownership", "subsidiary", "unit"]
    share: float | None = Field(default=None, ge=0, le=100)
    start: str | None = None
    end: str | None = None
    source: str
    end_source: str | None = None
    confidence: ConfidenceCode
    date_note: str | None = None
    note: str | None = None

    @field_validator("start", "end", mode="before")
    @classmethod
    def _dates(cls, value: object) -> str | None:
        return partial_date(value)


class EditionEntry(_Strict):
    """One edition (or batch) of a list in which the entity appears, under ``name``."""

    edition: date
    name: str | None = None
    source: str


class ListingEntry(_Strict):
    """A listing in force from ``listed_on`` to ``delisted_on`` (the removal date).

    ``reach: subsidiaries-and-affiliates`` records a listing whose legal text extends to
    the listed party's subsidiaries and affiliates (FCC Covered List, NDAA Section 889):
    the registry's controlled entities inherit it for as long as the control lasted.
    ``end_confidence`` is the confidence of the removal date when it is weaker than the
    listing's (the 2026-02-17 DoD 1260H end dates are L).
    """

    list: str
    program: str | None = None
    listed_on: date | None = Field(default=None, alias="start")
    delisted_on: date | None = Field(default=None, alias="end")
    source: str
    end_source: str | None = None
    confidence: ConfidenceCode
    end_confidence: ConfidenceCode | None = None
    citation: str | None = None
    reach: Literal["entity", "subsidiaries-and-affiliates"] = "entity"
    reach_source: str | None = None
    reach_confidence: ConfidenceCode | None = None
    editions: builtins.list[EditionEntry] = []
    note: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _period(self) -> ListingEntry:
        if self.listed_on and self.delisted_on and self.delisted_on < self.listed_on:
            raise ValueError("a listing cannot end before it starts")
        if self.end_confidence and not self.delisted_on:
            raise ValueError("end_confidence needs an end date")
        return self


class EvidenceEntry(_Strict):
    """A finding (supports concern about the entity), context (identity, listing status,
    reactions), a lead (a research mention whose subject is not identified) or an ``oem``
    item (the entity sold a listed maker's products under its own label; the summary says
    when): only findings and listings at H or M make an entity flag matches; a lead or an
    OEM relabelling never does, since the relabeller is neither the maker nor controlled by
    it."""

    source: str
    confidence: ConfidenceCode
    summary: str = Field(min_length=10)
    kind: Literal["finding", "context", "lead", "oem"] = "finding"


class RegistryEntity(_Strict):
    """One organisation in the registry."""

    id: str
    schema_: Literal["Company", "Organization", "PublicBody"] = Field(alias="schema")
    names: list[NameEntry] = Field(min_length=1)
    brands: list[BrandEntry] = []
    identifiers: list[IdentifierEntry] = []
    countries: list[str] = []
    jurisdiction: str | None = None
    jurisdiction_source: str | None = None
    status: Literal["identified", "unresolved-lead"] = "identified"
    categories: list[str] = []
    parents: list[ParentEntry] = []
    listings: list[ListingEntry] = []
    evidence: list[EvidenceEntry] = Field(min_length=1)
    notes: list[str] = []

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"id {value!r} must look like cs-some-name (lower case, hyphens)")
        return value

    @model_validator(mode="after")
    def _primary(self) -> RegistryEntity:
        if not any(n.kind == "primary" for n in self.names):
            raise ValueError("an entity needs one name of kind 'primary'")
        return self
