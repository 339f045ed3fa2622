"""Read a holdings file or supplier list (CSV, TSV, XLSX) into a :class:`Portfolio`.

Preamble rows before the header (fund name, as-of date: ETF issuers' files have them) are
skipped, and so are footnotes and total rows after the data, each with a note. Numbers are
read in the format their column uses (:mod:`countersight.inputs.numbers`). A row that cannot
be read right (a wrong check digit, a value that is not a number, more fields than the
header, a name beyond the length limit) refuses the file, naming its line; with
``skip_invalid`` the other rows are screened and the skipped ones listed with their reasons.
A row whose weight cell is empty or ``n/a`` keeps an unknown weight (None), never zero.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from countersight.exc import InputError, mention
from countersight.inputs import checks
from countersight.inputs.columns import (
    apply_overrides,
    detect,
    find_header,
    header_score,
)
from countersight.inputs.notes import describe
from countersight.inputs.numbers import (
    Cell,
    NotANumber,
    column_format,
    parse_number,
    parser_for,
    quoted,
)
from countersight.inputs.tabular import Table, read_table
from countersight.model import IdScheme
from countersight.model.portfolio import Holding, Portfolio
from countersight.normalize.company_numbers import company_identifier
from countersight.normalize.countries import country_code
from countersight.normalize.identifiers import InvalidIdentifier, parse_identifier
from countersight.normalize.tickers import EXCHANGE_ALIASES

__all__ = ["ReadOptions", "parse_number", "read_portfolio"]

_EMPTY = {"", "-", "--", "—", "–", "n/a", "na", "n.a.", "none", "null", "nan", "#n/a", "?"}
_ID_FIELDS = {
    "isin": IdScheme.ISIN,
    "cusip": IdScheme.CUSIP,
    "sedol": IdScheme.SEDOL,
    "lei": IdScheme.LEI,
    "uscc": IdScheme.USCC,
    "vat": IdScheme.VAT,
}
_KEY_FIELDS = {"name", *_ID_FIELDS, "ticker", "company_number"}
_NUMERIC = ("weight", "market_value", "quantity", "spend")
_EXCHANGE_WORDS = {
    "shenzhen": "SZ",
    "shanghai": "SH",
    "hong kong": "HK",
    "hongkong": "HK",
    "beijing": "BJ",
    "nasdaq": "US",
    "new york": "US",
    "nyse": "US",
    "taiwan": "TW",
    "tokyo": "JP",
    "london": "GB",
    "xetra": "DE",
    "singapore": "SG",
}
_SUPPLIER_NAMES = (
    "supplier",
    "vendor",
    "lieferant",
    "fournisseur",
    "proveedor",
    "供应商",
    "仕入先",
)


class EveryRowInvalid(InputError):
    """Every data row was skipped as invalid (with ``skip_invalid``). The refusal carries the
    skipped rows, so that a caller reading a file in parts (Spark's partitions) can list them
    and go on with the other parts."""

    def __init__(self, skipped: list[dict[str, Any]], file: str) -> None:
        first = skipped[0]
        super().__init__(
            f"every data row was skipped as invalid; the first: {first['reason']}",
            file=file,
            line=first["line"],
        )
        self.skipped = skipped


@dataclass(slots=True)
class ReadOptions:
    """How to read one file: column overrides and what the user said about it."""

    overrides: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    sheet: str | None = None
    decimal: str | None = None  # "." or ","; None: detect per column
    kind: str | None = None  # "holdings" or "suppliers"; None: tell from the columns
    skip_invalid: bool = False
    identifiers_only: bool = False


def _value(cells: list[str], index: int | None) -> str | None:
    if index is None or index >= len(cells):
        return None
    value = cells[index].strip()
    return None if value.casefold() in _EMPTY else value


def _exchange(raw: str | None) -> str | None:
    if raw is None:
        return None
    upper = raw.strip().upper()
    if upper in EXCHANGE_ALIASES:
        return EXCHANGE_ALIASES[upper]
    lowered = raw.casefold()
    return next((code for word, code in _EXCHANGE_WORDS.items() if word in lowered), None)


@dataclass(slots=True)
class _Layout:
    """What is known about the file's columns once the header is found."""

    path: Path
    header: list[str]
    columns: dict[str, int]
    parsers: dict[str, Callable[[str], float]]
    numbers: set[tuple[int, int]]


def _identifier_error(layout: _Layout, field_name: str, raw: str, exc: Exception) -> InputError:
    problem = str(exc).replace(repr(raw), quoted(raw)).replace(raw, quoted(raw)[1:-1])
    fixed = checks.corrections(_ID_FIELDS[field_name], raw)
    if fixed and "check" in problem:
        digits = "check digits" if field_name == "vat" else "check digit"
        problem += f"; with the right {digits} it would be {' or '.join(fixed)}: check the source"
    return InputError(problem, column=layout.header[layout.columns[field_name]])


def _holding(layout: _Layout, line: int, row: int, cells: list[str]) -> Holding:
    """One data row; raises InputError (without file and line) for a row that cannot be read."""
    columns, header = layout.columns, layout.header
    holding = Holding(
        row=row,
        line=line,
        input={
            h or f"column {i + 1}": (cells[i] if i < len(cells) else "")
            for i, h in enumerate(header)
        },
    )
    holding.numbers = {
        h or f"column {i + 1}": float(cells[i])
        for i, h in enumerate(header)
        if (line, i) in layout.numbers and i < len(cells)
    }
    holding.name = _value(cells, columns.get("name"))
    too_long = checks.name_too_long(holding.name)
    if too_long:
        raise InputError(too_long, column=header[columns["name"]])
    for field_name, scheme in _ID_FIELDS.items():
        raw = _value(cells, columns.get(field_name))
        if raw is None:
            continue
        try:
            holding.identifiers.append(parse_identifier(scheme, raw))
        except InvalidIdentifier as exc:
            raise _identifier_error(layout, field_name, raw, exc) from exc
    company = _value(cells, columns.get("company_number"))
    if company is not None:
        try:
            holding.identifiers.append(company_identifier(company))
        except InvalidIdentifier as exc:
            raise InputError(str(exc), column=header[columns["company_number"]]) from exc
    ticker = _value(cells, columns.get("ticker"))
    if ticker is not None:
        exchange = _exchange(_value(cells, columns.get("exchange")))
        spelled = f"{exchange}:{ticker}" if exchange and ":" not in ticker else ticker
        # Tickers come in too many local forms to refuse a row for one we cannot read.
        with contextlib.suppress(InvalidIdentifier):
            holding.identifiers.append(parse_identifier(IdScheme.TICKER, spelled))
    country = _value(cells, columns.get("country"))
    if country is not None:
        holding.country = country_code(country) or country
    for field_name in _NUMERIC:
        raw = _value(cells, columns.get(field_name))
        if raw is None:
            continue
        native = (line, columns[field_name]) in layout.numbers
        try:
            value = float(raw) if native else layout.parsers[field_name](raw)
        except (NotANumber, ValueError):
            label = field_name.replace("_", " ")
            raise InputError(
                f"{label} {quoted(raw)} is not a number", column=header[columns[field_name]]
            ) from None
        setattr(holding, field_name, value)
        column = header[columns[field_name]]
        holding.numbers[column or f"column {columns[field_name] + 1}"] = value
    holding.product = _value(cells, columns.get("product"))
    return holding


def _parsers(
    table: Table,
    path: Path,
    header: list[str],
    columns: dict[str, int],
    data: list[tuple[int, list[str]]],
    decimal: str | None,
) -> dict[str, Callable[[str], float]]:
    """A number reader per numeric column, in the format the column uses."""
    parsers: dict[str, Callable[[str], float]] = {}
    for field_name in _NUMERIC:
        index = columns.get(field_name)
        if index is None:
            continue
        cells = [
            Cell(line, raw)
            for line, row in data
            if (raw := _value(row, index)) is not None and (line, index) not in table.numbers
        ]
        mark = column_format(cells, header[index], str(path), decimal)
        parsers[field_name] = parser_for(mark)
    return parsers


def _trailing_footnotes(data: list[tuple[int, list[str]]], width: int) -> int:
    """How many rows at the end of the data read as footnotes."""
    count = 0
    for _line, cells in reversed(data):
        if not checks.is_footnote(cells, width):
            break
        count += 1
    return count


def _kind(options: ReadOptions, columns: dict[str, int], header: list[str]) -> str:
    """``suppliers`` or ``holdings``: as told, else by the columns (a spend column or a
    supplier name column means a supplier list)."""
    if options.kind:
        return options.kind
    name = header[columns["name"]].casefold() if "name" in columns else ""
    if "spend" in columns or any(word in name for word in _SUPPLIER_NAMES):
        return "suppliers"
    securities = {"weight", "market_value", "quantity", "isin", "cusip", "sedol", "ticker"}
    return "holdings" if securities & set(columns) else "suppliers"


def _check_columns(
    path: Path,
    header_line: int,
    header: list[str],
    columns: dict[str, int],
    data: list[tuple[int, list[str]]],
    options: ReadOptions,
) -> None:
    if not _KEY_FIELDS & set(columns):
        raise InputError(
            "no column with names or identifiers (looked for name, issuer, security, supplier, "
            "Wertpapier, nom, nombre, 名称, 銘柄名, ISIN, CUSIP, SEDOL, ticker, LEI, USCC...); "
            f"name one with {mention('map', 'name=COLUMN')}",
            file=str(path),
            line=header_line,
        )
    if "name" in columns or options.identifiers_only:
        return
    overlooked = checks.overlooked_name_column(header, set(columns.values()), data)
    if overlooked is not None:
        column, example = overlooked
        raise InputError(
            f"no name column was recognised, but column {column!r} holds what look like names "
            f"(such as {quoted(example)}); say {mention('map', f'name={column}')} to screen the "
            f"names too, or {mention('identifiers_only')} to screen on identifiers alone",
            file=str(path),
            line=header_line,
        )


def read_portfolio(path: Path, options: ReadOptions | None = None) -> Portfolio:
    """Read holdings or suppliers from a CSV, TSV or XLSX file."""
    opts = options or ReadOptions()
    table = read_table(path, encoding=opts.encoding, sheet=opts.sheet, score=header_score)
    rows = [(line, cells) for line, cells in table.rows if any(c.strip() for c in cells)]
    if not rows:
        raise InputError("the file has no rows", file=str(path))
    position = find_header(rows, opts.overrides)
    header_line, header = rows[position]
    columns = apply_overrides(header, detect(header), opts.overrides, str(path), header_line)
    data = rows[position + 1 :]
    width = Counter(sum(1 for c in cells if c.strip()) for _, cells in data).most_common(1)
    footnotes = _trailing_footnotes(data, width[0][0] if width else 0)
    if footnotes:
        data = data[: len(data) - footnotes]
    _check_columns(path, header_line, header, columns, data, opts)
    layout = _Layout(
        path,
        header,
        columns,
        _parsers(table, path, header, columns, data, opts.decimal),
        table.numbers,
    )
    portfolio = Portfolio(
        file=str(path),
        kind=_kind(opts, columns, header),
        rows=[],
        columns={f: header[i] for f, i in columns.items()},
        encoding=table.encoding,
        header_line=header_line,
        sheet=table.sheet,
    )
    _read_rows(layout, data, portfolio, opts, table.delimiter is not None)
    if not portfolio.rows:
        if portfolio.skipped:
            raise EveryRowInvalid(portfolio.skipped, str(path))
        raise InputError("no data rows below the header", file=str(path), line=header_line)
    describe(portfolio, table, header, columns, position, rows[len(rows) - footnotes :])
    return portfolio


def _read_rows(
    layout: _Layout,
    data: list[tuple[int, list[str]]],
    portfolio: Portfolio,
    opts: ReadOptions,
    delimited: bool,
) -> None:
    """Each data row into a holding, or skipped with its reason (or the file refused)."""
    width = len(layout.header)
    nameless: list[int] = []
    for line, cells in data:
        try:
            extra = checks.extra_fields(cells, width) if delimited else 0
            if extra:
                raise InputError(
                    f"{width + extra} fields where the header has {width}: is there an unquoted "
                    "comma or semicolon in a name? Put such a value in quotes"
                )
            holding = _holding(layout, line, len(portfolio.rows) + 1, cells)
        except InputError as exc:
            if not opts.skip_invalid:
                raise InputError(
                    exc.problem
                    + f" ({mention('skip_invalid')} screens the other rows and lists this one)",
                    file=str(layout.path),
                    line=line,
                    column=exc.column,
                ) from exc
            where = f"column {exc.column!r}: " if exc.column else ""
            cells_by_column = {
                h or f"column {i + 1}": (cells[i] if i < len(cells) else "")
                for i, h in enumerate(layout.header)
            }
            portfolio.skipped.append(
                {"line": line, "reason": where + exc.problem, "input": cells_by_column}
            )
            continue
        if holding.name is None and not holding.identifiers:
            nameless.append(line)
            continue
        if checks.is_total(holding.name) and not holding.identifiers:
            portfolio.notes.append(f"line {line}: a total row ({holding.name!r}), not screened")
            continue
        portfolio.rows.append(holding)
    if nameless:
        shown = ", ".join(str(n) for n in nameless[:10]) + (", ..." if len(nameless) > 10 else "")
        portfolio.notes.append(
            f"skipped {len(nameless)} row(s) with neither a name nor an identifier "
            f"(line(s) {shown})"
        )
