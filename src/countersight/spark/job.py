"""Screen a Spark DataFrame partition by partition with the single-machine engine.

Each partition is written to a temporary CSV with the input's header and screened by
:func:`countersight.service.screening.screen`, so column detection, number parsing,
matching, look-through by ownership and brand, and decisions are the ones ``screen`` uses.
What ``screen`` decides over the whole file is decided on the driver over the whole
dataset: the number format of each numeric column (:mod:`countersight.spark.formats`), and
which refusal to give (the first row refused). With ``skip_invalid`` a row that cannot be
read is skipped and listed instead, as ``screen --skip-invalid`` does; the rows of a partition
that are all invalid are listed too, and only a dataset with no valid row is refused. Fund
look-through needs the funds' holdings files and is not done here.

The summary is additive over partitions (row counts, weights by company, list, category and
route): every partition reports its own, Spark sums them, and shares are taken of the total
at the end, as ``screen`` takes them of one file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import add
from pathlib import Path
from typing import TYPE_CHECKING, Any

from countersight.exc import InputError
from countersight.inputs.columns import apply_overrides, detect
from countersight.inputs.numbers import POINT
from countersight.inputs.portfolio import _KEY_FIELDS as KEY_FIELDS  # the reader's own set
from countersight.inputs.portfolio import EveryRowInvalid
from countersight.report.csv_report import EXTRA, NOTE, report_cells
from countersight.service.context import Context, open_context
from countersight.service.screening import ScreeningDocument, ScreenOptions, screen
from countersight.service.screening import read_input as read_file
from countersight.spark.formats import FIRST_DATA_LINE, Formats, decide_formats, normalized
from countersight.spark.shipping import Bundle, open_bundle, write_bundle
from countersight.spark.summary import breakdown_pairs, summary_of

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession

ROW_COLUMNS = (*EXTRA, NOTE, "cs_row_key")
ROWS_PER_PARTITION = 20_000  # spreads a file over the cores; the cost per partition stays small
NO_DATA_ROWS = "no data rows below the header"  # the reader's words for a file without rows
MAX_SKIPPED_LISTED = 1000  # skipped rows listed in the summary (all are counted)
Record = tuple[str, Any]


@dataclass(slots=True)
class SparkScreening:
    """The screened rows (input columns, then the ``cs_*`` columns) and the summary."""

    rows: DataFrame
    summary: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Plan:
    """What every partition is screened with: the input's header, the shipped bundle, the
    column overrides and the number format of each numeric column, decided on the driver."""

    header: list[str]
    bundle: Bundle
    overrides: dict[str, str]
    formats: Formats
    guard: list[str] | None  # see :func:`guard_row`
    last: int  # index of the input's last row
    skip_invalid: bool = False  # skip and list rows that cannot be read, as screen does


def guard_row(header: list[str], overrides: dict[str, str], source: str) -> list[str] | None:
    """A row written after a partition's rows so that the reader takes none of them for a
    footnote under the data (a footnote ends the file, not a partition): ``0`` in every
    column that is not a name or identifier, so the reader skips it as a row with neither.
    None when every column is one (the reader's footnotes need prose beside empty cells)."""
    columns = apply_overrides(header, detect(header), overrides, source, 1)
    keys = {columns[name] for name in KEY_FIELDS if name in columns}
    if len(keys) == len(header):
        return None
    return ["" if position in keys else "0" for position in range(len(header))]


def _partition_csv(plan: Plan, rows: list[tuple[Any, ...]], last: int, path: Path) -> list[int]:
    """Write a partition (``last``: the index of its last row) as a CSV file under the
    input's header, numbers in plain form, and the guard row unless the input ends here;
    returns the line each row starts on (a quoted cell may span lines)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(plan.header)
    starts = []
    line = 1 + buffer.getvalue().count("\n")
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(buffer.getvalue())
        for values in rows:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(normalized(_text(values), plan.formats))
            written = buffer.getvalue()
            starts.append(line)
            line += written.count("\n")
            handle.write(written)
        if plan.guard is not None and last < plan.last:
            csv.writer(handle, lineterminator="\n").writerow(plan.guard)
    return starts


def _text(values: tuple[Any, ...]) -> list[str]:
    return ["" if v is None else str(v) for v in values]


def _read_partition(
    ctx: Context, path: Path, options: ScreenOptions
) -> tuple[list[int], ScreeningDocument] | None:
    """The lines of the rows screened (the reader skips rows without a name or identifier,
    total rows and footnotes) and ``screen``'s document; None for a partition with no row to
    screen."""
    try:
        lines = [holding.line for holding in read_file(path, options).rows]
    except InputError as exc:
        if exc.problem == NO_DATA_ROWS:
            return None
        raise
    return lines, screen(ctx, path, options)


def screen_partition(plan: Plan, rows: Iterable[Any]) -> Iterator[Record]:
    """Screen one partition of ``(index, row)`` pairs, in index order. Yields
    ``("row", (index, values))`` for every screened row (its input values, then the report's
    cells), ``("sum", (key, value))`` for the partition's summary figures,
    ``("skipped", (index, line, reason))`` for each row skipped as invalid (``skip_invalid``)
    and ``("error", (index, line, problem, column))`` for a partition that ``screen`` refuses
    (index: the input row the refusal names, -1 for none)."""
    from pyspark import SparkFiles

    batch = list(rows)
    if not batch:
        return
    bundle = plan.bundle
    engine_file = SparkFiles.get(Path(bundle.engine_file).name)
    store_file = SparkFiles.get(Path(bundle.store_file).name) if bundle.store_file else ""
    ctx = open_bundle(engine_file, store_file, bundle)
    # Numbers arrive in plain form, their format decided for the whole column.
    options = ScreenOptions(
        overrides=dict(plan.overrides), decimal=POINT, save=False, skip_invalid=plan.skip_invalid
    )
    with tempfile.TemporaryDirectory(prefix="countersight-spark-") as tmp:
        path = Path(tmp) / "partition.csv"
        starts = _partition_csv(plan, [tuple(row) for _, row in batch], batch[-1][0], path)
        index_of_line = {line: index for line, (index, _) in zip(starts, batch, strict=True)}
        try:
            read = _read_partition(ctx, path, options)
        except EveryRowInvalid as exc:  # only with skip_invalid: other partitions may have rows
            yield from _skipped(exc.skipped, index_of_line)
            yield "sum", (("summary", "skipped_rows"), float(len(exc.skipped)))
            return
        except InputError as exc:
            index = index_of_line.get(exc.line or 0)
            line = exc.line if index is None else index + FIRST_DATA_LINE
            yield "error", (-1 if index is None else index, line, exc.problem, exc.column)
            return
    if read is None:
        return
    lines, document = read
    yield from _skipped(document["input"].get("skipped", []), index_of_line)
    weighted = document["summary"].get("has_weights", False)
    for line, row in zip(lines, document["rows"], strict=True):
        index = index_of_line[line]
        values = batch[index - batch[0][0]][1]  # a partition's indexes are consecutive
        note = "weight unknown" if weighted and row["weight"] is None else ""  # as the CSV's
        cells = (*(str(c) for c in report_cells(row)), note, row["key"])
        yield "row", (index, (*values, *cells))
    for key, value in breakdown_pairs(document):
        yield "sum", (key, value)


def _skipped(items: list[dict[str, Any]], index_of_line: dict[int, int]) -> Iterator[Record]:
    """The rows a partition skipped as invalid, each at its line in the input."""
    for item in items:
        index = index_of_line[item["line"]]
        yield "skipped", (index, index + FIRST_DATA_LINE, item["reason"])


def _refusal(errors: list[tuple[int, int | None, str, str | None]], source: str) -> InputError:
    """The refusal ``screen`` would give: the one for the first row refused (a refusal of
    the header, index -1, comes first)."""
    _, line, problem, column = min(errors, key=lambda error: error[0])
    return InputError(problem, file=source, line=line, column=column)


def _in_order(frame: DataFrame, partitions: int | None) -> tuple[RDD[tuple[int, Any]], int]:
    """``(index, row)`` pairs in the frame's order, in ``partitions`` runs of consecutive
    rows (default: the frame's partitions, or more: one per core and one per
    :data:`ROWS_PER_PARTITION` rows; a CSV file read as one partition is spread over the
    cluster this way), cached; and how many rows there are."""
    from pyspark import StorageLevel

    indexed = frame.rdd.zipWithIndex().map(lambda pair: (pair[1], pair[0]))
    count = frame.count()
    wanted = partitions or max(
        indexed.getNumPartitions(),
        frame.sparkSession.sparkContext.defaultParallelism,
        -(-count // ROWS_PER_PARTITION),
    )
    wanted = max(1, min(wanted, count))
    if count and wanted != indexed.getNumPartitions():
        indexed = indexed.repartitionAndSortWithinPartitions(
            wanted, partitionFunc=lambda index: index * wanted // count
        )
    return indexed.persist(StorageLevel.MEMORY_AND_DISK), count


def screen_dataframe(
    frame: DataFrame,
    ctx: Context | None = None,
    overrides: dict[str, str] | None = None,
    workdir: Path | None = None,
    source: str = "input",
    partitions: int | None = None,
    decimal: str | None = None,
    skip_invalid: bool = False,
) -> SparkScreening:
    """Screen every row of ``frame`` (string columns, with the headers a holdings file or
    supplier list has) against the store of ``ctx`` (default: the configured store).

    ``source`` names the input in refusals; ``decimal`` (``"."`` or ``","``) is the decimal
    mark of numeric columns that do not tell it themselves (default: decided per column).
    The rows are screened in ``partitions`` partitions (default: the frame's, or more: one
    per core and per :data:`ROWS_PER_PARTITION` rows), each a run of consecutive rows, and
    come out in the frame's order. Raises :class:`InputError` where ``screen`` refuses the
    same input as a file: a column that mixes number formats or does not tell
    which it uses, and the first row that cannot be read, with its line; with
    ``skip_invalid`` such rows are skipped instead and the first :data:`MAX_SKIPPED_LISTED`
    listed, by line, under the summary's ``input.skipped`` (all are counted in
    ``summary.skipped_rows``), as ``screen --skip-invalid`` lists them."""
    from pyspark import StorageLevel
    from pyspark.sql.types import StringType, StructField, StructType

    spark = frame.sparkSession
    header = list(frame.columns)
    if ctx is None:
        ctx = open_context()
    mapping = dict(overrides or {})
    indexed, count = _in_order(frame, partitions)
    try:
        formats = decide_formats(indexed, header, mapping, source, decimal)
    except InputError:
        indexed.unpersist()
        raise
    folder = workdir or Path(tempfile.mkdtemp(prefix="countersight-bundle-"))
    bundle = write_bundle(ctx, folder)
    spark.sparkContext.addFile(bundle.engine_file)
    if bundle.store_file:
        spark.sparkContext.addFile(bundle.store_file)
    guard = guard_row(header, mapping, source)
    plan = Plan(header, bundle, mapping, formats, guard, count - 1, skip_invalid)
    # Kept (spilling to disk if need be) so the rows are never screened twice.
    screened = indexed.mapPartitions(lambda part: screen_partition(plan, part))
    records = screened.persist(StorageLevel.MEMORY_AND_DISK)
    errors = records.filter(lambda r: r[0] == "error").map(lambda r: r[1]).collect()
    indexed.unpersist()
    if errors:
        records.unpersist()
        raise _refusal(errors, source)
    sums = dict(
        records.filter(lambda r: r[0] == "sum").map(lambda r: r[1]).reduceByKey(add).collect()
    )
    skipped = (
        records.filter(lambda r: r[0] == "skipped")
        .map(lambda r: r[1])
        .takeOrdered(MAX_SKIPPED_LISTED, key=lambda item: item[0])
    )
    if not sums.get(("summary", "rows")):
        records.unpersist()
        if skipped:  # as the reader refuses a file whose rows are all invalid
            _, line, reason = skipped[0]
            raise InputError(
                f"every data row was skipped as invalid; the first: {reason}",
                file=source,
                line=line,
            )
        raise InputError(NO_DATA_ROWS, file=source, line=1)
    # Partitions keep their order and each yields its rows in order: no sort is needed.
    found = records.filter(lambda r: r[0] == "row").map(lambda r: r[1][1])
    schema = StructType(
        [StructField(name, StringType(), True) for name in header]
        + [StructField(name, StringType(), True) for name in ROW_COLUMNS]
    )
    summary = summary_of(sums)
    if skip_invalid:
        summary["input"] = {"skipped": [{"line": ln, "reason": why} for _, ln, why in skipped]}
    return SparkScreening(rows=spark.createDataFrame(found, schema), summary=summary)


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
    decimal: str | None = None,
    skip_invalid: bool = False,
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
    result = screen_dataframe(
        read_input(spark, source),
        ctx=ctx,
        overrides=overrides,
        source=source,
        decimal=decimal,
        skip_invalid=skip_invalid,
    )
    writer = result.rows.write.mode("overwrite")
    if fmt == "csv":
        writer.option("header", True).csv(target)
    else:
        writer.parquet(target)
    summary_path = Path(f"{target.rstrip('/')}.summary.json")
    summary_path.write_text(json.dumps(result.summary, indent=2, ensure_ascii=False), "utf-8")
    return result.summary


__all__ = ["ROW_COLUMNS", "SparkScreening", "screen_dataframe", "screen_partition", "spark_screen"]
