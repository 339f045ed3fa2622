"""Spend and supplier files as procurement teams have them: trading names, what was bought,
and real council spend files that hold no covered vendor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from countersight.service.context import Context
from countersight.service.screening import ScreenOptions, screen
from tests.conftest import FIXTURES, full_data

SPEND = FIXTURES / "spend" / "council-spend-2025-09.csv"


def _rows(document: Any) -> dict[str, Any]:
    return {row["name"]: row for row in document["rows"]}


def _screen(ctx: Context, path: Path, **options: Any) -> Any:
    return screen(
        ctx, path, ScreenOptions(save=False, overrides={"product": "Narrative"}, **options)
    )


def test_trading_names_and_descriptions_name_covered_makers(ctx: Context) -> None:
    rows = _rows(_screen(ctx, SPEND))
    dji = rows["Cellcom Ltd (T/A: DJI Hasselblad UK)"]
    assert dji["status"] == "review"
    (finding,) = dji["matches"]
    assert (finding["id"], finding["via"]) == ("cs-dji", "product")
    assert finding["product"] == {
        "text": "DJI",
        "where": "the trading name (T/A)",
        "kind": "short_name",
    }
    hik = rows["Acme Security Installers Ltd"]
    assert hik["status"] == "review"
    assert [(m["id"], m["via"]) for m in hik["matches"]] == [("cs-hikvision", "product")]
    assert hik["matches"][0]["product"]["text"] == "HIK Vision"
    assert "product_hit" in hik["matches"][0]["explanation"][0]
    # A documented model number (a Dahua camera, per the source the registry cites).
    model = rows["Orion Electronics Ltd"]["matches"][0]
    assert (model["id"], model["product"]["kind"]) == ("cs-dahua", "model")
    # Common words of descriptions and names never make a hit on their own.
    for name in ("LEAD FORENSICS LTD", "Northern CCTV Ltd", "Riverside Cafe"):
        assert rows[name]["status"] == "clear", rows[name]["matches"]


def test_flag_products_makes_product_hits_flag(ctx: Context) -> None:
    document = _screen(ctx, SPEND, flag_products=True)
    rows = _rows(document)
    assert rows["Acme Security Installers Ltd"]["status"] == "flagged"
    assert rows["Cellcom Ltd (T/A: DJI Hasselblad UK)"]["status"] == "flagged"
    assert rows["Riverside Cafe"]["status"] == "clear"
    assert document["summary"]["flagged_rows"] == 3


def test_a_reviewer_can_set_a_product_hit_aside(ctx: Context, cli: Any) -> None:
    document = screen(ctx, SPEND, ScreenOptions())
    key = _rows(document)["Acme Security Installers Ltd"]["key"]
    done = cli(
        "decide", key, "cs-hikvision", "reject", "--route", "product", "--run", document["run"]
    )
    assert done.exit_code == 0, done.output
    again = _rows(_screen(ctx, SPEND))
    assert again["Acme Security Installers Ltd"]["status"] == "clear"


@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("uk-council-spend/devon_DCCSpendingOver500_201109.csv", "Supplier Name"),
        ("uk-council-spend/oxford_expenditure-over-500-apr-jun-2016.csv", "supplier_name"),
    ],
)
def test_real_council_spend_files_have_no_flags(ctx: Context, name: str, column: str) -> None:
    """Two real spend files (OGL) with no covered vendor: no flag, and at most one review
    row per 1,000 rows."""
    document = screen(ctx, full_data(name), ScreenOptions(save=False))
    assert document["input"]["columns"]["name"] == column
    summary = document["summary"]
    assert summary["rows"] > 3_000
    assert summary["flagged_rows"] == 0
    assert summary["review_rows"] * 1_000 <= summary["rows"]
