"""A disk that fills up during a load: one clear line, exit 1, the store as it was."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy.exc

from countersight.store import Store
from tests.conftest import Cli, fixture_data

UN = fixture_data("un-consolidated/UN_consolidated.xml")


@pytest.mark.parametrize(
    "error",
    [
        sqlalchemy.exc.OperationalError(
            "INSERT", {}, sqlite3.OperationalError("database or disk is full")
        ),
        OSError(errno.ENOSPC, "No space left on device"),
    ],
    ids=["sqlite", "os"],
)
def test_disk_full_during_a_load_is_one_line(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, error: Exception, tmp_path: Path
) -> None:
    before = cli("sources", "--json").output

    def full(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(Store, "replace_datasets", full)
    result = cli("load", UN)
    assert result.exit_code == 1
    assert result.output.strip() == (
        "error: the disk is full: nothing was loaded and the store is as it was; free some "
        "space and load again"
    )
    monkeypatch.undo()
    assert cli("sources", "--json").output == before
