"""Reviewer decisions and run comparison."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli, fixture_data


def _screen(cli: Cli, path: Path, *args: str) -> dict:  # type: ignore[type-arg]
    result = cli("screen", path, "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def _portfolio(tmp_path: Path) -> Path:
    path = tmp_path / "p.csv"
    path.write_text(
        "Name,ISIN,Weight\nHANGZHOU HIKVISION DIGITAL TE-A,CNE100000PM8,5\n"
        "YIXIN GROUP LTD,,5\nSEMICONDUCTOR MANUFACTURING IN,,10\n"
        "TENCENT HOLDINGS LTD,KYG875721634,80\n",
        encoding="utf-8",
    )
    return path


def test_reject_and_confirm_apply_to_later_runs(cli: Cli, tmp_path: Path) -> None:
    path = _portfolio(tmp_path)
    first = _screen(cli, path)
    hik, yixin = first["rows"][0], first["rows"][1]
    assert (hik["status"], yixin["status"]) == ("flagged", "review")
    assert (
        cli(
            "decide", hik["key"], "cs-hikvision", "reject", "--note", "test reject", "--by", "alice"
        ).exit_code
        == 0
    )
    assert cli("decide", yixin["key"], "cs-yixin", "confirm", "--by", "bob").exit_code == 0
    second = _screen(cli, path)
    hik2, yixin2 = second["rows"][0], second["rows"][1]
    assert hik2["status"] == "clear"
    assert all(m["id"] != "cs-hikvision" for m in hik2["matches"])
    assert yixin2["status"] == "flagged"
    decision = yixin2["matches"][0]["decision"]
    assert decision["verdict"] == "confirm"
    assert decision["decided_by"] == "bob"
    assert decision["decided_at"]


def test_decide_refuses_bad_verdicts_and_entities(cli: Cli) -> None:
    assert cli("decide", "isin:X", "cs-hikvision", "maybe").exit_code == 2
    assert cli("decide", "isin:X", "no-such-entity", "reject").exit_code == 2


def test_compare_shows_new_flags_after_a_list_update(cli: Cli, tmp_path: Path) -> None:
    path = _portfolio(tmp_path)
    first = _screen(cli, path)
    assert first["rows"][2]["status"] == "clear"  # SMIC: not in the registry
    assert cli("load", fixture_data("ofac-consolidated-nonsdn-2025-12")).exit_code == 0
    second = _screen(cli, path, "--compare", first["run"])
    comparison = second["comparison"]
    assert [c["name"] for c in comparison["new_flags"]] == ["SEMICONDUCTOR MANUFACTURING IN"]
    assert comparison["cleared"] == []
    runs = json.loads(cli("runs", "--json").output)
    assert {r["id"] for r in runs} == {first["run"], second["run"]}


def test_compare_with_an_unknown_run(cli: Cli, tmp_path: Path) -> None:
    result = cli("screen", _portfolio(tmp_path), "--compare", "nope")
    assert result.exit_code == 1
    assert "no screening run" in result.output
