"""Shared terminal rendering: consoles, JSON output, small table helpers."""

from __future__ import annotations

import json
import sys
import textwrap
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from countersight.report.facts import tidy_floats
from countersight.service.context import Context, open_context
from countersight.settings import Settings

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def context(ctx: typer.Context) -> Context:
    """The service context for a command (opens the store, loads the registry if needed)."""
    settings = ctx.obj if isinstance(ctx.obj, Settings) else None
    return open_context(settings)


def print_json(data: Any) -> None:
    """Plain JSON on stdout (no colour, stable key order), for scripts and integrations."""
    tidy = tidy_floats(data)
    sys.stdout.write(json.dumps(tidy, ensure_ascii=False, indent=2, default=str) + "\n")


def print_wrapped(
    out: Console, text: str, indent: int = 2, hang: int = 2, label: str = "", style: str = ""
) -> None:
    """Plain ``text`` indented, wrapped at spaces to the terminal's width (a word longer
    than the width stays whole, so no word is cut in two), continuation lines ``hang``
    further in. A ``label`` ("warning:") starts the first line, in ``style``."""
    head = f"{label} " if label else ""
    wrapped = textwrap.fill(
        head + text,
        width=max(out.width, 40),
        initial_indent=" " * indent,
        subsequent_indent=" " * (indent + hang),
        break_long_words=False,
        break_on_hyphens=False,
    )
    if label and style:
        start = indent + len(head)
        shown = f"{wrapped[:indent]}[{style}]{escape(label)}[/] {escape(wrapped[start:])}"
    else:
        shown = escape(wrapped)
    out.print(shown, soft_wrap=True, highlight=False)


def status_style(status: str) -> str:
    return {"flagged": "bold red", "review": "yellow", "clear": "green"}.get(status, "")


def new_table(title: str | None, *columns: str, show_header: bool = True) -> Table:
    """A table whose cells wrap rather than being cut off in narrow terminals."""
    table = Table(title=title, show_header=show_header)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table
