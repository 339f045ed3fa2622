"""The screening document: what every front end reads (``screen --json``, the API's
``result``, the web page, the HTML/XLSX/CSV reports), typed.

Units: every ``share`` in the document is a fraction 0..1 (of the portfolio, of a fund, or
of the owned entity); weights and exposures are in the input's own unit (its weight
column, or market value). A finding's ``match`` is the engine's verdict (the row's own
score passed the match threshold); its ``status`` is the outcome after reviewer decisions.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, NotRequired

# pydantic (the API declares these as its response models) needs this TypedDict before 3.12.
from typing_extensions import TypedDict


class RowStatus(StrEnum):
    """A screened row's outcome."""

    FLAGGED = "flagged"  # tied to an entity backed by H/M evidence or a listing
    REVIEW = "review"  # a possible match, or an entity known only from L leads
    CLEAR = "clear"


class FindingStatus(StrEnum):
    """A finding's outcome after decisions. ``flagged`` and ``review`` findings are the
    row's ``matches``; ``rejected`` and ``inactive`` ones are kept in ``set_aside``."""

    FLAGGED = "flagged"
    REVIEW = "review"
    REJECTED = "rejected"  # a reviewer rejected this finding
    INACTIVE = "inactive"  # goes through a match that is rejected or below the threshold


class Concern(StrEnum):
    """What an entity's evidence supports: a flag (H/M) or only a review (L leads)."""

    FLAGGED = "flagged"
    REVIEW = "review"


class Route(StrEnum):
    """How a row reaches a flagged entity."""

    DIRECT = "direct"  # the row is the entity
    BRAND = "brand"  # the row names one of the entity's brands
    AFFILIATE = "affiliate"  # the row is a foreign affiliate named after the entity
    OWNERSHIP = "ownership"  # the row's entity owns, or is owned by, the flagged one
    FUND = "fund"  # the row is a fund holding the flagged entity
    PRODUCT = "product"  # the row's description of what was bought names the entity
    # Reserved for later kinds of tie; nothing produces it yet.
    HISTORY = "history"


# Routes on which the row itself matched (decisions on them are decisions on the match).
MATCH_ROUTES = (Route.DIRECT, Route.BRAND, Route.AFFILIATE, Route.PRODUCT)


class StepRelation(StrEnum):
    """One hop on a finding's path."""

    BRAND = "brand"
    SUBSIDIARY_OF = "subsidiary_of"
    UNIT_OF = "unit_of"
    PARENT_OF = "parent_of"
    SUPERIOR_OF = "superior_of"
    FUND_HOLDING = "fund_holding"


class Verdict(StrEnum):
    """A reviewer's decision on a finding."""

    CONFIRM = "confirm"
    REJECT = "reject"


class PathStep(TypedDict):
    id: str
    caption: str
    relation: StepRelation
    share: float | None  # fraction 0..1: of the owned entity, or of the fund


class EvidenceItem(TypedDict):
    publisher: str
    date: str | None
    title: str | None
    url: str | None
    confidence: str
    summary: str | None


class DecisionDoc(TypedDict):
    """A stored decision as the document shows it."""

    row_key: str
    entity_id: str
    route: Route | None  # None: recorded before routes were kept; means the row's match
    matched_entity: str | None
    verdict: Verdict
    note: str | None
    decided_by: str
    decided_at: str


class ProductDoc(TypedDict):
    """For a product finding: the words that named the maker, and where they were."""

    text: str
    where: str  # "description", or the part of the supplier name ("the trading name (T/A)")
    kind: str  # model | name | short_name


class FindingDoc(TypedDict):
    """An entity a row is tied to, and how."""

    id: str  # canonical id of the entity shown (for ownership: the flagged owner or owned)
    caption: str
    names: list[str]
    score: float
    match: bool  # the engine's verdict on the row's own match (see the module docstring)
    concern: Concern
    status: FindingStatus
    via: Route
    share: float | None  # fund findings: fraction 0..1 of the fund row's weight
    lists: list[str]
    list_labels: list[str]
    topics: list[str]
    categories: list[str]  # keys, e.g. ethnicity-analytics
    category_labels: NotRequired[list[str]]  # their titles, in the same order
    path: list[PathStep]
    evidence: list[EvidenceItem]
    decision: DecisionDoc | None
    matched_entity: str  # the entity the row (or the fund's holding) itself matched
    explanation: list[str]  # the features behind the score, one line each
    product: NotRequired[ProductDoc]  # route product: what named the maker
    history: NotRequired[list[str]]  # listings and control no longer holding on ``as_of``


