"""``update``: fetch the official lists of the catalogue, verify and load them."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TransferSpeedColumn,
)

from countersight.cli.render import (
    console,
    context,
    err_console,
    new_table,
    print_json,
    print_wrapped,
)
from countersight.cli.watch_cmd import after_update
from countersight.exc import word
from countersight.service.update import ListUpdate, Outcome, UpdateOptions, update_lists
from countersight.sources.catalogue import packaged


def update(
    ctx: typer.Context,
    lists: list[str] = typer.Argument(
        None,
        metavar="LIST",
        help="Catalogue lists or datasets to update (default: every default list).",
    ),
    source_dir: Path | None = typer.Option(
        None, "--from", help="Read the lists from this folder instead of the publishers."
    ),
    force: bool = typer.Option(
        False, "--force", help="Load lists under the record floor or under half the loaded size."
    ),
    allow_small: bool = typer.Option(
        False,
        "--allow-small",
        help="Load lists under the catalogue's record floor (known excerpts), with a warning "
        "naming each file and its count. Files must still be complete.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    show_catalogue: bool = typer.Option(
        False, "--catalogue", help="List the catalogue (publishers, URLs, checks) and exit."
    ),
) -> None:
    """Update official lists from their publishers (or --from a folder), verified, atomically.

    Exit code 1 when any list failed; the lists that failed keep their loaded version.
    """
    if show_catalogue:
        _print_catalogue(as_json)
        return
    service = context(ctx)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=err_console,
        transient=True,
        disable=as_json,
    ) as progress:
        tasks: dict[str, TaskID] = {}

        def on_bytes(name: str, count: int, total: int | None) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(name, total=total)
            progress.update(tasks[name], advance=count, total=total)

        results = update_lists(
            service,
            lists or [],
            UpdateOptions(force=force, allow_small=allow_small, source_dir=source_dir),
            progress=on_bytes,
        )
        if any(r.outcome == Outcome.UPDATED for r in results):
            progress.add_task("indexing", total=None)
            service.engine()
    if as_json:
        print_json([_as_dict(r) for r in results])
        for r in results:
            if r.warning:
                err_console.print(f"warning: {r.name}: {word(r.warning)}", soft_wrap=True)
    else:
        _print_summary(results)
    updated = [r.dataset for r in results if r.outcome == Outcome.UPDATED]
    if updated:
        reason = f"lists updated: {', '.join(updated)}"
        after_update(service, reason, err_console if as_json else console)
    if any(r.outcome == Outcome.FAILED for r in results):
        raise typer.Exit(1)


def _as_dict(result: ListUpdate) -> dict[str, object]:
    change = result.change
    return {
        "list": result.name,
        "dataset": result.dataset,
        "outcome": result.outcome.value,
        "message": word(result.message) if result.message else result.message,
        "records": result.records,
        "previous_records": result.previous_records,
        "added": change.added if change else None,
        "removed": change.removed if change else None,
        "changed": change.changed if change else None,
        "published": result.published,
        "source": result.source,
        "warning": word(result.warning) or None,
    }


def _print_summary(results: list[ListUpdate]) -> None:
    table = new_table(
        "Update",
        "list",
        "dataset",
        "outcome",
        "published",
        "records (before)",
        "added / removed / changed",
    )
    style = {Outcome.UPDATED: "green", Outcome.UNCHANGED: "", Outcome.FAILED: "bold red"}
    for r in results:
        change = r.change
        before = f" ({r.previous_records})" if r.previous_records is not None else ""
        table.add_row(
            r.name,
            r.dataset,
            f"[{style[r.outcome]}]{r.outcome.value}[/]" if style[r.outcome] else r.outcome.value,
            r.published or "-",
            f"{r.records if r.records is not None else '-'}{before}",
            f"{change.added} / {change.removed} / {change.changed}" if change else "-",
        )
    console.print(table)
    for r in results:
        if r.warning:
            print_wrapped(
                err_console, f"{r.name}: {word(r.warning)}", 0, 2, "warning:", "bold yellow"
            )
        if r.outcome == Outcome.FAILED:
            print_wrapped(err_console, f"{r.name}: {word(r.message)}", 0, 2, "failed:", "bold red")
        elif r.outcome == Outcome.UPDATED:
            print_wrapped(err_console, f"{r.name}: {r.source}", 0, 2, "from:", "dim")
            if r.message:
                print_wrapped(err_console, f"{r.name}: {word(r.message)}", 0, 2, "note:", "yellow")


def _print_catalogue(as_json: bool) -> None:
    catalogue = packaged()
    if as_json:
        print_json(catalogue.model_dump(mode="json")["lists"])
        return
    table = new_table(
        "Catalogue", "list", "dataset", "publisher", "format", "files (check)", "floor"
    )
    for e in catalogue.lists:
        files = "\n".join(f"{f.url} ({f.check.value})" for f in e.files)
        name = e.name if e.default else f"{e.name} (by name only)"
        table.add_row(name, e.dataset, e.publisher, e.format, files, str(e.min_records))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(update)
