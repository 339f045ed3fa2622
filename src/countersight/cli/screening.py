"""``screen``, ``decide`` and ``runs``."""

from __future__ import annotations

import getpass
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from countersight.cli.render import console, context, err_console, new_table, print_json
from countersight.cli.suppliers import print_suppliers, row_label
from countersight.inputs.columns import parse_overrides
from countersight.report import format_of, render_all, write_reports
from countersight.service import decisions
from countersight.service.decisions import MAX_NOTE, DecisionRequest
from countersight.service.matching import parse_as_of
from countersight.service.screening import ScreenOptions, save_run, screen
from countersight.store import records


class Kind(StrEnum):
    """What an input file lists."""

    holdings = "holdings"
    suppliers = "suppliers"


class Decimal(StrEnum):
    """The decimal mark of a file's numbers."""

    point = "point"
    comma = "comma"


def _fmt_pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.2f}%"


def headline(doc: Mapping[str, Any]) -> str:
    """The one-line result: counts first when the file has no weights; an exposure that
    leaves out flagged rows of unknown weight says so, and is never shown as 0.00%."""
    s, meta = doc["summary"], doc["input"]
    share_of = s.get("share_of", "the portfolio")
    counts = (
        f"{s['rows']} rows, [bold red]{s['flagged_rows']} flagged[/], "
        f"[yellow]{s['review_rows']} for review[/]"
    )
    if not s.get("has_weights", s["total_weight"] is not None):
        exposure = f"no {'spend' if share_of == 'spend' else 'weight'} column: counts only"
    elif s.get("weight_unknown_flagged"):
        unknown = s["weight_unknown_flagged"]
        known = s["exposed_share"] or 0.0
        exposure = (
            f"exposed at least {_fmt_pct(known)} of {share_of}, plus {unknown} flagged row(s) "
            "of unknown weight"
            if known
            else f"exposure unknown: {unknown} flagged row(s) have no weight"
        )
    else:
        exposure = f"exposed {_fmt_pct(s['exposed_share'])} of {share_of}"
    extra = []
    if s.get("weight_unknown_rows"):
        extra.append(f"{s['weight_unknown_rows']} row(s) weight unknown")
    if s.get("skipped_rows"):
        extra.append(f"{s['skipped_rows']} row(s) skipped")
    tail = f" ({'; '.join(extra)})" if extra else ""
    return f"[bold]{escape(meta['file'])}[/]: {counts}; {exposure}{tail}"


def _print_input(doc: Mapping[str, Any]) -> None:
    """How the file was read, before any result: notes, then skipped rows with reasons."""
    meta = doc["input"]
    for note in meta.get("notes", []):
        console.print(f"[dim]note:[/] {escape(note)}", highlight=False)
    for item in meta.get("skipped", []):
        console.print(
            f"[yellow]skipped[/] line {item['line']}: {escape(item['reason'])}", highlight=False
        )


def _exposure(row: Mapping[str, Any], summary: Mapping[str, Any]) -> str:
    if row["exposure"] is not None:
        return f"{row['exposure']:.4g}"
    return "weight unknown" if summary.get("has_weights") and row["weight"] is None else "–"


