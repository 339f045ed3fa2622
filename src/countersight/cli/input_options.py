"""The options that say how to read an input file, shared by ``screen`` and ``watch add``
so that a watch is read exactly as the file was screened."""

from __future__ import annotations

from countersight.inputs.aliases import FIELDS
from countersight.service.screening import Decimal, Kind

MAP = (
    'FIELD=Column: read this column as FIELD, e.g. name=Issuer or weight="% of NAV". '
    f"Fields: {', '.join(FIELDS)}."
)
SHEET = (
    "XLSX worksheet: a name (any case) or a number from 1 "
    "(default: the sheet with a recognisable header)."
)
KIND = (
    "What the file is: holdings (shares 'of the portfolio') or suppliers "
    "('of spend'); default: told by the columns."
)
DECIMAL = (
    "The decimal mark of the file's numbers, when a column does not tell "
    "(default: detected per column)."
)
SKIP_INVALID = (
    "Screen the other rows when some cannot be read (a wrong check digit, a "
    "value that is not a number...) and list the skipped ones with their reasons."
)
IDENTIFIERS_ONLY = "Screen on identifiers alone when the file has no name column."
ENCODING = "Force a text encoding, e.g. cp1252 (default: detected)."


def decimal_mark(decimal: Decimal | None) -> str | None:
    """``"."`` or ``","`` for the reader; ``None`` to detect per column."""
    return decimal.mark if decimal else None


__all__ = [
    "DECIMAL",
    "ENCODING",
    "IDENTIFIERS_ONLY",
    "KIND",
    "MAP",
    "SHEET",
    "SKIP_INVALID",
    "Decimal",
    "Kind",
    "decimal_mark",
]
