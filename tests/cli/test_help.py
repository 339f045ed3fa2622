"""What ``--help`` shows: every option described in words, examples, the version."""

from __future__ import annotations

import re
from typing import Any

import typer

from countersight import __version__, native
from countersight.cli import app
from countersight.inputs.aliases import FIELDS
from countersight.service.context import Context
from countersight.store import accounts
from tests.conftest import Cli


def _commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    out = [(path, command)]
    for name, sub in getattr(command, "commands", {}).items():
        out += _commands(sub, (*path, name))
    return out


def test_every_option_and_argument_is_described() -> None:
    root = typer.main.get_command(app)
    missing = [
        f"{' '.join(path) or 'countersight'} {param.name}"
        for path, command in _commands(root)
        for param in command.params
        if not (param.help or "").strip()
    ]
    assert missing == []


def test_help_shows_no_python_type_labels(cli: Cli) -> None:
    root = typer.main.get_command(app)
    for path, _command in _commands(root):
        result = cli(*path, "--help")
        assert result.exit_code == 0, result.output
        labels = re.findall(r"<[a-zA-Z_\[\]|,. ]+>", result.output)
        assert labels == [], (path, labels)


def test_screen_is_listed_first(cli: Cli) -> None:
    output = cli("--help").output
    commands = re.findall(r"^│ ([a-z][a-z-]+) ", output.split("Commands")[1], re.MULTILINE)
    assert commands[:3] == ["screen", "decide", "runs"]
    assert "countersight screen FILE" in output


def test_screen_match_and_load_show_examples(cli: Cli) -> None:
    for command in ("screen", "match", "load"):
        output = cli(command, "--help").output
        assert "Examples:" in output
        assert f"countersight {command} " in output.split("Examples:")[1]


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"countersight {__version__} ({native.describe()})"


def test_map_help_lists_every_field(cli: Cli) -> None:
    help_text = " ".join(cli("screen", "--help").output.replace("│", " ").split())
    for field in FIELDS:
        assert re.search(rf"\b{field}\b", help_text), field
    assert " ".join(cli("watch", "add", "--help").output.replace("│", " ").split()).count(
        "market_value"
    )


def test_users_add_reads_the_password_from_stdin(cli: Cli, ctx: Context) -> None:
    result = cli.runner.invoke(
        app,
        ["users", "add", "ana", "--password-stdin"],
        input="correct horse battery\n",
        env=cli.env,
    )
    assert result.exit_code == 0, result.output
    assert accounts.authenticate(ctx.store, "ana", "correct horse battery") is not None
    assert accounts.authenticate(ctx.store, "ana", "correct horse battery\n") is None
    empty = cli.runner.invoke(
        app, ["users", "add", "bob", "--password-stdin"], input="", env=cli.env
    )
    assert empty.exit_code == 2
    assert "standard input holds no password" in empty.output
    assert "--password-stdin" in cli("users", "add", "--help").output
