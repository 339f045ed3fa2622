"""What a user screens: a portfolio (holdings with weights) or a supplier list.

A :class:`Holding` keeps its original columns untouched (they pass through to every
report) next to the fields Countersight understood from them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from countersight.model.entity import Identifier, IdScheme


@dataclass(slots=True)
class Holding:
    """One data row of an input file."""

    row: int  # 1-based data row, as users count rows below the header
    line: int  # line (CSV) or row (XLSX) in the file, for error messages
    input: dict[str, str]
    # Input cells read as numbers, by column: the numeric fields in their column's format,
    # and the cells of a spreadsheet that were numbers there.
    numbers: dict[str, float] = field(default_factory=dict)
    name: str | None = None
    identifiers: list[Identifier] = field(default_factory=list)
    country: str | None = None
    weight: float | None = None  # as given: percent or fraction, normalised by the total
    market_value: float | None = None
    quantity: float | None = None
    spend: float | None = None  # supplier lists: what is spent with the supplier
    product: str | None = None
    source: str | None = None  # the file it came from, when a folder of files is screened

    def ids(self, scheme: IdScheme) -> list[str]:
        return [i.value for i in self.identifiers if i.scheme == scheme]

    @property
    def key(self) -> str:
        """A stable key for decisions and comparisons across runs: the strongest identifier,
        else the normalised name (and country)."""
        for scheme in (
            IdScheme.ISIN,
            IdScheme.LEI,
            IdScheme.CUSIP,
            IdScheme.SEDOL,
            IdScheme.USCC,
            IdScheme.TICKER,
        ):
            values = self.ids(scheme)
            if values:
                return f"{scheme.value}:{values[0]}"
        name = " ".join((self.name or "").casefold().split())
        if self.country:
            name = f"{name}|{self.country}"
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]
        return f"name:{digest}"


@dataclass(slots=True)
class FundInfo:
    """Identity of a fund whose holdings a file lists (from an N-PORT filing)."""

    name: str
    identifiers: list[Identifier] = field(default_factory=list)
    report_date: str | None = None
    net_assets: float | None = None


@dataclass(slots=True)
class Portfolio:
    """The rows of one input file and how they were read."""

    file: str
    kind: str  # "holdings", "suppliers" or "nport"
    rows: list[Holding]
    columns: dict[str, str]  # field → source column
    encoding: str | None = None
    header_line: int | None = None
    fund: FundInfo | None = None
    notes: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)  # {line, reason}
    sheet: str | None = None
    files: list[dict[str, Any]] = field(default_factory=list)  # a folder: each file read

    @property
    def weight_basis(self) -> str | None:
        """Which column weights came from: ``weight``, ``market_value``, ``spend`` or None."""
        for basis in ("weight", "market_value", "spend"):
            if basis in self.columns:
                return basis
        return "weight" if self.kind == "nport" else None

    def weights(self) -> list[float | None]:
        """Each row's weight: the weight column, else market value or spend; None when neither
        (and None on a row whose cell is empty: its weight is unknown, never zero)."""
        basis = self.weight_basis
        if basis == "weight" or (basis is None and self.kind == "nport"):
            return [r.weight for r in self.rows]
        if basis == "market_value":
            return [r.market_value for r in self.rows]
        if basis == "spend":
            return [r.spend for r in self.rows]
        return [None for _ in self.rows]

    @property
    def weight_unknown(self) -> list[int]:
        """Lines of rows without a usable weight in a file that has a weight column."""
        if self.weight_basis is None:
            return []
        return [r.line for r, w in zip(self.rows, self.weights(), strict=True) if w is None]

    def summary(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "kind": self.kind,
            "rows": len(self.rows),
            "columns": dict(self.columns),
            "encoding": self.encoding,
            "header_line": self.header_line,
            "weight_basis": self.weight_basis,
            "fund": self.fund.name if self.fund else None,
            "notes": list(self.notes),
            "sheet": self.sheet,
            "ignored_columns": list(self.ignored_columns),
            "skipped": [dict(s) for s in self.skipped],
            "weight_unknown_lines": self.weight_unknown,
            **({"files": [dict(f) for f in self.files]} if self.files else {}),
        }
