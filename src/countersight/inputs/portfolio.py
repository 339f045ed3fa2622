"""Read a holdings file or supplier list (CSV, TSV, XLSX) into a :class:`Portfolio`.

Preamble rows before the header (fund name, as-of date: ETF issuers' files have them) are
skipped; so are footnotes after the data. Identifiers are checked (an ISIN with a wrong
check digit is an error naming its row and column); weights must be numbers.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from countersight.exc import InputError
from countersight.inputs.columns import apply_overrides, detect, find_header
from countersight.inputs.tabular import read_table
from countersight.model import IdScheme
from countersight.model.portfolio import Holding, Portfolio
from countersight.normalize.countries import country_code
from countersight.normalize.identifiers import InvalidIdentifier, parse_identifier
from countersight.normalize.tickers import EXCHANGE_ALIASES

_EMPTY = {"", "-", "--", "—", "n/a", "na", "none", "null", "nan", "#n/a"}
_ID_FIELDS = {
    "isin": IdScheme.ISIN,
    "cusip": IdScheme.CUSIP,
    "sedol": IdScheme.SEDOL,
    "lei": IdScheme.LEI,
    "uscc": IdScheme.USCC,
}
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
_NUMBER = re.compile(r"^\(?[-+]?[0-9][0-9,'\s]*(\.[0-9]+)?\)?%?$|^\(?[-+]?\.[0-9]+\)?%?$")


def _value(cells: list[str], index: int | None) -> str | None:
    if index is None or index >= len(cells):
        return None
    value = cells[index].strip()
    return None if value.casefold() in _EMPTY else value


def parse_number(raw: str) -> float:
    """``1,234.5``, ``(12.5)``, ``3.2%``, ``1 234`` → float; raises ValueError otherwise."""
    text = raw.strip().replace("\u00a0", " ")
    if not _NUMBER.match(text):
        raise ValueError(raw)
    negative = text.startswith("(") and text.endswith(")")
    text = text.strip("()%").replace(",", "").replace("'", "").replace(" ", "")
    value = float(text)
    return -value if negative else value


def _exchange(raw: str | None) -> str | None:
    if raw is None:
        return None
    upper = raw.strip().upper()
    if upper in EXCHANGE_ALIASES:
        return EXCHANGE_ALIASES[upper]
    lowered = raw.casefold()
    return next((code for word, code in _EXCHANGE_WORDS.items() if word in lowered), None)


def _is_footnote(cells: list[str], columns: dict[str, int]) -> bool:
    """Disclaimers under the data: one or two cells of prose, no weight or value."""
    filled = [c for c in cells if c.strip()]
    if len(filled) > 2:
        return False
    numeric = [columns[f] for f in ("weight", "market_value") if f in columns]
    if numeric and any(_value(cells, i) is not None for i in numeric):
        return False
    text = " ".join(filled)
    return len(text) > 60 or text.rstrip().endswith(".")


def _holding(
    path: Path, header: list[str], columns: dict[str, int], line: int, row: int, cells: list[str]
) -> Holding:
    holding = Holding(
        row=row,
        line=line,
        input={
            h or f"column {i + 1}": (cells[i] if i < len(cells) else "")
            for i, h in enumerate(header)
        },
    )
    holding.name = _value(cells, columns.get("name"))
    for field, scheme in _ID_FIELDS.items():
        raw = _value(cells, columns.get(field))
        if raw is None:
            continue
        try:
            holding.identifiers.append(parse_identifier(scheme, raw))
        except InvalidIdentifier as exc:
            raise InputError(
                str(exc), file=str(path), line=line, column=header[columns[field]]
            ) from exc
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
    for field in ("weight", "market_value", "quantity"):
        raw = _value(cells, columns.get(field))
        if raw is None:
            continue
        try:
            setattr(holding, field, parse_number(raw))
        except ValueError:
            label = field.replace("_", " ")
            raise InputError(
                f"{label} {raw!r} is not a number",
                file=str(path),
                line=line,
                column=header[columns[field]],
            ) from None
    holding.product = _value(cells, columns.get("product"))
    return holding


def read_portfolio(
    path: Path,
    overrides: dict[str, str] | None = None,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
) -> Portfolio:
    """Read holdings or suppliers from a CSV, TSV or XLSX file."""
    mapping = overrides or {}
    table = read_table(path, encoding=encoding, sheet=sheet)
    rows = [(line, cells) for line, cells in table.rows if any(c.strip() for c in cells)]
    if not rows:
        raise InputError("the file has no rows", file=str(path))
    position = find_header(rows, mapping)
    header_line, header = rows[position]
    columns = apply_overrides(header, detect(header), mapping, str(path), header_line)
    key_fields = {"name", "isin", "cusip", "sedol", "ticker", "lei", "uscc"}
    if not key_fields & set(columns):
        raise InputError(
            "no column with names or identifiers (looked for name, issuer, "
            "security, supplier, ISIN, CUSIP, SEDOL, ticker, LEI, USCC...); "
            "name one with --map name=COLUMN",
            file=str(path),
            line=header_line,
        )
    holdings: list[Holding] = []
    for line, cells in rows[position + 1 :]:
        if _is_footnote(cells, columns):
            continue
        holding = _holding(path, header, columns, line, len(holdings) + 1, cells)
        if holding.name is None and not holding.identifiers:
            continue
        holdings.append(holding)
    if not holdings:
        raise InputError("no data rows below the header", file=str(path), line=header_line)
    kind = "holdings" if {"weight", "market_value", "quantity"} & set(columns) else "suppliers"
    portfolio = Portfolio(
        file=str(path),
        kind=kind,
        rows=holdings,
        columns={f: header[i] for f, i in columns.items()},
        encoding=table.encoding,
        header_line=header_line,
    )
    if position:
        portfolio.notes.append(f"skipped {position} row(s) before the header")
    return portfolio
