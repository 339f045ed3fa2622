"""A screening in the terminal, readable at 80 columns.

How the file was read comes first, then the headline (counts, exposure with its unit), the
datasets screened against, exposure by company, and one block per flagged or review row:
its line in the file, the holding, its exposure, the entities, lists and categories, and
the row key that ``countersight decide`` takes. Blocks wrap at word boundaries at any width,
so no word is cut in two.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.markup import escape

from countersight.cli.render import print_wrapped
from countersight.cli.suppliers import print_suppliers
from countersight.model.screening import file_line
from countersight.report.facts import amount, category_labels, currency, datasets, pct
from countersight.report.facts import row_exposure as exposure_text

_STYLE = {"flagged": "bold red", "review": "yellow"}
_INDENT = 2


def headline(doc: Mapping[str, Any]) -> str:
    """The one-line result: counts first when the file has no weights; an exposure that
    leaves out flagged rows of unknown weight says so, and is never shown as 0.00%."""
    s, meta = doc["summary"], doc["input"]
    share_of = s.get("share_of", "the portfolio")
    counts = (
        f"{s['rows']} rows, [bold red]{s['flagged_rows']} flagged[/], "
        f"[yellow]{s['review_rows']} for review[/]"
    )
    if not s.get("has_weights", s["total_weight"] is not None):
        exposure = f"no {'spend' if share_of == 'spend' else 'weight'} column: counts only"
    elif s.get("weight_unknown_flagged"):
        unknown = s["weight_unknown_flagged"]
        known = s["exposed_share"] or 0.0
        exposure = (
            f"exposed at least {pct(known)} of {share_of}, plus {unknown} flagged row(s) "
            "of unknown weight"
            if known
            else f"exposure unknown: {unknown} flagged row(s) have no weight"
        )
    else:
        exposure = f"exposed {pct(s['exposed_share'])} of {share_of}{_amounts(doc)}"
    extra = []
    if s.get("weight_unknown_rows"):
        extra.append(f"{s['weight_unknown_rows']} row(s) weight unknown")
    if s.get("skipped_rows"):
        extra.append(f"{s['skipped_rows']} row(s) skipped")
    tail = f" ({'; '.join(extra)})" if extra else ""
    return f"[bold]{escape(meta['file'])}[/]: {counts}; {exposure}{tail}"


def _amounts(doc: Mapping[str, Any]) -> str:
    """`` (GBP 12,500 of GBP 250,000)`` for a file weighted by spend or market value."""
    s = doc["summary"]
    if doc["input"].get("weight_basis") not in ("spend", "market_value"):
        return ""
    if s["exposed_weight"] is None or s["total_weight"] is None:
        return ""
    unit = currency(doc)
    return f" ({amount(s['exposed_weight'], unit)} of {amount(s['total_weight'], unit)})"


def where(row: Mapping[str, Any], doc: Mapping[str, Any]) -> str:
    """Where a row is in the user's file: ``row 19`` of a spreadsheet, ``line 19`` of a
    text file, ``march.csv:19`` in a folder (``data row 18`` in documents kept before lines
    were)."""
    if "file" in row:
        return file_line(row)
    line = row.get("line")
    if line is None:
        return f"data row {row['row']}"
    return f"{'row' if doc['input'].get('sheet') else 'line'} {line}"


def _line(out: Console, text: str, indent: int = _INDENT, hang: int = 2) -> None:
    print_wrapped(out, text, indent, hang)


def print_input(doc: Mapping[str, Any], out: Console) -> None:
    """How the file was read, before any result: notes, then skipped rows with reasons."""
    meta = doc["input"]
    for note in meta.get("notes", []):
        out.print(f"[dim]note:[/] {escape(note)}", highlight=False)
    for item in meta.get("skipped", []):
        out.print(f"[yellow]skipped[/] line {item['line']}: {escape(item['reason'])}")


def print_datasets(doc: Mapping[str, Any], out: Console) -> None:
    out.print("Screened against:")
    for text in datasets(doc):
        _line(out, text)


def print_companies(doc: Mapping[str, Any], out: Console, show: int) -> None:
    """Exposure by company: share (with its unit) or, without weights, flagged rows."""
    companies = doc["breakdown"]["by_company"]
    if not companies:
        return
    summary = doc["summary"]
    weighted = summary.get("has_weights", summary["total_weight"] is not None)
    share_of = summary.get("share_of", "the portfolio")
    out.print()
    out.print(f"[bold]Exposure by company[/] ({'share of ' + share_of if weighted else 'rows'}):")
    for item in companies[:show]:
        unknown = not item["share"] and summary.get("weight_unknown_flagged")
        share = "weight unknown" if unknown else pct(item["share"])
        rows = f"{item['rows']} row{'s' if item['rows'] != 1 else ''}"
        figure = f"{share:>7}  {rows:<7}" if weighted else f"{rows:<7}"
        _line(out, f"{figure} {item['caption']}", hang=len(figure) + 1)


def _entities(matches: list[Mapping[str, Any]]) -> list[str]:
    """Each entity the row is tied to, once, with its route and the steps between:
    ``Hikvision Europe B.V. (ownership)``, ``Hangzhou Hikvision ... (brand: EZVIZ)``."""
    out = []
    for m in matches:
        steps = [s["caption"] for s in m["path"]]
        if steps and steps[-1] == m["caption"]:
            steps.pop()  # the entity itself ends its own path
        path = " → ".join(steps)
        out.append(f"{m['caption']} ({m['via']}{': ' + path if path else ''})")
    return list(dict.fromkeys(out))


def _also(entities: list[str], limit: int = 3) -> str:
    more = len(entities) - limit
    return "; ".join(entities[:limit]) + (f"; and {more} more" if more > 0 else "")


def print_row(row: Mapping[str, Any], doc: Mapping[str, Any], out: Console) -> None:
    """One flagged or review row as a block: a heading line, then indented facts."""
    matches = [m for m in row["matches"] if m["status"] == row["status"]]
    top = matches[0]
    style = _STYLE.get(row["status"], "")
    name = escape(row["name"] or row["key"])
    out.print()
    out.print(f"[bold]{where(row, doc)}[/]  {name}  [{style}]{row['status']}[/]")
    entities = _entities(matches)
    facts = [
        ("exposure", exposure_text(row, doc)),
        ("entity", entities[0]),
        *([("also", _also(entities[1:]))] if entities[1:] else []),
        ("lists", ", ".join(top["list_labels"]) or "–"),
        ("categories", "; ".join(category_labels(top)) or "–"),
        ("row key", f"{row['key']} (for countersight decide)"),
    ]
    for label, value in facts:
        _line(out, f"{label}: {value}")


def print_comparison(doc: Mapping[str, Any], out: Console) -> None:
    comparison = doc.get("comparison")
    if not comparison:
        return
    out.print(
        f"Since the compared run: {len(comparison['new_flags'])} new flag(s), "
        f"{len(comparison['cleared'])} cleared, {len(comparison['changed'])} changed."
    )
    for item in comparison["new_flags"]:
        _line(out, f"new flag {item['name'] or item['key']}")
    for item in comparison["cleared"]:
        _line(out, f"cleared {item['name'] or item['key']}")


def print_screening(doc: Mapping[str, Any], out: Console, show: int) -> None:
    """The whole terminal report of a screening (``show`` rows at most)."""
    print_input(doc, out)
    out.print(headline(doc) + (f" (run {doc['run']})" if doc.get("run") else ""))
    print_datasets(doc, out)
    print_companies(doc, out, show)
    print_suppliers(doc, show)
    rows = [r for r in doc["rows"] if r["status"] != "clear"]
    if rows:
        out.print()
        out.print("[bold]Rows flagged or for review[/]")
    for row in rows[:show]:
        print_row(row, doc, out)
    if len(rows) > show:
        out.print()
        out.print(f"... and {len(rows) - show} more (see --out report.html or --json)")
    print_comparison(doc, out)


__all__ = ["headline", "print_screening", "where"]
