"""``watch add`` reads its file with the options ``screen`` takes, and every re-screen reads
it the same way."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from countersight.service import watches
from countersight.service.context import Context
from countersight.store import watches as store_watches
from tests.conftest import Cli

HIKVISION = "Hangzhou Hikvision Digital Technology Co., Ltd."


def _kept(ctx: Context, name: str) -> dict:  # type: ignore[type-arg]
    return next(w for w in store_watches.watches(ctx.store) if w.name == name).last_result


def test_decimal_and_kind_are_kept_and_used_on_rescreen(
    cli: Cli, ctx: Context, tmp_path: Path
) -> None:
    path = tmp_path / "suppliers.csv"
    path.write_text(f'Supplier Name,Amount\n"{HIKVISION}","1,250"\nOxford Bus Company,"2,500"\n')
    refused = cli("watch", "add", "plain", path)
    assert refused.exit_code == 2
    assert "--decimal comma" in refused.output
    added = cli("watch", "add", "eu", path, "--decimal", "comma", "--kind", "holdings")
    assert added.exit_code == 0, added.output
    watches.rescreen_all(ctx, "test: lists changed")
    document = _kept(ctx, "eu")
    assert [r["weight"] for r in document["rows"]] == [1.25, 2.5]
    assert document["summary"]["kind"] == "holdings"
    assert document["summary"]["share_of"] == "the portfolio"
    assert round(document["summary"]["exposed_share"], 4) == 0.3333


def test_sheet_and_skip_invalid_are_kept(cli: Cli, ctx: Context, tmp_path: Path) -> None:
    book = Workbook()
    first = book.worksheets[0]
    first.title = "Benchmark"
    first.append(["Issuer Name", "ISIN", "Weight"])
    first.append(["TENCENT HOLDINGS LTD", "KYG875721634", 60])
    second = book.create_sheet("Fund")
    second.append(["Issuer Name", "ISIN", "Weight"])
    second.append(["HANGZHOU HIKVISION DIGITAL TE-A", "CNE100000PM8", 2.5])
    second.append(["BAD ROW LTD", "CNE100000PM9", 1])  # wrong check digit
    path = tmp_path / "fund.xlsx"
    book.save(path)
    result = cli("watch", "add", "fund", path, "--sheet", "2", "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "1 flagged" in result.output
    watches.rescreen_all(ctx, "test: lists changed")
    document = _kept(ctx, "fund")
    assert [r["name"] for r in document["rows"]] == ["HANGZHOU HIKVISION DIGITAL TE-A"]
    assert document["rows"][0]["status"] == "flagged"
    assert document["input"]["sheet"] == "Fund"
    assert [s["line"] for s in document["input"]["skipped"]] == [3]
