"""The one rule that applies reviewer decisions to a row's findings (pure, no store)."""

from __future__ import annotations

from typing import Any

import pytest

from countersight.exposure.aggregate import RowDecisions, apply_decisions, summarize
from countersight.model.screening import (
    Concern,
    DecisionDoc,
    FindingDoc,
    FindingStatus,
    PathStep,
    Route,
    RowDoc,
    RowStatus,
    StepRelation,
    Verdict,
)


def _finding(
    entity: str,
    route: Route,
    *,
    matched: str | None = None,
    match: bool = True,
    path: list[PathStep] | None = None,
    share: float | None = None,
) -> FindingDoc:
    return {
        "id": entity,
        "caption": entity.upper(),
        "names": [],
        "score": 0.95 if match else 0.6,
        "match": match,
        "concern": Concern.FLAGGED,
        "status": FindingStatus.FLAGGED,
        "via": route,
        "share": share,
        "lists": [],
        "list_labels": ["BIS Entity List"],
        "topics": [],
        "categories": ["video-surveillance"],
        "category_labels": ["Video surveillance equipment"],
        "path": path or [],
        "evidence": [],
        "decision": None,
        "matched_entity": matched or entity,
        "explanation": [],
    }


def _row(weight: float | None, *findings: FindingDoc) -> RowDoc:
    return {
        "row": 1,
        "key": "name:x",
        "input": {},
        "name": "X",
        "status": RowStatus.CLEAR,
        "weight": weight,
        "exposure": None,
        "matches": list(findings),
        "set_aside": [],
    }


def _decision(entity: str, route: Route | None, verdict: Verdict) -> DecisionDoc:
    return {
        "row_key": "name:x",
        "entity_id": entity,
        "route": route,
        "matched_entity": None,
        "verdict": verdict,
        "note": None,
        "decided_by": "alice",
        "decided_at": "2026-12-03T08:00:00+00:00",
    }


def _decisions(*items: DecisionDoc) -> RowDecisions:
    return {(d["entity_id"], d["route"]): d for d in items}


def _statuses(row: RowDoc) -> dict[tuple[str, str], str]:
    return {(f["id"], f["via"]): f["status"] for f in [*row["matches"], *row["set_aside"]]}


OWNED: list[PathStep] = [
    {"id": "cs-owner", "caption": "Owner", "relation": StepRelation.SUBSIDIARY_OF, "share": 0.6}
]


def test_rejecting_an_ownership_tie_clears_only_that_tie() -> None:
    row = _row(
        2.0,
        _finding("cs-a", Route.OWNERSHIP, matched="cs-ref", path=OWNED),
        _finding("cs-b", Route.OWNERSHIP, matched="cs-ref"),
    )
    one = apply_decisions(row, _decisions(_decision("cs-a", Route.OWNERSHIP, Verdict.REJECT)))
    assert _statuses(one) == {("cs-a", "ownership"): "rejected", ("cs-b", "ownership"): "flagged"}
    assert (one["status"], one["exposure"]) == (RowStatus.FLAGGED, 2.0)
    both = apply_decisions(
        row,
        _decisions(
            _decision("cs-a", Route.OWNERSHIP, Verdict.REJECT),
            _decision("cs-b", Route.OWNERSHIP, Verdict.REJECT),
        ),
    )
    assert (both["status"], both["exposure"], both["matches"]) == (RowStatus.CLEAR, 0.0, [])
    assert both["set_aside"][0]["decision"]["decided_by"] == "alice"  # type: ignore[index]


def test_rejecting_the_rows_match_sets_its_ties_aside() -> None:
    row = _row(
        1.0,
        _finding("cs-hik", Route.BRAND),
        _finding("cs-parent", Route.OWNERSHIP, matched="cs-hik"),
    )
    decided = apply_decisions(row, _decisions(_decision("cs-hik", Route.BRAND, Verdict.REJECT)))
    assert _statuses(decided) == {
        ("cs-hik", "brand"): "rejected",
        ("cs-parent", "ownership"): "inactive",
    }
    assert decided["status"] == RowStatus.CLEAR
    # A decision on the same entity by another route is another finding: no effect here.
    other = apply_decisions(row, _decisions(_decision("cs-hik", Route.DIRECT, Verdict.REJECT)))
    assert other["status"] == RowStatus.FLAGGED


