"""The terminal's Suppliers table for a spend file: each supplier's payments summed.

Flagged and review suppliers first, then the largest clear ones, up to ``--show``; five
columns, so the table reads at 80 columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.markup import escape

from countersight.cli.render import console, new_table, status_style
from countersight.model.screening import file_line


def row_label(row: Mapping[str, Any]) -> str:
    """A row as its reader finds it: ``file:line`` in a folder, else its row number."""
    return file_line(row) if "file" in row else str(row["row"])


def _amount(supplier: Mapping[str, Any]) -> str:
    spend = supplier["spend"]
    text = "unknown" if spend is None else f"{spend:,.2f}"
    if supplier["spend_unknown"] and spend is not None:
        text += f"\n+{supplier['spend_unknown']} unknown"
    return text


def _period(supplier: Mapping[str, Any]) -> str:
    first, last = supplier["first"], supplier["last"]
    if first is None:
        return "–"
    return first if first == last else f"{first}\n{last}"


def _what(supplier: Mapping[str, Any]) -> str:
    """The status, the entities behind it, and what was bought from them."""
    status = supplier["status"]
    parts = [f"[{status_style(status)}]{status}[/]"]
    parts += [escape(f["caption"]) for f in supplier["findings"][:2]]
    bought = [f"bought: {p['text']}" for p in supplier["bought"] if p["where"] == "description"]
    parts += [escape(b) for b in bought[:2]]
    return "\n".join(parts)


def print_suppliers(doc: Mapping[str, Any], show: int) -> None:
    """The Suppliers table (supplier inputs only)."""
    suppliers = doc.get("suppliers")
    if not suppliers:
        return
    concern = [s for s in suppliers if s["status"] != "clear"]
    clear = [s for s in suppliers if s["status"] == "clear"]
    shown = (concern + clear[: max(0, min(show, 10) - len(concern))])[:show]
    title = (
        f"Suppliers: {len(suppliers)}, {sum(s['status'] == 'flagged' for s in suppliers)} "
        f"flagged, {sum(s['status'] == 'review' for s in suppliers)} for review"
    )
    table = new_table(title, "supplier", "spend", "payments", "period", "status")
    for item in shown:
        table.add_row(
            escape(item["name"]),
            _amount(item),
            str(item["payments"]),
            _period(item),
            _what(item),
        )
    console.print(table)
    if len(suppliers) > len(shown):
        console.print(
            f"... and {len(suppliers) - len(shown)} more suppliers "
            "(--out report.suppliers.csv, report.xlsx or report.html)"
        )


__all__ = ["print_suppliers", "row_label"]
