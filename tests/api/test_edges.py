"""What the server's edge refuses or adds: open reads limited to match/search/entities,
security headers, text no store can keep (on SQLite and PostgreSQL alike), and no server
path in any answer."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from countersight.server.app import create_app
from countersight.service.context import open_context
from countersight.settings import load_settings
from countersight.store import accounts, records
from countersight.store import jobs as jobs_store
from tests.api.conftest import Api, csrf_of, login, wait_done
from tests.api.test_match_api import YENTE_BODY
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "portfolio.csv"


def _ready(client: TestClient) -> None:
    for _ in range(600):
        if client.get("/healthz").json()["ready"]:
            return
        time.sleep(0.05)
    raise AssertionError("index not ready")


def test_open_reads_open_match_search_and_entities_only(tmp_path: Path) -> None:
    settings = load_settings(
        env={"COUNTERSIGHT_OPEN_READS": "true"},
        db=f"sqlite:///{tmp_path / 'open.db'}",
        cache_dir=str(tmp_path / "cache"),
    )
    context = open_context(settings)
    accounts.add_user(context.store, "alice", "analyst")
    key = {"Authorization": f"ApiKey {accounts.new_api_key(context.store, 'alice')}"}
    with TestClient(create_app(ctx=context)) as client:
        _ready(client)
        upload = client.post(
            "/screenings", headers=key, files={"file": ("p.csv", EXAMPLE.read_bytes())}
        )
        job_id = upload.json()["id"]
        for _ in range(600):
            if client.get(f"/screenings/{job_id}", headers=key).json()["status"] == "done":
                break
            time.sleep(0.05)
        assert client.post("/match/default", json=YENTE_BODY).status_code == 200
        assert client.get("/search/default", params={"q": "Hikvision"}).status_code == 200
        assert client.get("/entities/cs-hikvision").status_code == 200
        # A team's screenings and reports hold whole portfolios and the uploader's name.
        assert client.get(f"/screenings/{job_id}").status_code == 401
        for fmt in ("html", "csv", "xlsx", "json"):
            assert client.get(f"/screenings/{job_id}/report.{fmt}").status_code == 401
        assert client.get(f"/screenings/{job_id}/report.json", headers=key).status_code == 200
        assert client.get("/web/screenings", follow_redirects=False).status_code == 303
    context.store.close()


def test_security_headers_on_pages_answers_and_reports(api: Api) -> None:
    response = api.client.post(
        "/screenings", headers=api.analyst, files={"file": ("portfolio.csv", EXAMPLE.read_bytes())}
    )
    job = wait_done(api, response.json()["id"], api.analyst)
    answers = [
        api.client.get("/web/login"),
        api.client.post("/match/default", json=YENTE_BODY, headers=api.viewer),
        api.client.get(f"/screenings/{job['id']}/report.html", headers=api.viewer),
        api.client.get("/screenings/nope", headers=api.viewer),  # errors too
        api.client.get("/web/static/progress.js"),
    ]
    assert login(api.client, "alice", "correct horse battery").status_code == 303
    answers.append(api.client.get(f"/web/screenings/{job['id']}"))
    for answer in answers:
        assert answer.headers["x-content-type-options"] == "nosniff", answer.url
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["cache-control"] == "no-store"
        csp = answer.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp
        assert "script-src 'self';" in csp
    # No inline script is left on the pages (the CSP would block it).
    assert "<script>" not in answers[-1].text
    assert "<script>" not in api.client.get("/web/screenings").text


@pytest.fixture
def backend_api(backend_url: str, tmp_path: Path) -> Iterator[Api]:
    """The app over a fresh store on SQLite, then on PostgreSQL."""
    settings = load_settings(env={}, db=backend_url, cache_dir=str(tmp_path / "cache"))
    context = open_context(settings)
    accounts.add_user(context.store, "alice", "analyst", "correct horse battery")
    analyst = {"Authorization": f"ApiKey {accounts.new_api_key(context.store, 'alice')}"}
    with TestClient(create_app(ctx=context)) as client:
        _ready(client)
        yield Api(client, analyst, analyst, context)
    context.store.close()


def _raw(client: TestClient, path: str, body: str, headers: dict[str, str]):  # type: ignore[no-untyped-def]
    return client.post(
        path, content=body.encode("utf-8"), headers={**headers, "content-type": "application/json"}
    )


@pytest.mark.xdist_group("postgres")
def test_text_no_store_can_keep_is_refused_naming_the_field(backend_api: Api) -> None:
    client, key = backend_api.client, backend_api.analyst
    upload = client.post(
        "/screenings", headers=key, files={"file": ("portfolio.csv", EXAMPLE.read_bytes())}
    )
    job = wait_done(backend_api, upload.json()["id"], key)
    row_key = job["result"]["rows"][0]["key"]
    lone = '"\\ud800"'  # JSON's escape for a lone surrogate
    match = '{"queries": {"q1": {"schema": "Company", "properties": {"name": [%s]}}}}'
    decision = '{"row_key": "%s", "entity_id": "cs-hikvision", "verdict": "reject", "note": %s}'
    cases = [
        ("/match/default", match % lone, "queries.q1.properties.name[0]", "surrogate"),
        ("/match/default", match % '"Hik\\u0000vision"', "queries.q1.properties.name[0]", "NUL"),
        (f"/screenings/{job['id']}/decisions", decision % (row_key, lone), "note", "surrogate"),
        (
            f"/screenings/{job['id']}/decisions",
            decision % (row_key, '"ok\\u0000"'),
            "note",
            "NUL",
        ),
    ]
    for path, body, field, problem in cases:
        answer = _raw(client, path, body, key)
        assert answer.status_code == 400, (path, answer.text)
        detail = answer.json()["detail"]
        assert field in detail, detail
        assert problem in detail, detail
    not_utf8 = client.post(
        "/match/default",
        content=b'{"queries": "\xff"}',
        headers={**key, "content-type": "application/json"},
    )
    assert not_utf8.status_code == 400
    assert "UTF-8" in not_utf8.json()["detail"]
    search = client.get("/search/default", params={"q": "Hik\x00vision"}, headers=key)
    assert search.status_code == 400
    assert search.json()["detail"].startswith("q contains a NUL")
    mapped = client.post(
        "/screenings",
        headers=key,
        files={"file": ("portfolio.csv", EXAMPLE.read_bytes())},
        data={"map": "name=Na\x00me"},
    )
    assert mapped.status_code == 400
    assert "'map" in mapped.json()["detail"]
    page = client.get("/web/login").text
    token = page.split('name="login_token" value="')[1].split('"')[0]
    signin = client.post(
        "/web/login",
        data={"username": "ali\x00ce", "password": "x" * 12, "login_token": token},
    )
    assert signin.status_code == 400
    assert "'username'" in signin.json()["detail"]
    assert records.decisions(backend_api.ctx.store, [row_key]) == {}


def test_nul_in_an_uploaded_csv_is_refused(api: Api) -> None:
    before = len(jobs_store.list_jobs(api.ctx.store))
    answer = api.client.post(
        "/screenings",
        headers=api.analyst,
        files={"file": ("nul.csv", b"Name,Weight\nHik\x00vision,1\n", "text/csv")},
    )
    assert answer.status_code == 400
    assert answer.json()["detail"].startswith("nul.csv: byte 16 is a NUL")
    assert len(jobs_store.list_jobs(api.ctx.store)) == before


def test_no_server_path_in_results_reports_or_errors(api: Api) -> None:
    server_folder = str(Path(api.ctx.settings.cache_dir))
    bad = api.client.post(
        "/screenings",
        headers=api.analyst,
        files={"file": ("bad-isin.csv", b"Name,ISIN\nHikvision,CNE100000PM9\n", "text/csv")},
    )
    assert bad.status_code == 400
    assert bad.json()["detail"].startswith("bad-isin.csv, line 2"), bad.json()
    files = {
        "file": ("my portfolio.csv", EXAMPLE.read_bytes(), "text/csv"),
        "fund_file": (
            "fund-holdings.csv",
            (ROOT / "examples" / "fund-holdings.csv").read_bytes(),
            "text/csv",
        ),
    }
    response = api.client.post(
        "/screenings", headers=api.analyst, files=files, data={"fund_key": "IE000EXMPL08"}
    )
    job = wait_done(api, response.json()["id"], api.viewer)
    assert job["status"] == "done", job
    assert job["result"]["input"]["file"] == "my_portfolio.csv"
    assert server_folder not in json.dumps(job["result"])
    assert "/tmp" not in json.dumps(job["result"])
    xlsx = api.client.get(f"/screenings/{job['id']}/report.xlsx", headers=api.viewer).content
    cells = [
        str(c.value) for sheet in load_workbook(io.BytesIO(xlsx)) for row in sheet for c in row
    ]
    assert not [c for c in cells if server_folder in c or "/tmp/" in c]
    assert any("my_portfolio.csv" in c for c in cells)
    assert login(api.client, "alice", "correct horse battery").status_code == 303
    assert csrf_of(api.client)
