"""A large council's year of spend: 12 monthly files screened as one folder.

    .venv/bin/python benchmarks/screen_spend.py --payments 50000

The folder is written in the layout of Devon County Council's "spend over £500" files with
a Narrative column; months alternate between UTF-8 and Windows-1252, as councils' exports
do. Supplier names, supplier ids, VAT numbers and expense types are drawn from the two real
council files in ``../shared/data/uk-council-spend`` (OGL), a few suppliers paid much more
often than the rest, as in real ledgers; credit notes are negative. Inserted among them: a
handful of payments to covered vendors and to installers whose narratives name covered
equipment (the fixtures' real patterns). Screened against the registry and the OFAC
non-SDN list, writing the JSON, HTML, CSV, XLSX and suppliers CSV reports; reports time,
peak memory, and the rows and suppliers flagged or for review.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from countersight.report import write_reports  # noqa: E402
from countersight.service.context import open_context  # noqa: E402
from countersight.service.loading import load_paths  # noqa: E402
from countersight.service.screening import ScreenOptions, screen  # noqa: E402
from countersight.settings import load_settings  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SPEND = DATA / "uk-council-spend"
HEADER = [
    "Body",
    "Name of Body",
    "Date",
    "Transaction Number",
    "Invoice Number",
    "Amount",
    "Supplier Name",
    "Supplier ID",
    "VAT Reg no",
    "Expense Area",
    "Expense Type",
    "Expense Code",
    "Narrative",
]
# (supplier, narrative): covered vendors by name, and installers by what they sold.
INSERTED = [
    ("Cellcom Ltd (T/A: DJI Hasselblad UK)", "Drone and batteries"),
    ("Hangzhou Hikvision Digital Technology Co., Ltd.", "Camera licences"),
    ("Acme Security Installers Ltd", "Supply and Installation of 5 number HIK Vision Recorders"),
    ("Orion Electronics Ltd", "IPC-HDW5442TM-AS cameras x4"),
    ("Northern CCTV Ltd", "Security vision forensic recorder service"),
]


@dataclass(frozen=True, slots=True)
class Supplier:
    name: str
    supplier_id: str
    vat: str


def real_suppliers() -> tuple[list[Supplier], list[tuple[str, str]]]:
    """Suppliers (name, id, VAT) and (expense area, type) pairs from the real files."""
    suppliers: dict[str, Supplier] = {}
    expenses: set[tuple[str, str]] = set()
    with (SPEND / "devon_DCCSpendingOver500_201109.csv").open(encoding="cp1252") as handle:
        for row in csv.DictReader(handle):
            name = row["Supplier Name"].strip()
            if name and name not in suppliers:
                suppliers[name] = Supplier(name, row["Supplier ID"], row["VAT Reg no"].strip())
            expenses.add((row["Expense Area"], row["Expense Type"]))
    oxford = SPEND / "oxford_expenditure-over-500-apr-jun-2016.csv"
    with oxford.open(encoding="cp1252") as handle:
        for row in csv.DictReader(handle):
            name = row["supplier_name"].strip()
            if name and name not in suppliers:
                suppliers[name] = Supplier(name, f"OX{len(suppliers)}", "")
            expenses.add((row["organisational_unit"], row["expenditure_category"]))
    return list(suppliers.values()), sorted(expenses)


def write_year(folder: Path, payments: int, seed: int) -> None:
    """12 monthly files of ``payments`` rows in all (see the module docstring)."""
    rng = random.Random(seed)
    suppliers, expenses = real_suppliers()
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(suppliers))]  # Zipf-like
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.csv"):
        old.unlink()
    inserted = {rng.randrange(payments): pair for pair in INSERTED for _ in range(3)}
    number = 0
    for month in range(1, 13):
        rows = [HEADER]
        count = payments // 12 + (1 if month <= payments % 12 else 0)
        chosen = rng.choices(suppliers, weights=weights, k=count)
        for supplier in chosen:
            area, kind = rng.choice(expenses)
            amount = round(rng.lognormvariate(7.3, 1.1), 2)
            if rng.random() < 0.02:
                amount = -amount  # a credit note
            name, narrative, sid, vat = supplier.name, kind, supplier.supplier_id, supplier.vat
            if number in inserted:
                name, narrative = inserted[number]
                sid, vat = f"INS{INSERTED.index(inserted[number])}", ""
            day = rng.randint(1, 28)
            rows.append(
                [
                    "18",
                    "Example County Council",
                    f"{day:02d}/{month:02d}/2025",
                    f"TX{number:07d}",
                    f"INV{number:07d}",
                    f"{amount:.2f}",
                    name,
                    sid,
                    vat,
                    area,
                    kind,
                    str(5000 + month),
                    narrative,
                ]
            )
            number += 1
        encoding = "utf-8" if month % 2 else "cp1252"
        path = folder / f"spend-2025-{month:02d}.csv"
        with path.open("w", encoding=encoding, errors="replace", newline="") as handle:
            csv.writer(handle).writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--payments", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "screen-spend")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    folder = args.workdir / "spend-2025"
    write_year(folder, args.payments, args.seed)
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
    document = screen(ctx, folder, ScreenOptions(by="benchmark"))
    screened = time.perf_counter() - started
    names = ("json", "html", "csv", "xlsx", "suppliers.csv")
    write_reports(document, [args.workdir / f"report.{ext}" for ext in names])
    total = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    s = document["summary"]
    suppliers = document.get("suppliers") or []
    flagged = sum(1 for x in suppliers if x["status"] == "flagged")
    review = sum(1 for x in suppliers if x["status"] == "review")
    lines = [
        f"12 monthly spend files, {s['rows']:,} payments in all (seed {args.seed}; UTF-8 and "
        "Windows-1252 months), screened as one folder against the registry and the OFAC "
        f"non-SDN list, {ctx.settings.workers} worker processes.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| read 12 files, match, supplier view, store the run | {screened:.1f} s "
        f"({s['rows'] / screened:,.0f} payments/s) |",
        f"| plus JSON, HTML, CSV, XLSX and suppliers CSV reports | {total:.1f} s in all |",
        f"| peak memory (RSS) | {peak:,.0f} MB (before screening: {rss_before:,.0f} MB) |",
        f"| suppliers | {len(suppliers):,} |",
        f"| payments flagged / for review | {s['flagged_rows']:,} / {s['review_rows']:,} |",
        f"| suppliers flagged / for review | {flagged:,} / {review:,} |",
    ]
    text = "\n".join(lines)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "screen-spend.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    for item in suppliers[: flagged + review]:
        print(
            f"  {item['status']:8} {item['name'][:48]:48} {item['payments']:>4}  "
            + "; ".join(f["caption"] for f in item["findings"])[:60]
        )


if __name__ == "__main__":
    main()
