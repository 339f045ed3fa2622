"""Numbers as spreadsheets write them, with the format told per column.

A column's values are read under both conventions, decimal point (``1,234.5``) and decimal
comma (``1.234,5``); thousands may be grouped by the other mark, an apostrophe (``1'234.5``)
or a space (``1 234,5``). Parentheses (``(12.5)``) and a trailing minus (``12,5-``) mean
negative; ``%`` and currency signs or codes are dropped. The column's format is the one under
which every value reads. A column whose values read under both, with different results
(``1,234`` alone), is refused with its line and both readings, unless the decimal mark is
given; a column that mixes the two conventions is refused naming one value of each.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from countersight.exc import InputError, mention

POINT, COMMA = ".", ","
_LABEL = {POINT: "decimal point", COMMA: "decimal comma"}
_GROUPS = "'’ \u00a0\u202f"
_CURRENCY = re.compile(
    r"^(?:[$€£¥]|US\$|USD|EUR|GBP|CHF|JPY|CNY|RMB|HKD|SEK|NOK|DKK)\s*|"
    r"\s*(?:[$€£¥]|USD|EUR|GBP|CHF|JPY|CNY|RMB|HKD|SEK|NOK|DKK)$",
    re.IGNORECASE,
)
_BODY = re.compile(r"^[0-9.,'’ \u00a0\u202f]*[0-9][0-9.,'’ \u00a0\u202f]*$")


def quoted(value: str, limit: int = 60) -> str:
    """A value as a message quotes it: in quotes, and cut short past ``limit`` characters so
    one huge cell cannot fill the screen."""
    short = value if len(value) <= limit else value[:limit] + "…"
    return repr(short)


class NotANumber(ValueError):
    """A value that reads as a number under no convention."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One value of a column: where it is and what it says."""

    line: int
    raw: str


def _sign(raw: str) -> tuple[bool, str] | None:
    """(negative, body without sign, percent or currency), or None if not number-shaped."""
    text = raw.strip()
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    text = text.rstrip("%").strip()
    text = _CURRENCY.sub("", text).strip()
    if text.startswith(("-", "+", "−")):
        negative = negative or text[0] in "-−"
        text = text[1:].strip()
    elif text.endswith("-"):
        negative, text = True, text[:-1].strip()
    text = _CURRENCY.sub("", text).strip()
    return (negative, text) if _BODY.match(text) else None


def _grouped(integer: str, groups: str) -> str | None:
    """The digits of an integer part whose thousands are grouped by one of ``groups``."""
    marks = {c for c in integer if not c.isdigit()}
    if not marks:
        return integer
    if len(marks) > 1 or not marks <= set(groups):
        return None
    parts = integer.split(marks.pop())
    if not 1 <= len(parts[0]) <= 3 or parts[0].startswith("0"):
        return None
    if any(len(p) != 3 for p in parts[1:]):
        return None
    return "".join(parts)


def read_as(raw: str, decimal: str) -> float | None:
    """``raw`` read with ``decimal`` as the decimal mark, or None if it does not read so."""
    shaped = _sign(raw)
    if shaped is None:
        return None
    negative, body = shaped
    other = COMMA if decimal == POINT else POINT
    integer, mark, fraction = body.rpartition(decimal) if decimal in body else (body, "", "")
    if mark and (not fraction.isdigit() or decimal in integer):
        return None
    digits = _grouped(integer, _GROUPS + other) if integer else "0"
    if digits is None or (not digits and not fraction):
        return None
    value = float(f"{digits or 0}.{fraction or 0}")
    return -value if negative else value


def parse_number(raw: str) -> float:
    """One value on its own (decimal point first); raises :class:`NotANumber`."""
    for decimal in (POINT, COMMA):
        value = read_as(raw, decimal)
        if value is not None:
            return value
    raise NotANumber(raw)


def _fmt(value: float) -> str:
    return f"{value:.10g}"


# What one value says about its column's format (see :func:`evidence`).
POINT_ONLY, COMMA_ONLY, EITHER = "point only", "comma only", "either"


def evidence(raw: str) -> str | None:
    """What ``raw`` tells of its column's format: it reads only with a decimal point
    (``POINT_ONLY``), only with a decimal comma (``COMMA_ONLY``), with either but to different
    numbers (``EITHER``, as ``1,234``), or nothing (None: the same number both ways, or no
    number at all)."""
    point, comma = read_as(raw, POINT), read_as(raw, COMMA)
    if point is None:
        return None if comma is None else COMMA_ONLY
    if comma is None:
        return POINT_ONLY
    return EITHER if point != comma else None


def decide_format(first: dict[str, Cell], column: str, file: str, decimal: str | None) -> str:
    """The decimal mark of one column from the first value (by line) of each kind of
    :func:`evidence` in it; raises when the column mixes formats or nothing tells which.

    This is the rule; :func:`column_format` gathers the evidence from a list of values, and a
    reader that sees a column in pieces (Spark) gathers it over all of them first."""
    if decimal is not None:
        return decimal
    bad_point, bad_comma = first.get(COMMA_ONLY), first.get(POINT_ONLY)
    if bad_point is not None and bad_comma is not None:
        raise InputError(
            f"the column mixes number formats: {quoted(bad_comma.raw)} (line {bad_comma.line}) has "
            f"a decimal point, {quoted(bad_point.raw)} (line {bad_point.line}) a decimal comma; "
            "write the column one way",
            file=file,
            line=bad_point.line,
            column=column,
        )
    if bad_point is not None:
        return COMMA
    if bad_comma is not None:
        return POINT
    either = first.get(EITHER)
    if either is not None:
        point, comma = read_as(either.raw, POINT), read_as(either.raw, COMMA)
        raise InputError(
            f"{quoted(either.raw)} reads as {_fmt(point or 0.0)} (with a decimal point) or as "
            f"{_fmt(comma or 0.0)} (with a decimal comma); nothing else in the column tells "
            f"which: give {mention('decimal', 'point')} or {mention('decimal', 'comma')}",
            file=file,
            line=either.line,
            column=column,
        )
    return POINT


def column_format(cells: list[Cell], column: str, file: str, decimal: str | None) -> str:
    """The decimal mark of one column (see the module docstring); raises when ambiguous."""
    if decimal is not None:
        return decimal
    first: dict[str, Cell] = {}
    for cell in cells:
        kind = evidence(cell.raw)
        if kind is not None:
            first.setdefault(kind, cell)
    return decide_format(first, column, file, decimal)


def parser_for(decimal: str) -> Callable[[str], float]:
    """A reader of one column's values in the format found; raises :class:`NotANumber`."""

    def parse(raw: str) -> float:
        value = read_as(raw, decimal)
        if value is None:
            raise NotANumber(raw)
        return value

    return parse


__all__ = [
    "COMMA",
    "COMMA_ONLY",
    "EITHER",
    "POINT",
    "POINT_ONLY",
    "Cell",
    "NotANumber",
    "column_format",
    "decide_format",
    "evidence",
    "parse_number",
    "parser_for",
    "quoted",
    "read_as",
]
