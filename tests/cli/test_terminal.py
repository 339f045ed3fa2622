"""The terminal report at 80 columns: nothing wider, no word cut in two, units on every
exposure figure, rows named by their line in the file, category titles, the datasets."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROOT, Cli, fixture_data

PORTFOLIO = ROOT / "examples" / "portfolio.csv"
SUPPLIERS = FIXTURES / "suppliers-spend.csv"


def _run(folder: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "COUNTERSIGHT_DB": f"sqlite:///{folder / 'cs.db'}",
        "COUNTERSIGHT_CACHE_DIR": str(folder / "cache"),
        "COLUMNS": "80",
    }
    return subprocess.run(
        [sys.executable, "-m", "countersight", *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _shown_words(document: dict[str, Any]) -> set[str]:
    """The words the terminal shows about flagged rows (names, entities, lists, categories)."""
    texts: list[str] = []
    for row in document["rows"]:
        shown = [m for m in row["matches"] if m["status"] == row["status"] != "clear"]
        if shown:  # the first four entities are named, the rest counted
            captions = list(dict.fromkeys(m["caption"] for m in shown))[:4]
            texts += [row["name"] or "", *captions]
            texts += [*shown[0]["list_labels"], *shown[0]["category_labels"]]
    return {w for t in texts for w in t.split() if len(w) > 1}


Screened = dict[str, tuple[list[str], dict[str, Any]]]


@pytest.fixture(scope="module")
def screened(tmp_path_factory: pytest.TempPathFactory) -> Screened:
    """Each file screened once in a terminal 80 columns wide, and as JSON."""
    folder = tmp_path_factory.mktemp("terminal")
    out: Screened = {}
    for path in (PORTFOLIO, SUPPLIERS):
        shown = _run(folder, "screen", path, "--no-save")
        assert shown.returncode == 0, shown.stderr
        document = json.loads(_run(folder, "screen", path, "--no-save", "--json").stdout)
        out[path.name] = ((shown.stdout + shown.stderr).splitlines(), document)
    return out


@pytest.mark.parametrize("path", [PORTFOLIO, SUPPLIERS], ids=["portfolio", "suppliers"])
def test_fits_80_columns_without_cutting_words(screened: Screened, path: Path) -> None:
    lines, document = screened[path.name]
    assert max(len(line) for line in lines) <= 80, [ln for ln in lines if len(ln) > 80]
    text = "\n".join(lines)
    missing = sorted(w for w in _shown_words(document) if w not in text)
    assert missing == []  # a word cut across two lines would be missing whole


def test_portfolio_rows_units_categories_and_datasets(screened: Screened) -> None:
    lines, document = screened[PORTFOLIO.name]
    text = "\n".join(lines)
    flat = " ".join(text.split())
    # Hikvision's A share is on line 19 of the file (data row 18).
    assert "line 19 HANGZHOU HIKVISION DIGITAL TE-A flagged" in flat
    assert "exposure: 2.50% of the portfolio" in flat
    assert "exposed 6.00% of the portfolio" in flat
    assert "Facial recognition with ethnicity analytics" in flat
    assert "ethnicity-analytics" not in text
    assert "row key: isin:CNE100000PM8" in flat
    registry = next(s for s in document["sources"] if s["dataset"] == "registry")
    assert "Screened against:" in text
    assert (
        f"registry (registry): version {registry['publisher_date']} "
        f"(sha256 {registry['sha256'][:12]})" in flat
    )
    # The row for review is not counted, and says so rather than 0.00%.
    assert "exposure: none until confirmed (the row is 0.80% of the portfolio)" in flat
    assert not re.search(r"\b0\.00% of the portfolio", flat)


def test_supplier_spend_is_shown_in_its_currency(screened: Screened) -> None:
    lines, _ = screened[SUPPLIERS.name]
    flat = " ".join(" ".join(lines).split())
    assert "exposed 5.00% of spend (GBP 12,500 of GBP 250,000)" in flat
    assert "line 2 EZVIZ flagged" in flat
    assert "exposure: GBP 12,500 (5.00% of spend)" in flat
    assert "(brand: EZVIZ)" in flat


def test_entity_shows_category_titles(cli: Cli) -> None:
    output = " ".join(cli("entity", "cs-hikvision").output.split())
    assert "categories: Facial recognition with ethnicity analytics; Video surveillance" in output
    assert "ethnicity-analytics" not in output


def _fits(lines: list[str], words: set[str]) -> None:
    """Nothing wider than 80 columns, and every one of ``words`` shown whole."""
    assert max(len(line) for line in lines) <= 80, [ln for ln in lines if len(ln) > 80]
    text = "\n".join(lines)
    assert sorted(w for w in words if w not in text) == []


def test_load_sources_and_runs_fit_80_columns(tmp_path: Path) -> None:
    lists = [fixture_data("ofac-sdn-csv-2024-05"), fixture_data("un-consolidated")]
    loaded = _run(tmp_path, "load", *lists)
    assert loaded.returncode == 0, loaded.stderr
    sources = _run(tmp_path, "sources")
    described = json.loads(_run(tmp_path, "sources", "--json").stdout)
    for _ in range(2):
        assert _run(tmp_path, "screen", PORTFOLIO).returncode == 0
    shown_runs = _run(tmp_path, "runs")
    runs = json.loads(_run(tmp_path, "runs", "--json").stdout)
    assert len(runs) == 2

    load_lines = (loaded.stdout + loaded.stderr).splitlines()
    _fits(load_lines, {"us_ofac_sdn", "un_sc_sanctions", "UN_consolidated.xml", "organisations"})
    flat = " ".join(" ".join(load_lines).split())
    assert "us_ofac_sdn (ofac-csv): sdn.csv, published unknown; 136 organisations" in flat
    assert "skipped 103 individuals, 3 vessels, 4 other" in flat

    words = {w for s in described for w in (s["dataset"], *s["title"].split(), s["sha256"][:12])}
    source_lines = (sources.stdout + sources.stderr).splitlines()
    _fits(source_lines, words | {"publication"})
    un = next(s for s in described if s["dataset"] == "un_sc_sanctions")
    flat = " ".join(" ".join(source_lines).split())
    assert f"published {un['publisher_date']}; age {un['age_days']} days" in flat
    assert f"{un['entity_count']} organisations" in flat

    run_lines = shown_runs.stdout.splitlines()
    _fits(run_lines, {r["id"] for r in runs} | {"portfolio.csv"})
    assert "27 rows, 5 flagged" in " ".join(" ".join(run_lines).split())
