"""The API's typed contracts: OpenAPI names every response model, each model mirrors its
service document, a yente client's models read the answers, a batch is one snapshot, and
bad text is a 400 naming the field."""

from __future__ import annotations

import typing
from typing import Any

import pytest
from pydantic import BaseModel, Field

from countersight.api import models
from countersight.match.entity_features import ENTITY_FEATURES
from countersight.match.features import NAME_FEATURES
from countersight.service import contracts
from countersight.service.matching import MAX_NAME_LENGTH
from tests.api.conftest import Api
from tests.storeutil import statements

# -- a yente client's models (yente/data/common.py, nomenklatura/matching/types.py) ---------


class YenteFtResult(BaseModel):
    detail: str | None
    score: float


class YenteFeatureDoc(BaseModel):
    description: str | None
    coefficient: float
    url: str


class YenteEntityExample(BaseModel):
    id: str | None = None
    schema_: str = Field(alias="schema")
    properties: dict[str, str | list[Any]]


class YenteEntityMatchQuery(BaseModel):
    weights: dict[str, float] = {}
    config: dict[str, str | int | float | bool | None] = {}
    queries: dict[str, YenteEntityExample]


class YenteEntityResponse(BaseModel):
    id: str
    caption: str
    schema_: str = Field(alias="schema")
    properties: dict[str, list[str]]
    datasets: list[str] = []
    referents: list[str] = []
    target: bool = False


class YenteScoredEntityResponse(YenteEntityResponse):
    score: float = 0.99
    features: dict[str, float]
    explanations: dict[str, YenteFtResult]
    match: bool
    token: str | None = None


class YenteTotalSpec(BaseModel):
    value: int
    relation: str = "eq"


class YenteEntityMatches(BaseModel):
    status: int = 200
    results: list[YenteScoredEntityResponse]
    total: YenteTotalSpec
    query: YenteEntityExample


class YenteEntityMatchResponse(BaseModel):
    responses: dict[str, YenteEntityMatches]
    matcher: dict[str, YenteFeatureDoc]
    limit: int


class YenteSearchFacetItem(BaseModel):
    name: str
    label: str
    count: int = 1


class YenteSearchFacet(BaseModel):
    label: str
    values: list[YenteSearchFacetItem]


class YenteSearchResponse(BaseModel):
    limit: int
    offset: int = 0
    total: YenteTotalSpec
    results: list[YenteEntityResponse]
    facets: dict[str, YenteSearchFacet]


def _company(name: str) -> dict[str, Any]:
    return {"schema": "Company", "properties": {"name": [name]}}


# -- OpenAPI and the models ---------------------------------------------------------------


def _response_ref(spec: dict[str, Any], path: str, method: str) -> str:
    content = spec["paths"][path][method]["responses"]["200"]["content"]
    return str(content["application/json"]["schema"]["$ref"]).rpartition("/")[2]


def test_openapi_names_the_response_models(api: Api) -> None:
    spec = api.client.get("/openapi.json").json()
    assert _response_ref(spec, "/match/{dataset}", "post") == "EntityMatchResponse"
    assert _response_ref(spec, "/search/{dataset}", "get") == "SearchResponse"
    assert _response_ref(spec, "/entities/{entity_id}", "get") == "EntityDetail"
    assert _response_ref(spec, "/healthz", "get") == "Health"
    assert _response_ref(spec, "/readyz", "get") == "Ready"
    schemas = spec["components"]["schemas"]
    scored = schemas["ScoredEntityResponse"]["properties"]
    assert {"score", "match", "features", "explanations", "schema", "properties"} <= set(scored)
    assert set(schemas["EntityMatchResponse"]["properties"]) == {"responses", "matcher", "limit"}
    assert set(schemas["FeatureDoc"]["properties"]) >= {"description", "coefficient", "url"}
    bad = spec["paths"]["/match/{dataset}"]["post"]["responses"]["400"]["content"]
    assert bad["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")


