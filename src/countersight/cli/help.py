"""What ``--help`` shows: value names instead of Python type labels, and examples.

Typer labels every option with its annotation (``<list[str]>``, ``<bool>``, ``<path>``);
:func:`tidy` replaces those, once for the whole command tree, with the value a user types:
the metavar an option declares, else a word for its type (``TEXT``, ``N``, ``FILE``, the
choices), and nothing for a flag. Repeatable options say so in their help.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from typer.core import TyperArgument, TyperOption

# Examples shown under a command's help; one command per line, indented like a shell.
EXAMPLES = {
    "screen": (
        "countersight screen holdings.xlsx",
        "countersight screen suppliers.csv --kind suppliers --out report.xlsx",
        'countersight screen fund.csv --map name=Issuer --map weight="% of NAV"',
        "countersight screen export.csv --decimal comma --skip-invalid -o report.html",
    ),
    "match": (
        "countersight match 海康威视",
        'countersight match "SENSETIME GROUP INC-CL B" --json',
        "countersight match --isin CNE100000PM8",
    ),
    "load": (
        "countersight load sdn_advanced.xml",
        "countersight load ~/lists/ofac-consolidated/ eu-fsf.xml",
    ),
}


def examples(command: str) -> str:
    """The epilog of ``command``'s help: its examples, or ``""``."""
    lines = EXAMPLES.get(command)
    if not lines:
        return ""
    return "Examples:\n" + "\n".join(f"  {line}" for line in lines)


class _Argument(TyperArgument):
    """An argument shown by its name alone (``FILE``, no ``<path>`` after it)."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


def value_name(param: TyperOption | TyperArgument) -> str:
    """The word help shows for an option's value."""
    descriptor = param.type_descriptor
    if descriptor.is_choice:
        return "|".join(str(c) for c in descriptor.choices or ())
    annotation = descriptor.annotation
    element = annotation.__args__[0] if descriptor.is_list else annotation
    if element is Path or descriptor.is_path:
        return "FILE"
    return {int: "N", float: "NUMBER"}.get(element, "TEXT")


def _tidy_param(param: Any) -> None:
    if isinstance(param, TyperOption):
        if param.is_flag or param.count:
            param.metavar = ""
        elif param.metavar is None:
            param.metavar = value_name(param)
        if param.multiple and param.help and "repeatable" not in param.help:
            param.help = param.help.rstrip() + " (repeatable)"
    elif isinstance(param, TyperArgument):
        if param.metavar is None:
            param.metavar = (param.name or "value").upper()  # usage adds "..." itself
        param.__class__ = _Argument


def tidy(command: Any) -> None:
    """Give every parameter of ``command`` and its subcommands (``--help`` included, which
    the command makes on first use) a readable value name."""
    for param in [*command.params, command.get_help_option(typer.Context(command))]:
        if param is not None:
            _tidy_param(param)
    for sub in getattr(command, "commands", {}).values():
        tidy(sub)


__all__ = ["EXAMPLES", "examples", "tidy", "value_name"]
