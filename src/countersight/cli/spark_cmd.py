"""``spark-screen``: screen a large file on a Spark cluster (or locally with ``local[N]``)."""

from __future__ import annotations

import importlib.util

import typer
from rich.markup import escape

from countersight.cli import input_options as read_opts
from countersight.cli.input_options import Decimal, decimal_mark
from countersight.cli.render import context, err_console, print_json
from countersight.exc import ConfigError
from countersight.inputs.columns import parse_overrides


def spark_screen(
    ctx: typer.Context,
    source: str = typer.Argument(
        ..., help="Input: a CSV/TSV file or folder with a header row, or Parquet."
    ),
    target: str = typer.Argument(
        ..., help="Output folder; the summary goes to TARGET.summary.json beside it."
    ),
    fmt: str = typer.Option("parquet", "--format", help="Output format: parquet or csv."),
    master: str | None = typer.Option(
        None,
        "--master",
        help="Spark master URL (local[2], spark://host:7077, yarn); default: Spark's own.",
    ),
    mapping: list[str] = typer.Option([], "--map", metavar="FIELD=COLUMN", help=read_opts.MAP),
    decimal: Decimal | None = typer.Option(
        None, "--decimal", metavar="point|comma", help=read_opts.DECIMAL
    ),
    skip_invalid: bool = typer.Option(False, "--skip-invalid", help=read_opts.SKIP_INVALID),
) -> None:
    """Screen a dataset of any size with PySpark: the same engine and the same per-row
    columns as `screen --out FILE.csv`, and the summary computed by Spark.

    Example: countersight spark-screen payments.parquet screened --master local[2]
    """
    if importlib.util.find_spec("pyspark") is None:
        raise ConfigError(
            "PySpark is not installed: pip install 'countersight[spark]' (it needs Java 17+)"
        )
    from countersight.spark import spark_screen as run

    summary = run(
        source,
        target,
        fmt=fmt,
        master=master,
        ctx=context(ctx),
        overrides=parse_overrides(mapping),
        decimal=decimal_mark(decimal),
        skip_invalid=skip_invalid,
    )
    skipped = summary.get("input", {}).get("skipped", [])
    for item in skipped:
        err_console.print(f"[yellow]skipped[/] line {item['line']}: {escape(item['reason'])}")
    more = summary["summary"]["skipped_rows"] - len(skipped)
    if more > 0:
        err_console.print(f"[yellow]skipped[/] {more} more row(s), not listed")
    err_console.print(f"wrote {target} and {target.rstrip('/')}.summary.json")
    print_json(summary)


def register(app: typer.Typer) -> None:
    app.command("spark-screen")(spark_screen)