def _print_summary(doc: Mapping[str, Any], show: int) -> None:
    summary = doc["summary"]
    _print_input(doc)
    console.print(headline(doc) + (f" (run {doc['run']})" if doc.get("run") else ""))
    if doc["breakdown"]["by_company"]:
        table = new_table("Exposure by company", "company", "rows", "share")
        for item in doc["breakdown"]["by_company"][:show]:
            unknown = not item["share"] and summary.get("weight_unknown_flagged")
            share = "weight unknown" if unknown else _fmt_pct(item["share"])
            table.add_row(item["caption"], str(item["rows"]), share)
        console.print(table)
    print_suppliers(doc, show)
    rows = [r for r in doc["rows"] if r["status"] != "clear"]
    if not rows:
        return
    table = new_table(
        "Rows flagged or for review",
        "row",
        "holding",
        "status",
        "exposure",
        "entity",
        "via / path",
        "lists",
    )
    for row in rows[:show]:
        matches = [m for m in row["matches"] if m["status"] == row["status"]]
        top = matches[0]
        path = " → ".join(s["caption"] for s in top["path"])
        style = "bold red" if row["status"] == "flagged" else "yellow"
        table.add_row(
            row_label(row),
            row["name"] or row["key"],
            f"[{style}]{row['status']}[/]",
            _exposure(row, summary),
            "; ".join(dict.fromkeys(m["caption"] for m in matches)),
            top["via"] + (f": {path}" if path else ""),
            ", ".join(top["list_labels"]),
        )
    console.print(table)
    if len(rows) > show:
        console.print(f"... and {len(rows) - show} more (see --out report.html or --json)")
    comparison = doc.get("comparison")
    if comparison:
        console.print(
            f"Since the compared run: {len(comparison['new_flags'])} new flag(s), "
            f"{len(comparison['cleared'])} cleared, {len(comparison['changed'])} "
            "changed."
        )
        for item in comparison["new_flags"]:
            console.print(f"  [bold red]new flag[/] {item['name'] or item['key']}")
        for item in comparison["cleared"]:
            console.print(f"  [green]cleared[/] {item['name'] or item['key']}")


def screen_cmd(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ...,
        help="Holdings or supplier list: CSV, TSV, XLSX or N-PORT XML; or a folder of "
        "CSV/XLSX files of one layout (a year of monthly spend files), screened as one.",
    ),
    mapping: list[str] = typer.Option(
        [], "--map", help='field=Column, e.g. name=Issuer or weight="% of NAV".'
    ),
    holdings: list[str] = typer.Option(
        [],
        "--holdings",
        help="KEY=FILE: look through the row "
        "whose ISIN, ticker or name is KEY"
        " to FILE's holdings (an N-PORT "
        "FILE needs no KEY).",
    ),
    out: list[Path] = typer.Option(
        [], "--out", "-o", help="Write report.html, .xlsx, .csv or .json (repeatable)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    compare: str | None = typer.Option(
        None, "--compare", help="Show what changed since this run id."
    ),
    encoding: str | None = typer.Option(None, "--encoding", help="Force a text encoding."),
    sheet: str | None = typer.Option(
        None,
        "--sheet",
        help="XLSX worksheet: a name (any case) or a number from 1 "
        "(default: the sheet with a recognisable header).",
    ),
    kind: Kind | None = typer.Option(
        None,
        "--kind",
        help="What the file is: holdings (shares 'of the portfolio') or suppliers "
        "('of spend'); default: told by the columns.",
    ),
    decimal: Decimal | None = typer.Option(
        None,
        "--decimal",
        help="The decimal mark of the file's numbers, when a column does not tell "
        "(default: detected per column).",
    ),
    skip_invalid: bool = typer.Option(
        False,
        "--skip-invalid",
        help="Screen the other rows when some cannot be read (a wrong check digit, a "
        "value that is not a number...) and list the skipped ones with their reasons.",
    ),
    identifiers_only: bool = typer.Option(
        False,
        "--identifiers-only",
        help="Screen on identifiers alone when the file has no name column.",
    ),
    by: str | None = typer.Option(None, "--by", help="Who runs this (default: login name)."),
    save: bool = typer.Option(True, "--save/--no-save", help="Keep the run for --compare."),
    show: int = typer.Option(25, "--show", help="Rows shown in the terminal."),
    flag_products: bool = typer.Option(
        False,
        "--flag-products",
        help="Flag rows whose description or trading name names a covered maker (default: "
        "review), for rules where buying covered equipment is itself the breach.",
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Answer as of this date, YYYY-MM-DD (default: today)."
    ),
) -> None:
    """Screen a portfolio or supplier list: exposure, paths and evidence."""
    for path in out:
        format_of(path)  # refuse a bad --out before doing any work
    options = ScreenOptions(
        overrides=parse_overrides(mapping),
        holdings=holdings,
        encoding=encoding,
        sheet=sheet,
        kind=kind.value if kind else None,
        decimal={"point": ".", "comma": ","}[decimal.value] if decimal else None,
        skip_invalid=skip_invalid,
        identifiers_only=identifiers_only,
        by=by or getpass.getuser(),
        compare=compare,
        save=False,  # kept below, once the reports have rendered
        flag_products=flag_products or None,
        as_of=parse_as_of(as_of),
    )
    service = context(ctx)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=as_json,
    ) as progress:
        task = progress.add_task("reading", total=None)

        def report(stage: str, done: int, total: int) -> None:
            if done == 0:
                progress.update(task, description=stage, total=total, completed=0)
            else:
                progress.update(task, advance=done)

        document = screen(service, file, options, report)
    render_all(document, out)  # a report that cannot be written keeps no run either
    if save:
        document["run"] = save_run(service, file, document, options.by)
    write_reports(document, out)
    if as_json:
        print_json(document)
        return
    _print_summary(document, show)
    for warning in document.get("list_warnings", []):
        err_console.print(f"[yellow]warning:[/] {warning}", soft_wrap=True)
    for path in out:
        err_console.print(f"wrote {path}")


