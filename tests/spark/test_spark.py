"""Spark screening gives what ``screen`` gives: the same status and matches for every row,
the same summary, on the bundled example and on a 20,000-row generated file."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from benchmarks.screen_large import write_portfolio

from countersight.service.context import Context
from countersight.service.screening import ScreenOptions, screen
from countersight.spark import screen_dataframe
from countersight.spark.job import read_input
from tests.conftest import ROOT, Cli

pytestmark = [pytest.mark.spark, pytest.mark.slow, pytest.mark.xdist_group("spark")]
EXAMPLE = ROOT / "examples" / "portfolio.csv"


def _single_machine(ctx: Context, path: Path) -> dict[str, Any]:
    return dict(screen(ctx, path, ScreenOptions(save=False)))


def _ids(row_status: str, matches: list[dict[str, Any]]) -> str:
    relevant = [m for m in matches if m["status"] == row_status] or matches
    return "; ".join(dict.fromkeys(m["id"] for m in relevant))


def _spark_rows(frame: Any) -> list[dict[str, Any]]:
    return [row.asDict() for row in frame.collect()]


def test_the_example_screens_the_same_on_spark(spark: Any, ctx: Context, tmp_path: Path) -> None:
    expected = _single_machine(ctx, EXAMPLE)
    result = screen_dataframe(read_input(spark, str(EXAMPLE)), ctx=ctx, workdir=tmp_path)
    rows = _spark_rows(result.rows)
    assert [r["Issuer Name"] for r in rows] == [r["input"]["Issuer Name"] for r in expected["rows"]]
    assert [(r["cs_status"], r["cs_entity_id"]) for r in rows] == [
        (r["status"], _ids(r["status"], r["matches"])) for r in expected["rows"]
    ]
    assert result.summary["summary"] == expected["summary"]
    assert result.summary["breakdown"]["by_company"] == [
        {k: c[k] for k in ("id", "caption", "rows", "weight", "share")}
        for c in expected["breakdown"]["by_company"]
    ]
    for name in ("by_list", "by_category", "by_route"):
        for figure in ("weight", "share"):
            got = {e["label"]: e[figure] for e in result.summary["breakdown"][name]}
            want = {e["label"]: e[figure] for e in expected["breakdown"][name]}
            assert got == pytest.approx(want), (name, figure)
            assert got  # the example is exposed through lists, categories and routes


def test_twenty_thousand_rows_over_several_partitions(
    spark: Any, ctx: Context, tmp_path: Path
) -> None:
    path = tmp_path / "holdings.csv"
    write_portfolio(path, 20_000, seed=5)
    expected = _single_machine(ctx, path)
    frame = read_input(spark, str(path)).repartition(4)
    result = screen_dataframe(frame, ctx=ctx, workdir=tmp_path / "bundle")
    rows = _spark_rows(result.rows)
    assert len(rows) == len(expected["rows"]) == 20_000
    got = Counter((r["cs_row_key"], r["cs_status"], r["cs_entity_id"]) for r in rows)
    want = Counter(
        (r["key"], r["status"], _ids(r["status"], r["matches"])) for r in expected["rows"]
    )
    assert got == want
    summary, single = result.summary["summary"], expected["summary"]
    assert (summary["rows"], summary["flagged_rows"], summary["review_rows"]) == (
        single["rows"],
        single["flagged_rows"],
        single["review_rows"],
    )
    assert summary["flagged_rows"] > 200  # the known vendors' rows, in their fund spellings
    assert summary["exposed_share"] == pytest.approx(single["exposed_share"], rel=1e-9)


def test_the_command_writes_rows_and_summary(spark: Any, cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "screened"
    result = cli("spark-screen", EXAMPLE, target, "--format", "csv", "--master", "local[2]")
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "screened.summary.json").read_text("utf-8"))
    assert summary["summary"]["flagged_rows"] == 5
    written = "".join(p.read_text("utf-8") for p in sorted(target.glob("part-*.csv")))
    assert "cs_status" in written
    assert "HANGZHOU HIKVISION DIGITAL TE-A" in written


def test_an_unknown_input_format_is_refused(spark: Any, cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "holdings.xlsx"
    source.write_bytes(b"PK")
    result = cli("spark-screen", source, tmp_path / "out")
    assert result.exit_code == 2
    assert "give a .csv, .tsv or .parquet input" in result.output


def test_the_command_skips_invalid_rows_when_asked(spark: Any, cli: Cli, tmp_path: Path) -> None:
    lines = EXAMPLE.read_text("utf-8").splitlines()
    header = lines[0].split(",")
    weight = next(i for i, h in enumerate(header) if "weight" in h.lower())
    bad = lines[2].split(",")
    bad[weight] = "lots"
    source = tmp_path / "holdings.csv"
    source.write_text("\n".join([*lines[:2], ",".join(bad), *lines[3:]]) + "\n", "utf-8")
    refused = cli("spark-screen", source, tmp_path / "refused", "--master", "local[2]")
    assert refused.exit_code == 2
    assert "line 3" in refused.output
    assert "--skip-invalid screens the other rows" in refused.output
    target = tmp_path / "screened"
    result = cli("spark-screen", source, target, "--master", "local[2]", "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "skipped line 3: column" in result.output
    summary = json.loads((tmp_path / "screened.summary.json").read_text("utf-8"))
    assert summary["summary"]["skipped_rows"] == 1
    (item,) = summary["input"]["skipped"]
    assert item["line"] == 3
    assert "'lots' is not a number" in item["reason"]
