"""``watch``: keep screenings under monitoring; digests after list updates; webhooks."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from countersight.cli import input_options as read_opts
from countersight.cli.input_options import Decimal, Kind
from countersight.cli.render import console, context, err_console, new_table, print_json
from countersight.service import watches as service
from countersight.service.context import Context
from countersight.service.fetch import FetchPolicy
from countersight.store import watches as store_watches

watch_app = typer.Typer(help="Monitor screened files: re-screened after every list update.")


@watch_app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="A short name for the watch."),
    file: Path = typer.Argument(..., help="Holdings or supplier list (as for `screen`)."),
    holdings: list[str] = typer.Option(
        [], "--holdings", metavar="KEY=FILE", help="Look-through files, as for `screen`."
    ),
    mapping: list[str] = typer.Option([], "--map", metavar="FIELD=COLUMN", help=read_opts.MAP),
    sheet: str | None = typer.Option(None, "--sheet", help=read_opts.SHEET),
    kind: Kind | None = typer.Option(None, "--kind", help=read_opts.KIND),
    decimal: Decimal | None = typer.Option(None, "--decimal", help=read_opts.DECIMAL),
    encoding: str | None = typer.Option(None, "--encoding", help=read_opts.ENCODING),
    skip_invalid: bool = typer.Option(False, "--skip-invalid", help=read_opts.SKIP_INVALID),
    identifiers_only: bool = typer.Option(
        False, "--identifiers-only", help=read_opts.IDENTIFIERS_ONLY
    ),
    webhook: str | None = typer.Option(None, "--webhook", help="URL that receives digests."),
    by: str | None = typer.Option(None, "--by", help="Who adds it (default: login name)."),
) -> None:
    """Screen FILE now and keep it as a watch; prints the webhook secret once.

    The file is kept with the options that say how to read it, and read the same way at
    every re-screen."""
    reading = service.ReadSpec(
        sheet=sheet,
        kind=kind.value if kind else None,
        decimal=read_opts.decimal_mark(decimal),
        encoding=encoding,
        skip_invalid=skip_invalid,
        identifiers_only=identifiers_only,
    )
    spec = service.WatchSpec(
        name, file, tuple(holdings), tuple(mapping), webhook, by or getpass.getuser(), reading
    )
    watch, document = service.add_watch(context(ctx), spec)
    summary = document["summary"]
    console.print(
        f"watching {watch.name}: {summary['rows']} rows, {summary['flagged_rows']} flagged now"
    )
    if watch.secret:
        console.print(f"webhook secret (shown once, verifies {service.SIGNATURE_HEADER}):")
        console.print(watch.secret)


@watch_app.command("list")
def list_cmd(
    ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")
) -> None:
    """The watches, when each was last screened and what it holds flagged."""
    items = store_watches.watches(context(ctx).store)
    rows = [
        {
            "name": w.name,
            "file": w.file_name,
            "webhook": w.webhook_url,
            "last_screened_at": w.last_screened_at.isoformat(),
            "flagged_rows": w.last_result.get("summary", {}).get("flagged_rows"),
        }
        for w in items
    ]
    if as_json:
        print_json(rows)
        return
    table = new_table("Watches", "name", "file", "last screened", "flagged", "webhook")
    for r in rows:
        table.add_row(
            str(r["name"]),
            str(r["file"]),
            str(r["last_screened_at"])[:16],
            str(r["flagged_rows"]),
            str(r["webhook"] or "-"),
        )
    console.print(table)


@watch_app.command("remove")
def remove(ctx: typer.Context, name: str = typer.Argument(..., help="The watch's name.")) -> None:
    """Stop watching; its digests and deliveries go with it."""
    store_watches.remove_watch(context(ctx).store, name)
    console.print(f"removed watch {name}")


@watch_app.command("digest")
def digest(
    ctx: typer.Context,
    name: str | None = typer.Argument(None, help="Only this watch."),
    limit: int = typer.Option(10, "--limit", help="How many digests, newest first."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """The latest change digests: new flags (with the list entries), cleared, changed."""
    items = store_watches.digests(context(ctx).store, name, limit)
    if as_json:
        print_json(items)
        return
    if not items:
        console.print("no changes since the watches were added")
    for item in items:
        print_digest(item["body"])


def print_digest(body: dict[str, Any], out: Console = console) -> None:
    out.print(
        f"[bold]{body['watch']}[/] ({body['file']}), {body['created_at'][:16]}: {body['reason']}"
    )
    for flag in body["new_flags"]:
        entries = "; ".join(
            f"{x['caption']} on {x['list']}"
            + (f" ({x['program']})" if x["program"] else "")
            + (f" record {x['record']}" if x["record"] else "")
            for x in flag["listings"]
        )
        out.print(f"  [bold red]new flag[/] {flag['name'] or flag['key']}: {entries}")
    for item in body["cleared"]:
        out.print(f"  [green]cleared[/] {item['name'] or item['key']}")
    for item in body["changed"]:
        out.print(
            f"  [yellow]changed[/] {item['name'] or item['key']}: {item['before']} → "
            f"{item['after']}"
        )


def policy_of(service_ctx: Context) -> FetchPolicy:
    s = service_ctx.settings
    return FetchPolicy(s.fetch_timeout, s.fetch_retries, s.fetch_backoff)


def report_pending(pending: list[store_watches.Delivery]) -> None:
    for d in pending:
        err_console.print(
            f"[yellow]webhook delivery {d.id} to {d.url} still pending after "
            f"{d.attempts} attempts: {d.last_error}[/]",
            soft_wrap=True,
        )


@watch_app.command("deliver")
def deliver(ctx: typer.Context) -> None:
    """Retry webhook deliveries that have not been accepted yet. Exit 1 if any remain."""
    service_ctx = context(ctx)
    pending = service.deliver_pending(service_ctx, policy_of(service_ctx))
    report_pending(pending)
    console.print(f"{len(pending)} deliveries pending")
    if pending:
        raise typer.Exit(1)


def after_update(service_ctx: Context, reason: str, out: Console = console) -> None:
    """Re-screen every watch after lists changed; print digests; deliver webhooks."""
    results = service.rescreen_all(service_ctx, reason)
    for _name, body in results:
        if body is not None:
            print_digest(body, out)
    if results:
        report_pending(service.deliver_pending(service_ctx, policy_of(service_ctx)))


def register(app: typer.Typer) -> None:
    app.add_typer(watch_app, name="watch")
