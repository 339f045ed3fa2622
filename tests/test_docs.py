"""The README documents every setting, format and command (datasette's rule)."""

from __future__ import annotations

import re

import pytest

from countersight.cli import app
from countersight.settings import SETTINGS
from countersight.sources import FORMATS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_in_the_readme_table(setting) -> None:  # type: ignore[no-untyped-def]
    row = next(
        (line for line in README.splitlines() if line.startswith(f"| {setting.name} |")), None
    )
    assert row is not None, f"README settings table lacks {setting.name}"
    assert f"`{setting.env}`" in row


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_list_format_is_documented(fmt: str) -> None:
    assert f"| `{fmt}` |" in README


def test_every_command_is_mentioned() -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name in group.commands:  # type: ignore[attr-defined]
        assert re.search(rf"countersight {name}\b", README), name


def test_the_two_setup_commands_come_first() -> None:
    setup = README.split("## Set-up: two commands", 1)[1].split("##", 1)[0]
    assert "make demo" in setup
    assert "make test" in setup
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
