"""``countersight update`` on the command line: summary table, exit codes, --from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from countersight.store import Store
from tests.conftest import Cli, full_data
from tests.update.conftest import EU_A, UK_0910, Publisher, url_of


def test_update_through_a_mirror_prints_the_summary(
    cli: Cli, cli_env: dict[str, str], publisher: Publisher
) -> None:
    publisher.serve(url_of("eu_fsf"), EU_A.read_bytes())
    publisher.serve(url_of("gb_fcdo_sanctions"), UK_0910.read_bytes())
    cli.env = {**cli_env, "COUNTERSIGHT_LIST_MIRROR": publisher.base}
    # The excerpts are far under the catalogue's floors: refused, store untouched.
    refused = cli("update", "eu_fsf", "gb_fcdo_sanctions")
    assert refused.exit_code == 1
    assert "under the catalogue's floor of 2000" in " ".join(refused.output.split())
    store = Store(cli_env["COUNTERSIGHT_DB"])
    assert store.source("eu_fsf") is None
    forced = cli("update", "eu_fsf", "gb_fcdo_sanctions", "--force", "--json")
    assert forced.exit_code == 0, forced.output
    rows = {r["dataset"]: r for r in json.loads(forced.output)}
    assert rows["eu_fsf"]["outcome"] == "updated"
    assert rows["gb_fcdo_sanctions"]["added"] == 2
    again = cli("update", "eu_fsf", "gb_fcdo_sanctions")
    assert again.exit_code == 0
    assert again.output.count("unchanged") == 2


def test_unknown_list_is_refused(cli: Cli) -> None:
    result = cli("update", "no_such_list")
    assert result.exit_code == 2
    assert "no list 'no_such_list' in the catalogue" in result.output


def test_from_a_missing_folder_is_bad_input(cli: Cli, tmp_path: Path) -> None:
    result = cli("update", "--from", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "nowhere: no such folder" in result.output


def test_catalogue_lists_the_required_publications(cli: Cli) -> None:
    result = cli("update", "--catalogue", "--json")
    assert result.exit_code == 0
    entries = {e["name"]: e for e in json.loads(result.output)}
    for name in (
        "us_ofac_sdn",
        "us_ofac_sdn_xml",
        "us_ofac_cons",
        "us_ofac_cons_xml",
        "us_trade_csl",
        "un_sc_sanctions",
        "eu_fsf",
        "gb_fcdo_sanctions",
    ):
        assert entries[name]["files"], name
        assert all(f["url"].startswith("https://") for f in entries[name]["files"])
    assert [f["check"] for f in entries["us_ofac_sdn"]["files"]][:3] == ["ofac-eof"] * 3
    assert entries["un_sc_sanctions"]["files"][0]["root"] == "CONSOLIDATED_LIST"


@pytest.mark.slow
def test_update_from_the_shared_data_folder(cli: Cli, cli_env: dict[str, str]) -> None:
    """Every catalogue list with a complete file in the full data folder loads; the EU and UK
    excerpts are refused (under the floor, or invalid), leaving nothing half-loaded."""
    data = full_data(".")
    result = cli("update", "--from", data, "--json")
    assert result.exit_code == 1  # the excerpts
    rows = {r["dataset"]: r for r in json.loads(result.output)}
    for dataset in ("us_ofac_sdn", "us_ofac_cons", "us_trade_csl", "un_sc_sanctions"):
        assert rows[dataset]["outcome"] == "updated", rows[dataset]
    assert rows["us_ofac_sdn"]["source"].startswith(str(data / "ofac-sdn-csv-2024-05"))
    assert rows["us_trade_csl"]["source"].endswith("consolidated-complete-records.csv")
    assert rows["un_sc_sanctions"]["records"] == 1003  # 730 individuals + 273 entities
    assert rows["eu_fsf"]["outcome"] == "failed"
    assert rows["gb_fcdo_sanctions"]["outcome"] == "failed"
    store = Store(cli_env["COUNTERSIGHT_DB"])
    loaded = {s.dataset for s in store.sources()}
    assert "eu_fsf" not in loaded
    assert {"us_ofac_sdn", "us_ofac_cons", "us_trade_csl", "un_sc_sanctions"} <= loaded
    # Knowingly loading the excerpts: a warning names each file and its count.
    small = cli("update", "eu_fsf", "gb_fcdo_sanctions", "--from", data, "--allow-small")
    assert small.exit_code == 0, small.output
    text = " ".join(small.output.split())
    assert "eu-fsf-2026-08-05-excerpt-a.xml holds 5 records, under the catalogue's floor" in text
    assert "uk-sanctions-list-2026-09-10-excerpt.xml holds 5 records" in text
