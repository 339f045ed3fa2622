"""Number formats decided once per column for the whole dataset, on the driver.

A partition screened on its own would decide each numeric column's format (decimal point or
decimal comma, :mod:`countersight.inputs.numbers`) from its own values, so two partitions
could read one column two ways. Instead the driver gathers the evidence over every value of
the column with one Spark aggregation (the first value, by row, of each kind of
:func:`~countersight.inputs.numbers.evidence`) and applies the single-machine rule,
:func:`~countersight.inputs.numbers.decide_format`, which refuses a mixed or ambiguous column
with the message ``screen`` gives. The executors then write every number of the column in
one plain form (``1234.5``) before their partition is read, so it reads the same everywhere.

Lines in messages count as ``screen`` counts them in a CSV file whose rows each take one
line under a one-line header: data row *n* (from 1) is line *n* + 1.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from countersight.inputs.columns import apply_overrides, detect
from countersight.inputs.numbers import POINT, Cell, decide_format, evidence, read_as
from countersight.inputs.portfolio import _NUMERIC as NUMERIC_FIELDS  # the reader's own list

if TYPE_CHECKING:
    from pyspark import RDD

Formats = dict[int, str]  # column position → decimal mark
FIRST_DATA_LINE = 2  # line of the first data row under a one-line header


def numeric_columns(header: list[str], overrides: dict[str, str], source: str) -> list[int]:
    """Positions of the columns read as numbers (weight, market value, quantity, spend),
    found as the single-machine reader finds them."""
    columns = apply_overrides(header, detect(header), overrides, source, 1)
    return [columns[name] for name in NUMERIC_FIELDS if name in columns]


def _evidence_of(numeric: list[int], index: int, row: Any) -> Iterator[Any]:
    """((column, kind), (row index, value)) for each numeric cell of a row that tells
    something of its column's format."""
    for position in numeric:
        raw = row[position]
        if raw is None:
            continue
        text = str(raw).strip()
        kind = evidence(text)
        if kind is not None:
            yield (position, kind), (index, text)


def decide_formats(
    rows: RDD[tuple[int, Any]],
    header: list[str],
    overrides: dict[str, str],
    source: str,
    decimal: str | None = None,
) -> Formats:
    """The decimal mark of every numeric column, decided over all ``(index, row)`` pairs of
    the input; raises :class:`~countersight.exc.InputError` as ``screen`` does for a mixed or
    an ambiguous column."""
    numeric = numeric_columns(header, overrides, source)
    if not numeric or decimal is not None:
        return dict.fromkeys(numeric, decimal or POINT)
    firsts = (
        rows.flatMap(lambda pair: _evidence_of(numeric, pair[0], pair[1]))
        .reduceByKey(min)
        .collect()
    )
    formats: Formats = {}
    for position in numeric:
        first = {
            kind: Cell(index + FIRST_DATA_LINE, text)
            for (column, kind), (index, text) in firsts
            if column == position
        }
        formats[position] = decide_format(first, header[position], source, None)
    return formats


def plain(value: float) -> str:
    """A number as digits with a decimal point and no exponent, reading back to ``value``."""
    return format(Decimal(repr(value)), "f")


def normalized(cells: list[str], formats: Formats) -> list[str]:
    """A row's cells with each number of a numeric column in plain form; a value that is not
    a number in its column's format is left as it is, for the reader to refuse."""
    out = list(cells)
    for position, mark in formats.items():
        value = read_as(out[position], mark)
        if value is not None:
            out[position] = plain(value)
    return out


__all__ = ["Formats", "decide_formats", "normalized", "numeric_columns", "plain"]
