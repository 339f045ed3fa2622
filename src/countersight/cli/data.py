"""``load``, ``sources``, ``remove``, ``entity`` and ``export``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from countersight.cli.help import examples
from countersight.cli.render import (
    console,
    context,
    err_console,
    new_table,
    print_json,
    print_wrapped,
)
from countersight.cli.watch_cmd import after_update
from countersight.service import entities, exporting, loading, staleness
from countersight.sources import FORMATS
from countersight.sources.registry import category_titles


def load(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(
        ..., help="List files, or folders holding a list's files (e.g. an OFAC CSV set)."
    ),
    fmt: str | None = typer.Option(
        None, "--format", "-f", help=f"Override detection: {', '.join(FORMATS)}."
    ),
    dataset: str | None = typer.Option(
        None, "--dataset", help="Store under this dataset name instead of the list's own."
    ),
) -> None:
    """Load official lists. Re-loading a list replaces its previous version atomically."""
    service = context(ctx)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task("reading lists", total=None)
        reports = loading.load_paths(
            service,
            paths,
            fmt,
            dataset,
            on_job=lambda job: progress.update(task, description=f"read {job.label}"),
        )
        progress.update(task, description="indexing")
        service.engine()
    console.print("[bold]Loaded[/]:")
    for report in reports:
        skipped = report.skipped
        other = sum(v for k, v in skipped.items() if k not in ("individual", "vessel"))
        print_wrapped(
            console,
            f"{report.dataset} ({report.kind}): {report.label.rsplit('/', 1)[-1]}, "
            f"published {report.publisher_date or 'unknown'}; {report.entities} "
            f"organisations, {report.relations} relations; skipped "
            f"{skipped.get('individual', 0)} individuals, {skipped.get('vessel', 0)} vessels, "
            f"{other} other",
        )
    for report in reports:
        for line in [*report.notes, *report.warnings]:
            print_wrapped(err_console, f"{report.dataset}: {line}", 0, 2, "note:", "yellow")
    after_update(service, "lists loaded: " + ", ".join(r.dataset for r in reports))


def sources(
    ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")
) -> None:
    """What is loaded: each dataset's files, publication date and age, counts."""
    service = context(ctx)
    records = service.store.sources()
    stale_after = service.settings.stale_after_days
    today = staleness.today_utc()
    ages = {r.dataset: staleness.freshness(r, today, stale_after) for r in records}
    if as_json:
        print_json(
            [
                {
                    **r.to_dict(),
                    "age_days": ages[r.dataset].age_days,
                    "age_basis": ages[r.dataset].basis.value,
                    "stale": ages[r.dataset].stale,
                }
                for r in records
            ]
        )
        return
    console.print("[bold]Sources[/]:")
    for r in records:
        fresh = ages[r.dataset]
        published = r.publisher_date.isoformat() if r.publisher_date else "unknown"
        age = ""
        if staleness.is_official(r):
            age = f"; age {fresh.describe()}" + (", stale" if fresh.stale else "")
        print_wrapped(console, f"{r.dataset}: {r.title}")
        print_wrapped(
            console,
            f"published {published}{age}; loaded {r.loaded_at.strftime('%Y-%m-%d %H:%M')}; "
            f"{r.entity_count} organisations, {sum(r.skipped.values())} skipped; "
            f"sha256 {r.sha256[:12]}",
            indent=4,
        )
    for warning in staleness.list_warnings(records, stale_after, today):
        print_wrapped(err_console, warning, 0, 2, "warning:", "yellow")


def remove(
    ctx: typer.Context,
    dataset: str = typer.Argument(
        ..., help="The dataset name, as `countersight sources` shows it."
    ),
) -> None:
    """Remove a loaded dataset."""
    service = context(ctx)
    loading.remove_dataset(service, dataset)
    console.print(f"removed {dataset}")
    after_update(service, f"list removed: {dataset}")


def entity(
    ctx: typer.Context,
    entity_id: str = typer.Argument(
        ..., metavar="ID", help="Entity id, e.g. cs-hikvision or a list id such as ofac-30946."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Names, identifiers, relations, lists and evidence of one organisation."""
    detail = entities.entity_detail(context(ctx), entity_id)
    if as_json:
        print_json(detail)
        return
    console.print(f"[bold]{detail['caption']}[/]  ({detail['schema']}, {detail['id']})")
    console.print(
        "names: " + "; ".join(f"{n['value']} [{n['lang']}, {n['kind']}]" for n in detail["names"])
    )
    if detail["identifiers"]:
        console.print(
            "identifiers: "
            + ", ".join(f"{i['scheme']} {i['value']}" for i in detail["identifiers"])
        )
    console.print("countries: " + (", ".join(detail["countries"]) or "-"))
    if detail["categories"]:
        titles = category_titles()
        console.print("categories: " + "; ".join(titles.get(c, c) for c in detail["categories"]))
    table = new_table("Lists", "list", "program", "listed", "source", "confidence")
    for m in detail["listings"]:
        table.add_row(
            m["label"],
            m["program"] or "-",
            m["listed_on"] or "-",
            m["dataset"] or "-",
            m["confidence"],
        )
    console.print(table)
    if detail["relations"]:
        rel = new_table("Relations", "direction", "kind", "entity", "share", "sources")
        for r in detail["relations"]:
            share = f"{r['share']:g}%" if r["share"] is not None else "-"
            rel.add_row(
                r["direction"],
                r["kind"],
                f"{r['caption']} ({r['id']})",
                share,
                ", ".join(r["sources"]) or r["dataset"] or "-",
            )
        console.print(rel)
    ev = new_table("Evidence", "conf.", "date", "publisher", "summary", "url / citation")
    for e in detail["evidence"]:
        ev.add_row(
            e["confidence"],
            e["date"] or "-",
            e["publisher"],
            e["summary"] or e["title"],
            e["url"] or e["citation"] or "-",
        )
    console.print(ev)
    prov = new_table("Provenance", "dataset", "record", "why merged", "loaded")
    for p in detail["provenance"]:
        prov.add_row(p["dataset"], p["record_id"], p["reason"], (p["loaded_at"] or "-")[:16])
    console.print(prov)


def export(
    ctx: typer.Context,
    fmt: str = typer.Option("ftm", "--format", "-f", help="ftm (JSON lines) or csv."),
    out: Path | None = typer.Option(None, "--out", "-o", help="File to write (default stdout)."),
    dataset: list[str] = typer.Option([], "--dataset", help="Only these datasets."),
) -> None:
    """Export the data (registry included) as followthemoney JSON lines or CSV."""
    lines = exporting.export_lines(context(ctx), fmt, dataset or None)
    if out is None:
        for line in lines:
            sys.stdout.write(line + "\n")
        return
    tmp = out.with_suffix(out.suffix + ".tmp")
    count = 0
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        for line in lines:
            handle.write(line + "\n")
            count += 1
    tmp.replace(out)
    err_console.print(f"wrote {count} lines to {out}")


def register(app: typer.Typer) -> None:
    app.command(epilog=examples("load"))(load)
    app.command()(sources)
    app.command()(remove)
    app.command()(entity)
    app.command()(export)
