"""Decisions, row outcomes and their sums: how much of a portfolio is exposed, through what,
to whom.

Screening produces every finding *undecided* (what the engine found, with its ``match``
verdict and the entity's ``concern``). :func:`apply_decisions` is the one rule that turns
findings plus reviewer decisions into a row's matches, status and exposure; it runs when a
file is screened and again on a stored document right after a decision, so the two can
never disagree. :func:`summarize` then sums the rows.

A row's *exposure* is the part of its weight that supports a flagged entity: all of it
when the row is the entity, its brand, or tied to it by ownership; for a fund, the fund's
weight times the flagged holdings' share of the fund. Shares of the portfolio divide by the
total weight of all rows. Every share is a fraction 0..1.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from countersight.model.screening import (
    MATCH_ROUTES,
    Breakdown,
    CompanyItem,
    DecisionDoc,
    FindingDoc,
    FindingStatus,
    Route,
    RowDoc,
    RowStatus,
    ShareItem,
    Totals,
    Verdict,
)

# A row's decisions by (canonical entity id, route); route None is a decision recorded
# before routes were kept, which means the row's own match to the entity.
RowDecisions = Mapping[tuple[str, Route | None], DecisionDoc]

_STATUS_ORDER = {s: n for n, s in enumerate(FindingStatus)}
_ROUTE_ORDER = {r: n for n, r in enumerate(Route)}
_ACTIVE = (FindingStatus.FLAGGED, FindingStatus.REVIEW)


def decision_for(finding: FindingDoc, decisions: RowDecisions) -> DecisionDoc | None:
    """The decision that applies to a finding: one on its entity and route, or (for the
    row's own match) an older one recorded without a route."""
    found = decisions.get((finding["id"], finding["via"]))
    if found is None and finding["via"] in MATCH_ROUTES:
        found = decisions.get((finding["id"], None))
    return found


def _verdict(decision: DecisionDoc | None) -> Verdict | None:
    return Verdict(decision["verdict"]) if decision is not None else None


def _own_match(finding: FindingDoc) -> bool:
    """Whether a finding is a match itself (the row's, or a fund holding's), rather than a
    tie reached through one."""
    if finding["via"] == Route.FUND:
        return finding["id"] == finding["matched_entity"]
    return finding["via"] in MATCH_ROUTES


def _anchor(finding: FindingDoc) -> tuple[str, str]:
    """The match a finding goes through: the fund holding that holds it ("" for the row
    itself) and the entity matched there."""
    held = finding["path"][0]["id"] if finding["via"] == Route.FUND and finding["path"] else ""
    return held, finding["matched_entity"]


def _matched(
    decided: Iterable[tuple[FindingDoc, DecisionDoc | None]],
) -> dict[tuple[str, str], bool]:
    """For each match in the row (its own, or a fund holding's): whether it stands (the
    engine's match or a confirm, and no reject)."""
    out: dict[tuple[str, str], bool] = {}
    for finding, decision in decided:
        if _own_match(finding):
            verdict = _verdict(decision)
            accepted = finding["match"] or verdict == Verdict.CONFIRM
            out[_anchor(finding)] = accepted and verdict != Verdict.REJECT
    return out


def _status(
    finding: FindingDoc, decision: DecisionDoc | None, matched: Mapping[tuple[str, str], bool]
) -> FindingStatus:
    """One finding's outcome.

    - rejected by a reviewer: ``rejected``;
    - a tie reached through a match (ownership, or a fund holding's ownership): active while
      that match stands; a rejected match, or one below the threshold and not confirmed,
      makes it ``inactive``;
    - a match itself: the entity's concern when the engine matched it or a reviewer
      confirmed it, else ``review``.
    """
    verdict = _verdict(decision)
    if verdict == Verdict.REJECT:
        return FindingStatus.REJECTED
    if not _own_match(finding):
        stands = matched.get(_anchor(finding), finding["match"])
        return FindingStatus(finding["concern"]) if stands else FindingStatus.INACTIVE
    if finding["match"] or verdict == Verdict.CONFIRM:
        return FindingStatus(finding["concern"])
    return FindingStatus.REVIEW


def _order(finding: FindingDoc) -> tuple[int, float, int, str, tuple[str, ...]]:
    """Strongest first: active before set aside, then score, route, id and path."""
    return (
        _STATUS_ORDER[FindingStatus(finding["status"])],
        -finding["score"],
        _ROUTE_ORDER[Route(finding["via"])],
        finding["id"],
        tuple(step["id"] for step in finding["path"]),
    )


def apply_decisions(row: RowDoc, decisions: RowDecisions) -> RowDoc:
    """The row with decisions applied: each finding's status and decision, the active ones
    in ``matches`` and the others in ``set_aside``, and the row's status and exposure.

    Pure, and idempotent: applying a new set of decisions to an already decided row gives
    the same result as applying it to the undecided row."""
    findings = [*row["matches"], *row["set_aside"]]
    decided = [(f, decision_for(f, decisions)) for f in findings]
    matched = _matched(decided)
    out: list[FindingDoc] = []
    for finding, decision in decided:
        outcome = _status(finding, decision, matched)
        out.append({**finding, "decision": decision, "status": outcome})
    out.sort(key=_order)
    matches = [f for f in out if f["status"] in _ACTIVE]
    status, exposure = settle(row["weight"], matches)
    return {
        **row,
        "matches": matches,
        "set_aside": [f for f in out if f["status"] not in _ACTIVE],
        "status": status,
        "exposure": exposure,
    }


def clean(value: float | None) -> float | None:
    """A sum or ratio without binary float noise (0.8999999999999999 is 0.9): twelve
    significant digits, more than any weight or market value carries."""
    return None if value is None else float(f"{value:.12g}")


def _holding_key(finding: FindingDoc) -> str:
    """What a fund finding is held through: its first path step (the fund's holding)."""
    return finding["path"][0]["id"] if finding["path"] else finding["id"]


def settle(weight: float | None, matches: Sequence[FindingDoc]) -> tuple[RowStatus, float | None]:
    """A row's status and exposure from its active findings.

    A row is exposed once per flagged share: direct, brand and ownership ties expose all of
    it; fund holdings expose their share of the fund (each holding counted once)."""
    flagged = [f for f in matches if f["status"] == FindingStatus.FLAGGED]
    if flagged:
        status = RowStatus.FLAGGED
    elif any(f["status"] == FindingStatus.REVIEW for f in matches):
        status = RowStatus.REVIEW
    else:
        status = RowStatus.CLEAR
    if weight is None:
        return status, None
    if not flagged:
        return status, 0.0
    if any(f["via"] != Route.FUND for f in flagged):
        return status, weight
    shares: dict[str, float] = {}
    for finding in flagged:
        key = _holding_key(finding)
        shares[key] = max(shares.get(key, 0.0), finding["share"] or 0.0)
    return status, clean(weight * min(1.0, sum(shares.values())))


def _primary(row: RowDoc) -> list[FindingDoc]:
    """The findings a row's exposure is attributed to: the strongest tie per held thing."""
    flagged = [f for f in row["matches"] if f["status"] == FindingStatus.FLAGGED]
    held = [f for f in flagged if f["via"] != Route.FUND]
    if held:
        rank = {
            Route.DIRECT: 5,
            Route.BRAND: 4,
            Route.AFFILIATE: 3,
            Route.PRODUCT: 2,
            Route.OWNERSHIP: 1,
        }
        return [max(held, key=lambda f: (rank.get(Route(f["via"]), 0), f["score"]))]
    # Through a fund: per holding, the entity the holding itself matched before its ties
    # (Hikvision held by the fund, not CETC, Hikvision's owner).
    seen: dict[str, FindingDoc] = {}
    for finding in sorted(flagged, key=lambda f: f["id"] != f["matched_entity"]):
        seen.setdefault(_holding_key(finding), finding)
    return list(seen.values())


def _share_items(
    values: Mapping[str, float], counts: Mapping[str, int], total: float | None, has_weights: bool
) -> list[ShareItem]:
    """Largest first: by weight, or by rows when the file has no weights."""
    return [
        {
            "label": k,
            "weight": clean(v) if has_weights else None,
            "share": clean(v / total) if has_weights and total else None,
            "rows": counts[k],
        }
        for k, v in sorted(values.items(), key=lambda kv: (-kv[1], -counts[kv[0]], kv[0]))
    ]


def _titled(items: list[ShareItem], titles: Mapping[str, str]) -> list[ShareItem]:
    """Category items labelled with the category's title, its key kept beside it."""
    return [{**item, "key": item["label"], "label": titles[item["label"]]} for item in items]


_GROUPS = ("by_list", "by_category", "by_route")


def _groups(finding: FindingDoc) -> dict[str, list[str]]:
    """What a finding counts towards in each breakdown: its lists, its categories (by
    key; titled at the end) and its route."""
    return {
        "by_list": list(dict.fromkeys(finding["list_labels"])),
        "by_category": list(dict.fromkeys(finding["categories"])),
        "by_route": [str(finding["via"])],
    }


def weight_unknown(rows: Sequence[RowDoc], weighted: bool) -> tuple[int, int]:
    """(rows, flagged rows) without a usable weight in a file that has a weight column:
    counted so that a summary never reads their exposure as zero."""
    unknown = [r for r in rows if weighted and r["weight"] is None]
    return len(unknown), sum(1 for r in unknown if r["status"] == "flagged")


def summarize(rows: Sequence[RowDoc]) -> Totals:
    """The summary block and the breakdowns by company, list, category and route."""
    weights = [r["weight"] for r in rows]
    has_weights = any(w is not None for w in weights)
    total = sum(w for w in weights if w is not None) if has_weights else None
    exposed = sum(r["exposure"] or 0.0 for r in rows) if has_weights else None
    by_company: dict[str, CompanyItem] = {}
    sums: dict[str, dict[str, float]] = {g: defaultdict(float) for g in _GROUPS}
    counts: dict[str, Counter[str]] = {g: Counter() for g in _GROUPS}
    titles: dict[str, str] = {}
    for row in rows:
        seen: dict[str, set[str]] = {g: set() for g in _GROUPS}
        for finding in _primary(row):
            share = finding["share"] if finding["via"] == Route.FUND else 1.0
            amount = (row["weight"] or 0.0) * (share or 0.0)
            entry = by_company.setdefault(
                finding["id"],
                {
                    "id": finding["id"],
                    "caption": finding["caption"],
                    "weight": 0.0,
                    "rows": 0,
                    "share": None,
                },
            )
            entry["weight"] = (entry["weight"] or 0.0) + amount
            entry["rows"] += 1
            labels = finding.get("category_labels") or finding["categories"]
            titles.update(zip(finding["categories"], labels, strict=True))
            for group, keys in _groups(finding).items():
                for key in keys:
                    sums[group][key] += amount
                    seen[group].add(key)
        for group, found in seen.items():
            counts[group].update(found)  # a row counts once per label
    companies = sorted(by_company.values(), key=lambda e: -(e["weight"] or 0.0))
    for entry in companies:
        weight = entry["weight"] or 0.0
        entry["share"] = clean(weight / total) if has_weights and total else None
        entry["weight"] = clean(weight) if has_weights else None
    breakdown: Breakdown = {
        "by_company": companies,
        "by_list": _share_items(sums["by_list"], counts["by_list"], total, has_weights),
        "by_category": _titled(
            _share_items(sums["by_category"], counts["by_category"], total, has_weights), titles
        ),
        "by_route": _share_items(sums["by_route"], counts["by_route"], total, has_weights),
    }
    return {
        "summary": {
            "rows": len(rows),
            "flagged_rows": sum(1 for r in rows if r["status"] == RowStatus.FLAGGED),
            "review_rows": sum(1 for r in rows if r["status"] == RowStatus.REVIEW),
            "total_weight": clean(total),
            "exposed_weight": clean(exposed),
            "exposed_share": clean(exposed / total) if exposed is not None and total else None,
        },
        "breakdown": breakdown,
    }
