"""Identifier parsers with check digits: ISIN, LEI, CUSIP, SEDOL, USCC.

Each ``parse_*`` returns the canonical form (upper case, no spaces or separators) or raises
:class:`InvalidIdentifier` saying what is wrong, so the caller can name the file and line.
Tickers are in :mod:`countersight.normalize.tickers`.
"""

from __future__ import annotations

import re

from countersight.model import Identifier, IdScheme, InvalidIdentifier
from countersight.normalize.tickers import parse_ticker

_SEPARATORS = re.compile(r"[\s\-./]")


def _clean(raw: str) -> str:
    return _SEPARATORS.sub("", raw.strip().upper())


def _char_value(char: str) -> int:
    """0-9 for digits, 10-35 for A-Z (the convention of ISIN, CUSIP, SEDOL and LEI)."""
    if char.isdigit():
        return int(char)
    return ord(char) - ord("A") + 10


def _luhn_ok(digits: str) -> bool:
    total = 0
    for pos, char in enumerate(reversed(digits)):
        value = int(char)
        if pos % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


_ISIN_RE = re.compile(r"^[A-Z]{2}[A-Z0-9]{9}[0-9]$")


def isin_is_valid(value: str) -> bool:
    """True for a well-formed ISIN whose check digit is right (ISO 6166, Luhn on digits)."""
    if not _ISIN_RE.match(value):
        return False
    digits = "".join(str(_char_value(c)) for c in value)
    return _luhn_ok(digits)


def parse_isin(raw: str) -> str:
    """Canonical ISIN, e.g. ``CNE100000PM8``; raises :class:`InvalidIdentifier`."""
    value = _clean(raw)
    if not _ISIN_RE.match(value):
        raise InvalidIdentifier(f"{raw!r} is not an ISIN (2 letters, 9 letters/digits, 1 digit)")
    if not isin_is_valid(value):
        raise InvalidIdentifier(f"ISIN {value} has a wrong check digit")
    return value


_LEI_RE = re.compile(r"^[A-Z0-9]{18}[0-9]{2}$")


def lei_is_valid(value: str) -> bool:
    """True for a well-formed LEI whose ISO 17442 (ISO 7064 mod 97-10) check digits hold."""
    if not _LEI_RE.match(value):
        return False
    number = int("".join(str(_char_value(c)) for c in value))
    return number % 97 == 1


def parse_lei(raw: str) -> str:
    """Canonical LEI; raises :class:`InvalidIdentifier`."""
    value = _clean(raw)
    if not _LEI_RE.match(value):
        raise InvalidIdentifier(f"{raw!r} is not an LEI (20 letters/digits, last two digits)")
    if not lei_is_valid(value):
        raise InvalidIdentifier(f"LEI {value} has wrong check digits")
    return value


_CUSIP_RE = re.compile(r"^[A-Z0-9*@#]{8}[0-9]$")
_CUSIP_EXTRA = {"*": 36, "@": 37, "#": 38}


def cusip_is_valid(value: str) -> bool:
    """True for a 9-character CUSIP whose modulus-10 double-add-double check digit holds."""
    if not _CUSIP_RE.match(value):
        return False
    total = 0
    for pos, char in enumerate(value[:8]):
        number = _CUSIP_EXTRA.get(char)
        if number is None:
            number = _char_value(char)
        if pos % 2 == 1:
            number *= 2
        total += number // 10 + number % 10
    return (10 - total % 10) % 10 == int(value[8])


def parse_cusip(raw: str) -> str:
    """Canonical CUSIP; raises :class:`InvalidIdentifier`."""
    value = _clean(raw)
    if not _CUSIP_RE.match(value):
        raise InvalidIdentifier(f"{raw!r} is not a CUSIP (8 characters and a check digit)")
    if not cusip_is_valid(value):
        raise InvalidIdentifier(f"CUSIP {value} has a wrong check digit")
    return value


_SEDOL_RE = re.compile(r"^[0-9BCDFGHJKLMNPQRSTVWXYZ]{6}[0-9]$")
_SEDOL_WEIGHTS = (1, 3, 1, 7, 3, 9)


def sedol_is_valid(value: str) -> bool:
    """True for a 7-character SEDOL (no vowels) whose weighted check digit holds."""
    if not _SEDOL_RE.match(value):
        return False
    total = sum(_char_value(c) * w for c, w in zip(value[:6], _SEDOL_WEIGHTS, strict=True))
    return (10 - total % 10) % 10 == int(value[6])


