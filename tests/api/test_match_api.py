"""``/match`` in yente's request and response shape, ``/search``, ``/entities``, errors."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from countersight.server.app import create_app
from countersight.service.context import Context
from countersight.settings import load_settings
from tests.api.conftest import Api
from tests.conftest import fixture_data

# The request body as yente's documentation shows it for /match.
YENTE_BODY = {
    "queries": {
        "q1": {
            "schema": "Company",
            "properties": {
                "name": ["Hangzhou Hikvision Digital Technology Co., Ltd."],
                "jurisdiction": ["cn"],
                "registrationNumber": ["91330000733796106P"],
            },
        },
        "q2": {"schema": "Company", "properties": {"name": "商湯科技"}},
        "q3": {"schema": "Person", "properties": {"name": ["Chen Quanguo"]}},
        "q4": {"schema": "Company", "properties": {"name": ["Sensata Technologies"]}},
    }
}


def test_yente_shaped_match_round_trip(api: Api) -> None:
    # As yente's Python examples send it: ApiKey header, algorithm and threshold as params.
    response = api.client.post(
        "/match/default",
        json=YENTE_BODY,
        headers=api.viewer,
        params={"algorithm": "best", "threshold": 0.7, "limit": 5},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["limit"] == 5
    q1 = body["responses"]["q1"]
    assert q1["status"] == 200
    top = q1["results"][0]
    assert {
        "id",
        "caption",
        "schema",
        "properties",
        "datasets",
        "score",
        "match",
        "features",
    } <= set(top)
    assert top["id"] == "cs-hikvision"
    assert top["match"] is True
    assert top["schema"] == "Company"
    assert "registry" in top["datasets"]
    assert "CNE100000PM8" in top["properties"]["isinCode"]
    assert top["features"]["identifier_match"] > 0
    assert q1["total"] == {"value": 1, "relation": "eq"}
    assert body["responses"]["q2"]["results"][0]["id"] == "cs-sensetime"
    assert body["responses"]["q3"]["results"] == []  # no people are kept
    assert body["responses"]["q4"]["results"] == []


def test_threshold_and_cutoff_semantics(api: Api) -> None:
    body = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Yixin Group Ltd"]}}}}
    default = api.client.post("/match/default", json=body, headers=api.viewer).json()
    result = default["responses"]["q"]["results"][0]
    assert (result["id"], result["match"]) == ("cs-yixin", False)  # review band is shown
    lowered = api.client.post(
        "/match/default", json=body, headers=api.viewer, params={"threshold": 0.6}
    ).json()
    assert lowered["responses"]["q"]["results"][0]["match"] is True
    cut = api.client.post(
        "/match/default", json=body, headers=api.viewer, params={"cutoff": 0.9}
    ).json()
    assert cut["responses"]["q"]["results"] == []


def test_dataset_scoping(api: Api) -> None:
    assert (
        api.client.post("/match/registry", json=YENTE_BODY, headers=api.viewer).status_code == 200
    )
    missing = api.client.post("/match/no_such_list", json=YENTE_BODY, headers=api.viewer)
    assert missing.status_code == 404
    assert "no dataset" in missing.json()["detail"]


def test_bad_requests_are_400_with_a_message(api: Api) -> None:
    bad_schema = {"queries": {"q": {"schema": "Vehicle", "properties": {}}}}
    response = api.client.post("/match/default", json=bad_schema, headers=api.viewer)
    assert response.status_code == 400
    assert "Vehicle" in response.json()["detail"]
    assert (
        api.client.post("/match/default", json={"nope": 1}, headers=api.viewer).status_code == 400
    )
    too_many = {
        "queries": {
            str(i): {"schema": "Company", "properties": {"name": ["x"]}} for i in range(101)
        }
    }
    assert api.client.post("/match/default", json=too_many, headers=api.viewer).status_code == 400


def test_reads_need_a_key_unless_open(api: Api) -> None:
    assert api.client.post("/match/default", json=YENTE_BODY).status_code == 401
    assert (
        api.client.post(
            "/match/default", json=YENTE_BODY, headers={"Authorization": "ApiKey nope"}
        ).status_code
        == 401
    )


def test_open_reads_let_anonymous_clients_read_but_not_write(tmp_path: Path) -> None:
    env = {
        "COUNTERSIGHT_OPEN_READS": "yes",
        "COUNTERSIGHT_DB": f"sqlite:///{tmp_path / 'open.db'}",
        "COUNTERSIGHT_CACHE_DIR": str(tmp_path / "cache"),
    }
    settings = load_settings(env=env)
    assert settings.open_reads is True
    with TestClient(create_app(settings)) as client:
        for _ in range(300):
            if client.get("/readyz").status_code == 200:
                break
            time.sleep(0.05)
        answer = client.post("/match/default", json=YENTE_BODY)
        assert answer.status_code == 200
        assert answer.json()["responses"]["q1"]["results"][0]["id"] == "cs-hikvision"
        upload = client.post("/screenings", files={"file": ("a.csv", b"Name\nHikvision\n")})
        assert upload.status_code == 401


def test_search_and_entities(api: Api, cli) -> None:  # type: ignore[no-untyped-def]
    found = api.client.get("/search/default", params={"q": "海康威视"}, headers=api.viewer).json()
    assert found["results"][0]["id"] == "cs-hikvision"
    assert found["total"]["value"] >= 1
    detail = api.client.get("/entities/cs-hikvision", headers=api.viewer).json()
    assert any(r["id"] == "cs-cetc" and r["direction"] == "parent" for r in detail["relations"])
    assert "us_bis_el" in detail["lists"]
    assert detail["evidence"][0]["url"]
    assert api.client.get("/entities/nope", headers=api.viewer).status_code == 404
    assert cli("load", fixture_data("ofac-consolidated-nonsdn-2025-12")).exit_code == 0
    api.ctx.refresh()
    moved = api.client.get("/entities/ofac-30946", headers=api.viewer, follow_redirects=False)
    assert moved.status_code == 308
    assert moved.headers["location"] == "/entities/cs-hikvision"


def test_openapi_documents_the_api(api: Api) -> None:
    spec = api.client.get("/openapi.json").json()
    assert {
        "/match/{dataset}",
        "/search/{dataset}",
        "/entities/{entity_id}",
        "/screenings",
        "/screenings/{job_id}",
        "/screenings/{job_id}/decisions",
        "/healthz",
    } <= set(spec["paths"])


def test_503_while_the_index_is_loading(ctx: Context) -> None:
    client = TestClient(create_app(ctx=ctx))  # no lifespan: the index is never warmed
    response = client.post("/match/default", json=YENTE_BODY)
    assert response.status_code == 503
    assert "loading" in response.json()["detail"]


def test_internal_errors_hide_their_trace(api: Api, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from countersight.service import yente

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(yente, "search", boom)
    quiet = TestClient(api.client.app, raise_server_exceptions=False)
    quiet.app.state.ready.set()  # type: ignore[attr-defined]
    response = quiet.get("/search/default", params={"q": "x"}, headers=api.viewer)
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error", "status": 500}
