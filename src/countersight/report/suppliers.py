"""The per-supplier view in the reports: the suppliers CSV (``--out NAME.suppliers.csv``),
the XLSX report's Suppliers sheet and the HTML report's Suppliers section.

Every report shows the same suppliers from the document's ``suppliers`` list; the HTML page
shows the flagged and review ones and the largest clear ones (the CSV and XLSX all)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from countersight.report.cells import csv_safe

COLUMNS = (
    "supplier",
    "status",
    "spend",
    "share",
    "payments",
    "payments_amount_unknown",
    "first_payment",
    "last_payment",
    "bought",
    "entities",
    "routes",
    "evidence_urls",
    "identifiers",
    "other_names",
    "flagged_or_review_rows",
)
HTML_CLEAR = 25  # clear suppliers the HTML page shows, largest first


def cells(supplier: Mapping[str, Any]) -> list[Any]:
    """One supplier's cells, in :data:`COLUMNS` order."""
    findings = supplier["findings"]
    return [
        supplier["name"],
        supplier["status"],
        "" if supplier["spend"] is None else supplier["spend"],
        "" if supplier["share"] is None else supplier["share"],
        supplier["payments"],
        supplier["spend_unknown"],
        supplier["first"] or "",
        supplier["last"] or "",
        "; ".join(f"{p['text']} ({p['where']})" for p in supplier["bought"]),
        "; ".join(f"{f['caption']} [{f['status']}]" for f in findings),
        "; ".join(dict.fromkeys(v for f in findings for v in f["via"])),
        " ".join(dict.fromkeys(e["url"] for f in findings for e in f["evidence"] if e["url"])),
        "; ".join(supplier["identifiers"]),
        "; ".join(supplier["names"][1:]),
        "; ".join(supplier["where"]),
    ]


def render_suppliers_csv(document: Mapping[str, Any]) -> str:
    """One line per supplier; cells a spreadsheet would run as formulas are neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for supplier in document.get("suppliers") or []:
        writer.writerow([csv_safe(c) for c in cells(supplier)])
    return buffer.getvalue()


def html_suppliers(document: Mapping[str, Any]) -> tuple[list[Any], int]:
    """(the suppliers the HTML page shows, how many more there are)."""
    suppliers: Sequence[Any] = document.get("suppliers") or []
    concern = [s for s in suppliers if s["status"] != "clear"]
    clear = [s for s in suppliers if s["status"] == "clear"][:HTML_CLEAR]
    return concern + clear, len(suppliers) - len(concern) - len(clear)


__all__ = ["COLUMNS", "HTML_CLEAR", "cells", "html_suppliers", "render_suppliers_csv"]
