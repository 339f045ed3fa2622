"""Identifier parsers: check digits on real identifiers from the official files."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from countersight.normalize import identifiers as ids
from countersight.normalize.tickers import parse_ticker


@pytest.mark.parametrize(
    "value",
    [
        "CNE100000PM8",  # Hikvision, from OFAC's NS-CMIC remarks
        "CNE100001TW7",  # Dawning
        "US49151FGH73",  # Kentucky bond in the Dupree N-PORT filing
        "US0378331005",
    ],
)
def test_valid_isins(value: str) -> None:
    assert ids.parse_isin(value) == value
    assert ids.parse_isin(value.lower()) == value


@pytest.mark.parametrize("value", ["CNE100000PM9", "US0378331006", "CNE10000PM8", "12E100000PM8"])
def test_invalid_isins(value: str) -> None:
    with pytest.raises(ids.InvalidIdentifier):
        ids.parse_isin(value)


def test_isin_check_digit_message_names_the_problem() -> None:
    with pytest.raises(ids.InvalidIdentifier, match="wrong check digit"):
        ids.parse_isin("CNE100000PM9")


@pytest.mark.parametrize(
    "value",
    [
        "5493006TF05454RBY690",  # Dupree series LEI (N-PORT)
        "K5ZYN8ZUQE8S5OUPBU26",  # Goldman Sachs Bond Fund series LEI
        "253400WSS48YWMBUA688",  # from OFAC consolidated comments
        "097900BID10000147476",  # GLEIF golden copy record
    ],
)
def test_valid_leis(value: str) -> None:
    assert ids.lei_is_valid(value)


def test_invalid_lei() -> None:
    assert not ids.lei_is_valid("5493006TF05454RBY691")
    with pytest.raises(ids.InvalidIdentifier):
        ids.parse_lei("5493REALLYUNLIKELY78")


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("037833100", True),
        ("49151FGH7", True),
        ("49151FGH8", False),
        ("0378331", False),
    ],
)
def test_cusip(value: str, ok: bool) -> None:
    assert ids.cusip_is_valid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("0263494", True),
        ("B0YBKJ7", True),
        ("B0YBKJ8", False),
        ("A0YBKJ7", False),
    ],
)
def test_sedol(value: str, ok: bool) -> None:
    assert ids.sedol_is_valid(value) is ok


@pytest.mark.parametrize(
    "value",
    [
        "91330000733796106P",
        "91110000710929498G",
        "914403007954257495",
        "91350200705420347R",
    ],
)
def test_uscc_from_ofac_remarks(value: str) -> None:
    assert ids.parse_uscc(value) == value


def test_uscc_bad_check_and_bad_characters() -> None:
    with pytest.raises(ids.InvalidIdentifier, match="check"):
        ids.parse_uscc("91330000733796106Q")
    with pytest.raises(ids.InvalidIdentifier, match="no I, O"):
        ids.parse_uscc("9133000073379610IP")


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("002415.SZ", "SZ:002415"),
        ("002415 CH", "SZ:002415"),
        ("SZSE:002415", "SZ:002415"),
        ("SHE:002415", "SZ:002415"),
        ("002415 CN Equity", "SZ:002415"),
        ("0020.HK", "HK:20"),
        ("00883 HK", "HK:883"),
        ("603019CN", "SH:603019"),
        ("SHA:603019", "SH:603019"),
        ("603019.SS", "SH:603019"),
        ("688327 C1", "SH:688327"),
        ("CHA US", "US:CHA"),
        ("002415", "SZ:002415"),
    ],
)
def test_ticker_spellings(raw: str, canonical: str) -> None:
    assert parse_ticker(raw).canonical == canonical


def test_ticker_rejects_non_china_code_with_china_suffix() -> None:
    with pytest.raises(ids.InvalidIdentifier):
        parse_ticker("ABC CH")


def _isin_with_check(body: str) -> str:
    for digit in string.digits:
        if ids.isin_is_valid(body + digit):
            return body + digit
    raise AssertionError("no check digit")


@given(
    st.text(alphabet=string.ascii_uppercase, min_size=2, max_size=2),
    st.text(alphabet=string.ascii_uppercase + string.digits, min_size=9, max_size=9),
)
def test_isin_exactly_one_check_digit(country: str, body: str) -> None:
    valid = [d for d in string.digits if ids.isin_is_valid(country + body + d)]
    assert len(valid) == 1
    assert ids.parse_isin(_isin_with_check(country + body)) == country + body + valid[0]


@given(st.text(alphabet=string.ascii_uppercase + string.digits, min_size=18, max_size=18))
def test_lei_single_error_is_detected(body: str) -> None:
    check = 98 - (int("".join(str(ids._char_value(c)) for c in body + "00")) % 97)
    lei = f"{body}{check:02d}"
    assert ids.lei_is_valid(lei)
    swapped = lei[:-1] + str((int(lei[-1]) + 1) % 10)
    assert not ids.lei_is_valid(swapped)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("GB 980 7806 84", "GB980780684"),  # HMRC's own VAT number, as printed
        ("980780684", "GB980780684"),  # UK spend files print nine digits with no prefix
        ("980 7806 84 001", "GB980780684001"),  # a branch suffix
        ("GD001", "GBGD001"),  # a government department
        ("DE136695976", "DE136695976"),
    ],
)
def test_vat_numbers_parse(raw: str, value: str) -> None:
    from countersight.normalize.identifiers import parse_vat

    assert parse_vat(raw) == value


@pytest.mark.parametrize("raw", ["GB980780685", "GB 123 4567 89", "DE136695977", "GB12"])
def test_vat_numbers_with_wrong_check_digits_are_refused(raw: str) -> None:
    from countersight.normalize.identifiers import parse_vat

    with pytest.raises(ids.InvalidIdentifier, match="VAT number"):
        parse_vat(raw)