class RowDoc(TypedDict):
    row: int  # 1-based data row below the header
    line: NotRequired[int]  # the row's line (CSV) or row number (spreadsheet) in the file
    key: str  # what `decide` takes
    input: dict[str, str]
    numbers: NotRequired[dict[str, float]]  # input cells that are numbers, by column
    name: str | None
    status: RowStatus
    weight: float | None
    exposure: float | None
    matches: list[FindingDoc]  # status flagged or review
    set_aside: list[FindingDoc]  # status rejected or inactive
    file: NotRequired[str]  # a folder screened as one: the file the row is in (file:line)


class Summary(TypedDict):
    rows: int
    flagged_rows: int
    review_rows: int
    total_weight: float | None
    exposed_weight: float | None
    exposed_share: float | None  # fraction 0..1 of the total weight
    # What the input says (set by the screening service; see README "Weights and kind"):
    kind: NotRequired[str]  # holdings or suppliers (nport for a filing)
    share_of: NotRequired[str]  # "the portfolio" or "spend"
    has_weights: NotRequired[bool]  # a weight, market value or spend column was found
    weight_unknown_rows: NotRequired[int]  # rows without a usable weight: never zero
    weight_unknown_flagged: NotRequired[int]  # of which flagged
    skipped_rows: NotRequired[int]  # invalid rows skipped (--skip-invalid)


class ShareItem(TypedDict):
    label: str
    key: NotRequired[str]  # by_category: the category's key (label is its title)
    weight: float | None
    share: float | None
    rows: NotRequired[int]  # flagged rows counted in it (what a file without weights shows)


class CompanyItem(TypedDict):
    id: str
    caption: str
    weight: float | None
    rows: int
    share: float | None


class Breakdown(TypedDict):
    by_company: list[CompanyItem]
    by_list: list[ShareItem]
    by_category: list[ShareItem]
    by_route: list[ShareItem]


class Totals(TypedDict):
    summary: Summary
    breakdown: Breakdown


class Thresholds(TypedDict):
    match: float
    review: float
    ownership: float  # fraction 0..1, like every share


class SourceInfo(TypedDict):
    dataset: str
    title: str
    loaded_at: str
    publisher_date: str | None
    sha256: NotRequired[str]  # the loaded files' digest: for the registry, its version


class SupplierFinding(TypedDict):
    """An entity a supplier's payments were flagged or sent to review for."""

    id: str
    caption: str
    status: FindingStatus  # the worst among the supplier's rows
    via: list[Route]
    rows: int  # payments with this finding
    explanation: list[str]  # of the first such finding
    evidence: list[EvidenceItem]


class SupplierDoc(TypedDict):
    """One supplier of a spend file: its payments summed (see
    :mod:`countersight.exposure.suppliers`)."""

    key: str  # vat:GB..., company:..., id:... or name:... (what ties its rows together)
    name: str  # the spelling most of its rows use
    names: list[str]  # every spelling, most used first
    identifiers: list[str]  # VAT and company numbers, supplier ids (vat:..., id:...)
    status: RowStatus  # the worst of its rows
    spend: float | None  # the sum of its known amounts (None: no amount known)
    share: float | None  # fraction 0..1 of the file's total known spend
    payments: int
    spend_unknown: int  # payments without a usable amount: counted, never zero
    first: str | None  # ISO date of its first payment, when a date column is read
    last: str | None
    bought: list[ProductDoc]  # product hits: what was bought from a covered maker
    findings: list[SupplierFinding]
    rows: list[int]  # its rows' numbers
    where: list[str]  # its flagged and review rows, as file:line (a folder) or line N


class ScreeningDocument(TypedDict):
    summary: Summary
    breakdown: Breakdown
    input: dict[str, Any]
    thresholds: Thresholds
    sources: list[SourceInfo]
    list_warnings: list[str]
    as_of: NotRequired[str]  # the date the answer is for (ISO; default today)
    rows: list[RowDoc]
    run: str | None
    comparison: NotRequired[dict[str, Any]]
    suppliers: NotRequired[list[SupplierDoc]]  # supplier inputs: the per-supplier view


def file_line(row: Mapping[str, Any]) -> str:
    """Where a row (or a skipped row) of a folder screened as one is: ``file:line``."""
    return f"{row.get('file', '')}:{row.get('line', '')}"


__all__ = [
    "MATCH_ROUTES",
    "Breakdown",
    "CompanyItem",
    "Concern",
    "DecisionDoc",
    "EvidenceItem",
    "FindingDoc",
    "FindingStatus",
    "PathStep",
    "ProductDoc",
    "Route",
    "RowDoc",
    "RowStatus",
    "ScreeningDocument",
    "ShareItem",
    "SourceInfo",
    "StepRelation",
    "Summary",
    "SupplierDoc",
    "SupplierFinding",
    "Thresholds",
    "Totals",
    "Verdict",
    "file_line",
]
