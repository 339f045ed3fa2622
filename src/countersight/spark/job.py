"""Screen a Spark DataFrame partition by partition with the single-machine engine.

Each partition is written to a temporary CSV with the input's header and screened by
:func:`countersight.service.screening.screen`, so column detection, number parsing,
matching, look-through by ownership and brand, and decisions are the ones ``screen`` uses.
Fund look-through needs the funds' holdings files and is not done here.

The summary is additive over partitions (row counts, weights by company, list, category and
route): every partition reports its own, Spark sums them, and shares are taken of the total
at the end, as ``screen`` takes them of one file.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from operator import add
from pathlib import Path
from typing import TYPE_CHECKING, Any

from countersight.exc import InputError
from countersight.report.csv_report import EXTRA, report_cells
from countersight.service.context import Context, open_context
from countersight.service.screening import ScreenOptions, screen
from countersight.spark.shipping import Bundle, open_bundle, write_bundle

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

ROW_COLUMNS = (*EXTRA, "cs_row_key")
Record = tuple[str, Any]


@dataclass(slots=True)
class SparkScreening:
    """The screened rows (input columns, then the ``cs_*`` columns) and the summary."""

    rows: DataFrame
    summary: dict[str, Any]


def _partition_csv(header: list[str], rows: list[tuple[Any, ...]], folder: Path) -> Path:
    path = folder / "partition.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for values in rows:
            writer.writerow(["" if v is None else str(v) for v in values])
    return path


def _breakdown_pairs(document: Mapping[str, Any]) -> Iterator[tuple[tuple[str, ...], float]]:
    """The partition's additive figures as (key, value) pairs for Spark to sum."""
    summary = document["summary"]
    for field in (
        "rows",
        "flagged_rows",
        "review_rows",
        "weight_unknown_rows",
        "weight_unknown_flagged",
        "skipped_rows",
    ):
        yield ("summary", field), float(summary[field])
    yield ("kind", summary["kind"], "weighted" if summary["has_weights"] else ""), 1.0
    for field in ("total_weight", "exposed_weight"):
        if summary[field] is not None:
            yield ("summary", field), float(summary[field])
    breakdown = document["breakdown"]
    for company in breakdown["by_company"]:
        key = ("company", company["id"], company["caption"])
        yield (*key, "rows"), float(company["rows"])
        yield (*key, "weight"), float(company["weight"] or 0.0)
    for name in ("by_list", "by_category", "by_route"):
        for entry in breakdown[name]:
            yield (name, entry["label"]), float(entry["weight"] or 0.0)


def screen_partition(
    header: list[str], bundle: Bundle, overrides: dict[str, str], rows: Iterable[Any]
) -> Iterator[Record]:
    """Screen one partition of ``(row, index)`` pairs; yields ``("row", (index, cells))`` for
    every screened row and ``("sum", (key, value))`` for the partition's summary figures."""
    from pyspark import SparkFiles

    batch = list(rows)
    if not batch:
        return
    engine_file = SparkFiles.get(Path(bundle.engine_file).name)
    store_file = SparkFiles.get(Path(bundle.store_file).name) if bundle.store_file else ""
    ctx = open_bundle(engine_file, store_file, bundle)
    with tempfile.TemporaryDirectory(prefix="countersight-spark-") as tmp:
        path = _partition_csv(header, [tuple(row) for row, _ in batch], Path(tmp))
        document = screen(ctx, path, ScreenOptions(overrides=dict(overrides), save=False))
    # A screened row carries its 1-based data row in the partition file.
    index_of_row = {number: index for number, (_, index) in enumerate(batch, start=1)}
    for row in document["rows"]:
        index = index_of_row[row["row"]]
        yield "row", (index, [*(str(c) for c in report_cells(row)), row["key"]])
    for key, value in _breakdown_pairs(document):
        yield "sum", (key, value)


