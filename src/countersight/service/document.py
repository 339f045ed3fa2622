"""The screening document's types, for the front ends (which import nothing below service).

The definitions and their units live in :mod:`countersight.model.screening`; the one rule
that applies decisions and sums rows lives in :mod:`countersight.exposure.aggregate`.
"""

from __future__ import annotations

from typing import Any, cast

from countersight.model.screening import (
    Breakdown,
    DecisionDoc,
    FindingDoc,
    FindingStatus,
    PathStep,
    Route,
    RowDoc,
    RowStatus,
    ScreeningDocument,
    Summary,
    Verdict,
)
from countersight.service.rows import category_labels


def upgrade_row(row: dict[str, Any]) -> RowDoc:
    """A row of a document stored before findings kept their concern, set-aside list and
    category labels, readable (and decidable) as a current one. Changes ``row`` in place."""
    row.setdefault("set_aside", [])
    for finding in [*row["matches"], *row["set_aside"]]:
        finding.setdefault("concern", "flagged" if finding["status"] == "flagged" else "review")
        finding["matched_entity"] = finding.get("matched_entity") or finding["id"]
        finding.setdefault("share", None)
        finding.setdefault("decision", None)
        for key in ("list_labels", "categories", "topics", "names", "lists", "path", "evidence"):
            finding.setdefault(key, [])
        finding.setdefault("category_labels", category_labels(finding["categories"]))
        if finding["decision"] is not None:
            finding["decision"].setdefault("route", None)
            finding["decision"].setdefault("matched_entity", None)
    return cast(RowDoc, row)


def upgrade(document: dict[str, Any]) -> ScreeningDocument:
    """A stored screening document in the current shape (see :func:`upgrade_row`)."""
    for row in document.get("rows", []):
        upgrade_row(row)
    document.setdefault("run", None)
    return cast(ScreeningDocument, document)


__all__ = [
    "Breakdown",
    "DecisionDoc",
    "FindingDoc",
    "FindingStatus",
    "PathStep",
    "Route",
    "RowDoc",
    "RowStatus",
    "ScreeningDocument",
    "Summary",
    "Verdict",
    "upgrade",
    "upgrade_row",
]
