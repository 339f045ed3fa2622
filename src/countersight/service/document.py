"""The screening document's types, for the front ends (which import nothing below service).

The definitions and their units live in :mod:`countersight.model.screening`; the one rule
that applies decisions and sums rows lives in :mod:`countersight.exposure.aggregate`.
"""

from __future__ import annotations

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
]
