"""``countersight registry check|docs``."""

from __future__ import annotations

from pathlib import Path

import typer

from countersight.cli.render import console, err_console, new_table, print_json
from countersight.service import registry

registry_app = typer.Typer(
    help="The surveillance-vendor registry shipped with Countersight.", no_args_is_help=True
)


def _print_report(report: registry.CheckReport) -> None:
    table = new_table("Registry coverage", "what", "count", show_header=False)
    for key, value in report.coverage.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items())
        table.add_row(key.replace("_", " "), str(value))
    console.print(table)
    editions = new_table(
        "Coverage per list and edition",
        "list",
        "edition",
        "citation",
        "in-scope added",
        "covered",
        "entities in edition",
    )
    for row in report.editions:
        editions.add_row(
            row["list"],
            row["edition"],
            row["citation"],
            str(row["added_in_scope"]),
            str(row["added_covered"]),
            str(row["present_in_edition"]),
        )
    console.print(editions)
    for row in report.official:
        console.print(
            f"{row['file']}: {row['in_scope']} in-scope records, {len(row['missing'])} missing"
        )


@registry_app.command("check")
def check(
    path: Path | None = typer.Option(
        None, "--path", help="Registry folder (default: the one in the package)."
    ),
    against: list[Path] = typer.Option(
        [],
        "--against",
        help="An official list file or folder (CSL, OFAC, FCC Covered List table): fail "
        "when one of its in-scope records has no registry entity. Repeatable.",
    ),
    reference: list[Path] = typer.Option(
        [],
        "--reference",
        help="Research-notes file(s): fail when a source title is not the title they give.",
    ),
    notices: bool = typer.Option(False, "--notices", help="List every notice."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Validate the registry files, its scope and evidence; print coverage per list and
    edition (and per official file given with --against)."""
    report = registry.check(path, against, reference)
    if as_json:
        print_json(report.to_dict())
    else:
        if report.ok:
            _print_report(report)
        for notice in report.notices if notices else []:
            console.print(f"[yellow]notice:[/] {notice}")
        if report.notices and not notices:
            console.print(f"{len(report.notices)} notices (show them with --notices)")
        for problem in report.problems:
            err_console.print(f"[red]problem:[/] {problem}")
        if report.ok:
            console.print("[green]registry check passed[/]")
    if not report.ok:
        raise typer.Exit(2)


@registry_app.command("docs")
def docs(
    out: Path = typer.Option(
        Path("docs/registry.md"), "--out", "-o", help="The Markdown file to write."
    ),
    path: Path | None = typer.Option(
        None, "--path", help="Registry folder (default: the one in the package)."
    ),
) -> None:
    """Write the registry's Markdown page."""
    text = registry.docs_markdown(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    err_console.print(f"wrote {out}")


def register(app: typer.Typer) -> None:
    app.add_typer(registry_app, name="registry")
