"""The typed documents of matches and entities, as the CLI (``--json``), the API, the web
pages and the reports read them. :mod:`countersight.service.present` builds each shape in
one function; the API's pydantic models (``api/models.py``) mirror them field for field.

Two families:

- Countersight's own: :class:`MatchDocument` (``match --json`` and ``countersight.match``)
  with its :class:`MatchResultDoc` results, and :class:`EntityDetailDoc` (``entity --json``,
  ``GET /entities/{id}``, the web entity page).
- yente's (``/match``, ``/search``): :class:`EntityDoc` (yente's ``EntityResponse``),
  :class:`ScoredEntityDoc`, :class:`EntityMatchesDoc`, :class:`MatchResponseDoc`
  (with yente's ``matcher`` field) and :class:`SearchResponseDoc`.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict


class IdentifierDoc(TypedDict):
    scheme: str
    value: str


class NameDoc(TypedDict):
    value: str
    kind: str
    lang: str
    source: NotRequired[str]


class ListingDoc(TypedDict):
    """One list an entity is on, with the list's label and title."""

    list: str
    label: str
    title: str
    program: str | None
    listed_on: str | None
    delisted_on: str | None
    source_record_id: str | None
    dataset: str | None
    confidence: str
    via: str | None  # the listed parent, when the listing reaches this entity through it
    note: str | None


class EvidenceDoc(TypedDict):
    """One public source behind a flag."""

    publisher: str
    date: str | None
    title: str
    url: str | None
    citation: str | None
    summary: str | None
    confidence: str
    key: str


class FeatureDoc(TypedDict):
    """One feature that fired for a candidate: its effect on the score and why."""

    feature: str
    score: float
    detail: str
    description: str


class PathStepDoc(TypedDict):
    id: str
    caption: str
    relation: str
    share: float | None


class MatchResultDoc(TypedDict):
    """One candidate of ``match --json``."""

    id: str
    caption: str
    schema: str
    names: list[str]
    score: float
    match: bool
    review: bool
    status: str
    lists: list[str]
    listings: list[ListingDoc]
    topics: list[str]
    categories: list[str]
    datasets: list[str]
    explanation: list[str]
    features: list[FeatureDoc]
    route: str  # "direct", or "affiliate": a foreign affiliate named after this entity
    matched_name: str | None
    path: list[PathStepDoc]
    evidence: list[EvidenceDoc]
    reach: list[str]  # former name, current control, a listing reaching it via a parent
    history: list[str]  # listings and control that no longer hold on the date asked about


class QueryDoc(TypedDict):
    names: list[str]
    identifiers: list[IdentifierDoc]
    countries: list[str]


class ThresholdsDoc(TypedDict):
    match: float
    review: float


class MatchDocument(TypedDict):
    """The ``match --json`` document."""

    query: QueryDoc
    as_of: str  # the date the answer is for (ISO)
    thresholds: ThresholdsDoc
    results: list[MatchResultDoc]


# -- yente's shapes ------------------------------------------------------------------------


class EntityDoc(TypedDict):
    """yente's ``EntityResponse``: an entity as FollowTheMoney properties."""

    id: str
    caption: str
    schema: str
    properties: dict[str, list[str]]
    datasets: list[str]
    referents: list[str]
    target: bool


class ExplanationDoc(TypedDict):
    """yente's ``FtResult``: a feature's score and why; name features also give the query
    and candidate names they compared."""

    score: float
    detail: str | None
    description: str
    query: str | None
    candidate: str | None


class ScoredEntityDoc(EntityDoc):
    """yente's ``ScoredEntityResponse``, plus Countersight's ``status`` and ``lists``."""

    score: float
    match: bool
    status: str
    features: dict[str, float]
    explanations: dict[str, ExplanationDoc]
    lists: list[str]
    history: list[str]


class TotalDoc(TypedDict):
    value: int
    relation: str


class ExampleDoc(TypedDict):
    """A query as the matcher read it (yente's ``EntityExample``)."""

    id: str | None
    schema: str
    properties: dict[str, list[str]]


class EntityMatchesDoc(TypedDict):
    status: int
    results: list[ScoredEntityDoc]
    total: TotalDoc
    query: ExampleDoc


class FeatureInfoDoc(TypedDict):
    """yente's ``FeatureDoc``: what a feature means and how it counts."""

    description: str | None
    coefficient: float
    url: str
    kind: str


class MatchResponseDoc(TypedDict):
    """yente's ``EntityMatchResponse`` with its ``matcher`` feature documentation."""

    responses: dict[str, EntityMatchesDoc]
    matcher: dict[str, FeatureInfoDoc]
    limit: int


class SearchHitDoc(EntityDoc):
    score: float


class FacetItemDoc(TypedDict):
    name: str
    label: str
    count: int


class FacetDoc(TypedDict):
    label: str
    values: list[FacetItemDoc]


class SearchResponseDoc(TypedDict):
    """yente's ``SearchResponse``."""

    results: list[SearchHitDoc]
    facets: dict[str, FacetDoc]
    total: TotalDoc
    limit: int
    offset: int


# -- the entity page -----------------------------------------------------------------------


class RelationDoc(TypedDict):
    direction: str
    kind: str
    id: str
    caption: str
    share: float | None
    start: str | None
    end: str | None
    sources: list[str]
    dataset: str | None
    note: str | None


class ProvenanceDoc(TypedDict):
    dataset: str
    record_id: str
    reason: str
    title: str
    loaded_at: str | None
    publisher_date: str | None


class EntityDetailDoc(EntityDoc):
    """Everything known about one organisation, with provenance: yente's entity shape plus
    names, identifiers, lists, evidence, relations and the records merged into it."""

    requested_id: str
    names: list[NameDoc]
    identifiers: list[IdentifierDoc]
    countries: list[str]
    addresses: list[str]
    lists: list[str]
    listings: list[ListingDoc]
    topics: list[str]
    categories: list[str]
    category_labels: list[str]
    flaggable: bool
    evidence: list[EvidenceDoc]
    relations: list[RelationDoc]
    provenance: list[ProvenanceDoc]
    notes: list[str]
