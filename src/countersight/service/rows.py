"""Turn a row's match results into undecided findings: direct, brand, ownership, fund.

Findings come out *undecided*: the engine's ``match`` verdict, the entity's ``concern``,
the route and the path. Reviewer decisions are applied afterwards by the one rule in
:func:`countersight.exposure.aggregate.apply_decisions`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from countersight.exposure.aggregate import clean
from countersight.exposure.graph import Step, lookthrough
from countersight.match.affiliate import reaches_affiliates
from countersight.match.types import FeatureResult, MatchResult
from countersight.model import Entity, list_label
from countersight.model import confidence as rules
from countersight.model.portfolio import Holding
from countersight.model.screening import (
    Concern,
    EvidenceItem,
    FindingDoc,
    FindingStatus,
    PathStep,
    Route,
    RowDoc,
    RowStatus,
    StepRelation,
)
from countersight.model.view import DataView
from countersight.service.present import evidence_dict, history, list_ids, shadowed
from countersight.service.products import product_hits
from countersight.sources.registry import category_titles


@dataclass(slots=True)
class RowContext:
    """What row evaluation needs: the view, the look-through settings and the date the
    answer is for (``as_of``, default today)."""

    view: DataView
    threshold: float  # percent, as relations state their shares
    max_depth: int
    flag_products: bool = False  # product hits flag (NDAA §889-style rules), else review
    as_of: date | None = None

    def concern(self, entity_id: str) -> Concern | None:
        """The confidence rule (:func:`countersight.model.confidence.concern`) on ``as_of``:
        ``flagged``, ``review`` or None for a reference record."""
        entity = self.view.entities.get(entity_id)
        found = rules.concern(entity, self.as_of) if entity is not None else None
        return Concern(found) if found is not None else None


def percent_to_fraction(share: float | None) -> float | None:
    """Relations state ownership in percent; the screening document uses fractions."""
    return None if share is None else share / 100.0


def step_doc(step: Step) -> PathStep:
    """A look-through hop as the document shows it (share as a fraction)."""
    return {
        "id": step.id,
        "caption": step.caption,
        "relation": StepRelation(step.relation),
        "share": percent_to_fraction(step.share),
    }


def _evidence(entity: Entity) -> list[EvidenceItem]:
    return [
        {
            "publisher": e["publisher"],
            "date": e["date"],
            "title": e["title"],
            "url": e["url"],
            "confidence": e["confidence"],
            "summary": e["summary"],
        }
        for e in evidence_dict(entity)
    ]


@dataclass(frozen=True, slots=True)
class Tie:
    """How a row reaches an entity: the route, the path, the entity the row matched."""

    route: Route
    matched_entity: str
    path: tuple[PathStep, ...] = ()


def category_labels(categories: list[str]) -> list[str]:
    """The titles people read for category keys (a key without a title shows as itself)."""
    titles = category_titles()
    return [titles.get(c, c) for c in categories]


def finding_doc(
    entity: Entity, result: MatchResult, level: Concern, tie: Tie, share: float | None = None
) -> FindingDoc:
    """An undecided finding: decisions and the final status are applied later."""
    return {
        "id": entity.id,
        "caption": entity.caption,
        "names": entity.name_values(),
        "score": result.score,
        "match": result.match,
        "concern": level,
        "status": FindingStatus(level) if result.match else FindingStatus.REVIEW,
        "via": tie.route,
        "share": share,
        "lists": list_ids(entity),
        "list_labels": list(dict.fromkeys(list_label(m.list) for m in entity.memberships)),
        "topics": list(entity.topics),
        "categories": list(entity.categories),
        "category_labels": category_labels(entity.categories),
        "path": list(tie.path),
        "evidence": _evidence(entity),
        "decision": None,
        "matched_entity": tie.matched_entity,
        "explanation": list(result.explanation),
    }


def _own_finding(result: MatchResult, ctx: RowContext) -> FindingDoc | None:
    """The row's own match (direct, by brand, or as a foreign affiliate), when the entity is
    of concern. An affiliate inferred from its name flags only where a listing reaches
    subsidiaries and affiliates; otherwise it is for review."""
    level = ctx.concern(result.entity_id)
    if level is None:
        return None
    entity = ctx.view.entities[result.entity_id]
    if result.route == Route.AFFILIATE:
        if level == Concern.FLAGGED and not reaches_affiliates(entity):
            level = Concern.REVIEW
        return finding_doc(entity, result, level, Tie(Route.AFFILIATE, result.entity_id))
    if result.via_brand:
        step: PathStep = {
            "id": result.entity_id,
            "caption": result.via_brand,
            "relation": StepRelation.BRAND,
            "share": None,
        }
        return finding_doc(entity, result, level, Tie(Route.BRAND, result.entity_id, (step,)))
    return finding_doc(entity, result, level, Tie(Route.DIRECT, result.entity_id))


def _ties(result: MatchResult, ctx: RowContext) -> list[FindingDoc]:
    """Flagged entities tied to the matched one by ownership or control."""
    out = []
    for tie in lookthrough(
        ctx.view,
        result.entity_id,
        lambda e: ctx.concern(e) == Concern.FLAGGED,
        ctx.threshold,
        ctx.max_depth,
        ctx.as_of,
    ):
        path = tuple(step_doc(s) for s in tie.path)
        out.append(
            finding_doc(
                ctx.view.entities[tie.target],
                result,
                Concern.FLAGGED,
                Tie(Route.OWNERSHIP, result.entity_id, path),
            )
        )
    return out


_PRODUCT_SCORES = {"model": 1.0, "name": 0.9, "short_name": 0.8}
PRODUCT_FEATURE = (
    "What the row says was bought, or a name the supplier trades under, names this maker or "
    "one of its brands or documented models: the supplier sells or installs its equipment."
)


def _product_findings(
    holding: Holding, ctx: RowContext, findings: list[FindingDoc]
) -> list[FindingDoc]:
    """Findings on route ``product`` (see :mod:`countersight.service.products`): for review,
    or flagged under ``flag_products`` for makers that flag on their own."""
    matched = {f["id"] for f in findings}
    out: list[FindingDoc] = []
    for where, hit in product_hits(holding, ctx.view):
        level = ctx.concern(hit.entity_id)
        if hit.entity_id in matched or level is None:
            continue
        entity = ctx.view.entities[hit.entity_id]
        score = _PRODUCT_SCORES[hit.kind.value]
        feature = FeatureResult(
            "product_hit", score, f"{where}: {hit.explanation()}", PRODUCT_FEATURE
        )
        result = MatchResult(entity.id, score, True, False, [feature], query_name=hit.text)
        flagged = ctx.flag_products and level == Concern.FLAGGED
        finding = finding_doc(
            entity,
            result,
            Concern.FLAGGED if flagged else Concern.REVIEW,
            Tie(Route.PRODUCT, entity.id),
        )
        finding["product"] = {"text": hit.text, "where": where, "kind": hit.kind.value}
        out.append(finding)
    return out


def evaluate(
    holding: Holding, weight: float | None, results: list[MatchResult], ctx: RowContext
) -> RowDoc:
    """A row with its undecided findings (fund look-through is added later).

    Matches and possible matches (review) to entities of concern become findings; so do the
    ownership ties of both, a possible match's ties staying inactive unless it is confirmed."""
    findings: list[FindingDoc] = []
    relatives = shadowed(ctx.view, results)
    for result in results:
        if result.entity_id in relatives and result.match:
            # A parent or subsidiary of the exactly named candidate: for review only.
            result = replace(result, match=False, review=True)
        own = _own_finding(result, ctx) if (result.match or result.review) else None
        if own is not None:
            findings.append(own)
        # An inferred affiliate is not the entity: no ownership look-through from it.
        if (result.match or own is not None) and result.route != Route.AFFILIATE:
            findings.extend(_ties(result, ctx))
    findings.extend(_product_findings(holding, ctx, findings))
    for finding in findings:
        finding["history"] = history(ctx.view, ctx.view.entities[finding["id"]], ctx.as_of)
    row: RowDoc = {
        "row": holding.row,
        "line": holding.line,
        "key": holding.key,
        "input": dict(holding.input),
        "numbers": dict(holding.numbers),
        "name": holding.name,
        "status": RowStatus.CLEAR,
        "weight": weight,
        "exposure": None,
        "matches": findings,
        "set_aside": [],
    }
    if holding.source is not None:
        row["file"] = holding.source
    return row


def fund_findings(
    fund_key: str, fund_name: str, inner: list[tuple[RowDoc, float | None]]
) -> list[FindingDoc]:
    """Look through a fund: each active finding of its (decided) holdings becomes an
    undecided finding of the fund row, the holding's share of the fund on the path."""
    out: list[FindingDoc] = []
    for inner_row, share in inner:
        for finding in inner_row["matches"]:
            step: PathStep = {
                "id": f"{fund_key}>{inner_row['key']}",
                "caption": inner_row["name"] or fund_name,
                "relation": StepRelation.FUND_HOLDING,
                "share": share,
            }
            within = finding["share"] if finding["via"] == Route.FUND else 1.0
            lifted: FindingDoc = {
                **finding,
                "match": finding["match"] or finding["status"] == FindingStatus.FLAGGED,
                "via": Route.FUND,
                "path": [step, *finding["path"]],
                "share": clean((share or 0.0) * (within or 0.0)),
                "decision": None,
            }
            out.append(lifted)
    return out