def decide(
    ctx: typer.Context,
    row_key: str = typer.Argument(
        ..., help="The row's key (shown in reports: isin:..., name:...)."
    ),
    entity_id: str = typer.Argument(
        ..., help="The finding's entity id (a merged list id such as ofac-30946 also works)."
    ),
    verdict: str = typer.Argument(..., help="confirm or reject"),
    route: str | None = typer.Option(
        None,
        "--route",
        help="The finding's route: direct, brand, ownership or fund (needed only when the "
        "entity is reached by more than one; without --run and --route: the row's own match).",
    ),
    run: str | None = typer.Option(
        None,
        "--run",
        help="The run the finding was seen in: the row must be in it, and the run's stored "
        "document is updated at once.",
    ),
    note: str | None = typer.Option(None, "--note", help=f"Why (at most {MAX_NOTE:,} characters)."),
    by: str | None = typer.Option(None, "--by", help="Reviewer (default: login name)."),
) -> None:
    """Confirm or reject a finding; it applies to every later screening (and to --run)."""
    request = DecisionRequest(row_key, entity_id, verdict, by or getpass.getuser(), note, route)
    outcome = decisions.decide(context(ctx), request, run_id=run)
    decision = outcome.decision
    route_shown = f" ({decision['route']})" if decision["route"] else ""
    console.print(
        f"{decision['verdict']} {decision['entity_id']}{route_shown} for {decision['row_key']} "
        f"by {decision['decided_by']} at {decision['decided_at'][:16].replace('T', ' ')} UTC"
    )
    if outcome.row is not None and outcome.summary is not None:
        console.print(
            f"run {outcome.run}: row now {outcome.row['status']}; "
            f"{outcome.summary['flagged_rows']} flagged, {outcome.summary['review_rows']} for "
            f"review, exposed {_fmt_pct(outcome.summary['exposed_share'])}"
        )


def runs(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """Earlier screening runs (for --compare)."""
    items = records.list_runs(context(ctx).store)
    if as_json:
        print_json(items)
        return
    table = new_table("Runs", "id", "when", "file", "by", "rows", "flagged", "exposed")
    for item in items:
        s = item["summary"]
        table.add_row(
            item["id"],
            item["created_at"][:16],
            item["file_name"],
            item["created_by"] or "-",
            str(s["rows"]),
            str(s["flagged_rows"]),
            _fmt_pct(s["exposed_share"]),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("screen")(screen_cmd)
    app.command()(decide)
    app.command()(runs)
