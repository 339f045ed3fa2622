"""Spark screening at growing sizes, beside the single-machine batch path.

    .venv/bin/python benchmarks/spark_bench.py --sizes 250000,500000,1000000,2000000

Generates holdings files (fund-file spellings of the bundled example's vendors mixed with
synthetic issuers, as ``screen_large.py`` does), loads the registry and every official list
in ``../shared/data`` (the newest snapshot of each; a file that does not load is reported
and left out), then screens each file with ``countersight spark-screen``'s engine in
``local[2]`` and, first, one file (``--single-rows``, default the smallest size) with
``screen`` on one machine (its worker processes). Reports rows/s, how time grows with size, the machine's load while it ran, the
size of what is shipped to the executors and the peak memory of the Python workers.
Results go to ``benchmarks/results/spark.md``, each size's line as soon as it is measured.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
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
    "us-csl-2023-11/consolidated-complete-records.csv",
    "bis-dpl/dpl-2022.txt",
    "eu-fsf-excerpts/eu-fsf-2026-08-05-excerpt-a.xml",  # excerpt-b holds an invalid record
    "uk-sanctions-list-excerpts/uk-sanctions-list-2026-09-10-excerpt.xml",  # the other too
    "fcc-covered-list/covered-list-table.csv",
    "gleif/20240505-0000-gleif-goldencopy-lei2-intra-day.json",
)


def load() -> str:
    """The 1-minute load average, as ``uptime`` gives it."""
    return Path("/proc/loadavg").read_text().split()[0]


class WorkerMemory(threading.Thread):
    """Samples the resident memory of PySpark's Python workers (``pyspark.daemon`` and its
    forks) every half second: the peak of one worker and of all together."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_one = 0
        self.peak_all = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.5):
            sizes = [_rss(pid) for pid in _workers()]
            self.peak_one = max(self.peak_one, *sizes, 0)
            self.peak_all = max(self.peak_all, sum(sizes))


def _workers() -> list[str]:
    """This run's PySpark Python processes (descendants of this process: other Spark jobs
    on the machine are not counted)."""
    parents: dict[str, str] = {}
    commands: dict[str, bytes] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            commands[entry.name] = (entry / "cmdline").read_bytes()
            parents[entry.name] = (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
        except (OSError, IndexError):
            continue
    mine = str(os.getpid())

    def descends(pid: str) -> bool:
        for _ in range(8):
            pid = parents.get(pid, "0")
            if pid == mine:
                return True
        return False

    return [
        pid
        for pid, command in commands.items()
        if (b"pyspark.daemon" in command or b"pyspark.worker" in command) and descends(pid)
    ]


def _rss(pid: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="250000,500000,1000000,2000000")
    parser.add_argument(
        "--single-rows", type=int, default=0, help="rows for screen (default: the smallest size)"
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "spark-bench")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    args.workdir.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    report = args.out / "spark.md"
    db = args.workdir / "store.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    ctx = open_context(
        load_settings(env={}, db=f"sqlite:///{db}", cache_dir=str(args.workdir / "cache"))
    )
    loaded, skipped = [], []
    for name in LISTS:
        try:
            load_paths(ctx, [DATA / name])
            loaded.append(name)
        except CountersightError as exc:
            skipped.append(f"{name} ({exc})")
    started = time.perf_counter()
    engine = ctx.engine()
    built = time.perf_counter() - started

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
    single_rows = args.single_rows or sizes[0]
    path = args.workdir / f"holdings-{single_rows}.csv"
    if not path.exists():
        write_portfolio(path, single_rows, args.seed)
    before = load()
    started = time.perf_counter()
    screen(ctx, path, ScreenOptions(save=False))
    took = time.perf_counter() - started
    lines = [
        f"Spark {spark.version} `local[2]` on this machine's 2 cores; store: the registry plus "
        f"{', '.join(loaded)} ({len(engine.view.entities):,} entities; index built in "
        f"{built:.1f} s).",
        *(f"Not loaded: {s}." for s in skipped),
        "",
        f"Single machine (`screen`, {ctx.settings.workers} processes) on {single_rows:,} rows: "
        f"{took:.1f} s ({single_rows / took:,.0f} rows/s); load {before} → {load()}.",
        "",
        "| rows | partitions | Spark seconds | Spark rows/s | seconds per 100k rows "
        "| load (1 min) before → after |",
        "|---|---|---|---|---|---|",
    ]
    memory = WorkerMemory()
    memory.start()
    shipped: dict[str, int] = {}

    def write() -> None:
        footer = [
            "",
            "Shipped to each executor: "
            + ", ".join(f"{name} {size / 1e6:,.1f} MB" for name, size in sorted(shipped.items()))
            + ".",
            f"Peak resident memory of one Python worker: {memory.peak_one / 1e6:,.0f} MB; "
            f"of all workers together: {memory.peak_all / 1e6:,.0f} MB.",
        ]
        text = "\n".join([*lines, *footer]) + "\n"
        report.write_text(text, encoding="utf-8")
        print(text, flush=True)

    write()
    for size in sizes:
        path = args.workdir / f"holdings-{size}.csv"
        if not path.exists():
            write_portfolio(path, size, args.seed)
        frame = read_input(spark, str(path))
        bundle = args.workdir / f"bundle-{size}"
        before = load()
        started = time.perf_counter()
        result = screen_dataframe(frame, ctx=ctx, workdir=bundle, source=str(path))
        count = result.rows.count()
        elapsed = time.perf_counter() - started
        partitions = result.rows.rdd.getNumPartitions()
        shipped = {p.name.split("-")[1]: p.stat().st_size for p in bundle.iterdir()}
        lines.append(
            f"| {count:,} | {partitions} | {elapsed:.1f} | {count / elapsed:,.0f} "
            f"| {elapsed / count * 1e5:.1f} | {before} → {load()} |"
        )
        write()
    memory.stopped.set()


if __name__ == "__main__":
    main()
