"""The pieces of the per-supplier view and the supplier identifiers, on their own."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from countersight.exposure.suppliers import Payment, by_supplier, groups
from countersight.match.entity_features import company_number_match, identifier_match
from countersight.match.features import IdentifierEvidence
from countersight.model import Identifier, IdScheme, InvalidIdentifier
from countersight.normalize.company_numbers import (
    company_identifier,
    parse_company_number,
    uk_company_number,
)
from countersight.service.suppliers import day_first, name_key, read_date


def _row(number: int, weight: float | None, status: str = "clear") -> Any:
    return {
        "row": number,
        "key": f"k{number}",
        "input": {},
        "name": None,
        "status": status,
        "weight": weight,
        "exposure": None,
        "matches": [],
        "set_aside": [],
        "line": number + 1,
    }


def test_rows_join_when_they_share_any_key() -> None:
    payments = [
        Payment(_row(1, 10.0), ("vat:GB1", "name:acme"), "Acme"),
        Payment(_row(2, 20.0), ("id:7", "name:acme trading"), "Acme Trading"),
        Payment(_row(3, 5.0), ("id:7", "vat:GB1"), "ACME"),  # ties the first two together
        Payment(_row(4, 1.0), ("name:other",), "Other"),
    ]
    assert [[p.row["row"] for p in g] for g in groups(payments)] == [[1, 2, 3], [4]]


def test_status_is_the_worst_and_sums_leave_unknown_amounts_out() -> None:
    payments = [
        Payment(_row(1, 100.0), ("name:a",), "A", date(2025, 3, 1)),
        Payment(_row(2, None, "review"), ("name:a",), "A", date(2025, 1, 9)),
        Payment(_row(3, 300.0, "flagged"), ("name:a",), "A"),
        Payment(_row(4, 600.0), ("name:b",), "B"),
    ]
    a, b = by_supplier(payments)
    assert (a["status"], a["spend"], a["payments"], a["spend_unknown"]) == ("flagged", 400.0, 3, 1)
    assert (a["first"], a["last"]) == ("2025-01-09", "2025-03-01")
    assert a["share"] == 0.4  # 400 / (100 + 300 + 600)
    assert a["where"] == ["line 3", "line 4"]
    assert (b["status"], b["spend"], b["first"]) == ("clear", 600.0, None)


def test_dates_read_in_the_order_their_column_shows() -> None:
    assert day_first(["01/09/2025", "13/09/2025"]) is True
    assert day_first(["09/01/2025", "09/13/2025"]) is False
    assert day_first(["01/02/2025"]) is True  # nothing tells: day first, as UK files write
    assert read_date("01/02/2025") == date(2025, 2, 1)
    assert read_date("01/02/2025", dayfirst=False) == date(2025, 1, 2)
    assert read_date("2025-11-03") == read_date("2025-11-03T00:00:00") == date(2025, 11, 3)
    assert read_date("05-Apr-16") == date(2016, 4, 5)
    assert read_date("31/02/2025") is None
    assert read_date("soon") is None


def test_supplier_names_read_loosely() -> None:
    assert name_key("ACME Security Ltd.") == name_key("Acme Security Limited") == "acme security"
    assert name_key("Limited") == "limited"  # a name of legal forms alone stays itself


def test_uk_company_numbers() -> None:
    assert parse_company_number("1074897") == "01074897"
    assert parse_company_number("sc-123456") == "SC123456"
    for bad in ("123456789", "00000000", "S1234567"):
        with pytest.raises(InvalidIdentifier):
            parse_company_number(bad)
    stated = [
        "UNITED KINGDOM:COMPANY NUMBER:01074897",
        "UNITED KINGDOM:UK COMPANY NUMBER:1074897",
        ":BUSINESS REGISTRATION:UK COMPANY NO. 01074897",
    ]
    for value in stated:
        assert uk_company_number(Identifier(IdScheme.REGISTRATION, value)) == "01074897"
    # A UK "Registration ID" may be a charity's number; another country's is not UK's.
    for value in ("UNITED KINGDOM:REGISTRATION ID:1074897", "IRAN:COMPANY NUMBER:1074897"):
        assert uk_company_number(Identifier(IdScheme.REGISTRATION, value)) is None


def test_company_and_vat_numbers_decide_a_match() -> None:
    listed = Identifier(IdScheme.REGISTRATION, "UNITED KINGDOM:COMPANY NUMBER:01074897")
    ids = IdentifierEvidence([company_identifier("1074897")], [listed], [], [])
    assert company_number_match(ids) == (1.1, "UK company number 01074897 (the list: 01074897)")
    other = IdentifierEvidence([company_identifier("1074898")], [listed], [], [])
    assert company_number_match(other) is None
    vat = Identifier(IdScheme.VAT, "GB980780684")
    assert identifier_match(IdentifierEvidence([vat], [vat], [], [])) == (1.1, str(vat))