def parse_sedol(raw: str) -> str:
    """Canonical SEDOL; raises :class:`InvalidIdentifier`."""
    value = _clean(raw)
    if not _SEDOL_RE.match(value):
        raise InvalidIdentifier(f"{raw!r} is not a SEDOL (6 characters without vowels + digit)")
    if not sedol_is_valid(value):
        raise InvalidIdentifier(f"SEDOL {value} has a wrong check digit")
    return value


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_RE = re.compile(rf"^[{_USCC_CHARS}]{{18}}$")


def uscc_is_valid(value: str) -> bool:
    """True for an 18-character unified social credit code whose GB 32100-2015 check holds."""
    if not _USCC_RE.match(value):
        return False
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(value[:17], _USCC_WEIGHTS, strict=True))
    check = (31 - total % 31) % 31
    return _USCC_CHARS[check] == value[17]


def parse_uscc(raw: str) -> str:
    """Canonical USCC (统一社会信用代码); raises :class:`InvalidIdentifier`."""
    value = _clean(raw)
    if not _USCC_RE.match(value):
        raise InvalidIdentifier(
            f"{raw!r} is not a unified social credit code (18 characters, no I, O, S, V, Z)"
        )
    if not uscc_is_valid(value):
        raise InvalidIdentifier(f"unified social credit code {value} has a wrong check character")
    return value


_VAT_PREFIX = re.compile(r"^(?P<cc>[A-Z]{2})(?P<rest>[0-9A-Z]{2,14})$")


def parse_vat(raw: str) -> str:
    """A VAT registration number with its country prefix (``GB980780684``).

    UK numbers are checked with their check digits (both the 97 and the 9755 rule, branch
    suffixes and the GD/HA forms of government departments and health authorities), EU
    numbers by their member state's rule (python-stdnum). Nine digits with no prefix are
    read as a UK number, as UK spend files print them.
    """
    from stdnum import exceptions as stdnum_errors
    from stdnum.eu import vat as eu_vat
    from stdnum.gb import vat as gb_vat

    value = _clean(raw)
    found = _VAT_PREFIX.match(value)
    country = found.group("cc") if found and not value.startswith(("GD", "HA")) else "GB"
    if country == "XI":  # Northern Ireland trades under the UK's numbers
        country = "GB"
    try:
        if country == "GB":
            number = gb_vat.validate(value[2:] if value.startswith(("GB", "XI")) else value)
        else:
            number = eu_vat.validate(value)[2:]
    except stdnum_errors.ValidationError as exc:
        raise InvalidIdentifier(f"{raw!r} is not a valid {country} VAT number ({exc})") from exc
    return f"{country}{number}"


def parse_identifier(scheme: IdScheme, raw: str) -> Identifier:
    """Parse ``raw`` as ``scheme`` into an :class:`Identifier`; raises on a bad value."""
    parsers = {
        IdScheme.ISIN: parse_isin,
        IdScheme.LEI: parse_lei,
        IdScheme.CUSIP: parse_cusip,
        IdScheme.SEDOL: parse_sedol,
        IdScheme.USCC: parse_uscc,
        IdScheme.VAT: parse_vat,
    }
    parser = parsers.get(scheme)
    if parser is not None:
        return Identifier(scheme, parser(raw))
    if scheme == IdScheme.TICKER:
        return Identifier(scheme, parse_ticker(raw).canonical)
    value = raw.strip()
    if not value:
        raise InvalidIdentifier(f"empty {scheme.value}")
    return Identifier(scheme, value.upper() if scheme != IdScheme.WEBSITE else value.lower())


def try_identifier(scheme: IdScheme, raw: str) -> Identifier | None:
    """Like :func:`parse_identifier` but ``None`` for a value that does not parse."""
    try:
        return parse_identifier(scheme, raw)
    except InvalidIdentifier:
        return None


__all__ = [
    "InvalidIdentifier",
    "cusip_is_valid",
    "isin_is_valid",
    "lei_is_valid",
    "parse_cusip",
    "parse_identifier",
    "parse_isin",
    "parse_lei",
    "parse_sedol",
    "parse_uscc",
    "parse_vat",
    "sedol_is_valid",
    "try_identifier",
    "uscc_is_valid",
]
