"""Decisions through every front end (CLI, API, web form) on the example portfolio: a reject
of an ownership, a brand, a fund and a merged-id finding applies at once to the screening it
was made on and to the next screening of the file.

The example with the OFAC non-SDN list loaded: Hikvision 2.5 (direct; also tied to its
parent CETC), Dahua 1.5, SenseTime 1.0, EZVIZ 0.5 (Hikvision's brand), BGI Group 0.5 (parent
of two listed BGI units), the ETF 10 × (Hikvision 4% + iFlytek 2% + SMIC 3%) = 0.9: 6.9 of
100, 6 rows flagged.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Protocol

import pytest
from fastapi.testclient import TestClient

from countersight.model.screening import Route
from countersight.store import records
from tests.api.conftest import Api, login, wait_done
from tests.conftest import ROOT, Cli, fixture_data

EXAMPLE = ROOT / "examples" / "portfolio.csv"
FUND = ROOT / "examples" / "fund-holdings.csv"
OFAC = fixture_data(
    "ofac-consolidated-nonsdn-2025-12"
)  # holds ofac-30946, merged into cs-hikvision

HIK, BGI, EZVIZ, ETF = (
    "HANGZHOU HIKVISION DIGITAL TE-A",
    "BGI GROUP",
    "EZVIZ INC",
    "EXAMPLE CHINA TECH ETF",
)
# (row, entity id as the reviewer gives it, route, the row's status and exposure after)
# BGI Group is itself on DoD 1260H since 2025-01-07, so rejecting its units' ownership ties
# leaves it flagged; EZVIZ INC also resembles EZVIZ Network, Hikvision's subsidiary, which
# stays for review once the brand match is rejected.
REJECTS = [
    (BGI, "cs-bgi-xinjiang", "ownership", "flagged", 0.5),
    (BGI, "cs-bgi-liuhe", "ownership", "flagged", 0.5),
    (EZVIZ, "cs-hikvision", "brand", "review", 0.0),  # its tie to CETC goes with the brand
    (ETF, "cs-hikvision", "fund", "flagged", 0.5),  # 10 × (iFlytek 2% + SMIC 3%)
    (HIK, "ofac-30946", "direct", "clear", 0.0),  # a list record merged into cs-hikvision
]


def _row(document: dict[str, Any], name: str) -> dict[str, Any]:
    return next(r for r in document["rows"] if r["name"] == name)


class FrontEnd(Protocol):
    user: str

    def screen(self) -> str: ...  # a screening of the example; its id
    def decide(self, screening: str, row_key: str, entity: str, route: str) -> None: ...
    def document(self, screening: str) -> dict[str, Any]: ...


@dataclass
class CliFront:
    cli: Cli
    api: Api
    user: str = "carol"

    def screen(self) -> str:
        result = self.cli("screen", EXAMPLE, "--holdings", f"IE000EXMPL08={FUND}", "--json")
        assert result.exit_code == 0, result.output
        return str(json.loads(result.output)["run"])

    def decide(self, screening: str, row_key: str, entity: str, route: str) -> None:
        result = self.cli(
            "decide", row_key, entity, "reject", "--route", route, "--run", screening,
            "--by", self.user, "--note", "not this company",
        )  # fmt: skip
        assert result.exit_code == 0, result.output

    def document(self, screening: str) -> dict[str, Any]:
        document: dict[str, Any] = records.get_run(self.api.ctx.store, screening)["result"]
        return document


def _upload(api: Api, client: TestClient, **extra: Any) -> Any:
    files = {
        "file": ("portfolio.csv", EXAMPLE.read_bytes(), "text/csv"),
        "fund_file": ("fund-holdings.csv", FUND.read_bytes(), "text/csv"),
    }
    return client.post("/screenings", files=files, data={"fund_key": "IE000EXMPL08"}, **extra)


@dataclass
class ApiFront:
    api: Api
    user: str = "alice"

    def screen(self) -> str:
        response = _upload(self.api, self.api.client, headers=self.api.analyst)
        return str(wait_done(self.api, response.json()["id"], self.api.viewer)["id"])

    def decide(self, screening: str, row_key: str, entity: str, route: str) -> None:
        body = {"row_key": row_key, "entity_id": entity, "verdict": "reject", "route": route}
        response = self.api.client.post(
            f"/screenings/{screening}/decisions", headers=self.api.analyst, json=body
        )
        assert response.status_code == 201, response.text
        answer = response.json()
        assert answer["decision"]["decided_by"] == "alice"
        assert answer["row"]["key"] == row_key  # the row as it now reads

    def document(self, screening: str) -> dict[str, Any]:
        job = self.api.client.get(f"/screenings/{screening}", headers=self.api.viewer).json()
        return job["result"]  # type: ignore[no-any-return]


def web_login(api: Api) -> tuple[TestClient, str]:
    """A browser-like client signed in as alice, and its CSRF token."""
    client = TestClient(api.client.app)
    assert login(client, "alice", "correct horse battery").status_code == 303
    page = client.get("/web/screenings")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, page.text
    return client, token.group(1)


@dataclass
class WebFront:
    api: Api
    client: TestClient
    csrf: str
    user: str = "alice"

    def screen(self) -> str:
        files = {
            "file": ("portfolio.csv", EXAMPLE.read_bytes(), "text/csv"),
            "fund_file": ("fund-holdings.csv", FUND.read_bytes(), "text/csv"),
        }
        data = {"fund_key": "IE000EXMPL08", "csrf_token": self.csrf}
        response = self.client.post(
            "/web/screenings", files=files, data=data, follow_redirects=False
        )
        assert response.status_code == 303, response.text
        job_id = response.headers["location"].rsplit("/", 1)[1]
        return str(wait_done(self.api, job_id, self.api.viewer)["id"])

    def decide(self, screening: str, row_key: str, entity: str, route: str) -> None:
        form = {
            "csrf_token": self.csrf,
            "row_key": row_key,
            "entity_id": entity,
            "route": route,
            "verdict": "reject",
            "note": "not this company",
            "status": "flagged",  # the active filter, kept across the decision
        }
        response = self.client.post(
            f"/web/screenings/{screening}/decide", data=form, follow_redirects=False
        )
        assert response.status_code == 303, response.text
        assert response.headers["location"].startswith(
            f"/web/screenings/{screening}?status=flagged#row-"
        )

    def document(self, screening: str) -> dict[str, Any]:
        job = self.api.client.get(f"/screenings/{screening}", headers=self.api.viewer).json()
        return job["result"]  # type: ignore[no-any-return]


@pytest.fixture(params=["cli", "api", "web"])
def front(request: pytest.FixtureRequest, api: Api, cli: Cli) -> FrontEnd:
    assert cli("load", OFAC).exit_code == 0
    api.ctx.refresh()
    if request.param == "cli":
        return CliFront(cli, api)
    if request.param == "api":
        return ApiFront(api)
    client, csrf = web_login(api)
    return WebFront(api, client, csrf)


def test_rejects_apply_at_once_and_to_the_next_screening(front: FrontEnd) -> None:
    screening = front.screen()
    before = front.document(screening)
    assert (before["summary"]["flagged_rows"], before["summary"]["exposed_weight"]) == (
        6,
        pytest.approx(6.9),
    )
    assert _row(before, ETF)["exposure"] == pytest.approx(0.9)
    for name, entity, route, status, exposure in REJECTS:
        front.decide(screening, _row(before, name)["key"], entity, route)
        current = _row(front.document(screening), name)  # the same screening, at once
        assert (current["status"], current["exposure"]) == (status, pytest.approx(exposure))
    now = front.document(screening)
    # Left: Dahua 1.5 + SenseTime 1.0 + BGI Group 0.5 (itself listed) + the ETF's 0.5.
    assert now["summary"]["flagged_rows"] == 4
    assert now["summary"]["exposed_weight"] == pytest.approx(3.5)
    assert {"cs-dahua", "cs-sensetime", "cs-bgi", "cs-iflytek", "ofac-30951"} <= {
        c["id"] for c in now["breakdown"]["by_company"]
    }
    again = front.document(front.screen())  # the next run of the same file
    assert again["summary"] == now["summary"]
    final = {name: (status, exposure) for name, _, _, status, exposure in REJECTS}
    for name, entity, route, _, _ in REJECTS:
        row = _row(again, name)
        assert (row["status"], row["exposure"]) == (final[name][0], pytest.approx(final[name][1]))
        rejected = [f for f in row["set_aside"] if f["status"] == "rejected" and f["via"] == route]
        shown = "cs-hikvision" if entity == "ofac-30946" else entity
        assert shown in {f["id"] for f in rejected}
        decision = next(f["decision"] for f in rejected if f["decision"])
        assert (decision["verdict"], decision["decided_by"]) == ("reject", front.user)
    # What the rejected brand and match were tied to is set aside with them.
    for name in (EZVIZ, HIK):
        inactive = {f["id"] for f in _row(again, name)["set_aside"] if f["status"] == "inactive"}
        # Hikvision's parent CETC and its controlled subsidiaries (EZVIZ Network, 48%, is
        # below the look-through threshold), reached through Hikvision.
        assert inactive == {
            "cs-cetc",
            "cs-hikvision-europe",
            "cs-hikvision-usa",
            "cs-hikvision-canada",
            "cs-hikvision-system",
            "cs-hikrobot",
        }


def test_api_refuses_decisions_that_do_not_fit_the_screening(api: Api) -> None:
    job = wait_done(api, _upload(api, api.client, headers=api.analyst).json()["id"], api.viewer)
    hik = _row(job["result"], HIK)["key"]
    url = f"/screenings/{job['id']}/decisions"

    def post(path: str = url, **body: Any) -> Any:
        sent = {"row_key": hik, "entity_id": "cs-hikvision", "verdict": "reject", **body}
        return api.client.post(path, headers=api.analyst, json=sent)

    assert post("/screenings/no-such-job/decisions").status_code == 404
    cases = [
        ({"row_key": "isin:US0000000000"}, "is not in screening"),
        ({"entity_id": "no-such-entity"}, "no entity"),
        ({"entity_id": "cs-dahua"}, "is not a finding of row"),
        ({"route": "fund"}, "by route fund"),
        ({"verdict": "maybe"}, "verdict"),
        ({"note": "x" * 2001}, "note"),
    ]
    for body, message in cases:
        response = post(**body)
        assert response.status_code == 400, (body, response.text)
        assert message in response.json()["detail"], (body, response.json())
    # Nothing of the above was stored: the screening reads as before.
    after = api.client.get(f"/screenings/{job['id']}", headers=api.viewer).json()["result"]
    assert after == job["result"]
    assert records.decisions(api.ctx.store) == {}
    rejected = post(note="x" * 2000)  # the limit itself is accepted
    assert rejected.status_code == 201
    assert rejected.json()["row"]["status"] == "clear"
    assert rejected.json()["summary"]["flagged_rows"] == 5
    # A later confirm restores the set-aside finding, and what went through it, at once.
    restored = post(verdict="confirm").json()
    assert restored["row"]["status"] == "flagged"
    assert [(f["id"], f["status"]) for f in restored["row"]["matches"]][:2] == [
        ("cs-hikvision", "flagged"),
        ("cs-cetc", "flagged"),
    ]
    assert restored["summary"] == job["result"]["summary"]


def test_web_decision_errors_and_the_in_place_answer(api: Api) -> None:
    client, csrf = web_login(api)
    job = wait_done(api, _upload(api, api.client, headers=api.analyst).json()["id"], api.viewer)
    bgi = _row(job["result"], BGI)["key"]
    form = {"csrf_token": csrf, "row_key": bgi, "verdict": "reject", "route": "ownership"}
    url = f"/web/screenings/{job['id']}/decide"
    missing = client.post("/web/screenings/nope/decide", data={**form, "entity_id": "cs-bgi"})
    assert missing.status_code == 404
    wrong = client.post(url, data={**form, "entity_id": "cs-dahua"})
    assert wrong.status_code == 400
    assert "is not a finding of row" in wrong.text  # shown on the results page
    long_note = client.post(url, data={**form, "entity_id": "cs-bgi-liuhe", "note": "x" * 2001})
    assert long_note.status_code == 400
    assert records.decisions(api.ctx.store) == {}
    # The page's script asks for the changed parts: the row, the summary and the charts.
    fetch = {"X-Requested-With": "fetch"}
    first = client.post(url, data={**form, "entity_id": "cs-bgi-liuhe"}, headers=fetch).json()
    assert (first["row_key"], first["status"]) == (bgi, "flagged")
    second = client.post(url, data={**form, "entity_id": "cs-bgi-xinjiang"}, headers=fetch)
    answer = second.json()
    # BGI Group is itself on DoD 1260H (since 2025-01-07): rejecting two of its units'
    # ties leaves the row flagged, with the rejections shown on it.
    assert answer["status"] == "flagged"
    assert answer["summary"]["flagged_rows"] == 6
    assert f'id="row-{bgi}" data-status="flagged"' in answer["row_html"]
    assert "rejected</strong> by alice" in answer["row_html"]
    assert '<div class="n flagged" id="flagged-count">6</div>' in answer["summary_html"]
    assert "Exposure by company" in answer["charts_html"]
    page = client.get(f"/web/screenings/{job['id']}", params={"status": "flagged"})
    assert f'id="row-{bgi}" data-status="flagged"' in page.text
    assert 'data-confirm="Reject ' in page.text  # the page asks before a reject
    # The screening's report is the decided one: the rejections are listed with who decided.
    report = api.client.get(f"/screenings/{job['id']}/report.html", headers=api.viewer).text
    assert '<div class="n flagged">6</div>' in report
    assert report.count("rejected by alice on") == 2
    assert "BGI GROUP" in report.split("<h2>Rejected by reviewers</h2>")[1]


def test_cli_decide_checks_the_run_and_updates_it(api: Api, cli: Cli) -> None:
    result = cli("screen", EXAMPLE, "--json")
    run = json.loads(result.output)["run"]
    ezviz = _row(json.loads(result.output), EZVIZ)["key"]
    assert cli("decide", ezviz, "cs-hikvision", "reject", "--run", "nope").exit_code == 1
    assert cli("decide", "name:nope", "cs-hikvision", "reject", "--run", run).exit_code == 2
    assert cli("decide", ezviz, "cs-dahua", "reject", "--run", run).exit_code == 2
    assert cli("decide", ezviz, "cs-hikvision", "reject", "--note", "x" * 2001).exit_code == 2
    assert records.decisions(api.ctx.store) == {}
    done = cli("decide", ezviz, "cs-hikvision", "reject", "--run", run, "--by", "dan")
    assert done.exit_code == 0, done.output
    assert "reject cs-hikvision (brand)" in done.output
    assert "row now review" in done.output  # EZVIZ Network, Hikvision's subsidiary
    assert _row(records.get_run(api.ctx.store, run)["result"], EZVIZ)["status"] == "review"
    # Without --run any row key is taken; without --route it is on the row's own match.
    assert cli("decide", "name:later", "cs-dahua", "confirm").exit_code == 0
    stored = records.decisions(api.ctx.store)
    assert stored[("name:later", "cs-dahua", None)].verdict == "confirm"
    assert stored[(str(ezviz), "cs-hikvision", Route.BRAND)].matched_entity == "cs-hikvision"


def test_openapi_declares_the_screening_document(api: Api) -> None:
    spec = api.client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    answer = spec["paths"]["/screenings/{job_id}"]["get"]["responses"]["200"]
    assert answer["content"]["application/json"]["schema"]["$ref"].endswith("/ScreeningJob")
    decided = spec["paths"]["/screenings/{job_id}/decisions"]["post"]["responses"]["201"]
    assert decided["content"]["application/json"]["schema"]["$ref"].endswith("/DecisionOutcome")
    assert schemas["Route"]["enum"][:5] == ["direct", "brand", "affiliate", "ownership", "fund"]
    assert schemas["RowStatus"]["enum"] == ["flagged", "review", "clear"]
    assert schemas["Verdict"]["enum"] == ["confirm", "reject"]
    assert {"matches", "set_aside", "status", "exposure"} <= set(schemas["RowDoc"]["properties"])
