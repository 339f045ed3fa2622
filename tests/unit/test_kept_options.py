"""A monitored screening keeps how its file was read, so every re-screen reads it the same
way (a decimal-comma file stays read with decimal commas, skipped rows stay skipped)."""

from __future__ import annotations

from countersight.service.screening import ScreenOptions
from countersight.service.watches import kept_options


def test_a_watch_keeps_the_reading_options() -> None:
    options = ScreenOptions(
        sheet="Q3", decimal=",", kind="suppliers", skip_invalid=True, encoding="cp1252"
    )
    kept = kept_options(options)
    assert {k: kept[k] for k in ("sheet", "decimal", "kind", "skip_invalid", "encoding")} == {
        "sheet": "Q3",
        "decimal": ",",
        "kind": "suppliers",
        "skip_invalid": True,
        "encoding": "cp1252",
    }
    assert kept["identifiers_only"] is False
