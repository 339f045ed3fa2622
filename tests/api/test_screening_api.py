"""Screenings over HTTP: uploads, progress, downloads, decisions; auth, CSRF and bad uploads."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from countersight.store import jobs as jobs_store
from tests.api.conftest import Api, login, wait_done
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "portfolio.csv"
FUND = ROOT / "examples" / "fund-holdings.csv"


def _upload(api: Api, headers: dict[str, str], **extra: object):  # type: ignore[no-untyped-def]
    files = {
        "file": ("portfolio.csv", EXAMPLE.read_bytes(), "text/csv"),
        "fund_file": ("fund-holdings.csv", FUND.read_bytes(), "text/csv"),
    }
    return api.client.post(
        "/screenings", files=files, data={"fund_key": "IE000EXMPL08"}, headers=headers
    )


def _job_count(api: Api) -> int:
    return len(jobs_store.list_jobs(api.ctx.store, limit=1000))


def test_upload_progress_result_downloads_decisions(api: Api) -> None:
    response = _upload(api, api.analyst)
    assert response.status_code == 202, response.text
    job = wait_done(api, response.json()["id"], api.viewer)
    assert job["status"] == "done", job
    doc = job["result"]
    assert doc["run"]
    assert doc["run"] == job["run_id"]
    assert doc["summary"]["exposed_share"] == 0.066
    assert doc["summary"]["flagged_rows"] == 6
    for fmt, kind in (
        ("html", "text/html"),
        ("csv", "text/csv"),
        ("json", "application/json"),
        ("xlsx", "spreadsheetml"),
    ):
        download = api.client.get(f"/screenings/{job['id']}/report.{fmt}", headers=api.viewer)
        assert download.status_code == 200
        assert kind in download.headers["content-type"]
        assert "attachment" in download.headers["content-disposition"]
    book = load_workbook(
        io.BytesIO(
            api.client.get(f"/screenings/{job['id']}/report.xlsx", headers=api.viewer).content
        )
    )
    assert book.sheetnames == ["Summary", "Rows"]
    # A holdings file has no per-supplier view: the API names its own field, not a flag.
    refused = api.client.get(f"/screenings/{job['id']}/report.suppliers.csv", headers=api.viewer)
    assert refused.status_code == 400
    assert "(say `kind=suppliers` if it is one)" in refused.json()["detail"]
    yixin = next(r for r in doc["rows"] if r["name"] == "YIXIN GROUP LTD")
    decision = api.client.post(
        f"/screenings/{job['id']}/decisions",
        headers=api.analyst,
        json={
            "row_key": yixin["key"],
            "entity_id": "cs-yixin",
            "verdict": "confirm",
            "note": "checked the filing",
        },
    )
    assert decision.status_code == 201
    assert decision.json()["decision"]["decided_by"] == "alice"
    again = wait_done(api, _upload(api, api.analyst).json()["id"], api.viewer)["result"]
    assert next(r for r in again["rows"] if r["name"] == "YIXIN GROUP LTD")["status"] == "flagged"


def test_writes_need_an_analyst(api: Api) -> None:
    before = _job_count(api)
    assert _upload(api, {}).status_code == 401
    forbidden = _upload(api, api.viewer)
    assert forbidden.status_code == 403
    assert "analyst" in forbidden.json()["detail"]
    assert (
        api.client.post(
            "/screenings/x/decisions",
            headers=api.viewer,
            json={"row_key": "k", "entity_id": "cs-dahua", "verdict": "reject"},
        ).status_code
        == 403
    )
    assert _job_count(api) == before


def test_oversized_upload_is_413_and_leaves_no_job(api: Api) -> None:
    limit = api.ctx.settings.max_upload_mb * 1024 * 1024
    big = b"Name,Weight\n" + b"Hikvision,1\n" * (limit // 12 + 10)
    before = _job_count(api)
    response = api.client.post(
        "/screenings", headers=api.analyst, files={"file": ("big.csv", big, "text/csv")}
    )
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]
    assert _job_count(api) == before


def test_malformed_uploads_are_400_and_leave_no_job(api: Api) -> None:
    before = _job_count(api)
    cases = [
        ("bad-isin.csv", b"Name,ISIN\nHikvision,CNE100000PM9\n", "check digit"),
        ("empty.csv", b"", "empty"),
        ("no-names.csv", b"Weight\n3\n", "no column with names"),
        ("book.xlsx", b"PK\x03\x04garbage", "XLSX"),
        ("script.exe", b"MZ", "upload a CSV"),
    ]
    for name, content, message in cases:
        response = api.client.post(
            "/screenings",
            headers=api.analyst,
            files={"file": (name, content, "application/octet-stream")},
        )
        assert response.status_code == 400, (name, response.text)
        assert message in response.json()["detail"], response.json()
        assert "Traceback" not in response.text
    assert _job_count(api) == before


def test_web_login_and_csrf(api: Api) -> None:
    client = api.client
    page = client.get("/web/screenings", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"].startswith("/web/login")
    bad = login(client, "alice", "wrong password!")
    assert bad.status_code == 401
    assert login(client, "alice", "correct horse battery").status_code == 303
    page = client.get("/web/screenings")
    assert page.status_code == 200
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    files = {"file": ("portfolio.csv", EXAMPLE.read_bytes(), "text/csv")}
    no_token = client.post("/web/screenings", files=files, follow_redirects=False)
    assert no_token.status_code == 403
    ok = client.post(
        "/web/screenings", files=files, data={"csrf_token": token.group(1)}, follow_redirects=False
    )
    assert ok.status_code == 303
    job_id = ok.headers["location"].rsplit("/", 1)[1]
    wait_done(api, job_id, {})  # the session cookie authorises the poll
    results = client.get(f"/web/screenings/{job_id}", params={"status": "flagged"})
    assert results.status_code == 200
    assert "HANGZHOU HIKVISION DIGITAL TE-A" in results.text
    assert "TENCENT HOLDINGS LTD" not in results.text  # filtered out
    entity = client.get("/web/entities/cs-hikvision")
    assert "https://ipvm.com/reports/hikvision-uyghur" in entity.text
