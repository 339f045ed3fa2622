"""Turn a row's match results into findings: direct, brand, ownership look-through, review.

Decisions apply here: a rejected candidate is dropped, a confirmed one counts as a match.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from countersight.exposure.aggregate import Finding, RowResult, settle
from countersight.exposure.graph import Step, lookthrough
from countersight.match.affiliate import reaches_affiliates
from countersight.match.types import MatchResult
from countersight.model import Entity, list_label
from countersight.model.confidence import concern
from countersight.model.portfolio import Holding
from countersight.model.view import DataView
from countersight.service.present import evidence_dict, list_ids
from countersight.store.records import Decision


@dataclass(slots=True)
class RowContext:
    """What row evaluation needs: the view, the decisions, the look-through settings."""

    view: DataView
    decisions: dict[tuple[str, str], Decision]
    threshold: float
    max_depth: int

    def concern(self, entity_id: str) -> str | None:
        """``flagged`` for an entity backed by H/M material, ``review`` for one known only
        from L leads, None for a reference record (no listing, no evidence)."""
        entity = self.view.entities.get(entity_id)
        return concern(entity) if entity is not None else None


def evaluate(
    holding: Holding, weight: float | None, results: list[MatchResult], ctx: RowContext
) -> RowResult:
    """A row's findings from its own match results (fund look-through is added later)."""
    row = RowResult(holding=holding, weight=weight)
    for result in results:
        decision = ctx.decisions.get((holding.key, result.entity_id))
        if decision is not None and decision.verdict == "reject":
            continue
        confirmed = decision is not None and decision.verdict == "confirm"
        is_match = result.match or confirmed
        concern = ctx.concern(result.entity_id)
        decided = decision.to_dict() if decision else None
        why = result.explanation
        if is_match and result.route == "affiliate":
            # An affiliate inferred from its name: flagged only where a listing reaches
            # subsidiaries and affiliates; no ownership look-through from the parent.
            entity = ctx.view.entities[result.entity_id]
            level = concern if concern != "flagged" or reaches_affiliates(entity) else "review"
            if level is not None:
                row.findings.append(
                    Finding(
                        result.entity_id,
                        result.score,
                        True,
                        level,
                        "affiliate",
                        decision=decided,
                        explanation=why,
                    )
                )
        elif is_match:
            if concern is not None:
                via = "brand" if result.via_brand else "direct"
                path = (
                    [Step(result.entity_id, result.via_brand, "brand", None)]
                    if (result.via_brand)
                    else []
                )
                row.findings.append(
                    Finding(
                        result.entity_id,
                        result.score,
                        True,
                        concern,
                        via,
                        path,
                        decision=decided,
                        explanation=why,
                    )
                )
            for tie in lookthrough(
                ctx.view,
                result.entity_id,
                lambda e: ctx.concern(e) == "flagged",
                ctx.threshold,
                ctx.max_depth,
            ):
                row.findings.append(
                    Finding(
                        tie.target,
                        result.score,
                        True,
                        "flagged",
                        "ownership",
                        list(tie.path),
                        decision=decided,
                        matched_entity=result.entity_id,
                    )
                )
        elif result.review and concern is not None:
            row.findings.append(
                Finding(
                    result.entity_id,
                    result.score,
                    False,
                    "review",
                    "direct",
                    decision=decided,
                    explanation=why,
                )
            )
    settle(row)
    return row


def add_fund_findings(
    row: RowResult, fund_name: str, fund_key: str, inner: list[tuple[RowResult, float | None]]
) -> None:
    """Look through a fund: each flagged (or review) holding becomes a finding of the fund
    row, its share of the fund on the path."""
    for inner_row, share in inner:
        for finding in inner_row.findings:
            # The hop into the fund: which holding, and its share of the fund.
            step = Step(
                f"{fund_key}>{inner_row.holding.key}",
                inner_row.holding.name or fund_name,
                "fund_holding",
                share,
            )
            effective = (share or 0.0) * (finding.share if finding.via == "fund" else 1.0)
            row.findings.append(
                Finding(
                    finding.entity_id,
                    finding.score,
                    finding.match,
                    finding.status,
                    "fund",
                    [step, *finding.path],
                    effective,
                    finding.decision,
                    finding.matched_entity or finding.entity_id,
                )
            )
    settle(row)


def describe(view: DataView) -> Callable[[str], dict[str, Any]]:
    def run(entity_id: str) -> dict[str, Any]:
        entity = view.entities[entity_id]
        return {
            "caption": entity.caption,
            "list_labels": [list_label(m.list) for m in entity.memberships],
            "categories": list(entity.categories),
        }

    return run


def finding_dict(entity: Entity, finding: Finding) -> dict[str, Any]:
    return {
        "id": entity.id,
        "caption": entity.caption,
        "names": entity.name_values(),
        "score": finding.score,
        "match": finding.match,
        "status": finding.status,
        "via": finding.via,
        "share": finding.share if finding.via == "fund" else None,
        "lists": list_ids(entity),
        "list_labels": list(dict.fromkeys(list_label(m.list) for m in entity.memberships)),
        "topics": list(entity.topics),
        "categories": list(entity.categories),
        "path": [step.to_dict() for step in finding.path],
        "evidence": [
            {k: e[k] for k in ("publisher", "date", "title", "url", "confidence", "summary")}
            for e in evidence_dict(entity)
        ],
        "decision": finding.decision,
        "matched_entity": finding.matched_entity,
        "explanation": list(finding.explanation),
    }


def row_dict(view: DataView, row: RowResult) -> dict[str, Any]:
    return {
        "row": row.holding.row,
        "key": row.holding.key,
        "input": dict(row.holding.input),
        "name": row.holding.name,
        "status": row.status,
        "weight": row.weight,
        "exposure": row.exposure,
        "matches": [finding_dict(view.entities[f.entity_id], f) for f in row.findings],
    }
