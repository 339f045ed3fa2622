"""Structure in OFAC's free-text remarks.

OFAC's legacy files put identifiers, aliases, dates and links in one remarks field,
separated by ``; ``: ``Equity Ticker 002415 CN; Issuer Name ...; ISIN CNE100000PM8;
Effective Date (CMIC) 02 Aug 2021; ... a.k.a. 'CETC'.`` :func:`parse_remarks` turns the
parts we use into fields and keeps the rest as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from countersight.files import parse_date
from countersight.model import Identifier, IdScheme
from countersight.normalize.identifiers import InvalidIdentifier, parse_identifier

_DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %Y", "%Y")

# Label → identifier scheme. "alt." prefixes are removed before lookup.
_ID_LABELS: dict[str, IdScheme] = {
    "ISIN": IdScheme.ISIN,
    "Legal Entity Number": IdScheme.LEI,
    "LEI": IdScheme.LEI,
    "Unified Social Credit Code (USCC)": IdScheme.USCC,
    "Equity Ticker": IdScheme.TICKER,
    "SWIFT/BIC": IdScheme.SWIFT,
    "Website": IdScheme.WEBSITE,
}
_REGISTRATION_LABELS = (
    "Registration Number",
    "Registration ID",
    "Business Registration Number",
    "Business Registration Document #",
    "Tax ID No.",
    "C.R. No.",
    "Company Number",
    "Commercial Registry Number",
    "Public Registration Number",
    "Government Gazette Number",
    "UK Company Number",
    "Trade License No.",
    "V.A.T. Number",
    "Business Number",
)
_DATE_LABELS = {
    "Effective Date (CMIC)": "effective",
    "Listing Date (CMIC)": "listed",
    "Purchase/Sales For Divestment Date (CMIC)": "divestment",
    "Organization Established Date": "established",
}
_NAME_LABELS = ("Issuer Name",)
_SKIP_LABELS = (
    "Target Type",
    "Nationality of Registration",
    "Organization Type",
    "Additional Sanctions Information -",
    "Email Address",
    "Phone Number",
)

_ALIAS = re.compile(r"^(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s*'(?P<name>.+)'$", re.IGNORECASE)
_ALIAS_KIND = re.compile(r"^(?P<kind>a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)", re.IGNORECASE)
_COUNTRY_SUFFIX = re.compile(r"^(?P<value>.*?)\s*\((?P<country>[^()]+)\)$")


@dataclass(slots=True)
class Remarks:
    """The parts of an OFAC remarks field that carry structure."""

    identifiers: list[Identifier] = field(default_factory=list)
    registrations: list[tuple[str, str, str | None]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    former_names: list[str] = field(default_factory=list)
    issuer_names: list[str] = field(default_factory=list)
    linked_to: list[str] = field(default_factory=list)
    dates: dict[str, date] = field(default_factory=dict)
    invalid: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)


def split_remarks(text: str) -> list[str]:
    """Split on ``;`` outside quotes; strip the final full stop."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == "'" and (not current or current[-1] in " .(" or quoted):
            quoted = not quoted
        if char == ";" and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    cleaned = []
    for part in parts:
        part = part.strip()
        if part.endswith(".") and not part.endswith(("Ltd.", "Inc.", "Co.", "a.k.a.")):
            part = part[:-1].rstrip()
        if part:
            cleaned.append(part)
    return cleaned


def _label(part: str, labels: tuple[str, ...] | list[str]) -> tuple[str, str] | None:
    for label in sorted(labels, key=len, reverse=True):
        if part == label or part.startswith(label + " ") or part.startswith(label + ":"):
            return label, part[len(label) :].lstrip(" :")
    return None


def _add_identifier(out: Remarks, scheme: IdScheme, value: str) -> None:
    match = _COUNTRY_SUFFIX.match(value)
    if match and scheme not in (IdScheme.TICKER, IdScheme.WEBSITE):
        value = match.group("value")
    try:
        identifier = parse_identifier(scheme, value)
    except InvalidIdentifier as exc:
        out.invalid.append(str(exc))
        return
    if identifier not in out.identifiers:
        out.identifiers.append(identifier)


def parse_remarks(text: str | None) -> Remarks:
    """Parse an OFAC remarks field (see the module docstring)."""
    out = Remarks()
    if not text:
        return out
    for raw in split_remarks(text):
        part = raw[5:].strip() if raw.startswith("alt. ") else raw
        alias = _ALIAS.match(part)
        if alias:
            kind = _ALIAS_KIND.match(part)
            name = alias.group("name").strip()
            if kind and kind.group("kind").lower() == "f.k.a.":
                out.former_names.append(name)
            else:
                out.aliases.append(name)
            continue
        if part.startswith("Linked To:"):
            out.linked_to.append(part[len("Linked To:") :].strip().rstrip("."))
            continue
        found = _label(part, list(_ID_LABELS))
        if found:
            _add_identifier(out, _ID_LABELS[found[0]], found[1])
            continue
        found = _label(part, _REGISTRATION_LABELS)
        if found:
            match = _COUNTRY_SUFFIX.match(found[1])
            value, country = (
                (match.group("value"), match.group("country")) if match else (found[1], None)
            )
            out.registrations.append((found[0], value.strip(), country))
            continue
        found = _label(part, list(_DATE_LABELS))
        if found:
            parsed = parse_date(found[1].rstrip("."), _DATE_FORMATS)
            if parsed:
                out.dates[_DATE_LABELS[found[0]]] = parsed
            continue
        found = _label(part, _NAME_LABELS)
        if found:
            out.issuer_names.append(found[1])
            continue
        if _label(part, _SKIP_LABELS):
            continue
        out.other.append(raw)
    return out
