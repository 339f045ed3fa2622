"""The checks that keep a file from being misread: an overlooked name column, footnotes and
total rows under the data, rows with more fields than the header, too-long names, and the
check digit an identifier should have had."""

from __future__ import annotations

import re

from countersight.inputs.columns import is_other
from countersight.inputs.limits import MAX_NAME_CHARS
from countersight.inputs.numbers import parse_number
from countersight.model import IdScheme, InvalidIdentifier
from countersight.normalize.identifiers import parse_identifier

Row = tuple[int, list[str]]
_TOTALS = {
    "total",
    "totals",
    "grandtotal",
    "subtotal",
    "sum",
    "summe",
    "gesamt",
    "gesamtsumme",
    "totalgeneral",
    "totaux",
    "suma",
    "合计",
    "总计",
    "小计",
    "合計",
    "総計",
    "小計",
}
_WORD = re.compile(r"[^\W\d_]{2,}")


def is_total(name: str | None) -> bool:
    """A row labelled as a sum ("Total", "Grand total", "Summe", "合计")."""
    key = re.sub(r"[\W_]+", "", (name or "").casefold())
    return key in _TOTALS


def _looks_like_name(value: str) -> bool:
    if not _WORD.search(value):
        return False
    try:
        parse_number(value)
    except ValueError:
        return True
    return False


def overlooked_name_column(
    header: list[str], used: set[int], rows: list[Row]
) -> tuple[str, str] | None:
    """(column, an example) of an unrecognised column whose values read as names: mostly
    words, mostly different from each other."""
    sample = rows[:200]
    for index, column in enumerate(header):
        if index in used or is_other(column):
            continue
        values = [c[index] for _, c in sample if index < len(c) and c[index].strip()]
        if not values:
            continue
        wordy = [v for v in values if _looks_like_name(v)]
        distinct = len(set(wordy))
        if len(wordy) >= 0.6 * len(values) and distinct >= max(1, 0.8 * len(wordy)):
            return column or f"column {index + 1}", wordy[0]
    return None


def is_footnote(cells: list[str], typical_width: int) -> bool:
    """A disclaimer or source line under the data: one or two cells of prose in a file
    whose rows fill more cells, or a sentence whatever the file."""
    filled = [c for c in cells if c.strip()]
    if not filled or len(filled) > 2:
        return False
    text = " ".join(filled)
    sentence = len(text.split()) >= 6 and text.rstrip().endswith((".", ":"))
    return sentence or (typical_width >= 3 and len(text) > 30 and " " in text)


def extra_fields(cells: list[str], width: int) -> int:
    """How many non-empty fields a row has beyond the header's ``width``."""
    return sum(1 for c in cells[width:] if c.strip())


def name_too_long(name: str | None) -> str | None:
    """Why a name cannot be screened, or None."""
    if name is not None and len(name) > MAX_NAME_CHARS:
        return (
            f"the name is {len(name):,} characters long, beyond the limit of "
            f"{MAX_NAME_CHARS} characters"
        )
    return None


_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def corrected(scheme: IdScheme, raw: str) -> str | None:
    """The identifier with its check character(s) put right, when only they are wrong."""
    found = corrections(scheme, raw)
    return found[0] if found else None


def corrections(scheme: IdScheme, raw: str) -> list[str]:
    """Every value with only the check character(s) changed that is valid: one for most
    schemes, two for a UK VAT number (its 97 and 9755 rules)."""
    value = re.sub(r"[\s\-./]", "", raw.strip().upper())
    if len(value) < 2:
        return []
    if scheme in (IdScheme.LEI, IdScheme.VAT):  # two check digits (a UK VAT number's 8th-9th)
        candidates = [value[:-2] + f"{n:02d}" for n in range(100)]
    else:
        candidates = [value[:-1] + c for c in _ALPHANUMERIC]
    out: list[str] = []
    for candidate in candidates:
        try:
            parsed = parse_identifier(scheme, candidate).value
        except InvalidIdentifier:
            continue
        if parsed not in out:
            out.append(parsed)
    return out
