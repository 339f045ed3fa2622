"""Cell values from users' files made safe for spreadsheets.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula
to Excel and LibreOffice ("CSV injection"): in CSV reports it is written behind an apostrophe,
as OWASP recommends (a plain number such as ``-5`` is left alone); XLSX reports write every
string as a string. Control characters, which XLSX cannot hold, become U+FFFD.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[-+]?[0-9]+([.,][0-9]+)?%?$")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def csv_safe(value: object) -> object:
    """A CSV cell that no spreadsheet will run as a formula."""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def xlsx_text(value: str) -> str:
    """Text an XLSX cell can hold (control characters replaced)."""
    return _CONTROL.sub("\ufffd", value)


def input_notes(document: Mapping[str, Any]) -> list[str]:
    """How the file was read (notes, then skipped rows with reasons), for every report."""
    meta = document.get("input")
    if not isinstance(meta, Mapping):
        return []
    notes = [str(n) for n in meta.get("notes", [])]
    notes += [f"skipped line {s['line']}: {s['reason']}" for s in meta.get("skipped", [])]
    return notes


__all__ = ["csv_safe", "input_notes", "xlsx_text"]
