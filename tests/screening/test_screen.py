"""Screening end to end: the bundled example portfolio, with hand-computed exposure."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from countersight.service.context import Context
from countersight.service.screening import ScreenOptions, screen
from tests.conftest import FIXTURES, ROOT, Cli, fixture_data

EXAMPLE = ROOT / "examples" / "portfolio.csv"
FUND = ROOT / "examples" / "fund-holdings.csv"
FUND_SPEC = f"IE000EXMPL08={FUND}"


def _run(ctx: Context, path: Path, **kwargs: Any) -> dict[str, Any]:
    return dict(screen(ctx, path, ScreenOptions(**kwargs)))


def _row(doc: dict[str, Any], name: str) -> dict[str, Any]:
    return next(r for r in doc["rows"] if r["name"] == name)


@pytest.fixture
def example(ctx: Context) -> dict[str, Any]:
    return _run(ctx, EXAMPLE, holdings=[FUND_SPEC])


def test_example_summary_by_hand(example: dict[str, Any]) -> None:
    # Weights sum to 100. Direct: Hikvision 2.5 + Dahua 1.5 + SenseTime 1.0 + BGI Group 0.5
    # (itself on DoD 1260H since 2025-01-07) = 5.5. Brand: EZVIZ (Hikvision) 0.5.
    # Fund: 10.0 × (Hikvision 4% + iFlytek 2% of the fund) = 0.6. Total 6.6 of 100.
    summary = example["summary"]
    assert summary["rows"] == 27
    assert summary["total_weight"] == pytest.approx(100.0)
    assert summary["exposed_weight"] == pytest.approx(6.6)
    assert summary["exposed_share"] == pytest.approx(0.066)
    assert summary["flagged_rows"] == 6
    assert summary["review_rows"] == 1
    routes = {r["label"]: r["weight"] for r in example["breakdown"]["by_route"]}
    assert routes == pytest.approx({"direct": 5.5, "brand": 0.5, "fund": 0.6})


def test_example_direct_rows(example: dict[str, Any]) -> None:
    hik = _row(example, "HANGZHOU HIKVISION DIGITAL TE-A")
    assert (hik["status"], hik["exposure"]) == ("flagged", pytest.approx(2.5))
    assert hik["matches"][0]["id"] == "cs-hikvision"
    assert hik["matches"][0]["via"] == "direct"
    assert hik["key"] == "isin:CNE100000PM8"
    assert _row(example, "SENSETIME GROUP INC-CL B")["matches"][0]["id"] == "cs-sensetime"
    assert _row(example, "TENCENT HOLDINGS LTD")["status"] == "clear"


def test_example_brand_row(example: dict[str, Any]) -> None:
    row = _row(example, "EZVIZ INC")
    first = row["matches"][0]
    assert (first["id"], first["via"]) == ("cs-hikvision", "brand")
    assert first["path"] == [
        {"id": "cs-hikvision", "caption": "EZVIZ", "relation": "brand", "share": None}
    ]
    assert row["exposure"] == pytest.approx(0.5)


def test_example_ownership_row(ctx: Context) -> None:
    # As of 2022-01-01 BGI Group was not listed itself; two of its units were (July 2020).
    row = _row(_run(ctx, EXAMPLE, holdings=[FUND_SPEC], as_of=date(2022, 1, 1)), "BGI GROUP")
    assert row["status"] == "flagged"
    # BGI Group itself is only for review then: its own listing was still to come.
    assert {m["status"] for m in row["matches"] if m["via"] == "direct"} == {"review"}
    targets = {m["id"] for m in row["matches"] if m["via"] == "ownership"}
    assert targets == {"cs-bgi-xinjiang", "cs-bgi-liuhe"}
    step = next(m for m in row["matches"] if m["id"] == "cs-bgi-liuhe")["path"][0]
    assert step["relation"] == "parent_of"
    assert row["exposure"] == pytest.approx(0.5)


def test_example_fund_lookthrough(example: dict[str, Any]) -> None:
    row = _row(example, "EXAMPLE CHINA TECH ETF")
    assert row["exposure"] == pytest.approx(0.6)
    inside = {m["id"]: m for m in row["matches"] if m["via"] == "fund"}
    assert inside["cs-hikvision"]["share"] == pytest.approx(0.04)
    assert inside["cs-iflytek"]["share"] == pytest.approx(0.02)
    assert inside["cs-iflytek"]["path"][0]["relation"] == "fund_holding"
    assert inside["cs-iflytek"]["path"][0]["share"] == pytest.approx(0.02)


def test_look_alike_is_review_not_flag(example: dict[str, Any]) -> None:
    row = _row(example, "YIXIN GROUP LTD")
    assert row["status"] == "review"
    assert row["exposure"] == 0.0


def test_json_shape(cli: Cli, tmp_path: Path) -> None:
    result = cli("screen", EXAMPLE, "--holdings", FUND_SPEC, "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert set(doc["summary"]) == {
        "rows",
        "flagged_rows",
        "review_rows",
        "total_weight",
        "exposed_weight",
        "exposed_share",
        "kind",
        "share_of",
        "has_weights",
        "weight_unknown_rows",
        "weight_unknown_flagged",
        "skipped_rows",
    }
    assert (doc["summary"]["kind"], doc["summary"]["share_of"]) == ("holdings", "the portfolio")
    row = doc["rows"][0]
    assert {"row", "input", "status", "exposure", "matches"} <= set(row)
    assert row["row"] == 1
    assert row["input"]["Issuer Name"] == "TAIWAN SEMICONDUCTOR MANUFAC"
    flagged = next(r for r in doc["rows"] if r["status"] == "flagged")
    match = flagged["matches"][0]
    assert {
        "id",
        "caption",
        "names",
        "score",
        "match",
        "lists",
        "topics",
        "path",
        "evidence",
    } <= set(match)
    assert {"publisher", "date", "title", "url"} <= set(match["evidence"][0])


def test_weights_null_without_a_weight_column(ctx: Context, tmp_path: Path) -> None:
    suppliers = tmp_path / "suppliers.csv"
    suppliers.write_text(
        "Supplier,Country,Product\nEZVIZ,China,home cameras\n"
        "Acme Cables Ltd,United Kingdom,cable\n",
        encoding="utf-8",
    )
    doc = _run(ctx, suppliers)
    assert doc["summary"]["total_weight"] is None
    assert doc["summary"]["exposed_share"] is None
    assert doc["rows"][0]["status"] == "flagged"
    assert doc["rows"][0]["exposure"] is None
    assert doc["input"]["kind"] == "suppliers"


def test_reports_html_xlsx_csv(cli: Cli, tmp_path: Path) -> None:
    html, xlsx, csv_path = tmp_path / "r.html", tmp_path / "r.xlsx", tmp_path / "r.csv"
    result = cli(
        "screen", EXAMPLE, "--holdings", FUND_SPEC, "--out", html, "--out", xlsx, "--out", csv_path
    )
    assert result.exit_code == 0, result.output
    page = html.read_text(encoding="utf-8")
    assert "6.60%" in page
    assert page.count('<figure class="chart">') == 3
    assert "https://ipvm.com/reports/hikvision-uyghur" in page
    assert "<script" not in page
    assert "http://" not in page.split("<body>")[0]
    book = load_workbook(xlsx)
    assert book.sheetnames == ["Summary", "Rows"]
    rows = list(book["Rows"].iter_rows(values_only=True))
    assert rows[0][0] == "Issuer Name"
    assert "Status" in rows[0]
    assert len(rows) == 28
    text = csv_path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith(
        "Issuer Name,ISIN,Ticker,Country,Weight (%),Asset Class,"
    )
    assert "cs-hikvision" in text


def test_nport_filing_as_input(ctx: Context) -> None:
    doc = _run(ctx, fixture_data("sec-nport/NPORT-P_DupreeMutualFunds_2022-12-31.xml"))
    assert doc["summary"]["rows"] == 55
    assert doc["summary"]["flagged_rows"] == 0
    assert doc["summary"]["total_weight"] == pytest.approx(sum(r["weight"] for r in doc["rows"]))
    assert doc["input"]["fund"] == "Kentucky Tax-Free Short-to-Medium Series"


def test_nport_fund_identifies_itself_for_lookthrough(ctx: Context, tmp_path: Path) -> None:
    nport = FIXTURES / "nport-with-hikvision.xml"
    portfolio = tmp_path / "p.csv"
    portfolio.write_text(
        "Name,LEI,Weight\nCountersight Test Emerging Markets Fund,"
        "TESTCSFUND0000000047,20\nOther Co,,80\n",
        encoding="utf-8",
    )
    doc = _run(ctx, portfolio, holdings=[str(nport)])
    fund = doc["rows"][0]
    assert fund["status"] == "flagged"
    assert fund["exposure"] == pytest.approx(20 * 0.25)
    assert doc["summary"]["exposed_share"] == pytest.approx(0.05)


def test_ownership_threshold_and_cycles(ctx: Context, cli: Cli, tmp_path: Path) -> None:
    assert cli("load", FIXTURES / "ownership.ftm.json", "--dataset", "owners").exit_code == 0
    portfolio = tmp_path / "p.csv"
    portfolio.write_text(
        'Name,Weight\n"Qianmo Vision Components Co., Ltd.",30\n'
        "Binjiang Optics Holdings Ltd.,30\nLoop Alpha Trading Ltd.,40\n",
        encoding="utf-8",
    )
    doc = _run(ctx, portfolio)
    sub60, sub40, loop = doc["rows"]
    # 60% owned by Hikvision: blocked under the 50% rule, the share on the path.
    assert sub60["status"] == "flagged"
    assert sub60["matches"][0]["path"][0] == {
        "id": "cs-hikvision",
        "caption": "Hangzhou Hikvision Digital Technology Co., Ltd.",
        "relation": "subsidiary_of",
        "share": 0.6,  # every share in the document is a fraction
    }
    assert sub40["status"] == "clear"  # 40% is below the threshold
    # A owns B owns A (a cycle), and B owns 55% of Dahua: found once, the walk ends. Below
    # Dahua it reaches Dahua's current subsidiary, not the units Dahua has sold.
    assert loop["status"] == "flagged"
    assert sorted(m["id"] for m in loop["matches"]) == ["cs-chengdu-dahua-wisdom", "cs-dahua"]
    dahua = next(m for m in loop["matches"] if m["id"] == "cs-dahua")
    assert [s["relation"] for s in dahua["path"]] == ["parent_of", "parent_of"]