def _summary(sums: dict[tuple[str, ...], float]) -> dict[str, Any]:
    """The summary and breakdowns from the summed figures, in ``screen --json``'s shape."""
    total = sums.get(("summary", "total_weight"))
    exposed = sums.get(("summary", "exposed_weight"))

    def share(weight: float) -> float | None:
        return weight / total if total else None

    kinds = {(key[1], key[2]) for key in sums if key[0] == "kind"}
    kind = "suppliers" if {k for k, _ in kinds} == {"suppliers"} else "holdings"
    companies: dict[str, dict[str, Any]] = {}
    groups: dict[str, dict[str, float]] = {"by_list": {}, "by_category": {}, "by_route": {}}
    for key, value in sums.items():
        if key[0] == "company":
            entry = companies.setdefault(key[1], {"id": key[1], "caption": key[2]})
            entry[key[3]] = value
        elif key[0] in groups:
            groups[key[0]][key[1]] = value
    by_company = sorted(companies.values(), key=lambda e: (-e["weight"], e["id"]))
    for entry in by_company:
        entry["rows"] = int(entry["rows"])
        entry["share"] = share(entry["weight"])
        if total is None:
            entry["weight"] = None
    return {
        "summary": {
            "rows": int(sums.get(("summary", "rows"), 0)),
            "flagged_rows": int(sums.get(("summary", "flagged_rows"), 0)),
            "review_rows": int(sums.get(("summary", "review_rows"), 0)),
            "total_weight": total,
            "exposed_weight": exposed if total is not None else None,
            "exposed_share": share(exposed or 0.0) if total is not None else None,
            "kind": kind,
            "share_of": "spend" if kind == "suppliers" else "the portfolio",
            "has_weights": any(weighted for _, weighted in kinds),
            **{
                field: int(sums.get(("summary", field), 0))
                for field in ("weight_unknown_rows", "weight_unknown_flagged", "skipped_rows")
            },
        },
        "breakdown": {
            "by_company": by_company,
            **{
                name: [
                    {
                        "label": label,
                        "weight": weight if total is not None else None,
                        "share": share(weight),
                    }
                    for label, weight in sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
                ]
                for name, values in groups.items()
            },
        },
    }


def screen_dataframe(
    frame: DataFrame,
    ctx: Context | None = None,
    overrides: dict[str, str] | None = None,
    workdir: Path | None = None,
) -> SparkScreening:
    """Screen every row of ``frame`` (string columns, with the headers a holdings file or
    supplier list has) against the store of ``ctx`` (default: the configured store)."""
    from pyspark.sql.types import StringType, StructField, StructType

    spark = frame.sparkSession
    header = list(frame.columns)
    if ctx is None:
        ctx = open_context()
    folder = workdir or Path(tempfile.mkdtemp(prefix="countersight-bundle-"))
    bundle = write_bundle(ctx, folder)
    spark.sparkContext.addFile(bundle.engine_file)
    if bundle.store_file:
        spark.sparkContext.addFile(bundle.store_file)
    mapping = dict(overrides or {})
    records = (
        frame.rdd.zipWithIndex()
        .mapPartitions(lambda part: screen_partition(header, bundle, mapping, part))
        .persist()
    )
    sums = dict(
        records.filter(lambda r: r[0] == "sum").map(lambda r: r[1]).reduceByKey(add).collect()
    )
    found = records.filter(lambda r: r[0] == "row").map(lambda r: r[1])
    inputs = frame.rdd.zipWithIndex().map(lambda pair: (pair[1], tuple(pair[0])))
    joined = inputs.join(found).sortByKey().map(lambda kv: (*kv[1][0], *kv[1][1]))
    schema = StructType(
        [StructField(name, StringType(), True) for name in header]
        + [StructField(name, StringType(), True) for name in ROW_COLUMNS]
    )
    rows = spark.createDataFrame(joined, schema)
    return SparkScreening(rows=rows, summary=_summary(sums))


def read_input(spark: SparkSession, path: str) -> DataFrame:
    """A holdings file or supplier list as string columns: CSV or TSV with a header row, or
    Parquet (by the file's or folder's suffix)."""
    lower = path.lower().rstrip("/")
    if lower.endswith(".parquet"):
        frame = spark.read.parquet(path)
        return frame.select([frame[c].cast("string").alias(c) for c in frame.columns])
    if lower.endswith((".csv", ".tsv", ".txt")):
        return spark.read.csv(
            path,
            header=True,
            sep="\t" if lower.endswith(".tsv") else ",",
            inferSchema=False,
            encoding="UTF-8",
            multiLine=True,
            escape='"',
        )
    raise InputError(f"{path}: give a .csv, .tsv or .parquet input for Spark")


def spark_screen(
    source: str,
    target: str,
    fmt: str = "parquet",
    master: str | None = None,
    ctx: Context | None = None,
    overrides: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Screen ``source`` on Spark and write the rows to ``target`` (a Parquet or CSV folder)
    and the summary to ``target.summary.json``; returns the summary."""
    from pyspark.sql import SparkSession

    if fmt not in ("parquet", "csv"):
        raise InputError(f"unknown output format {fmt!r}: parquet or csv")
    # Local workers run this interpreter, where countersight is installed; on a cluster the
    # executors' Python comes from the cluster's configuration (see the README).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("countersight").config(
        "spark.ui.showConsoleProgress", "false"
    )
    if master:
        builder = builder.master(master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    result = screen_dataframe(read_input(spark, source), ctx=ctx, overrides=overrides)
    writer = result.rows.write.mode("overwrite")
    if fmt == "csv":
        writer.option("header", True).csv(target)
    else:
        writer.parquet(target)
    summary_path = Path(f"{target.rstrip('/')}.summary.json")
    summary_path.write_text(json.dumps(result.summary, indent=2, ensure_ascii=False), "utf-8")
    return result.summary


__all__ = ["ROW_COLUMNS", "SparkScreening", "screen_dataframe", "screen_partition", "spark_screen"]