MIRRORS: list[tuple[type[BaseModel], type]] = [
    (models.EntityResponse, contracts.EntityDoc),
    (models.FtResult, contracts.ExplanationDoc),
    (models.ScoredEntityResponse, contracts.ScoredEntityDoc),
    (models.TotalSpec, contracts.TotalDoc),
    (models.EntityExample, contracts.ExampleDoc),
    (models.EntityMatches, contracts.EntityMatchesDoc),
    (models.FeatureDoc, contracts.FeatureInfoDoc),
    (models.EntityMatchResponse, contracts.MatchResponseDoc),
    (models.SearchResult, contracts.SearchHitDoc),
    (models.SearchFacetItem, contracts.FacetItemDoc),
    (models.SearchFacet, contracts.FacetDoc),
    (models.SearchResponse, contracts.SearchResponseDoc),
    (models.NameInfo, contracts.NameDoc),
    (models.IdentifierInfo, contracts.IdentifierDoc),
    (models.Listing, contracts.ListingDoc),
    (models.Evidence, contracts.EvidenceDoc),
    (models.RelationInfo, contracts.RelationDoc),
    (models.Provenance, contracts.ProvenanceDoc),
    (models.EntityDetail, contracts.EntityDetailDoc),
]


@pytest.mark.parametrize(("model", "doc"), MIRRORS, ids=lambda x: x.__name__)
def test_each_response_model_mirrors_its_document(model: type[BaseModel], doc: type) -> None:
    fields = {f.alias or name for name, f in model.model_fields.items()}
    assert fields == set(typing.get_type_hints(doc))


# -- yente clients -------------------------------------------------------------------------


def test_a_yente_client_request_and_response_round_trip(api: Api) -> None:
    request = YenteEntityMatchQuery.model_validate(
        {
            "weights": {"name_literal": 0.8},
            "config": {"nm_number_mismatch": 0.4},
            "queries": {
                "q1": {
                    "id": "my-entity-id",
                    "schema": "Company",
                    "properties": {
                        "name": ["Hangzhou Hikvision Digital Technology Co., Ltd."],
                        "jurisdiction": "cn",
                    },
                },
                "q2": {"schema": "Company", "properties": {"name": "商湯科技"}},
            },
        }
    )
    sent = request.model_dump(by_alias=True)
    answer = api.client.post("/match/default", json=sent, headers=api.viewer)
    assert answer.status_code == 200, answer.text
    parsed = YenteEntityMatchResponse.model_validate(answer.json())
    top = parsed.responses["q1"].results[0]
    assert (top.id, top.schema_, top.match) == ("cs-hikvision", "Company", True)
    assert top.explanations["name_exact"].score == 1.0 == top.features["name_exact"]
    assert set(top.features) == set(top.explanations) <= set(parsed.matcher)
    echo = parsed.responses["q1"].query
    assert (echo.id, echo.properties["country"]) == ("my-entity-id", ["cn"])
    # The echoed query, sent back as a query, finds the same entity.
    again = api.client.post(
        "/match/default",
        json={"queries": {"echo": echo.model_dump(by_alias=True)}},
        headers=api.viewer,
    )
    reparsed = YenteEntityMatchResponse.model_validate(again.json())
    assert reparsed.responses["echo"].results[0].id == "cs-hikvision"
    assert parsed.responses["q2"].results[0].id == "cs-sensetime"

    found = api.client.get("/search/default", params={"q": "海康威视"}, headers=api.viewer)
    search = YenteSearchResponse.model_validate(found.json())
    assert search.results[0].id == "cs-hikvision"
    countries = {v.name: v.count for v in search.facets["countries"].values}
    assert countries["cn"] >= 1


