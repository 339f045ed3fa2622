"""The API's request and response models, as OpenAPI documents them.

Requests are yente's (``EntityMatchQuery``, ``EntityExample``). Each response model mirrors
one typed document of :mod:`countersight.service.contracts` field for field (a test keeps
them equal), so routers return what the service's presenter built and FastAPI validates it
against the model: one presenter per shape, as yente's ``EntityResponse.from_entity``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

# -- requests ------------------------------------------------------------------------------


class EntityExample(BaseModel):
    """yente's ``EntityExample``: a FollowTheMoney entity to match. Property values are a
    string or a list of strings (names, ``isinCode``, ``leiCode``, ``uscCode``, ``ticker``,
    ``registrationNumber``, ``country``, ``jurisdiction``…); unknown properties are ignored."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = Field(None, examples=["my-entity-id"])
    schema_: str = Field(alias="schema", examples=["Company"])
    properties: dict[str, Any] = Field(
        default_factory=dict, examples=[{"name": ["Hangzhou Hikvision Digital Technology"]}]
    )


class MatchRequest(BaseModel):
    """yente's ``EntityMatchQuery``: named queries; ``weights`` and ``config`` are accepted
    for compatibility and not used."""

    queries: dict[str, EntityExample]
    weights: dict[str, float] = Field(default_factory=dict)
    config: dict[str, Any] = Field(default_factory=dict)

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "queries": {
                        "q1": {
                            "schema": "Company",
                            "properties": {
                                "name": ["Hangzhou Hikvision Digital Technology"],
                                "country": ["cn"],
                            },
                        }
                    }
                }
            ]
        }
    }


# -- yente's responses ---------------------------------------------------------------------


class EntityResponse(BaseModel):
    """yente's ``EntityResponse``: an entity as FollowTheMoney properties. ``target`` is true
    when the entity is on a list."""

    model_config = ConfigDict(populate_by_name=True)

    id: str = Field(examples=["cs-hikvision"])
    caption: str = Field(examples=["Hangzhou Hikvision Digital Technology Co., Ltd."])
    schema_: str = Field(alias="schema", examples=["Company"])
    properties: dict[str, list[str]] = Field(examples=[{"name": ["Hikvision"]}])
    datasets: list[str] = Field(examples=[["registry", "us_ofac_cons"]])
    referents: list[str] = Field(examples=[[]])
    target: bool


class FtResult(BaseModel):
    """yente's ``FtResult``: one feature's score and why. Name features also give the query
    name and the candidate name they compared."""

    score: float = Field(examples=[1.0])
    detail: str | None = Field(examples=["海康威视 = Hikvision"])
    description: str
    query: str | None
    candidate: str | None


class ScoredEntityResponse(EntityResponse):
    """yente's ``ScoredEntityResponse``, plus ``status`` (flagged, review or clear), the
    ``lists`` the entity is on and its ``history``, both answered as of ``as_of``."""

    score: float = Field(examples=[0.97])
    match: bool = Field(description="Whether the score is at or above the match threshold.")
    status: str = Field(examples=["flagged"])
    features: dict[str, float] = Field(
        description="Each fired feature's effect on the score (yente: deprecated, use "
        "`explanations`).",
        examples=[{"name_exact": 1.0}],
    )
    explanations: dict[str, FtResult]
    lists: list[str] = Field(examples=[["us_bis_el"]])
    history: list[str] = Field(
        default_factory=list,
        description="What no longer held on the date asked about (`as_of`): ended listings, "
        "sold links.",
        examples=[["removed from DoD 1260H on 2025-01-07"]],
    )


class TotalSpec(BaseModel):
    value: int = Field(examples=[1])
    relation: str = Field(examples=["eq"])


class EntityMatches(BaseModel):
    """The answer to one query: results best first, ``total`` = how many match."""

    status: int = Field(examples=[200])
    results: list[ScoredEntityResponse]
    total: TotalSpec
    query: EntityExample


class FeatureDoc(BaseModel):
    """yente's ``FeatureDoc``: what a feature means. Every ``coefficient`` is 1.0 (a value
    enters the score as it is); ``kind`` tells how: ``main`` (the best one counts),
    ``qualifier`` (added) or ``cap`` (an upper bound)."""

    description: str | None
    coefficient: float = Field(examples=[1.0])
    url: str
    kind: str = Field(examples=["main"])


