"""``POST /match/{dataset}?as_of=DATE``: the registry's dated listings and relations are
evaluated on that date, as ``countersight match --as-of`` evaluates them."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api


def _top(api: Api, name: str, as_of: str | None) -> dict[str, Any]:
    body = {"queries": {"q": {"schema": "Company", "properties": {"name": [name]}}}}
    params = {"as_of": as_of} if as_of else {}
    response = api.client.post("/match/default", json=body, headers=api.viewer, params=params)
    assert response.status_code == 200, response.text
    top: dict[str, Any] = response.json()["responses"]["q"]["results"][0]
    return top


def test_dahua_usa_flagged_before_its_sale_and_review_after(api: Api) -> None:
    before = _top(api, "Dahua Technology USA Inc.", "2021-06-01")
    after = _top(api, "Dahua Technology USA Inc.", "2026-12-03")
    assert before["id"] == after["id"] == "cs-dahua-usa"
    assert (before["status"], after["status"]) == ("flagged", "review")
    assert before["history"] == []
    assert any(
        h.startswith("sold by Zhejiang Dahua Technology Co., Ltd. in 2024")
        for h in after["history"]
    )


def test_megvii_1260h_removal_shows_after_2025_01_07(api: Api) -> None:
    during = _top(api, "Beijing Megvii Technology", "2024-06-01")
    after = _top(api, "Beijing Megvii Technology", "2026-12-03")
    assert during["id"] == after["id"] == "cs-megvii"
    assert during["status"] == after["status"] == "flagged"  # Entity List, NS-CMIC
    assert "removed from DoD 1260H on 2025-01-07" not in during["history"]
    assert "removed from DoD 1260H on 2025-01-07" in after["history"]


def test_lorex_and_the_default_date(api: Api) -> None:
    assert _top(api, "Lorex Technology Inc.", "2021-06-01")["status"] == "flagged"
    assert _top(api, "Lorex Technology Inc.", None)["status"] == "review"  # today: sold


def test_a_relative_of_the_named_company_is_for_review(api: Api) -> None:
    # The same family rule as the command line: the security names Hikvision (with another
    # company's ISIN, so Hikvision itself is for review); its subsidiaries sharing the trade
    # name rank above it but are relatives of the named company, not matches.
    example = {
        "schema": "Company",
        "properties": {"name": ["HANGZHOU HIKVISION DIGITAL TE-A"], "isinCode": ["US0378331005"]},
    }
    response = api.client.post(
        "/match/default", json={"queries": {"q": example}}, headers=api.viewer
    )
    results = response.json()["responses"]["q"]["results"]
    assert results[0]["id"] != "cs-hikvision"
    assert {r["status"] for r in results} == {"review"}


def test_a_bad_date_is_a_400_naming_the_parameter(api: Api) -> None:
    body = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Hikvision"]}}}}
    response = api.client.post(
        "/match/default", json=body, headers=api.viewer, params={"as_of": "2021-13-01"}
    )
    assert response.status_code == 400
    assert "as_of '2021-13-01' is not a date" in response.json()["detail"]
