"""End-to-end screening of a large holdings file: read, match, look through, report.

    .venv/bin/python benchmarks/screen_large.py --rows 50000

The file mixes fund-file spellings of the bundled example's holdings (flagged, review and
clear) with synthetic issuers, and is screened against the registry plus the OFAC non-SDN
list, writing the JSON, HTML, CSV and XLSX reports. Reports time and peak memory.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synth import Generator  # noqa: E402
from countersight.report import write_reports  # noqa: E402
from countersight.service.context import open_context  # noqa: E402
from countersight.service.loading import load_paths  # noqa: E402
from countersight.service.screening import ScreenOptions, screen  # noqa: E402
from countersight.settings import load_settings  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def write_portfolio(path: Path, rows: int, seed: int) -> None:
    rng = random.Random(seed)
    with (ROOT / "examples" / "portfolio.csv").open(encoding="utf-8") as handle:
        known = [r for r in csv.DictReader(handle) if r["Asset Class"] == "Equity"]
    generator = Generator(seed)
    names = [e.names[0].value for e in generator.entities(rows)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Issuer Name", "ISIN", "Ticker", "Country", "Weight (%)", "Sector"])
        for n in range(rows):
            if rng.random() < 0.1:
                row = rng.choice(known)
                writer.writerow(
                    [
                        row["Issuer Name"],
                        row["ISIN"],
                        row["Ticker"],
                        row["Country"],
                        f"{rng.uniform(0.001, 0.05):.5f}",
                        "Equity",
                    ]
                )
            else:
                name = names[n].upper().replace(",", "").replace(".", "")[:30]
                writer.writerow(
                    [
                        name,
                        "",
                        "",
                        "China" if rng.random() < 0.3 else "",
                        f"{rng.uniform(0.001, 0.05):.5f}",
                        "Equity",
                    ]
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "screen-large")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    portfolio = args.workdir / "portfolio.csv"
    write_portfolio(portfolio, args.rows, args.seed)
    db = args.workdir / "store.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    ctx = open_context(
        load_settings(env={}, db=f"sqlite:///{db}", cache_dir=str(args.workdir / "cache"))
    )
    load_paths(ctx, [DATA / "ofac-consolidated-nonsdn-2025-12"])
    ctx.engine()  # the index is built once per store version, not per screening
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    document = screen(ctx, portfolio, ScreenOptions(by="benchmark"))
    screened = time.perf_counter() - started
    reports = [args.workdir / f"report.{ext}" for ext in ("json", "html", "csv", "xlsx")]
    write_reports(document, reports)
    total = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    s = document["summary"]
    lines = [
        f"{args.rows:,}-row holdings CSV (seed {args.seed}) against the registry and the OFAC "
        f"non-SDN list, {ctx.settings.workers} worker processes.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| read, match, look through, store the run | {screened:.1f} s "
        f"({args.rows / screened:,.0f} rows/s) |",
        f"| plus JSON, HTML, CSV and XLSX reports | {total:.1f} s in all |",
        f"| peak memory (RSS) | {peak:,.0f} MB (before screening: {rss_before:,.0f} MB) |",
        f"| rows flagged / for review | {s['flagged_rows']:,} / {s['review_rows']:,} |",
    ]
    text = "\n".join(lines)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "screen.md").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