def test_matcher_documents_every_feature_and_explanations_name_the_names(api: Api) -> None:
    body = {"queries": {"q": _company("Hikvision Digital Technology")}}
    answer = api.client.post("/match/default", json=body, headers=api.viewer).json()
    matcher = answer["matcher"]
    assert set(matcher) == {f.name for f in NAME_FEATURES} | {f.name for f in ENTITY_FEATURES}
    assert matcher["name_exact"]["description"].startswith("The names are the same")
    assert {d["kind"] for d in matcher.values()} == {"main", "qualifier", "cap"}
    top = answer["responses"]["q"]["results"][0]
    names = {f.name for f in NAME_FEATURES}
    name_feature = next(e for n, e in top["explanations"].items() if n in names)
    assert name_feature["query"] == "Hikvision Digital Technology"
    assert name_feature["candidate"]


# -- one snapshot per request --------------------------------------------------------------


def test_a_100_query_batch_costs_the_store_what_one_query_does(api: Api) -> None:
    names = ["Hikvision", "Dahua Technology", "商汤科技", "Megvii", "iFlytek"] * 20
    one = {"queries": {"q0": _company(names[0])}}
    hundred = {"queries": {f"q{i}": _company(n) for i, n in enumerate(names)}}
    api.client.post("/match/default", json=one, headers=api.viewer)  # warm
    with statements(api.ctx.store) as single:
        assert api.client.post("/match/default", json=one, headers=api.viewer).status_code == 200
    with statements(api.ctx.store) as batch:
        answer = api.client.post("/match/default", json=hundred, headers=api.viewer)
    assert answer.status_code == 200
    assert len(answer.json()["responses"]) == 100
    # Authentication plus one read of the store version, whatever the batch size.
    assert len(batch) == len(single) <= 4, batch
    assert sum("FROM meta" in s for s in batch) == 1


# -- bad text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "field", "problem"),
    [
        (
            rb'{"q1": {"schema": "Company", "properties": {"name": ["a\ud800"]}}}',
            "name[0]",
            "surrogate",
        ),
        (rb'{"q1": {"schema": "Company", "properties": {"alias": "a\u0000b"}}}', "alias[0]", "NUL"),
        (
            rb'{"q1": {"schema": "Company", "properties": {"leiCode": ["\udfff"]}}}',
            "leiCode[0]",
            "surrogate",
        ),
        (
            rb'{"q1": {"schema": "Company", "id": "x\ud800", "properties": {}}}',
            "q1.id",
            "surrogate",
        ),
        (rb'{"q\ud800": {"schema": "Company", "properties": {}}}', "query key", "surrogate"),
    ],
)
def test_bad_text_in_a_match_body_is_400_naming_the_field(
    api: Api, raw: bytes, field: str, problem: str
) -> None:
    body = b'{"queries": ' + raw + b"}"
    response = api.client.post(
        "/match/default",
        content=body,
        headers={**api.viewer, "Content-Type": "application/json"},
    )
    assert response.status_code == 400, response.text
    assert field in response.json()["detail"]
    assert problem in response.json()["detail"]


def test_names_over_the_limit_are_400_and_at_the_limit_are_answered(api: Api) -> None:
    at_limit = {"queries": {"q": _company("H" * MAX_NAME_LENGTH)}}
    over = {"queries": {"q": _company("H" * (MAX_NAME_LENGTH + 1))}}
    assert api.client.post("/match/default", json=at_limit, headers=api.viewer).status_code == 200
    refused = api.client.post("/match/default", json=over, headers=api.viewer)
    assert refused.status_code == 400
    assert "queries.q.properties.name[0] is 1,001 characters long" in refused.json()["detail"]


def test_bad_search_text_is_400_naming_q(api: Api) -> None:
    for q, problem in (("a\x00b", "NUL"), ("x" * (MAX_NAME_LENGTH + 1), "1,000")):
        response = api.client.get("/search/default", params={"q": q}, headers=api.viewer)
        assert response.status_code == 400
        assert response.json()["detail"].startswith("q ")
        assert problem in response.json()["detail"]
