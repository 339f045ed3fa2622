"""Compound supplier names from payment records: each connector, and names that only look
compound."""

from __future__ import annotations

import pytest

from countersight.normalize.compound import PartRole, split_compound


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        # Real supplier cell from a UK council spend file.
        (
            "Cellcom Ltd (T/A: DJI Hasselblad UK)",
            [("Cellcom Ltd", PartRole.LEGAL), ("DJI Hasselblad UK", PartRole.TRADING)],
        ),
        (
            "ABC LTD T/A XYZ SECURITY",
            [("ABC LTD", PartRole.LEGAL), ("XYZ SECURITY", PartRole.TRADING)],
        ),
        (
            "Smith Security Ltd trading as SecureVision",
            [("Smith Security Ltd", PartRole.LEGAL), ("SecureVision", PartRole.TRADING)],
        ),
        (
            "Acme Inc d/b/a Acme Cameras",
            [("Acme Inc", PartRole.LEGAL), ("Acme Cameras", PartRole.TRADING)],
        ),
        (
            "Acme Inc DBA Acme Cameras",
            [("Acme Inc", PartRole.LEGAL), ("Acme Cameras", PartRole.TRADING)],
        ),
        (
            "Jones c/o Northern Installers",
            [("Jones", PartRole.LEGAL), ("Northern Installers", PartRole.CARE_OF)],
        ),
        (
            "Orion Ltd (formerly Hikvision UK Ltd)",
            [("Orion Ltd", PartRole.LEGAL), ("Hikvision UK Ltd", PartRole.FORMER)],
        ),
        (
            "Orion Ltd f/k/a Hikvision UK Ltd",
            [("Orion Ltd", PartRole.LEGAL), ("Hikvision UK Ltd", PartRole.FORMER)],
        ),
        (
            "Glasgow City Council on behalf of Police Scotland",
            [("Glasgow City Council", PartRole.LEGAL), ("Police Scotland", PartRole.PRINCIPAL)],
        ),
        (
            "Alpha Ltd / Beta Ltd",
            [("Alpha Ltd", PartRole.LEGAL), ("Beta Ltd", PartRole.ALTERNATIVE)],
        ),
    ],
)
def test_each_connector_splits(name: str, parts: list[tuple[str, PartRole]]) -> None:
    assert [(p.text, p.role) for p in split_compound(name)] == parts


@pytest.mark.parametrize(
    "name",
    [
        "A.P. Moller - Maersk A/S",  # a Danish legal form, not a connector
        "Data/Analytics Ltd",
        "DBA Systems Inc",  # the connector would leave nothing before it
        "T/A",
        "Formerly Ltd",
        "Hikvision (EZVIZ)",  # a brand in brackets: a name and its brand, not a compound
        "Obol Technologies Ltd",
    ],
)
def test_names_that_only_look_compound_stay_whole(name: str) -> None:
    (part,) = split_compound(name)
    assert part.role is PartRole.WHOLE
    assert part.text == name


def test_the_report_names_the_part() -> None:
    trading = split_compound("Cellcom Ltd (T/A: DJI Hasselblad UK)")[1]
    assert trading.describe() == "the trading name (T/A)"


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        # Cells from the Devon and Oxford spend files, read after the first version of the
        # connectors: the first two led to the "formally" and slash rules.
        (
            "EGRET LTD / FORMERLY POWER SERVC",
            [("EGRET LTD", PartRole.LEGAL), ("POWER SERVC", PartRole.FORMER)],
        ),
        ("C E D A / FORMALLY RISE SW", [("C E D A", PartRole.LEGAL), ("RISE SW", PartRole.FORMER)]),
        ("RICOH (FORMERLY N R G)", [("RICOH", PartRole.LEGAL), ("N R G", PartRole.FORMER)]),
        (
            "TRUSTED TERMINAL LTD (TRADING AS TRUST ID)        ",
            [("TRUSTED TERMINAL LTD", PartRole.LEGAL), ("TRUST ID", PartRole.TRADING)],
        ),
        (
            "BEACON GROUP (INTERNATIONAL) LTD T/A ADDEX GROUP",
            [
                ("BEACON GROUP (INTERNATIONAL) LTD", PartRole.LEGAL),
                ("ADDEX GROUP", PartRole.TRADING),
            ],
        ),
    ],
)
def test_real_spend_file_cells(name: str, parts: list[tuple[str, PartRole]]) -> None:
    assert [(p.text, p.role) for p in split_compound(name)] == parts
