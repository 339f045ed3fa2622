"""The command line end to end, on the real files."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import Cli, data_file, fixture_data


def test_fresh_install_matches_from_the_registry(cli: Cli) -> None:
    result = cli("match", "海康威视", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    top = doc["results"][0]
    assert top["id"] == "cs-hikvision"
    assert top["match"] is True
    assert top["status"] == "flagged"
    assert {"us_bis_el", "us_ofac_ns_cmic"} <= set(top["lists"])
    assert any(e["publisher"] == "IPVM" for e in top["evidence"])
    assert set(top) >= {
        "id",
        "caption",
        "schema",
        "names",
        "score",
        "match",
        "lists",
        "topics",
        "explanation",
    }
    assert 0 <= top["score"] <= 1
    assert top["explanation"]


def test_brand_resolves_to_its_maker(cli: Cli) -> None:
    doc = json.loads(cli("match", "EZVIZ Inc.", "--json").output)
    top = doc["results"][0]
    assert top["id"] == "cs-hikvision"
    assert top["match"]
    assert top["path"] == [
        {"id": "cs-hikvision", "caption": "EZVIZ", "relation": "brand", "share": None}
    ]
    assert any("brand" in line for line in top["explanation"])


def test_fund_file_spelling_of_sensetime(cli: Cli) -> None:
    doc = json.loads(cli("match", "SENSETIME GROUP INC-CL B", "--json").output)
    top = doc["results"][0]
    assert top["id"] == "cs-sensetime"
    assert top["match"]
    assert "us_ofac_ns_cmic" in top["lists"]
    assert any(e["publisher"] == "Bloomberg" for e in top["evidence"])


def test_load_then_match_hikvision_from_the_nonsdn_file(cli: Cli) -> None:
    result = cli("load", fixture_data("ofac-consolidated-nonsdn-2025-12"))
    assert result.exit_code == 0, result.output
    assert "Loaded" in result.output
    doc = json.loads(
        cli("match", "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", "--json").output
    )
    top = doc["results"][0]
    assert top["match"] is True
    assert "us_ofac_ns_cmic" in top["lists"]
    cmic = [
        m
        for m in top["listings"]
        if m["list"] == "us_ofac_ns_cmic" and m["dataset"] == "us_ofac_cons"
    ]
    assert cmic
    assert cmic[0]["source_record_id"] == "30946"
    assert cmic[0]["program"] == "CMIC-EO13959"
    detail = json.loads(cli("entity", top["id"], "--json").output)
    assert {"scheme": "isin", "value": "CNE100000PM8"} in detail["identifiers"]
    datasets = {p["dataset"] for p in detail["provenance"]}
    assert datasets == {"registry", "us_ofac_cons"}
    raw = json.loads(cli("entity", "ofac-30946", "--json").output)
    assert raw["id"] == "cs-hikvision"  # a raw list id resolves to the merged entity


def test_identifier_only_match(cli: Cli) -> None:
    doc = json.loads(cli("match", "--isin", "CNE100001TW7", "--json").output)
    assert doc["results"][0]["id"] == "cs-dawning"
    assert doc["results"][0]["features"][0]["feature"] == "identifier_match"


def test_bad_identifier_on_the_command_line(cli: Cli) -> None:
    result = cli("match", "Hikvision", "--isin", "CNE100000PM9")
    assert result.exit_code == 2
    assert "check digit" in result.output


@pytest.mark.parametrize(("size", "entities", "people"), [("excerpt", 25, 15), ("full", 273, 730)])
def test_sources_lists_provenance(cli: Cli, size: str, entities: int, people: int) -> None:
    cli("load", data_file(size, "un-consolidated/UN_consolidated.xml"))
    doc = json.loads(cli("sources", "--json").output)
    by_name = {s["dataset"]: s for s in doc}
    assert by_name["un_sc_sanctions"]["entity_count"] == entities
    assert by_name["un_sc_sanctions"]["skipped"] == {"individual": people}
    assert by_name["un_sc_sanctions"]["publisher_date"] == "2026-02-27"
    assert len(by_name["un_sc_sanctions"]["sha256"]) == 64
    assert by_name["registry"]["kind"] == "registry"


def test_export_ftm_and_csv(cli: Cli) -> None:
    cli("load", fixture_data("ofac-consolidated-nonsdn-2025-12"))
    lines = [json.loads(line) for line in cli("export", "--format", "ftm").output.splitlines()]
    schemata = {item["schema"] for item in lines}
    assert {"Company", "Sanction", "Ownership"} <= schemata
    hik = next(item for item in lines if item["id"] == "cs-hikvision")
    assert "CNE100000PM8" in hik["properties"]["isinCode"]
    assert "EZVIZ" in hik["properties"]["alias"]
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv").output)))
    assert any(r["id"] == "cs-hikvision" and "us_ofac_ns_cmic" in r["lists"] for r in rows)


def test_ftm_export_reloads_with_followthemoney(cli: Cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "registry.ftm.json"
    assert cli("export", "--format", "ftm", "--out", out).exit_code == 0
    result = cli("load", out, "--dataset", "reimport")
    assert result.exit_code == 0, result.output
    doc = json.loads(cli("sources", "--json").output)
    reimport = next(s for s in doc if s["dataset"] == "reimport")
    registry = next(s for s in doc if s["dataset"] == "registry")
    assert reimport["entity_count"] == registry["entity_count"]
    assert reimport["relation_count"] == registry["relation_count"]


def test_users_add_key_list_remove(cli: Cli) -> None:
    from countersight.service.context import open_context
    from countersight.settings import load_settings
    from countersight.store import accounts

    added = cli("users", "add", "screening-bot", "--role", "analyst", "--no-password", "--api-key")
    assert added.exit_code == 0, added.output
    key = added.output.split("shown once): ", 1)[1].split()[0]
    ctx = open_context(load_settings(env=cli.env))
    assert accounts.user_for_key(ctx.store, key) == accounts.User("screening-bot", "analyst")
    assert "screening-bot" in cli("users", "list").output
    again = cli("users", "add", "screening-bot", "--no-password")
    assert again.exit_code == 2
    assert "exists" in again.output
    assert "role must be one of" in cli("users", "add", "x", "--role", "owner").output
    assert cli("users", "remove", "screening-bot").exit_code == 0
    assert accounts.user_for_key(ctx.store, key) is None
    ctx.store.close()
