"""UK company registration numbers (Companies House), as spend files print them and as
official lists state them.

A company number is eight characters: eight digits (England and Wales; printed without
its leading zeros as often as with them), or a two-letter prefix and six digits (SC
Scotland, NI Northern Ireland, OC a limited liability partnership, ...). It carries no check
digit, so it is matched only exactly, and only against a list entry that states it *is* a
UK company number: "Company Number 01074897 (United Kingdom)", "UK Company no. 06527449".
A bare "Registration ID" in the United Kingdom may be a charity's number and is not taken.
"""

from __future__ import annotations

import re

from countersight.model import Identifier, IdScheme, InvalidIdentifier

LABEL = "GB:COMPANY NUMBER"
"""The prefix of a company number read from a user's file, in the REGISTRATION scheme's
``COUNTRY:LABEL:NUMBER`` form."""

_NUMBER = re.compile(r"^(?:(?P<prefix>[A-Z]{2})(?P<tail>\d{6})|(?P<digits>\d{1,8}))$")
_UK = ("UNITED KINGDOM", "UK", "GB", "GREAT BRITAIN", "ENGLAND", "SCOTLAND", "WALES")
_STATED = re.compile(r"^(?:UK\s+)?COMPANY\s+(?:NUMBER|NO\.?)\s*", re.IGNORECASE)


def parse_company_number(raw: str) -> str:
    """The canonical eight-character form (``1074897`` → ``01074897``, ``sc 123456`` →
    ``SC123456``); raises :class:`InvalidIdentifier` for anything else."""
    value = re.sub(r"[\s\-./]", "", raw.strip().upper())
    found = _NUMBER.match(value)
    if found is None:
        raise InvalidIdentifier(
            f"{raw!r} is not a UK company number (8 digits, or 2 letters and 6 digits)"
        )
    if found.group("digits") is not None:
        if int(found.group("digits")) == 0:
            raise InvalidIdentifier(f"{raw!r} is not a UK company number (all zeros)")
        return found.group("digits").zfill(8)
    return value


def company_identifier(raw: str) -> Identifier:
    """A user's company number as an identifier (REGISTRATION, ``GB:COMPANY NUMBER:...``)."""
    return Identifier(IdScheme.REGISTRATION, f"{LABEL}:{parse_company_number(raw)}")


def uk_company_number(identifier: Identifier) -> str | None:
    """The UK company number a registration identifier states, or None: the country is the
    United Kingdom (or the number says "UK Company no.") and the label says company number."""
    if identifier.scheme != IdScheme.REGISTRATION:
        return None
    where, _, rest = identifier.value.partition(":")
    label, _, number = rest.rpartition(":")
    stated = _STATED.match(number)
    uk = where.strip() in _UK or (stated is not None and number.startswith("UK"))
    if stated is not None:
        number = number[stated.end() :]
    elif "COMPANY" not in label:
        return None
    if not uk:
        return None
    try:
        return parse_company_number(number)
    except InvalidIdentifier:
        return None


__all__ = ["LABEL", "company_identifier", "parse_company_number", "uk_company_number"]
