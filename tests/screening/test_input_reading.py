"""Files as analysts' spreadsheets really come: each is read right or refused with the line,
the column and what to do (CLI exit 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from countersight.exc import InputError
from countersight.inputs.portfolio import ReadOptions, read_portfolio
from countersight.service.context import Context
from countersight.service.screening import ScreenOptions, screen
from tests.conftest import FIXTURES, Cli, full_data


def _csv(tmp_path: Path, text: str, name: str = "holdings.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _refused(cli: Cli, path: Path, *options: str) -> str:
    result = cli("screen", path, "--no-save", *options)
    assert result.exit_code == 2, result.output
    return " ".join(result.output.split())


def _screen(cli: Cli, path: Path, *options: str) -> dict[str, Any]:
    result = cli("screen", path, "--no-save", "--json", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


# --- quotes and field counts -------------------------------------------------------------


def test_an_unbalanced_quote_is_refused_at_the_line_it_opened(cli: Cli, tmp_path: Path) -> None:
    rows = ["Name,Weight", "Alpha Industries,1", "Acme Corp,1", '"Beta Holdings,1']
    rows += [f"Company {n} Ltd,0.2" for n in range(499)]
    rows.append("Hangzhou Hikvision Digital Technology,0.5")
    path = _csv(tmp_path, "\n".join(rows) + "\n")
    assert len(rows) - 1 == 503
    assert _refused(cli, path) == (
        f"error: {path}, line 4: a quote opens here and is not closed until line 504 (or the "
        "end of the file), so 501 lines would be read as one cell; close or remove the quote"
    )


def test_quoted_names_with_commas_and_line_breaks_still_read(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        'Name,ISIN,Weight\n"Acme, Inc.",US0000000002,2\n"Hikvision\n(A shares)",CNE100000PM8,3\n',
    )
    portfolio = read_portfolio(path)
    assert [h.name for h in portfolio.rows] == ["Acme, Inc.", "Hikvision\n(A shares)"]
    assert [h.line for h in portfolio.rows] == [2, 3]


def test_an_unquoted_comma_in_a_name_is_refused(cli: Cli, tmp_path: Path) -> None:
    path = _csv(tmp_path, "Name,ISIN,Weight\nTencent,KYG875721634,5\nAcme, Inc,US0000000002,2\n")
    assert _refused(cli, path) == (
        f"error: {path}, line 3: 4 fields where the header has 3: is there an unquoted comma "
        "or semicolon in a name? Put such a value in quotes (--skip-invalid screens the other "
        "rows and lists this one)"
    )


def test_trailing_empty_fields_and_short_rows_are_unambiguous(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Name,ISIN,Weight\nTencent,KYG875721634,5,,\nHikvision,CNE100000PM8\n")
    portfolio = read_portfolio(path)
    assert [(h.name, h.weight) for h in portfolio.rows] == [("Tencent", 5.0), ("Hikvision", None)]
    assert portfolio.weight_unknown == [3]


# --- number formats ------------------------------------------------------------------------


def test_semicolon_csv_with_decimal_commas(ctx: Context) -> None:
    # Read as 25 and 1145 (decimal commas taken for thousands), this file showed 0.41%.
    doc = screen(ctx, FIXTURES / "holdings-de-semicolon.csv", ScreenOptions(save=False))
    weights = [r["weight"] for r in doc["rows"]]
    assert weights == [2.5, 11.45, 48.3, 0.55]
    assert doc["summary"]["total_weight"] == pytest.approx(62.8)
    assert doc["summary"]["exposed_share"] == pytest.approx(2.5 / 62.8)
    assert f"{doc['summary']['exposed_share']:.2%}" == "3.98%"
    assert doc["input"]["encoding"] == "cp1252"
    assert doc["rows"][3]["name"] == "Nestlé SA"
    portfolio = read_portfolio(FIXTURES / "holdings-de-semicolon.csv")
    assert [h.market_value for h in portfolio.rows] == [1250000.0, 5725000.0, 24150000.0, 275000.0]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["1,234.5", "12"], [1234.5, 12.0]),
        (["1.234,5", "12"], [1234.5, 12.0]),
        (["1'234.5", "2'000"], [1234.5, 2000.0]),
        (["1 234,5", "0,75"], [1234.5, 0.75]),
        (["(12.5)", "3.5%"], [-12.5, 3.5]),
        (["12,5-", "1.000,25"], [-12.5, 1000.25]),
        (["$1,250,000", "USD 500"], [1250000.0, 500.0]),
        (["0.035", "0.120"], [0.035, 0.12]),
    ],
)
def test_number_formats_per_column(tmp_path: Path, cells: list[str], expected: list[float]) -> None:
    lines = "".join(f'Company {n},"{v}"\n' for n, v in enumerate(cells))
    portfolio = read_portfolio(_csv(tmp_path, "Name,Market Value\n" + lines))
    assert [h.market_value for h in portfolio.rows] == expected


def test_an_ambiguous_column_is_refused_with_both_readings(cli: Cli, tmp_path: Path) -> None:
    path = _csv(tmp_path, 'Name,Weight\nTencent,"1,250"\nHikvision,"2,500"\n')
    assert _refused(cli, path) == (
        f"error: {path}, line 2, column 'Weight': '1,250' reads as 1250 (with a decimal point) "
        "or as 1.25 (with a decimal comma); nothing else in the column tells which: give "
        "--decimal point or --decimal comma"
    )
    portfolio = _screen(cli, path, "--decimal", "comma")
    assert [r["weight"] for r in portfolio["rows"]] == [1.25, 2.5]


def test_a_column_mixing_formats_is_refused(cli: Cli, tmp_path: Path) -> None:
    path = _csv(tmp_path, 'Name,Weight\nTencent,"1,234.5"\nHikvision,"2,5"\n')
    assert _refused(cli, path) == (
        f"error: {path}, line 3, column 'Weight': the column mixes number formats: '1,234.5' "
        "(line 2) has a decimal point, '2,5' (line 3) a decimal comma; write the column one way"
    )


def test_xlsx_numbers_need_no_format_detection(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["Name", "Weight"])  # type: ignore[union-attr]
    book.active.append(["Tencent", 1.25])  # type: ignore[union-attr]
    book.active.append(["Hikvision", 2.5])  # type: ignore[union-attr]
    book.active.append(["Dahua", "0,75"])  # type: ignore[union-attr]  # typed in as text
    book.save(tmp_path / "w.xlsx")
    portfolio = read_portfolio(tmp_path / "w.xlsx")
    assert [h.weight for h in portfolio.rows] == [1.25, 2.5, 0.75]


# --- headers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "columns"),
    [
        ("Securty Nmae,ISIN,Weigth", ("name", "isin", "weight")),
        ("Wertpapier,ISIN,Gewichtung (%),Marktwert", ("name", "isin", "weight", "market_value")),
        (
            "Libellé,Code ISIN,Pondération,Valeur de marché",
            ("name", "isin", "weight", "market_value"),
        ),
        ("Emisor,ISIN,Peso,Valor de mercado", ("name", "isin", "weight", "market_value")),
        ("銘柄名,ISIN,組入比率,評価額", ("name", "isin", "weight", "market_value")),
        ("证券名称,ISIN,权重,市值", ("name", "isin", "weight", "market_value")),
    ],
)
def test_headers_in_other_languages_and_with_typos(
    tmp_path: Path, header: str, columns: tuple[str, ...]
) -> None:
    values = ["Hangzhou Hikvision", "CNE100000PM8", "2.5", "1000"][: len(columns)]
    path = _csv(tmp_path, header + "\n" + ",".join(values) + "\n")
    portfolio = read_portfolio(path)
    assert set(portfolio.columns) == set(columns)
    assert portfolio.rows[0].name == "Hangzhou Hikvision"
    assert portfolio.rows[0].weight == 2.5


def test_used_typo_and_ignored_columns_are_noted(cli: Cli, tmp_path: Path) -> None:
    path = _csv(tmp_path, "Securty Nmae,ISIN,Sector,Weight\nHikvision,CNE100000PM8,Tech,2\n")
    doc = _screen(cli, path)
    assert doc["input"]["notes"] == [
        "read the column 'Securty Nmae' as name (closest known header)",
        "columns used: 'Securty Nmae' → name, 'ISIN' → isin, 'Weight' → weight",
        "columns ignored: 'Sector'",
    ]
    assert doc["input"]["ignored_columns"] == ["Sector"]
    output = " ".join(cli("screen", path, "--no-save").output.split())
    assert output.index("note: read the column") < output.index("1 flagged")


def test_names_in_an_unrecognised_column_are_not_silently_ignored(cli: Cli, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "Firm,ISIN,Weight\nHangzhou Hikvision,CNE100000PM8,2\nZhejiang Dahua,CNE100000BJ4,3\n",
    )
    assert _refused(cli, path) == (
        f"error: {path}, line 1: no name column was recognised, but column 'Firm' holds what "
        "look like names (such as 'Hangzhou Hikvision'); say --map name=Firm to screen the "
        "names too, or --identifiers-only to screen on identifiers alone"
    )
    by_ids = _screen(cli, path, "--identifiers-only")
    assert [r["name"] for r in by_ids["rows"]] == [None, None]
    by_names = _screen(cli, path, "--map", "name=Firm")
    assert [r["name"] for r in by_names["rows"]] == ["Hangzhou Hikvision", "Zhejiang Dahua"]


# --- weights, identifiers, rows -------------------------------------------------------------


@pytest.mark.parametrize("missing", ["n/a", "-", ""])
def test_a_flagged_row_without_weight_is_weight_unknown(
    cli: Cli, tmp_path: Path, missing: str
) -> None:
    path = _csv(
        tmp_path,
        f"Name,ISIN,Weight\nHangzhou Hikvision,CNE100000PM8,{missing}\nTencent,KYG875721634,5\n",
    )
    doc = _screen(cli, path)
    summary = doc["summary"]
    assert (summary["weight_unknown_rows"], summary["weight_unknown_flagged"]) == (1, 1)
    assert doc["rows"][0]["status"] == "flagged"
    assert doc["rows"][0]["weight"] is None
    assert doc["rows"][0]["exposure"] is None
    output = " ".join(cli("screen", path, "--no-save").output.split())
    assert "exposure unknown: 1 flagged row(s) have no weight (1 row(s) weight unknown)" in output
    assert "0.00%" not in output


def test_wrong_check_digit_says_the_right_one(cli: Cli, tmp_path: Path) -> None:
    path = _csv(tmp_path, "Name,ISIN,Weight\nTencent,KYG875721634,5\nHikvision,CNE100000PM9,2\n")
    assert _refused(cli, path) == (
        f"error: {path}, line 3, column 'ISIN': ISIN CNE100000PM9 has a wrong check digit; with "
        "the right check digit it would be CNE100000PM8: check the source (--skip-invalid "
        "screens the other rows and lists this one)"
    )


def test_skip_invalid_screens_the_rest_and_lists_what_it_skipped(cli: Cli, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "Name,ISIN,Weight\nTencent,KYG875721634,5\nHikvision,CNE100000PM9,2\n"
        "Dahua,CNE100000BJ4,three\nSenseTime,,1\n",
    )
    doc = _screen(cli, path, "--skip-invalid")
    assert [r["name"] for r in doc["rows"]] == ["Tencent", "SenseTime"]
    assert doc["summary"]["skipped_rows"] == 2
    assert [(s["line"], s["reason"]) for s in doc["input"]["skipped"]] == [
        (
            3,
            "column 'ISIN': ISIN CNE100000PM9 has a wrong check digit; with the right check "
            "digit it would be CNE100000PM8: check the source",
        ),
        (4, "column 'Weight': weight 'three' is not a number"),
    ]
    output = " ".join(cli("screen", path, "--no-save", "--skip-invalid").output.split())
    assert "skipped line 3: column 'ISIN': ISIN CNE100000PM9" in output
    assert "2 row(s) skipped" in output


def test_total_rows_and_footnotes_are_noted_not_screened(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "Name,ISIN,Weight\nTencent,KYG875721634,60\nHikvision,CNE100000PM8,40\nTotal,,100\n\n"
        "Source: the fund's administrator. Holdings are subject to change.\n",
    )
    portfolio = read_portfolio(path)
    assert [h.name for h in portfolio.rows] == ["Tencent", "Hikvision"]
    assert "line 4: a total row ('Total'), not screened" in portfolio.notes
    assert "skipped 1 footnote row(s) after the data (line 6)" in portfolio.notes


def test_a_names_only_list_keeps_its_last_name(tmp_path: Path) -> None:
    path = _csv(tmp_path, 'Supplier\nAcme Cables Ltd.\n"Hikvision Digital Technology Co., Ltd."\n')
    portfolio = read_portfolio(path)
    assert [h.name for h in portfolio.rows] == [
        "Acme Cables Ltd.",
        "Hikvision Digital Technology Co., Ltd.",
    ]


# --- sheets ---------------------------------------------------------------------------------


def _two_sheets(path: Path) -> None:
    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "Cover"
    cover.append(["Quarterly holdings report"])
    cover.append(["Prepared for the investment committee"])
    data = book.create_sheet("Holdings Q3")
    data.append(["Security Name", "ISIN", "Weight"])
    data.append(["HANGZHOU HIKVISION DIGITAL TE-A", "CNE100000PM8", 2.5])
    data.append(["TENCENT HOLDINGS LTD", "KYG875721634", 7.5])
    book.create_sheet("Notes").append(["Weights in percent of NAV"])
    book.save(path)


def test_the_sheet_with_the_holdings_is_chosen_and_said(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    _two_sheets(path)
    portfolio = read_portfolio(path)
    assert portfolio.sheet == "Holdings Q3"
    assert [h.weight for h in portfolio.rows] == [2.5, 7.5]
    assert portfolio.notes[0] == (
        "read the worksheet 'Holdings Q3'; other sheets not read: 'Cover', 'Notes'"
    )


@pytest.mark.parametrize("sheet", ["holdings q3", "HOLDINGS Q3", "2"])
def test_sheet_by_name_in_any_case_or_number(tmp_path: Path, sheet: str) -> None:
    path = tmp_path / "report.xlsx"
    _two_sheets(path)
    assert read_portfolio(path, ReadOptions(sheet=sheet)).sheet == "Holdings Q3"


def test_an_unknown_sheet_lists_the_sheets(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    _two_sheets(path)
    assert _refused(cli, path, "--sheet", "4") == (
        f"error: {path}: no worksheet '4'; the sheets are 'Cover', 'Holdings Q3', 'Notes' "
        "(give a name or a number from 1 to 3)"
    )
    with pytest.raises(InputError, match="line 1: no column with names or identifiers"):
        read_portfolio(path, ReadOptions(sheet="cover"))


# --- supplier lists -------------------------------------------------------------------------


def test_a_spend_column_weighs_a_supplier_list(cli: Cli) -> None:
    path = FIXTURES / "suppliers-spend.csv"
    doc = _screen(cli, path)
    assert doc["input"]["kind"] == "suppliers"
    assert doc["input"]["weight_basis"] == "spend"
    assert doc["summary"]["share_of"] == "spend"
    assert doc["summary"]["exposed_share"] == pytest.approx(12_500 / 250_000)
    output = " ".join(cli("screen", path, "--no-save").output.split())
    assert "3 rows, 1 flagged, 0 for review; exposed 5.00% of spend" in output


def test_kind_option_overrides_the_wording(cli: Cli) -> None:
    doc = _screen(cli, FIXTURES / "suppliers-spend.csv", "--kind", "holdings")
    assert doc["summary"]["share_of"] == "the portfolio"


def test_without_weights_the_summary_leads_with_counts(cli: Cli, tmp_path: Path) -> None:
    path = _csv(tmp_path, "Supplier,Country\nEZVIZ,China\nAcme Cables Ltd,United Kingdom\n")
    output = " ".join(cli("screen", path, "--no-save").output.split())
    assert "2 rows, 1 flagged, 0 for review; no spend column: counts only" in output


def test_real_council_spend_files_read_as_supplier_lists() -> None:
    folder = full_data("uk-council-spend")
    devon = read_portfolio(folder / "devon_DCCSpendingOver500_201109.csv")
    assert (devon.kind, devon.weight_basis, len(devon.rows)) == ("suppliers", "spend", 6736)
    assert devon.columns == {
        "spend": "Amount",
        "name": "Supplier Name",
        "date": "Date",
        "supplier_id": "Supplier ID",
        "vat": "VAT Reg no",
    }
    assert devon.rows[0].name == "SALCOMBE SWIMMING POOL ASSOC"
    assert devon.rows[0].spend == 5000.0
    oxford = read_portfolio(folder / "oxford_expenditure-over-500-apr-jun-2016.csv")
    # supplier_id is another column, not a misspelt "supplier": supplier_name is the name.
    assert oxford.columns == {
        "spend": "amount",
        "name": "supplier_name",
        "date": "paid_date",
        "supplier_id": "supplier_id",
    }
    assert len(oxford.rows) == 3255
    assert oxford.notes[-1].startswith(
        "skipped 80 row(s) with neither a name nor an identifier (line(s) 4, 9, 16,"
    )
