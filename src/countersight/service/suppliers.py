"""The per-supplier view of a screened spend file (``suppliers`` in the document).

Each row is tied to its supplier by the identifiers its columns give (VAT number, company
number, the payer's supplier id) and by its supplier name read loosely: case, punctuation
and legal forms ("Ltd", "Limited", "PLC") aside. Dates are read in the order the date column
shows ("13/04/2016" is day first, "04/13/2016" month first; day first when no value tells,
as UK and European files write them), and a date that does not read leaves the period to
the others, counted in the view's note. The sums are :mod:`countersight.exposure.suppliers`'.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from countersight.exposure.suppliers import Payment, by_supplier
from countersight.model import IdScheme, InvalidIdentifier
from countersight.model.screening import RowDoc, ScreeningDocument, SupplierDoc
from countersight.normalize.company_numbers import parse_company_number
from countersight.normalize.identifiers import try_identifier
from countersight.normalize.lexicon import LEGAL_FORMS, LEGAL_FORMS_NEEDING_COMPANY

_WORD = re.compile(r"[^\W_]+")
_DROP = LEGAL_FORMS - LEGAL_FORMS_NEEDING_COMPANY
_NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{2,4})$")
_TEXT_FORMATS = ("%d-%b-%y", "%d-%b-%Y", "%d %b %Y", "%d %B %Y", "%d %b %y", "%Y%m%d")


@lru_cache(maxsize=65_536)
def name_key(name: str) -> str:
    """``"ACME Security Ltd."`` and ``"Acme Security Limited"`` → ``"acme security"``."""
    words = _WORD.findall(name.casefold())
    kept = [w for w in words if w not in _DROP] or words
    return " ".join(kept)


def day_first(values: Sequence[str]) -> bool:
    """Whether a column's d/m/y dates put the day first: a value over 12 in the first place
    says so, one in the second place says not; neither: day first."""
    for value in values:
        found = _NUMERIC.match(value.strip())
        if found is None or len(found.group(1)) == 4:
            continue
        if int(found.group(1)) > 12:
            return True
        if int(found.group(2)) > 12:
            return False
    return True


@lru_cache(maxsize=4_096)
def read_date(value: str, dayfirst: bool = True) -> date | None:
    """A payment date in the usual spellings (ISO, d/m/y or m/d/y, 05-Apr-16), or None."""
    text = value.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    found = _NUMERIC.match(text)
    if found is not None:
        a, b, c = (int(g) for g in found.groups())
        if len(found.group(1)) == 4:
            year, month, day = a, b, c
        else:
            day, month = (a, b) if dayfirst else (b, a)
            year = c + 2000 if c < 100 else c
        try:
            return date(year, month, day)
        except ValueError:
            return None
    for fmt in _TEXT_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


@lru_cache(maxsize=65_536)
def _id_key(field: str, raw: str) -> str | None:
    """``vat:GB...`` or ``company:...`` for a cell, or None when it does not read (a row
    with a bad one was refused or skipped when the file was read)."""
    if field == "vat":
        found = try_identifier(IdScheme.VAT, raw)
        return None if found is None else f"vat:{found.value}"
    with contextlib.suppress(InvalidIdentifier):
        return f"company:{parse_company_number(raw)}"
    return None


def _keys(row: RowDoc, columns: Mapping[str, str]) -> tuple[str, ...]:
    cells = row["input"]
    keys: list[str] = []
    for field in ("vat", "company_number"):
        raw = cells.get(columns.get(field, ""), "").strip()
        if raw and (key := _id_key("vat" if field == "vat" else "company", raw)) is not None:
            keys.append(key)
    supplier_id = cells.get(columns.get("supplier_id", ""), "").strip()
    if supplier_id:
        keys.append(f"id:{supplier_id.upper()}")
    if row["name"]:
        keys.append(f"name:{name_key(row['name'])}")
    return tuple(keys)


def payments(rows: Sequence[RowDoc], columns: Mapping[str, str]) -> tuple[list[Payment], int]:
    """(each row as a payment, how many date cells did not read as dates)."""
    date_column = columns.get("date")
    raw = [r["input"].get(date_column, "") if date_column else "" for r in rows]
    dayfirst = day_first(raw)
    out: list[Payment] = []
    unread = 0
    for row, cell in zip(rows, raw, strict=True):
        day = read_date(cell, dayfirst) if cell.strip() else None
        unread += bool(cell.strip()) and day is None
        out.append(Payment(row, _keys(row, columns), row["name"] or "", day))
    return out, unread


def supplier_view(
    document: ScreeningDocument | Mapping[str, Any],
) -> tuple[list[SupplierDoc] | None, str | None]:
    """(the suppliers of a supplier input, what to note about its dates). Holdings have no
    suppliers (None). Recomputed from the rows, so it follows decisions."""
    meta = document["input"]
    if meta.get("kind") != "suppliers":
        return None, None
    columns = meta.get("columns", {})
    found, unread = payments(document["rows"], columns)
    note = None
    if "date" not in columns:
        note = "no date column: supplier periods unknown"
    elif unread:
        note = (
            f"{unread} date(s) in {columns['date']!r} did not read as dates: left out of "
            "supplier periods"
        )
    return by_supplier(found), note


__all__ = ["day_first", "name_key", "payments", "read_date", "supplier_view"]
