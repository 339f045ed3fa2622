"""The schema of Countersight's surveillance-vendor registry files (pydantic).

``sources.yaml`` holds the cited documents by key; ``categories.yaml`` the categories of
involvement; ``entities/*.yaml`` one organisation each. Every fact about an entity names the
source key it comes from and the confidence that source supports (H, M or L, as in
:class:`countersight.model.Confidence`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ConfidenceCode = Literal["H", "M", "L"]
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ID = re.compile(r"^cs-[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceDoc(_Strict):
    """A cited public document."""

    publisher: str = Field(min_length=1)
    title: str = Field(min_length=1)
    date: str
    date_basis: Literal["published", "inferred", "accessed"] = "published"
    url: str | None = None
    citation: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: object) -> str:
        text = value.isoformat() if isinstance(value, date) else str(value)
        if not _PARTIAL_DATE.match(text):
            raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
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
    value: str = Field(min_length=1)
    lang: Literal["en", "zh-Hans", "zh-Hant", "zh-Latn-pinyin", "und"] = "en"
    kind: Literal["primary", "alias", "short", "former", "weak"] = "alias"
    source: str | None = None
    note: str | None = None


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
    """This entity is controlled by ``id`` (a parent, owner or superior body)."""

    id: str
    kind: Literal["ownership", "subsidiary", "unit"]
    share: float | None = Field(default=None, ge=0, le=100)
    start: date | None = None
    end: date | None = None
    source: str
    confidence: ConfidenceCode
    note: str | None = None


class ListingEntry(_Strict):
    list: str
    program: str | None = None
    listed_on: date | None = None
    delisted_on: date | None = None
    source: str
    confidence: ConfidenceCode
    note: str | None = None


class EvidenceEntry(_Strict):
    """A finding (supports concern about the entity) or context (identity, listing status,
    reactions): only findings and listings at H or M make an entity flag matches."""

    source: str
    confidence: ConfidenceCode
    summary: str = Field(min_length=10)
    kind: Literal["finding", "context"] = "finding"


class RegistryEntity(_Strict):
    """One organisation in the registry."""

    id: str
    schema_: Literal["Company", "Organization", "PublicBody"] = Field(alias="schema")
    names: list[NameEntry] = Field(min_length=1)
    brands: list[BrandEntry] = []
    identifiers: list[IdentifierEntry] = []
    countries: list[str] = []
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
