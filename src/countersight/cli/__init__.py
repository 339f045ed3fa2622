"""The ``countersight`` command line: parse options, call a service, render the result.

Errors Countersight raises on purpose print one line (file, line, problem) and exit with
the error's code: 2 for bad input, 1 otherwise.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from countersight import __version__, native
from countersight.exc import CountersightError
from countersight.settings import load_settings


class _Group(TyperGroup):
    """Turns :class:`CountersightError` into one line on stderr and its exit code, and
    shows readable value names in every command's help (:func:`help.tidy`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from countersight.cli.help import tidy

        tidy(self)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except CountersightError as exc:
            from countersight.cli.render import err_console

            err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_Group,
    help="Screen portfolios and supplier lists for exposure to mass-surveillance vendors.\n\n"
    "Start with: countersight screen FILE. Every command's --help shows its options "
    "(screen, match and load with examples).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"countersight {__version__} ({native.describe()})")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    db: str = typer.Option(
        "",
        "--db",
        envvar="COUNTERSIGHT_DB",
        metavar="URL",
        help="Database URL (sqlite:///path or postgresql://...).",
    ),
    version: bool = typer.Option(
        False,
        "--version",
        callback=_version,
        is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    """Countersight: due diligence on surveillance-technology exposure."""
    ctx.obj = load_settings(db=db or None)


def _register() -> None:
    from countersight.cli import (
        data,
        matching,
        registry_cmd,
        screening,
        server,
        spark_cmd,
        update_cmd,
        watch_cmd,
    )

    # The order of `countersight --help`: screening first, then matching and the lists.
    screening.register(app)
    matching.register(app)
    data.register(app)
    registry_cmd.register(app)
    server.register(app)
    spark_cmd.register(app)
    update_cmd.register(app)
    watch_cmd.register(app)


_register()


def main() -> None:
    app()


__all__ = ["app", "main"]
