"""Spark reads an input as ``screen`` reads the same file: per-row columns of the CSV report,
look-through by ownership and brand on the executors, one number format per column decided
over the whole dataset, refusals with ``screen``'s message and line, and rows that the reader
skips (no name, no identifier) not shifting the others."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from countersight.exc import InputError
from countersight.report.csv_report import EXTRA, NOTE, render_csv
from countersight.service.context import Context
from countersight.service.screening import ScreenOptions, screen
from countersight.spark import screen_dataframe
from countersight.spark.job import read_input
from tests.conftest import ROOT

pytestmark = [pytest.mark.spark, pytest.mark.slow, pytest.mark.xdist_group("spark")]
EXAMPLE = ROOT / "examples" / "portfolio.csv"
HEADER = ["Issuer Name", "Country", "Weight"]
VENDORS = ["HANGZHOU HIKVISION DIGITAL TE-A", "ZHEJIANG DAHUA TECHNOLOGY-A", "EZVIZ INC"]


def _csv_report(ctx: Context, path: Path) -> list[dict[str, str]]:
    document = screen(ctx, path, ScreenOptions(save=False))
    return list(csv.DictReader(io.StringIO(render_csv(dict(document)))))


def _frame(spark: Any, rows: list[list[str]], partitions: int) -> Any:
    """A DataFrame whose partitions hold consecutive runs of ``rows``, in order."""
    from pyspark.sql.types import StringType, StructField, StructType

    schema = StructType([StructField(name, StringType(), True) for name in HEADER])
    return spark.createDataFrame(spark.sparkContext.parallelize(rows, partitions), schema)


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([HEADER, *rows])
    return path


def _holdings(weights: list[str]) -> list[list[str]]:
    names = [*VENDORS, *(f"SYNTHETIC ISSUER {n} LTD" for n in range(len(weights)))]
    return [[names[n], "China", weight] for n, weight in enumerate(weights)]


def _refusal(call: Any) -> str:
    with pytest.raises(InputError) as caught:
        call()
    return caught.value.message


def test_every_report_column_is_the_csv_reports(spark: Any, ctx: Context, tmp_path: Path) -> None:
    expected = _csv_report(ctx, EXAMPLE)
    frame = read_input(spark, str(EXAMPLE)).repartition(3)
    got = sorted(
        (row.asDict() for row in screen_dataframe(frame, ctx=ctx, workdir=tmp_path).rows.collect()),
        key=lambda row: row["Issuer Name"],
    )
    expected.sort(key=lambda row: row["Issuer Name"])
    columns = [*EXTRA, NOTE]
    assert [[r[c] for c in columns] for r in got] == [[r[c] for c in columns] for r in expected]
    routes = {route for r in got for route in r["cs_via"].split("; ")}
    assert {"ownership", "brand", "direct"} <= routes  # look-through ran on the executors
    ezviz = next(r for r in got if r["Issuer Name"] == "EZVIZ INC")
    assert ezviz["cs_status"] == "flagged"
    assert "Hikvision" in ezviz["cs_path"]


def test_rows_without_a_name_do_not_shift_the_others(
    spark: Any, ctx: Context, tmp_path: Path
) -> None:
    rows = _holdings(["1.5"] * 40)
    for position in (1, 2, 15, 33):  # skipped by the reader, as screen skips them
        rows.insert(position, ["", "China", "2.0"])
    expected = _csv_report(ctx, _write(tmp_path / "holdings.csv", rows))
    result = screen_dataframe(
        _frame(spark, rows, 4), ctx=ctx, workdir=tmp_path / "bundle", partitions=4
    )
    got = [row.asDict() for row in result.rows.collect()]
    assert len(got) == len(expected) == 40
    assert [(r["Issuer Name"], r["cs_status"], r["cs_entity_id"]) for r in got] == [
        (r["Issuer Name"], r["cs_status"], r["cs_entity_id"]) for r in expected
    ]
    assert [r["cs_status"] for r in got[:3]] == ["flagged"] * 3


def test_a_column_format_told_only_in_one_partition_holds_for_all(
    spark: Any, ctx: Context, tmp_path: Path
) -> None:
    # "1,250" reads as 1250 or 1.25; only "0,75" near the end says the comma is decimal.
    weights = ["1,250"] * 60 + ["0,75"] * 4
    rows = _holdings(weights)
    first_quarter = _write(tmp_path / "first.csv", rows[:16])
    assert "nothing else in the column tells which" in _refusal(
        lambda: screen(ctx, first_quarter, ScreenOptions(save=False))
    )
    expected = _csv_report(ctx, _write(tmp_path / "holdings.csv", rows))
    result = screen_dataframe(
        _frame(spark, rows, 4), ctx=ctx, workdir=tmp_path / "bundle", partitions=4
    )
    got = [row.asDict() for row in result.rows.collect()]
    assert [(r["cs_weight"], r["cs_exposure"]) for r in got] == [
        (r["cs_weight"], r["cs_exposure"]) for r in expected
    ]
    assert got[0]["cs_weight"] == "1.25"
    assert result.summary["summary"]["total_weight"] == pytest.approx(60 * 1.25 + 4 * 0.75)


@pytest.mark.parametrize(
    ("weights", "words"),
    [
        (["1,250"] * 30, "nothing else in the column tells which"),
        (["1,250.5"] * 20 + ["0,75"] * 10, "the column mixes number formats"),
    ],
    ids=["ambiguous", "mixed"],
)
def test_a_column_screen_refuses_is_refused_with_its_message(
    spark: Any, ctx: Context, tmp_path: Path, weights: list[str], words: str
) -> None:
    rows = _holdings(weights)
    path = _write(tmp_path / "holdings.csv", rows)
    expected = _refusal(lambda: screen(ctx, path, ScreenOptions(save=False)))
    assert words in expected
    frame = read_input(spark, str(path))
    got = _refusal(
        lambda: screen_dataframe(frame, ctx=ctx, workdir=tmp_path, source=str(path), partitions=3)
    )
    assert got == expected


def test_a_decimal_mark_given_reads_an_ambiguous_column_as_screen_does(
    spark: Any, ctx: Context, tmp_path: Path
) -> None:
    rows = _holdings(["1,250"] * 30)
    path = _write(tmp_path / "holdings.csv", rows)
    options = ScreenOptions(save=False, decimal=",")
    expected = screen(ctx, path, options)["summary"]["total_weight"]
    assert expected == pytest.approx(30 * 1.25)
    result = screen_dataframe(
        read_input(spark, str(path)), ctx=ctx, workdir=tmp_path, partitions=3, decimal=","
    )
    assert result.summary["summary"]["total_weight"] == pytest.approx(expected)


def test_a_bad_row_in_a_later_partition_is_refused_at_its_line(
    spark: Any, ctx: Context, tmp_path: Path
) -> None:
    rows = _holdings(["1.5"] * 40)
    rows[30][2] = "lots"
    path = _write(tmp_path / "holdings.csv", rows)
    expected = _refusal(lambda: screen(ctx, path, ScreenOptions(save=False)))
    assert "line 32" in expected
    assert "'lots' is not a number" in expected
    got = _refusal(
        lambda: screen_dataframe(
            _frame(spark, rows, 4),
            ctx=ctx,
            workdir=tmp_path / "bundle",
            source=str(path),
            partitions=4,
        )
    )
    assert got == expected


def test_a_row_like_a_footnote_ending_a_partition_is_screened(
    spark: Any, ctx: Context, tmp_path: Path
) -> None:
    # Name only, in a file whose rows fill three cells: under the data it would be a footnote.
    rows = _holdings(["1.5"] * 40)
    rows[9] = ["HIKVISION DIGITAL TECHNOLOGY COMPANY LIMITED", "", ""]
    rows[39] = ["Source: fund administrator, holdings as of the last business day", "", ""]
    expected = _csv_report(ctx, _write(tmp_path / "holdings.csv", rows))
    assert len(expected) == 39  # the last row is a footnote, the tenth is not
    result = screen_dataframe(
        _frame(spark, rows, 4), ctx=ctx, workdir=tmp_path / "bundle", partitions=4
    )
    got = [row.asDict() for row in result.rows.collect()]
    assert [(r["Issuer Name"], r["cs_status"], r["cs_note"]) for r in got] == [
        (r["Issuer Name"], r["cs_status"], r["cs_note"]) for r in expected
    ]
    assert got[9]["cs_status"] == "flagged"
    assert got[9]["cs_note"] == "weight unknown"


def _bad_rows() -> list[list[str]]:
    """40 holdings in four partitions of ten: two unreadable weights in the last partition
    and every row of the second unreadable, so one partition has no row to screen."""
    rows = _holdings(["1.5"] * 40)
    rows[30][2] = "lots"
    rows[35][2] = "1.5.7"
    for row in rows[10:20]:
        row[2] = "many"
    return rows


def test_skip_invalid_skips_and_lists_the_rows_screen_skips(
    spark: Any, ctx: Context, tmp_path: Path
) -> None:
    rows = _bad_rows()
    path = _write(tmp_path / "holdings.csv", rows)
    expected = screen(ctx, path, ScreenOptions(save=False, skip_invalid=True))
    listed = [(s["line"], s["reason"]) for s in expected["input"]["skipped"]]
    assert len(listed) == 12
    assert listed[-2][0] == 32
    assert "'lots' is not a number" in listed[-2][1]
    result = screen_dataframe(
        _frame(spark, rows, 4),
        ctx=ctx,
        workdir=tmp_path / "bundle",
        source=str(path),
        partitions=4,
        skip_invalid=True,
    )
    assert [(s["line"], s["reason"]) for s in result.summary["input"]["skipped"]] == listed
    for field in ("rows", "flagged_rows", "skipped_rows", "total_weight", "exposed_weight"):
        assert result.summary["summary"][field] == expected["summary"][field], field
    got = [row.asDict() for row in result.rows.collect()]
    assert [r["Issuer Name"] for r in got] == [r["name"] for r in expected["rows"]]


def test_without_skip_invalid_the_first_bad_row_is_still_refused(
    spark: Any, ctx: Context, tmp_path: Path
) -> None:
    rows = _bad_rows()
    message = _refusal(
        lambda: screen_dataframe(
            _frame(spark, rows, 4), ctx=ctx, workdir=tmp_path / "bundle", partitions=4
        )
    )
    assert "line 12" in message
    assert "--skip-invalid screens the other rows and lists this one" in message


def test_skip_invalid_with_no_readable_row_is_refused_as_screen_refuses(
    spark: Any, ctx: Context, tmp_path: Path
) -> None:
    rows = _holdings(["many"] * 20)
    path = _write(tmp_path / "holdings.csv", rows)
    expected = _refusal(lambda: screen(ctx, path, ScreenOptions(save=False, skip_invalid=True)))
    assert "every data row was skipped as invalid" in expected
    got = _refusal(
        lambda: screen_dataframe(
            _frame(spark, rows, 2),
            ctx=ctx,
            workdir=tmp_path / "bundle",
            source=str(path),
            partitions=2,
            skip_invalid=True,
        )
    )
    assert got == expected
