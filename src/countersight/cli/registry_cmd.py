"""``countersight registry check|docs``."""

from __future__ import annotations

from pathlib import Path

import typer

from countersight.cli.render import console, err_console, new_table, print_json
from countersight.service import registry

registry_app = typer.Typer(
    help="The surveillance-vendor registry shipped with Countersight.", no_args_is_help=True
)


@registry_app.command("check")
def check(
    path: Path | None = typer.Option(
        None, "--path", help="Registry folder (default: the one in the package)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Validate the registry files and print a coverage summary."""
    report = registry.check(path)
    if as_json:
        print_json({"ok": report.ok, "problems": report.problems, "coverage": report.coverage})
    elif report.ok:
        table = new_table("Registry coverage", "what", "count", show_header=False)
        for key, value in report.coverage.items():
            if isinstance(value, dict):
                value = ", ".join(f"{k}: {v}" for k, v in value.items())
            table.add_row(key.replace("_", " "), str(value))
        console.print(table)
        console.print("[green]registry check passed[/]")
    else:
        for problem in report.problems:
            err_console.print(f"[red]problem:[/] {problem}")
    if not report.ok:
        raise typer.Exit(2)


@registry_app.command("docs")
def docs(
    out: Path = typer.Option(Path("docs/registry.md"), "--out", "-o"),
    path: Path | None = typer.Option(None, "--path"),
) -> None:
    """Write the registry's Markdown page."""
    text = registry.docs_markdown(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    err_console.print(f"wrote {out}")


def register(app: typer.Typer) -> None:
    app.add_typer(registry_app, name="registry")
