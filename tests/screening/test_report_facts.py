"""Every report format says what the terminal says: the datasets screened against (the
registry's version, each list's date), category titles, each row's key and row in the file;
the XLSX report keeps the user's numbers as numbers; JSON carries no float noise."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.conftest import FIXTURES, ROOT, Cli, fixture_data

PORTFOLIO = ROOT / "examples" / "portfolio.csv"
TITLE = "Facial recognition with ethnicity analytics"
SLUG = "ethnicity-analytics"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example portfolio screened against the registry and an OFAC list, every format."""
    folder = tmp_path_factory.mktemp("reports")
    cli = Cli(
        {
            "COUNTERSIGHT_DB": f"sqlite:///{folder / 'cs.db'}",
            "COUNTERSIGHT_CACHE_DIR": str(folder / "cache"),
            "COLUMNS": "160",
        }
    )
    assert cli("load", fixture_data("ofac-consolidated-nonsdn-2025-12")).exit_code == 0
    paths = {fmt: folder / f"report.{fmt}" for fmt in ("json", "csv", "xlsx", "html")}
    outs = [a for p in paths.values() for a in ("--out", p)]
    result = cli("screen", PORTFOLIO, "--no-save", *outs)
    assert result.exit_code == 0, result.output
    return paths


def _json(reports: dict[str, Path]) -> dict[str, Any]:
    return json.loads(reports["json"].read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _csv(reports: dict[str, Path]) -> list[dict[str, str]]:
    text = reports["csv"].read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_json_names_the_datasets_and_keeps_category_keys(reports: dict[str, Path]) -> None:
    doc = _json(reports)
    sources = {s["dataset"]: s for s in doc["sources"]}
    assert set(sources) == {"registry", "us_ofac_cons"}
    assert len(sources["registry"]["sha256"]) == 64
    assert sources["registry"]["publisher_date"]
    category = next(c for c in doc["breakdown"]["by_category"] if c["key"] == SLUG)
    assert category["label"] == TITLE
    hikvision = next(r for r in doc["rows"] if r["key"] == "isin:CNE100000PM8")
    top = hikvision["matches"][0]
    assert top["categories"][0] == SLUG
    assert top["category_labels"][0] == TITLE
    assert hikvision["line"] == 19


def test_csv_carries_key_line_categories_and_datasets(reports: dict[str, Path]) -> None:
    doc = _json(reports)
    registry = next(s for s in doc["sources"] if s["dataset"] == "registry")
    rows = _csv(reports)
    hikvision = next(r for r in rows if r["ISIN"] == "CNE100000PM8")
    assert hikvision["cs_row_key"] == "isin:CNE100000PM8"
    assert hikvision["cs_source_row"] == "19"
    assert TITLE in hikvision["cs_categories"].split("; ")
    assert SLUG not in hikvision["cs_categories"]
    screened = hikvision["cs_screened_against"]
    assert f"registry: version {registry['publisher_date']} (sha256 {registry['sha256'][:12]})" in (
        screened
    )
    assert "us_ofac_cons: publication date unknown, loaded " in screened


def test_xlsx_numbers_keys_categories_and_datasets(reports: dict[str, Path]) -> None:
    book = load_workbook(reports["xlsx"])
    rows = book["Rows"]
    header = [c.value for c in rows[1]]
    line = {h: i for i, h in enumerate(header)}
    hikvision = next(
        r for r in rows.iter_rows(min_row=2, values_only=True) if r[1] == "CNE100000PM8"
    )
    assert hikvision[line["Weight (%)"]] == 2.5  # the user's number, as a number
    assert hikvision[line["Ticker"]] == "002415 CH"
    assert hikvision[line["Row in file"]] == 19
    assert hikvision[line["Row key"]] == "isin:CNE100000PM8"
    assert TITLE in str(hikvision[line["Categories"]])
    summary = book["Summary"]
    cells = {c.value: c for row in summary.iter_rows() for c in row if c.value is not None}
    texts = [str(v) for v in cells]
    assert "Screened against" in texts
    assert any(
        t.startswith("Countersight surveillance-vendor registry (registry): version ")
        for t in texts
    )
    assert any("(us_ofac_cons): publication date unknown; loaded" in t for t in texts)
    assert TITLE in texts
    assert SLUG not in texts
    total = next(r for r in summary.iter_rows() if r[0].value == "Total weight")[1]
    assert total.value == 100
    assert total.number_format == "General"  # 100 shows as 100, not "100."
    formats = {c.number_format for s in book for row in s.iter_rows() for c in row}
    assert "0.####" not in formats


def test_html_names_datasets_and_category_titles(reports: dict[str, Path]) -> None:
    page = reports["html"].read_text(encoding="utf-8")
    doc = _json(reports)
    registry = next(s for s in doc["sources"] if s["dataset"] == "registry")
    screened = page.split('aria-label="Screened against"')[1].split("</section>")[0]
    assert f"version {registry['publisher_date']} (sha256 {registry['sha256'][:12]})" in screened
    assert "(us_ofac_cons): publication date unknown; loaded" in screened
    assert f'<th scope="row" class="chart-label">{TITLE}</th>' in page  # the chart's row
    assert f">{TITLE}, Video surveillance equipment</div>" in page
    assert SLUG not in page
    assert "<td>19</td>" in page


def test_decimal_comma_numbers_stay_numbers_and_json_has_no_float_noise(
    cli: Cli, tmp_path: Path
) -> None:
    xlsx, report = tmp_path / "r.xlsx", tmp_path / "r.json"
    source = FIXTURES / "holdings-de-semicolon.csv"
    result = cli("screen", source, "--no-save", "--out", xlsx, "--out", report)
    assert result.exit_code == 0, result.output
    rows = load_workbook(xlsx)["Rows"]
    header = [c.value for c in rows[1]]
    first = [c.value for c in rows[2]]
    assert first[header.index("Gewichtung (%)")] == 2.5
    assert first[header.index("Marktwert")] == 1_250_000
    assert first[header.index("ISIN")] == "CNE100000PM8"
    text = report.read_text(encoding="utf-8")
    doc = json.loads(text)
    assert doc["summary"]["exposed_share"] == 0.0398089  # 2.5 / 62.8, six digits
    assert "0.0398089171975" not in text
    assert doc["rows"][0]["weight"] == 2.5
    printed = json.loads(cli("screen", source, "--no-save", "--json").output)
    assert printed["summary"]["exposed_share"] == 0.0398089