def test_older_decisions_without_a_route_apply_to_the_rows_own_match() -> None:
    row = _row(1.0, _finding("cs-hik", Route.DIRECT), _finding("cs-t", Route.OWNERSHIP))
    decided = apply_decisions(row, _decisions(_decision("cs-hik", None, Verdict.REJECT)))
    assert _statuses(decided)[("cs-hik", "direct")] == "rejected"
    assert _statuses(decided)[("cs-t", "ownership")] == "flagged"  # not a tie through cs-hik


def test_confirming_a_possible_match_activates_its_ties() -> None:
    row = _row(
        3.0,
        _finding("cs-y", Route.DIRECT, match=False),
        _finding("cs-y-parent", Route.OWNERSHIP, matched="cs-y", match=False),
    )
    undecided = apply_decisions(row, {})
    assert _statuses(undecided) == {
        ("cs-y", "direct"): "review",
        ("cs-y-parent", "ownership"): "inactive",
    }
    assert (undecided["status"], undecided["exposure"]) == (RowStatus.REVIEW, 0.0)
    confirmed = apply_decisions(
        undecided, _decisions(_decision("cs-y", Route.DIRECT, Verdict.CONFIRM))
    )
    assert _statuses(confirmed) == {
        ("cs-y", "direct"): "flagged",
        ("cs-y-parent", "ownership"): "flagged",
    }
    assert (confirmed["status"], confirmed["exposure"]) == (RowStatus.FLAGGED, 3.0)
    # Idempotent: deciding the decided row again, or the undecided one, gives the same row.
    assert (
        apply_decisions(confirmed, _decisions(_decision("cs-y", Route.DIRECT, Verdict.CONFIRM)))
        == confirmed
    )
    assert apply_decisions(confirmed, {}) == undecided


def test_rejecting_a_fund_holding_sets_aside_what_it_was_tied_to() -> None:
    def held(key: str, share: float) -> list[PathStep]:
        step: PathStep = {
            "id": f"isin:F>{key}",
            "caption": key,
            "relation": StepRelation.FUND_HOLDING,
            "share": share,
        }
        return [step]

    row = _row(
        10.0,
        _finding("cs-hik", Route.FUND, path=held("002415", 0.04), share=0.04),
        _finding("cs-cetc", Route.FUND, matched="cs-hik", path=held("002415", 0.04), share=0.04),
        _finding("cs-ifly", Route.FUND, path=held("002230", 0.02), share=0.02),
    )
    assert apply_decisions(row, {})["exposure"] == pytest.approx(0.6)
    decided = apply_decisions(row, _decisions(_decision("cs-hik", Route.FUND, Verdict.REJECT)))
    assert _statuses(decided) == {
        ("cs-hik", "fund"): "rejected",
        ("cs-cetc", "fund"): "inactive",
        ("cs-ifly", "fund"): "flagged",
    }
    assert decided["exposure"] == pytest.approx(0.2)


def test_summary_counts_only_active_findings() -> None:
    kept = apply_decisions(_row(4.0, _finding("cs-a", Route.DIRECT)), {})
    dropped = apply_decisions(
        _row(6.0, _finding("cs-b", Route.DIRECT)),
        _decisions(_decision("cs-b", Route.DIRECT, Verdict.REJECT)),
    )
    totals: Any = summarize([kept, dropped])
    assert totals["summary"]["flagged_rows"] == 1
    assert totals["summary"]["exposed_share"] == pytest.approx(0.4)
    assert [c["id"] for c in totals["breakdown"]["by_company"]] == ["cs-a"]
    assert totals["breakdown"]["by_route"] == [
        {"label": "direct", "weight": 4.0, "share": 0.4, "rows": 1}
    ]


def test_sums_carry_no_float_noise() -> None:
    def held(key: str, share: float) -> FindingDoc:
        step: PathStep = {
            "id": f"isin:F>{key}",
            "caption": key,
            "relation": StepRelation.FUND_HOLDING,
            "share": share,
        }
        return _finding(f"cs-{key}", Route.FUND, path=[step], share=share)

    fund = apply_decisions(_row(10.0, held("a", 0.04), held("b", 0.02), held("c", 0.03)), {})
    assert 10.0 * (0.04 + 0.02 + 0.03) != 0.9  # what plain floats give
    assert fund["exposure"] == 0.9
    totals: Any = summarize([fund, apply_decisions(_row(90.0, _finding("cs-d", Route.DIRECT)), {})])
    assert totals["summary"]["exposed_weight"] == 90.9
    assert totals["summary"]["exposed_share"] == 0.909
