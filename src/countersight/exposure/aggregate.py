"""Row results and their sums: how much of a portfolio is exposed, through what, to whom.

A row's *exposure* is the part of its weight that supports a flagged entity: all of it
when the row is the entity, its brand, or tied to it by ownership; for a fund, the fund's
weight times the flagged holdings' share of the fund. Shares of the portfolio divide by the
total weight of all rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from countersight.exposure.graph import Step
from countersight.model.portfolio import Holding


@dataclass(slots=True)
class Finding:
    """An entity a row is connected to, and how."""

    entity_id: str
    score: float
    match: bool
    status: str  # flagged | review
    via: str  # direct | brand | affiliate | ownership | fund
    path: list[Step] = field(default_factory=list)
    share: float = 1.0  # fraction of the row's weight this finding concerns
    decision: dict[str, Any] | None = None
    matched_entity: str | None = None  # for look-through: the entity the row itself matched
    explanation: list[str] = field(default_factory=list)  # the features behind the score


@dataclass(slots=True)
class RowResult:
    holding: Holding
    weight: float | None
    status: str = "clear"
    exposure: float | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def flagged(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "flagged"]


def settle(row: RowResult) -> None:
    """Set a row's status and exposure from its findings."""
    flagged = row.flagged
    if flagged:
        row.status = "flagged"
    elif any(f.status == "review" for f in row.findings):
        row.status = "review"
    else:
        row.status = "clear"
    if row.weight is None:
        row.exposure = None
        return
    # A row is exposed once per flagged share: direct ties expose all of it; fund holdings
    # expose their share of the fund (each holding counted once).
    if any(f.via != "fund" for f in flagged):
        share = 1.0
    else:
        shares: dict[str, float] = {}
        for finding in flagged:
            key = finding.path[0].id if finding.path else finding.entity_id
            shares[key] = max(shares.get(key, 0.0), finding.share)
        share = min(1.0, sum(shares.values()))
    row.exposure = row.weight * share if flagged else 0.0


def _primary(row: RowResult) -> list[Finding]:
    """The findings a row's exposure is attributed to: the strongest tie per held thing."""
    flagged = row.flagged
    if any(f.via != "fund" for f in flagged):
        best = max(
            (f for f in flagged if f.via != "fund"),
            key=lambda f: (
                {"direct": 4, "brand": 3, "affiliate": 2, "ownership": 1}.get(f.via, 0),
                f.score,
            ),
        )
        return [best]
    seen: dict[str, Finding] = {}
    for finding in flagged:
        key = finding.path[0].id if finding.path else finding.entity_id
        seen.setdefault(key, finding)
    return list(seen.values())


def summarize(
    rows: Sequence[RowResult],
    describe: Callable[[str], dict[str, Any]],
) -> dict[str, Any]:
    """The summary block and the breakdowns by company, list, category and route."""
    weights = [r.weight for r in rows]
    has_weights = any(w is not None for w in weights)
    total = sum(w for w in weights if w is not None) if has_weights else None
    exposed = sum(r.exposure or 0.0 for r in rows) if has_weights else None
    by_company: dict[str, dict[str, Any]] = {}
    by_list: dict[str, float] = defaultdict(float)
    by_category: dict[str, float] = defaultdict(float)
    by_route: dict[str, float] = defaultdict(float)
    for row in rows:
        for finding in _primary(row):
            amount = (row.weight or 0.0) * (finding.share if finding.via == "fund" else 1.0)
            info = describe(finding.entity_id)
            entry = by_company.setdefault(
                finding.entity_id,
                {"id": finding.entity_id, "caption": info["caption"], "weight": 0.0, "rows": 0},
            )
            entry["weight"] += amount
            entry["rows"] += 1
            for label in dict.fromkeys(info["list_labels"]):
                by_list[label] += amount
            for category in info["categories"]:
                by_category[category] += amount
            by_route[finding.via] += amount

    def shares(values: dict[str, float]) -> list[dict[str, Any]]:
        return [
            {
                "label": k,
                "weight": v if has_weights else None,
                "share": (v / total) if has_weights and total else None,
            }
            for k, v in sorted(values.items(), key=lambda kv: -kv[1])
        ]

    companies = sorted(by_company.values(), key=lambda e: -e["weight"])
    for entry in companies:
        entry["share"] = entry["weight"] / total if has_weights and total else None
        if not has_weights:
            entry["weight"] = None
    return {
        "summary": {
            "rows": len(rows),
            "flagged_rows": sum(1 for r in rows if r.status == "flagged"),
            "review_rows": sum(1 for r in rows if r.status == "review"),
            "total_weight": total,
            "exposed_weight": exposed,
            "exposed_share": (exposed / total) if exposed is not None and total else None,
        },
        "by_company": companies,
        "by_list": shares(by_list),
        "by_category": shares(by_category),
        "by_route": shares(by_route),
    }
