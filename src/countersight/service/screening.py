"""The screening use-case: a holdings file or supplier list in, exposure and evidence out.

Everything is read and checked before anything is matched, and nothing is written (no run,
no report) unless the whole screening succeeds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from countersight.exc import InputError, mention
from countersight.exposure.aggregate import apply_decisions, summarize, weight_unknown
from countersight.inputs.folder import folder_files, read_folder
from countersight.inputs.nport import is_nport, read_nport
from countersight.inputs.numbers import COMMA, POINT
from countersight.inputs.portfolio import ReadOptions, read_portfolio
from countersight.match.types import MatchResult, Query
from countersight.model import IdScheme
from countersight.model.confidence import concern
from countersight.model.portfolio import Holding, Portfolio
from countersight.model.screening import RowDoc, ScreeningDocument, Summary
from countersight.service.context import Context, Engine
from countersight.service.decisions import Ledger
from countersight.service.rows import RowContext, evaluate, fund_findings
from countersight.service.staleness import list_warnings
from countersight.service.suppliers import supplier_view
from countersight.store import records

Progress = Callable[[str, int, int], None]  # (stage, done, total)


class Kind(StrEnum):
    """What an input file lists: holdings (shares "of the portfolio") or suppliers ("of
    spend")."""

    holdings = "holdings"
    suppliers = "suppliers"


class Decimal(StrEnum):
    """The decimal mark of a file's numbers, when a column does not tell."""

    point = "point"
    comma = "comma"

    @property
    def mark(self) -> str:
        """The character: ``.`` or ``,``."""
        return POINT if self is Decimal.point else COMMA


@dataclass(slots=True)
class ScreenOptions:
    """How to read and screen a file."""

    overrides: dict[str, str] = field(default_factory=dict)
    holdings: list[str] = field(default_factory=list)  # "KEY=FILE", or "FILE" for N-PORT
    encoding: str | None = None
    sheet: str | None = None
    decimal: str | None = None  # "." or ","; None: detect per column
    kind: str | None = None  # "holdings" or "suppliers"; None: tell from the columns
    skip_invalid: bool = False
    identifiers_only: bool = False
    by: str | None = None
    compare: str | None = None
    save: bool = True
    flag_products: bool | None = None  # None: the flag_products setting
    as_of: date | None = None  # answer as of this date (default today)


def read_input(path: Path, options: ScreenOptions) -> Portfolio:
    """A file, or a folder of files of one layout (:mod:`countersight.inputs.folder`)."""
    if path.is_dir():
        return read_folder(path, _read_options(options))
    if is_nport(path):
        return read_nport(path)
    return read_portfolio(path, _read_options(options))


def _read_options(options: ScreenOptions) -> ReadOptions:
    return ReadOptions(
        overrides=options.overrides,
        encoding=options.encoding,
        sheet=options.sheet,
        decimal=options.decimal,
        kind=options.kind,
        skip_invalid=options.skip_invalid,
        identifiers_only=options.identifiers_only,
    )


@dataclass(slots=True)
class Funds:
    """Fund holdings files, by the key a portfolio row is recognised by."""

    by_key: dict[str, Portfolio] = field(default_factory=dict)

    @classmethod
    def load(cls, specs: list[str], options: ScreenOptions) -> Funds:
        funds = cls()
        for spec in specs:
            key, sep, file = spec.partition("=")
            path = Path(file if sep else key)
            portfolio = read_input(path, ScreenOptions(encoding=options.encoding))
            keys = [key.strip()] if sep else []
            if portfolio.fund is not None:
                keys += [i.value for i in portfolio.fund.identifiers]
                keys.append(portfolio.fund.name.casefold())
            if not keys:
                raise InputError(
                    f"give the fund's key: {mention('holdings', 'ISIN_OR_TICKER_OR_NAME=FILE')} "
                    "(only an N-PORT filing names its fund itself)",
                    file=str(path),
                )
            for k in keys:
                funds.by_key[k.upper() if k.strip() != k.casefold() else k] = portfolio
                funds.by_key[k.strip().upper()] = portfolio
        return funds

    def find(self, holding: Holding) -> Portfolio | None:
        candidates = [i.value for i in holding.identifiers]
        candidates += [
            i.value.rpartition(":")[2] for i in holding.identifiers if i.scheme == IdScheme.TICKER
        ]
        if holding.name:
            candidates += [holding.name.strip().upper(), holding.name.casefold()]
        return next((self.by_key[c] for c in candidates if c in self.by_key), None)


def _shares(portfolio: Portfolio) -> list[float | None]:
    weights = portfolio.weights()
    total = sum(w for w in weights if w is not None)
    return [(w / total) if (w is not None and total) else None for w in weights]


def _query(holding: Holding) -> Query:
    return Query(
        names=[holding.name] if holding.name else [],
        identifiers=list(holding.identifiers),
        countries=[holding.country] if holding.country and len(holding.country) == 2 else [],
        key=holding.key,
    )


def screen(
    ctx: Context, path: Path, options: ScreenOptions | None = None, progress: Progress | None = None
) -> ScreeningDocument:
    """Screen one file; returns the report document (see README for its shape)."""
    opts = options or ScreenOptions()
    previous = records.get_run(ctx.store, opts.compare)["result"] if opts.compare else None
    portfolio = read_input(path, opts)
    funds = Funds.load(opts.holdings, opts)
    ctx = ctx.pinned()  # one snapshot of the data for the whole screening
    engine = ctx.engine()
    # Every portfolio reached (root and funds, recursively), each read once.
    tree: list[Portfolio] = [portfolio]
    seen_files = {portfolio.file}
    for current in tree:
        for holding in current.rows:
            fund = funds.find(holding)
            if fund is not None and fund.file not in seen_files:
                seen_files.add(fund.file)
                tree.append(fund)
    all_rows = [(p, h) for p in tree for h in p.rows]
    if progress:
        progress("matching", 0, len(all_rows))
    queries = [_query(h) for _, h in all_rows]
    results: list[list[MatchResult]] = engine.matcher.match_many(
        queries,
        limit=5,
        workers=ctx.settings.workers,
        progress=(lambda n: progress("matching", n, len(all_rows))) if progress else None,
    )
    results = [_explained(engine, q, rs) for q, rs in zip(queries, results, strict=True)]
    by_holding = {id(h): r for (_, h), r in zip(all_rows, results, strict=True)}
    flag_products = ctx.settings.flag_products if opts.flag_products is None else opts.flag_products
    row_ctx = RowContext(
        engine.view,
        ctx.settings.ownership_threshold,
        ctx.settings.max_depth,
        flag_products,
        opts.as_of,
    )
    ledger = Ledger.load(ctx.store, engine.view, [h.key for _, h in all_rows])
    walk = _Walk(funds, by_holding, row_ctx, ledger)
    evaluated = walk.rows(portfolio, depth=0, stack=(portfolio.file,))
    document = _document(ctx, portfolio, evaluated, opts.as_of)
    suppliers, date_note = supplier_view(document)
    if suppliers is not None:
        document["suppliers"] = suppliers
    if date_note is not None:
        document["input"]["notes"].append(date_note)
    if opts.save:
        document["run"] = save_run(ctx, path, document, opts.by)
    if previous is not None:
        document["comparison"] = compare(previous, document)
    return document


def save_run(ctx: Context, path: Path, document: ScreeningDocument, by: str | None) -> str:
    """Keep a screening for ``--compare`` and decisions; returns the run id. Callers that
    write reports render them first, so no run is kept for a screening whose report failed."""
    digest = input_digest(Path(path))
    kept = {k: v for k, v in document.items() if k != "comparison"}
    return records.add_run(ctx.store, Path(path).name, digest, by, dict(document["summary"]), kept)


def input_digest(path: Path) -> str:
    """SHA-256 of a file; of a folder, of its files' names and digests in name order."""
    if not path.is_dir():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    whole = hashlib.sha256()
    for file in folder_files(path)[0]:
        whole.update(f"{file.name}\0{hashlib.sha256(file.read_bytes()).hexdigest()}\n".encode())
    return whole.hexdigest()


@dataclass(frozen=True, slots=True)
class _Walk:
    """Evaluates a portfolio's rows, recursing into the funds it holds."""

    funds: Funds
    results: dict[int, list[MatchResult]]
    ctx: RowContext
    ledger: Ledger

    def rows(self, portfolio: Portfolio, depth: int, stack: tuple[str, ...]) -> list[RowDoc]:
        """Each row's findings (with its funds' holdings), decisions applied."""
        out = []
        for holding, weight in zip(portfolio.rows, portfolio.weights(), strict=True):
            row = evaluate(holding, weight, self.results[id(holding)], self.ctx)
            fund = self.funds.find(holding)
            if fund is not None and fund.file not in stack and depth < self.ctx.max_depth:
                inner = self.rows(fund, depth + 1, (*stack, fund.file))
                row["matches"] += fund_findings(
                    holding.key,
                    fund.fund.name if fund.fund else Path(fund.file).name,
                    list(zip(inner, _shares(fund), strict=True)),
                )
            out.append(apply_decisions(row, self.ledger.for_row(holding.key)))
        return out


def _explained(engine: Engine, query: Query, results: list[MatchResult]) -> list[MatchResult]:
    """Results of the parallel batch path travel without their features: score again the
    few that a report shows (entities of concern), so every row says why."""
    out = []
    for result in results:
        entity = engine.view.entities.get(result.entity_id)
        if not result.features and entity is not None and concern(entity) is not None:
            result = engine.matcher.explain(query, result.entity_id) or result
        out.append(result)
    return out


def _document(
    ctx: Context, portfolio: Portfolio, rows: list[RowDoc], as_of: date | None = None
) -> ScreeningDocument:
    totals = summarize(rows)
    return {
        "summary": with_input(totals["summary"], portfolio, rows),
        "breakdown": totals["breakdown"],
        "input": portfolio.summary(),
        "thresholds": {
            "match": ctx.settings.match_threshold,
            "review": ctx.settings.review_threshold,
            "ownership": ctx.settings.ownership_threshold / 100.0,
        },
        "sources": [
            {
                "dataset": s.dataset,
                "title": s.title,
                "loaded_at": s.loaded_at.isoformat(),
                "publisher_date": s.publisher_date.isoformat() if s.publisher_date else None,
                "sha256": s.sha256,  # for the registry, its version
            }
            for s in ctx.store.sources()
        ],
        "list_warnings": list_warnings(ctx.store.sources(), ctx.settings.stale_after_days),
        "as_of": (as_of or date.today()).isoformat(),
        "rows": rows,
        "run": None,
    }


def with_input(summary: Summary, portfolio: Portfolio, rows: list[RowDoc]) -> Summary:
    """The summary with what it says about the input: its kind (and so "of spend" or "of
    the portfolio"), rows whose weight is unknown (counted, never taken as zero), rows
    skipped as invalid."""
    weighted = portfolio.weight_basis is not None
    summary["kind"] = portfolio.kind
    summary["share_of"] = "spend" if portfolio.kind == "suppliers" else "the portfolio"
    summary["has_weights"] = weighted
    summary["weight_unknown_rows"], summary["weight_unknown_flagged"] = weight_unknown(
        rows, weighted
    )
    summary["skipped_rows"] = len(portfolio.skipped)
    return summary


def compare(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """What changed between two runs, row by row (rows are matched on their stable key)."""
    before = {r["key"]: r for r in old.get("rows", [])}
    after = {r["key"]: r for r in new.get("rows", [])}
    changes: dict[str, list[dict[str, Any]]] = {
        "new_flags": [],
        "cleared": [],
        "changed": [],
        "added_rows": [],
        "removed_rows": [],
    }
    for key, row in after.items():
        prior = before.get(key)
        if prior is None:
            changes["added_rows"].append({"key": key, "name": row["name"], "status": row["status"]})
            continue
        entry = {
            "key": key,
            "name": row["name"],
            "before": prior["status"],
            "after": row["status"],
            "entities_before": sorted({m["id"] for m in prior["matches"]}),
            "entities_after": sorted({m["id"] for m in row["matches"]}),
        }
        if row["status"] == "flagged" and prior["status"] != "flagged":
            changes["new_flags"].append(entry)
        elif prior["status"] == "flagged" and row["status"] != "flagged":
            changes["cleared"].append(entry)
        elif entry["entities_before"] != entry["entities_after"] or (
            row["status"] != prior["status"]
        ):
            changes["changed"].append(entry)
    for key, row in before.items():
        if key not in after:
            changes["removed_rows"].append(
                {"key": key, "name": row["name"], "status": row["status"]}
            )
    return changes


__all__ = ["Funds", "ScreenOptions", "ScreeningDocument", "compare", "read_input", "screen"]