class EntityMatchResponse(BaseModel):
    """yente's ``EntityMatchResponse``: one answer per query key, and ``matcher``, the
    documentation of every feature."""

    responses: dict[str, EntityMatches]
    matcher: dict[str, FeatureDoc]
    limit: int = Field(examples=[5])


class SearchResult(EntityResponse):
    score: float = Field(examples=[0.97])


class SearchFacetItem(BaseModel):
    name: str = Field(examples=["cn"])
    label: str = Field(examples=["cn"])
    count: int = Field(examples=[3])


class SearchFacet(BaseModel):
    label: str = Field(examples=["Countries"])
    values: list[SearchFacetItem]


class SearchResponse(BaseModel):
    """yente's ``SearchResponse``; facets count countries, topics and datasets over all
    hits."""

    results: list[SearchResult]
    facets: dict[str, SearchFacet]
    total: TotalSpec
    limit: int = Field(examples=[10])
    offset: int = Field(examples=[0])


# -- the entity ----------------------------------------------------------------------------


class NameInfo(BaseModel):
    value: str
    kind: str = Field(examples=["primary"])
    lang: str = Field(examples=["zh"])
    source: str | None = None


class IdentifierInfo(BaseModel):
    scheme: str = Field(examples=["isin"])
    value: str = Field(examples=["CNE100000PM8"])


class Listing(BaseModel):
    list: str = Field(examples=["us_bis_el"])
    label: str
    title: str
    program: str | None
    listed_on: str | None = Field(examples=["2019-10-09"])
    delisted_on: str | None
    source_record_id: str | None
    dataset: str | None
    confidence: str = Field(examples=["H"])
    via: str | None = Field(
        default=None,
        description="The listed parent when the listing reaches this entity as its "
        "subsidiary or affiliate (FCC Covered List, NDAA Section 889).",
        examples=["cs-hikvision"],
    )
    note: str | None = None


class Evidence(BaseModel):
    publisher: str
    date: str | None
    title: str
    url: str | None
    citation: str | None
    summary: str | None
    confidence: str = Field(examples=["H"])
    key: str


class RelationInfo(BaseModel):
    direction: str = Field(examples=["parent"])
    kind: str = Field(examples=["ownership"])
    id: str
    caption: str
    share: float | None
    start: str | None
    end: str | None
    sources: list[str]
    dataset: str | None
    note: str | None


class Provenance(BaseModel):
    dataset: str
    record_id: str
    reason: str
    title: str
    loaded_at: str | None
    publisher_date: str | None


class EntityDetail(EntityResponse):
    """Everything known about one organisation: yente's entity shape plus names,
    identifiers, lists, evidence, relations and the records merged into it."""

    requested_id: str
    names: list[NameInfo]
    identifiers: list[IdentifierInfo]
    countries: list[str]
    addresses: list[str]
    lists: list[str]
    listings: list[Listing]
    topics: list[str]
    categories: list[str] = Field(
        description="Keys of the categories of involvement", examples=[["ethnicity-analytics"]]
    )
    category_labels: list[str] = Field(
        description="The same categories as people read them, in the same order",
        examples=[["Facial recognition with ethnicity analytics"]],
    )
    flaggable: bool
    evidence: list[Evidence]
    relations: list[RelationInfo]
    provenance: list[Provenance]
    notes: list[str]


# -- system --------------------------------------------------------------------------------


class ErrorResponse(BaseModel):
    """Every error: one message and the HTTP status, never a stack trace."""

    detail: str = Field(examples=["queries.q1.properties.name[0] contains a NUL character"])
    status: int = Field(examples=[400])


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` entry documenting a route's error statuses."""
    meaning = {
        400: "Bad input, naming the field.",
        401: "No or wrong key.",
        404: "No such dataset or entity.",
        503: "The match index is still being built.",
    }
    return {s: {"model": ErrorResponse, "description": meaning[s]} for s in statuses}


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    ready: bool = Field(description="Whether the match index is built.")


class RefreshState(BaseModel):
    """The last background list refresh (``COUNTERSIGHT_REFRESH_EVERY``)."""

    last_run: str | None = Field(description="When the last cycle started (UTC).")
    ok: bool | None = Field(description="False when a list failed; its old data is kept.")
    lists: dict[str, str] = Field(description="Per dataset: updated, unchanged or failed.")
    error: str | None = Field(description="What failed, per list.")


class Ready(BaseModel):
    status: str = Field(examples=["ok"])
    refresh: RefreshState | None = Field(
        default=None, description="Background refresh details, when the server refreshes."
    )
