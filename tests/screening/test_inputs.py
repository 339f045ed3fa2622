"""Screening inputs: encodings, preambles, column mapping, and bad input refused cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

from countersight.exc import InputError
from countersight.inputs.portfolio import ReadOptions, read_portfolio
from tests.conftest import ROOT, Cli

ROWS = (
    "名称,证券代码,权重\n杭州海康威视数字技术股份有限公司,002415,3.5\n腾讯控股有限公司,00700,6.5\n"
)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8-sig", b""),
        ("gb18030", b""),
        ("gbk", b""),
        ("utf-16", b""),
    ],
)
def test_encodings(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = tmp_path / f"holdings-{encoding}.csv"
    path.write_bytes(prefix + ROWS.encode(encoding))
    portfolio = read_portfolio(path)
    assert portfolio.rows[0].name == "杭州海康威视数字技术股份有限公司"
    assert portfolio.rows[0].weight == 3.5
    assert portfolio.columns == {"name": "名称", "ticker": "证券代码", "weight": "权重"}
    assert portfolio.encoding in ("utf-8", "utf-8-sig", "gb18030", "utf-16")


def test_windows_1252_names(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("Name,Weight\nSociété Générale SA,2\n".encode("cp1252"))
    portfolio = read_portfolio(path)
    assert portfolio.rows[0].name == "Société Générale SA"
    assert portfolio.encoding == "cp1252"


def test_preamble_and_footer_of_an_etf_file() -> None:
    portfolio = read_portfolio(ROOT / "examples" / "fund-holdings.csv")
    assert portfolio.header_line == 5
    assert len(portfolio.rows) == 20
    assert portfolio.rows[0].name == "TENCENT HOLDINGS LTD"
    assert portfolio.rows[0].row == 1
    hik = next(r for r in portfolio.rows if r.name and "HIKVISION" in r.name)
    assert [i.value for i in hik.identifiers] == ["SZ:002415"]  # ticker + exchange column
    assert portfolio.notes == [
        "skipped 3 row(s) before the header",
        "columns used: 'Ticker' → ticker, 'Name' → name, 'Market Value' → market value, "
        "'Weight (%)' → weight, 'Location' → country, 'Exchange' → exchange",
        "columns ignored: 'Sector', 'Asset Class', 'Currency'",
        "skipped 1 footnote row(s) after the data (line 27)",
    ]


def test_xlsx_input(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.worksheets[0]
    sheet.append(["Holdings report", None])
    sheet.append(["Security Name", "ISIN", "Market Value (USD)"])
    sheet.append(["HANGZHOU HIKVISION DIGITAL TE-A", "CNE100000PM8", 1250000])
    sheet.append(["TENCENT HOLDINGS LTD", "KYG875721634", 3750000.5])
    path = tmp_path / "h.xlsx"
    book.save(path)
    portfolio = read_portfolio(path)
    assert [r.market_value for r in portfolio.rows] == [1250000.0, 3750000.5]
    assert portfolio.weight_basis == "market_value"


def test_map_overrides_detection(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Who,Code,Share of book\nHikvision,CNE100000PM8,4\n", encoding="utf-8")
    portfolio = read_portfolio(
        path, ReadOptions(overrides={"name": "Who", "isin": "Code", "weight": "Share of book"})
    )
    assert portfolio.rows[0].weight == 4.0
    assert portfolio.rows[0].key == "isin:CNE100000PM8"
    with pytest.raises(InputError, match="no such column"):
        read_portfolio(path, ReadOptions(overrides={"name": "Nope"}))


BAD_CASES = [
    ("empty.csv", b"", "the file is empty"),
    ("noname.csv", b"Weight,Sector\n3,Tech\n", "no column with names or identifiers"),
    ("weight.csv", b"Name,Weight\nHikvision,3\nDahua,three\n", "line 3, column 'Weight': weight"),
    (
        "isin.csv",
        b"Name,ISIN\nHikvision,CNE100000PM9\n",
        "line 2, column 'ISIN': ISIN CNE100000PM9 has a wrong check digit",
    ),
    ("book.xlsx", b"PK\x03\x04 not really a workbook", "not a readable XLSX workbook"),
    ("garbled.csv", b"Name,Weight\n\xff\xfe\xfa\x81\x80,2\n", "line 2"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_CASES)
def test_bad_input_one_line_exit_2_no_report(
    cli: Cli, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    report = tmp_path / "report.html"
    before = cli("runs", "--json").output
    result = cli("screen", path, "--out", report)
    assert result.exit_code == 2, result.output
    flat = " ".join(result.output.split())
    assert flat.startswith("error:")
    assert message in flat
    assert str(path) in flat
    assert not report.exists()
    assert not list(tmp_path.glob("*.tmp"))
    assert cli("runs", "--json").output == before  # no run was stored


def test_bad_out_extension_is_refused_before_work(cli: Cli, tmp_path: Path) -> None:
    result = cli("screen", ROOT / "examples" / "portfolio.csv", "--out", tmp_path / "r.pdf")
    assert result.exit_code == 2
    assert "report format" in result.output
