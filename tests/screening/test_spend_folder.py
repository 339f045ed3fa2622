"""A year of monthly spend files screened as one, and the per-supplier view: totals,
payments, periods, product hits and status by supplier, in every report; VAT and company
number columns as identifiers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

import countersight
from countersight.exc import InputError
from countersight.report import render
from countersight.service.context import Context
from countersight.service.screening import ScreenOptions, screen
from countersight.store import records
from tests.conftest import FIXTURES, Cli, fixture_data, full_data

YEAR = FIXTURES / "spend-year"
HEADER = [
    "Body",
    "Name of Body",
    "Date",
    "Transaction Number",
    "Invoice Number",
    "Amount",
    "Supplier Name",
    "Supplier ID",
    "VAT Reg no",
    "Expense Area",
    "Expense Type",
    "Expense Code",
    "Narrative",
]


def _year(tmp_path: Path) -> Path:
    """The two CSV months (UTF-8, then Windows-1252) and a November XLSX of the same layout."""
    folder = tmp_path / "spend-2025"
    shutil.copytree(YEAR, folder)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    sheet.append(
        [
            18,
            "Example County Council",
            dt.datetime(2025, 11, 3),
            "CHQ3001",
            "INV-10",
            1999.5,
            "Acme Security Installers Ltd",
            "100232",
            "GB980780684",
            "Property",
            "Building Works",
            "5102",
            "Annual maintenance",
        ]
    )
    book.save(folder / "2025-11.xlsx")
    (folder / "notes.txt.bak").write_text("not a data file", encoding="utf-8")
    return folder


def _suppliers(document: Any) -> dict[str, Any]:
    return {s["name"]: s for s in document["suppliers"]}


def test_a_folder_of_monthly_files_is_one_screening(ctx: Context, tmp_path: Path) -> None:
    document = screen(ctx, _year(tmp_path), ScreenOptions(save=False))
    rows = document["rows"]
    assert [r["row"] for r in rows] == list(range(1, 9))
    assert [(r.get("file"), r.get("line")) for r in rows] == [
        ("2025-09.csv", 2),
        ("2025-09.csv", 3),
        ("2025-09.csv", 4),
        ("2025-10.csv", 2),
        ("2025-10.csv", 3),
        ("2025-10.csv", 4),
        ("2025-10.csv", 5),
        ("2025-11.xlsx", 2),
    ]
    # Each file in its own encoding: the Windows-1252 month reads its accents right.
    assert rows[4]["name"] == "Riverside Café"
    assert rows[4]["input"]["Narrative"] == "Coffee and pâtisserie"
    notes = document["input"]["notes"]
    assert notes[0] == (
        "read 3 file(s) in name order as one screening: 2025-09.csv (3 rows, utf-8), "
        "2025-10.csv (4 rows, cp1252), 2025-11.xlsx (1 rows, XLSX)"
    )
    assert "not read (not CSV, TSV or XLSX): notes.txt.bak" in notes
    assert [f["encoding"] for f in document["input"]["files"]] == ["utf-8", "cp1252", None]
    summary = document["summary"]
    assert (summary["kind"], summary["rows"], summary["review_rows"]) == ("suppliers", 8, 2)
    assert summary["total_weight"] == 9300.0  # 1200 + 5000 + 780 + 250.5 + 120 - 50 + 1999.5


def test_the_supplier_view_sums_payments_by_supplier(ctx: Context, tmp_path: Path) -> None:
    document = screen(ctx, _year(tmp_path), ScreenOptions(save=False))
    suppliers = document["suppliers"]
    assert [s["name"] for s in suppliers] == [
        "Acme Security Installers Ltd",  # review, the largest
        "Cellcom Ltd (T/A: DJI Hasselblad UK)",  # review
        "Riverside Café",  # clear
    ]
    acme, cellcom, cafe = suppliers
    # Tied by VAT number (two spellings), supplier id and a loosely read name.
    assert acme["key"] == "vat:GB980780684"
    assert acme["names"][0] == "Acme Security Installers Ltd"
    assert set(acme["names"]) == {
        "Acme Security Installers Ltd",
        "ACME SECURITY INSTALLERS LIMITED",
        "Acme Security Installers Ltd.",
    }
    assert acme["identifiers"] == ["id:100232", "vat:GB980780684"]
    assert acme["spend"] == 7200.0  # 5000 + 250.50 - 50 (a credit note) + 1999.50
    assert acme["share"] == 0.774193548387  # 7200 / 9300
    assert (acme["payments"], acme["spend_unknown"]) == (4, 0)
    assert (acme["first"], acme["last"]) == ("2025-09-02", "2025-11-03")
    assert acme["status"] == "review"
    assert acme["bought"] == [{"text": "HIK Vision", "where": "description", "kind": "name"}]
    (finding,) = acme["findings"]
    assert (finding["id"], finding["via"], finding["rows"]) == ("cs-hikvision", ["product"], 1)
    assert finding["evidence"]
    assert all(e["publisher"] for e in finding["evidence"])
    assert acme["where"] == ["2025-09.csv:3"]
    assert acme["rows"] == [2, 4, 7, 8]
    assert cellcom["bought"][0]["where"] == "the trading name (T/A)"
    assert (cellcom["spend"], cellcom["payments"], cellcom["status"]) == (1200.0, 1, "review")
    # An unknown amount is counted, never taken as zero.
    assert (cafe["spend"], cafe["payments"], cafe["spend_unknown"]) == (900.0, 3, 1)
    assert (cafe["first"], cafe["last"], cafe["status"]) == ("2025-09-06", "2025-10-21", "clear")
    assert cafe["findings"] == []
    assert cafe["where"] == []


def test_a_file_with_another_layout_is_refused_by_name(cli: Cli, tmp_path: Path) -> None:
    folder = _year(tmp_path)
    other = ",".join(h for h in HEADER if h != "Narrative")
    (folder / "2025-12.csv").write_text(
        other + "\n18,Example County Council,01/12/2025,CHQ4001,INV-11,10.00,Riverside Café,"
        "100236,,Catering,Provisions,5106\n",
        encoding="utf-8",
    )
    result = cli("screen", folder, "--no-save")
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert f"{folder / '2025-12.csv'}, line 1:" in message
    assert "its columns differ from 2025-09.csv's (no 'Narrative')" in message


def test_the_terminal_shows_a_suppliers_table_at_80_columns(cli: Cli, tmp_path: Path) -> None:
    result = cli("screen", _year(tmp_path), "--no-save")  # not a terminal: 80 columns
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines if "│" in line) <= 80
    output = " ".join(result.output.split())
    assert "Suppliers: 3, 0 flagged, 2 for review" in output
    assert "7,200.00" in output
    assert "900.00" in output
    assert "+1 unknown" in output
    assert "bought: HIK Vision" in output


def test_reports_carry_the_suppliers_view(ctx: Context, tmp_path: Path) -> None:
    document = screen(ctx, _year(tmp_path), ScreenOptions(save=False))
    table = list(csv.reader(io.StringIO(render(document, "suppliers-csv").decode("utf-8-sig"))))
    assert table[0][:5] == ["supplier", "status", "spend", "share", "payments"]
    assert table[1][:8] == [
        "Acme Security Installers Ltd",
        "review",
        "7200.0",
        "0.774193548387",
        "4",
        "0",
        "2025-09-02",
        "2025-11-03",
    ]
    assert table[3][0] == "Riverside Café"
    assert table[3][5] == "1"
    book = load_workbook(io.BytesIO(render(document, "xlsx")))
    assert book.sheetnames == ["Summary", "Rows", "Suppliers"]
    sheet = book["Suppliers"]
    assert [c.value for c in sheet[2]][:5] == [
        "Acme Security Installers Ltd",
        "review",
        7200.0,
        0.774193548387,
        4,
    ]
    rows_sheet = book["Rows"]
    header = [c.value for c in rows_sheet[1]]
    assert rows_sheet.cell(row=9, column=header.index("File:line") + 1).value == "2025-11.xlsx:2"
    rows_csv = list(csv.reader(io.StringIO(render(document, "csv").decode("utf-8-sig"))))
    assert rows_csv[0][-1] == "cs_file_line"
    assert rows_csv[2][-1] == "2025-09.csv:3"
    html = render(document, "html").decode("utf-8")
    assert "<h2>Suppliers</h2>" in html
    assert "7,200.00" in html
    assert "bought: <strong>HIK Vision</strong>" in html
    assert "2025-09.csv:3" in html


def test_suppliers_csv_is_refused_for_holdings(ctx: Context) -> None:
    document = screen(ctx, FIXTURES / "holdings-de-semicolon.csv", ScreenOptions(save=False))
    assert "suppliers" not in document
    with pytest.raises(InputError, match="per-supplier view of a supplier list") as refused:
        render(document, "suppliers-csv")
    assert "(say --kind suppliers if it is one)" in str(refused.value)


def test_cli_writes_a_suppliers_csv_and_the_facade_takes_a_folder(
    cli: Cli, ctx: Context, tmp_path: Path
) -> None:
    folder = _year(tmp_path)
    out = tmp_path / "year.suppliers.csv"
    assert cli("screen", folder, "--no-save", "--out", out).exit_code == 0
    assert (
        out.read_text(encoding="utf-8-sig")
        .splitlines()[1]
        .startswith("Acme Security Installers Ltd,review,7200.0,")
    )
    document = countersight.screen(folder, context=ctx)
    assert document["summary"]["rows"] == 8
    assert document["suppliers"][0]["spend"] == 7200.0


def test_a_decision_updates_the_suppliers_view(ctx: Context, cli: Cli, tmp_path: Path) -> None:
    folder = _year(tmp_path)
    document = screen(ctx, folder, ScreenOptions())
    run = document["run"]
    assert run is not None
    acme_row = document["rows"][1]
    done = cli(
        "decide", acme_row["key"], "cs-hikvision", "reject", "--route", "product",
        "--run", run,
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    stored = records.get_run(ctx.store, run)["result"]
    acme = next(s for s in stored["suppliers"] if s["key"] == "vat:GB980780684")
    assert (acme["status"], acme["findings"], acme["spend"]) == ("clear", [], 7200.0)


def test_vat_numbers_with_wrong_check_digits_are_refused_or_skipped(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "suppliers.csv"
    path.write_text(
        "Supplier Name,Amount,VAT Registration Number\n"
        "Acme Security Installers Ltd,100,GB 980 7806 84\n"
        "Riverside Cafe,50,GB980780685\n",
        encoding="utf-8",
    )
    result = cli("screen", path, "--no-save")
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert f"{path}, line 3, column 'VAT Registration Number':" in message
    # A UK VAT number's two check digits: every value that passes is named.
    assert (
        "with the right check digits it would be GB980780629 or GB980780642 or GB980780684"
        in message
    )
    skipped = cli("screen", path, "--no-save", "--skip-invalid", "--json")
    assert skipped.exit_code == 0, skipped.output
    assert '"skipped_rows": 1' in skipped.output


def test_company_numbers_match_list_entries_that_state_them(cli: Cli, tmp_path: Path) -> None:
    """OFAC states "Company Number 01074897 (United Kingdom)" for Havin Bank; a spend file
    prints the number without its leading zero under another trading name."""
    assert cli("load", fixture_data("ofac-sdn-csv-2024-05")).exit_code == 0
    path = tmp_path / "suppliers.csv"
    path.write_text(
        "Supplier Name,Amount,Company Registration Number\n"
        "HIB Trade Services,1000,1074897\n"
        "Havin Catering,20,1074898\n",
        encoding="utf-8",
    )
    result = cli("screen", path, "--no-save", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    first, second = document["rows"]
    assert first["status"] == "flagged"
    (finding,) = first["matches"]
    assert finding["caption"] == "HAVIN BANK LIMITED"
    assert any(
        "company_number_match" in line and "UK company number 01074897" in line
        for line in finding["explanation"]
    ), finding["explanation"]
    assert second["status"] == "clear"
    assert document["suppliers"][0]["identifiers"] == ["company:01074897"]


def test_real_spend_file_suppliers_by_vat_number(ctx: Context) -> None:
    """Devon's September 2011 file (OGL): 2,719 payments carry a VAT number. Morrisons
    Fabrications was paid four times (980 + 450 + 995 + 680)."""
    document = screen(
        ctx,
        full_data("uk-council-spend/devon_DCCSpendingOver500_201109.csv"),
        ScreenOptions(save=False),
    )
    suppliers = document["suppliers"]
    morrisons = next(s for s in suppliers if s["key"] == "vat:GB900091867")
    assert morrisons["name"] == "MORRISONS FABRICATIONS LTD"
    assert (morrisons["payments"], morrisons["spend"]) == (4, 3105.0)
    assert (morrisons["first"], morrisons["last"]) == ("2011-09-01", "2011-09-22")
    assert sum(s["payments"] for s in suppliers) == document["summary"]["rows"]
    assert [s["status"] for s in suppliers if s["status"] == "flagged"] == []
