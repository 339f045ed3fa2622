"""``screen``, ``decide`` and ``runs``."""

from __future__ import annotations

import getpass
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from countersight.cli import input_options as read_opts
from countersight.cli.help import examples
from countersight.cli.input_options import Decimal, Kind
from countersight.cli.render import console, context, err_console, print_json, print_wrapped
from countersight.cli.results import print_screening
from countersight.inputs.columns import parse_overrides
from countersight.report import format_of, render_all, write_reports
from countersight.report.facts import pct
from countersight.service import decisions
from countersight.service.decisions import MAX_NOTE, DecisionRequest
from countersight.service.matching import parse_as_of
from countersight.service.screening import ScreenOptions, save_run, screen
from countersight.store import records


def screen_cmd(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ...,
        help="Holdings or supplier list: CSV, TSV, XLSX or N-PORT XML; or a folder of "
        "CSV/XLSX files of one layout (a year of monthly spend files), screened as one.",
    ),
    mapping: list[str] = typer.Option([], "--map", metavar="FIELD=COLUMN", help=read_opts.MAP),
    holdings: list[str] = typer.Option(
        [],
        "--holdings",
        metavar="KEY=FILE",
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
        None, "--compare", metavar="RUN", help="Show what changed since this run id."
    ),
    encoding: str | None = typer.Option(None, "--encoding", help=read_opts.ENCODING),
    sheet: str | None = typer.Option(
        None,
        "--sheet",
        help=read_opts.SHEET,
    ),
    kind: Kind | None = typer.Option(
        None,
        "--kind",
        help=read_opts.KIND,
    ),
    decimal: Decimal | None = typer.Option(
        None,
        "--decimal",
        help=read_opts.DECIMAL,
    ),
    skip_invalid: bool = typer.Option(
        False,
        "--skip-invalid",
        help=read_opts.SKIP_INVALID,
    ),
    identifiers_only: bool = typer.Option(
        False,
        "--identifiers-only",
        help=read_opts.IDENTIFIERS_ONLY,
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
        None,
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Answer as of this date, YYYY-MM-DD (default: today).",
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
        decimal=read_opts.decimal_mark(decimal),
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
    print_screening(document, console, show)
    for warning in document.get("list_warnings", []):
        err_console.print(f"[yellow]warning:[/] {escape(warning)}")
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
            f"review, exposed {pct(outcome.summary['exposed_share'])}"
        )


def runs(
    ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")
) -> None:
    """Earlier screening runs (for --compare)."""
    items = records.list_runs(context(ctx).store)
    if as_json:
        print_json(items)
        return
    console.print("[bold]Runs[/] (the id is what --compare takes):")
    for item in items:
        s = item["summary"]
        print_wrapped(
            console,
            f"{item['id']}  {item['created_at'][:16].replace('T', ' ')}  {item['file_name']}",
        )
        print_wrapped(
            console,
            f"by {item['created_by'] or 'unknown'}; {s['rows']} rows, {s['flagged_rows']} "
            f"flagged, {s.get('review_rows', 0)} for review; exposed {pct(s['exposed_share'])}",
            indent=4,
        )


def register(app: typer.Typer) -> None:
    app.command("screen", epilog=examples("screen"))(screen_cmd)
    app.command()(decide)
    app.command()(runs)
