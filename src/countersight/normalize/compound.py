"""Compound supplier names: a legal supplier and the name it trades under, in one cell.

Payment and contract records join several names in one field: "Cellcom Ltd (T/A: DJI
Hasselblad UK)", "Smith Security Ltd trading as SecureVision", "Acme Inc DBA Acme Cameras",
"Jones c/o Northern Installers", "Orion Ltd (formerly Hikvision UK Ltd)", "City Council on
behalf of Police Scotland", "Alpha / Beta". Spend files also write "formally" for "formerly"
("C E D A / FORMALLY RISE SW"): it is read as a former name. :func:`split_compound` takes
such a name apart; each part is matched on its own and the report says which part matched
and what it is to the row (the legal supplier, a trading name, a former name...).

A connector must stand as a word or in brackets: "Data/Analytics" and "A/S" (a Danish legal
form) are not split, nor is "T/A" inside a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class PartRole(StrEnum):
    """What a part of a compound name is to the row."""

    WHOLE = "whole"  # the name as written, not compound
    LEGAL = "legal"  # the legal supplier, before the connector
    TRADING = "trading"  # T/A, trading as, DBA: the name it trades under
    FORMER = "former"  # formerly, f/k/a: a name it used before
    CARE_OF = "care_of"  # c/o: the party the payment is addressed through
    PRINCIPAL = "principal"  # on behalf of: the party the supplier acts for
    ALTERNATIVE = "alternative"  # "X / Y": either name


@dataclass(frozen=True, slots=True)
class NamePart:
    """One name of a compound supplier name, with its role and the connector that set it."""

    text: str
    role: PartRole
    connector: str = ""

    def describe(self) -> str:
        """How the report names this part ("the trading name (T/A)")."""
        label = {
            PartRole.WHOLE: "the name",
            PartRole.LEGAL: "the legal supplier",
            PartRole.TRADING: "the trading name",
            PartRole.FORMER: "the former name",
            PartRole.CARE_OF: "the care-of party",
            PartRole.PRINCIPAL: "the principal",
            PartRole.ALTERNATIVE: "an alternative name",
        }[self.role]
        return f"{label} ({self.connector})" if self.connector else label


_CONNECTORS: tuple[tuple[str, PartRole], ...] = (
    (
        r"t\s*/\s*a|trading\s+as|trades\s+as|d\s*/\s*b\s*/\s*a|d\.?b\.?a\.?|doing\s+business\s+as",
        PartRole.TRADING,
    ),
    (
        r"formerly(?:\s+known\s+as)?|formally|f\s*/\s*k\s*/\s*a|f\.?k\.?a\.?|previously(?:\s+known\s+as)?",
        PartRole.FORMER,
    ),
    (r"c\s*/\s*o|care\s+of", PartRole.CARE_OF),
    (r"on\s+behalf\s+of|o\.?b\.?o\.?", PartRole.PRINCIPAL),
)
_ROLE_OF = [(re.compile(rf"^(?:{pattern})$", re.IGNORECASE), role) for pattern, role in _CONNECTORS]
_ANY = "|".join(f"(?:{pattern})" for pattern, _ in _CONNECTORS)
# "(T/A: Y)" or "[t/a Y]": a connector opening a bracket; the bracket closes the part.
_BRACKETED = re.compile(
    rf"[(\[]\s*(?P<conn>{_ANY})\s*[:\-–]?\s*(?P<part>[^)\]]+?)\s*[)\]]", re.IGNORECASE
)
# "X t/a Y": a connector standing as a word between two names.
_INLINE = re.compile(rf"(?<![\w/])(?P<conn>{_ANY})(?![\w/])\s*[:\-–]?\s*", re.IGNORECASE)
_SLASH = re.compile(r"\s+/\s+")
_MIN_PART = 2


def _role(connector: str) -> PartRole:
    for pattern, role in _ROLE_OF:
        if pattern.match(connector.strip()):
            return role
    return PartRole.ALTERNATIVE


def _clean(text: str) -> str:
    return text.strip(" \t,;:-–()[]/")


def _usable(text: str) -> bool:
    return sum(c.isalnum() for c in text) >= _MIN_PART


def split_compound(name: str) -> list[NamePart]:
    """The parts of a compound supplier name; ``[NamePart(name, WHOLE)]`` when there are none.

    The first part is the legal supplier. A connector with nothing usable on either side
    ("T/A" alone) leaves the name whole.
    """
    text = " ".join(name.split())
    parts: list[NamePart] = []
    bracketed = list(_BRACKETED.finditer(text))
    for found in bracketed:
        part = _clean(found.group("part"))
        if _usable(part):
            conn = " ".join(found.group("conn").split())
            parts.append(NamePart(part, _role(conn), conn.upper() if len(conn) <= 5 else conn))
    for found in reversed(bracketed):
        text = text[: found.start()] + " " + text[found.end() :]
    inline = list(_INLINE.finditer(text))
    if inline:
        lead = _clean(text[: inline[0].start()])
        rest: list[tuple[str, str]] = []
        for found, following in zip(inline, [*inline[1:], None], strict=True):
            end = following.start() if following is not None else len(text)
            rest.append((_clean(text[found.end() : end]), " ".join(found.group("conn").split())))
        if _usable(lead) and all(_usable(t) for t, _ in rest):
            text = lead
            for piece, conn in rest:
                parts.append(NamePart(piece, _role(conn), conn.upper() if len(conn) <= 5 else conn))
    slash = [_clean(t) for t in _SLASH.split(text)]
    if len(slash) > 1 and all(_usable(t) for t in slash):
        text = slash[0]
        parts = [NamePart(t, PartRole.ALTERNATIVE, "/") for t in slash[1:]] + parts
    lead = _clean(text)
    if not parts or not _usable(lead):
        return [NamePart(" ".join(name.split()), PartRole.WHOLE)]
    return [NamePart(lead, PartRole.LEGAL), *parts]


__all__ = ["NamePart", "PartRole", "split_compound"]
