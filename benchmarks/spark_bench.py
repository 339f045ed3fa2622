"""Spark screening at growing sizes, beside the single-machine batch path.

    .venv/bin/python benchmarks/spark_bench.py --sizes 250000,500000,1000000,2000000

Generates holdings files (fund-file spellings of the bundled example's vendors mixed with
synthetic issuers, as ``screen_large.py`` does), loads every official list in
``../shared/data`` that loads into one store with the registry, then screens each file with
``countersight spark-screen``'s engine in ``local[2]`` and, at the smallest size, with
``screen`` on one machine. Reports rows/s, how time grows with size, and the size of what
is shipped to the executors.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.screen_large import write_portfolio  # noqa: E402
from countersight.exc import CountersightError  # noqa: E402
from countersight.service.context import open_context  # noqa: E402
from countersight.service.loading import load_paths  # noqa: E402
from countersight.service.screening import ScreenOptions, screen  # noqa: E402
from countersight.settings import load_settings  # noqa: E402
from countersight.spark.job import read_input, screen_dataframe  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
LISTS = (
    "ofac-sdn-csv-2024-05",
    "ofac-consolidated-nonsdn-2025-12",
    "un-consolidated",
    "us-csl-2023-11/consolidated.csv",
    "bis-dpl/dpl-2022.txt",
    "gleif/20240505-0000-gleif-goldencopy-lei2-intra-day.json",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="250000,500000,1000000,2000000")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "spark-bench")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    args.workdir.mkdir(parents=True, exist_ok=True)
    db = args.workdir / "store.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    ctx = open_context(
        load_settings(env={}, db=f"sqlite:///{db}", cache_dir=str(args.workdir / "cache"))
    )
    loaded = []
    for name in LISTS:
        try:
            load_paths(ctx, [DATA / name])
            loaded.append(name)
        except CountersightError as exc:
            print(f"skipped {name}: {exc}")
    ctx.engine()

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("countersight-bench")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    lines = [
        f"Spark `local[2]` on this machine's 2 cores; store: the registry plus {', '.join(loaded)}.",
        "",
        "| rows | Spark seconds | Spark rows/s | seconds per 100k rows |",
        "|---|---|---|---|",
    ]
    single = None
    shipped = 0
    for size in sizes:
        path = args.workdir / f"holdings-{size}.csv"
        if not path.exists():
            write_portfolio(path, size, args.seed)
        if single is None:
            started = time.perf_counter()
            screen(ctx, path, ScreenOptions(save=False))
            single = (size, time.perf_counter() - started)
        frame = read_input(spark, str(path)).repartition(max(2, size // 50_000))
        started = time.perf_counter()
        result = screen_dataframe(frame, ctx=ctx, workdir=args.workdir / f"bundle-{size}")
        count = result.rows.count()
        elapsed = time.perf_counter() - started
        shipped = sum(p.stat().st_size for p in (args.workdir / f"bundle-{size}").iterdir())
        lines.append(
            f"| {count:,} | {elapsed:.1f} | {count / elapsed:,.0f} | {elapsed / count * 1e5:.1f} |"
        )
        print(lines[-1], flush=True)
    assert single is not None
    lines += [
        "",
        f"Single machine (`screen`, {ctx.settings.workers} processes) on {single[0]:,} rows: "
        f"{single[1]:.1f} s ({single[0] / single[1]:,.0f} rows/s).",
        f"Shipped to each executor (engine and store snapshot): {shipped / 1e6:,.1f} MB.",
    ]
    text = "\n".join(lines)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "spark.md").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
