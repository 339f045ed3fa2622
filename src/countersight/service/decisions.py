"""Reviewer decisions: one way in for the CLI, the API and the web app.

A decision is recorded against the finding the reviewer acted on: the row's key, the entity
shown (merged list ids such as ``ofac-30946`` resolve to their canonical entity) and the
route it was reached by (direct, brand, ownership, fund), with the entity the row itself
matched. It applies at once to the screening it was made on (the stored document is
re-decided and re-summed by :func:`countersight.exposure.aggregate.apply_decisions`, the
same rule a screening uses) and to every later screening of a row with that key.

Refused with a clear message (exit 2 / HTTP 400): an unknown verdict, route or entity, a
row that is not in the screening, an entity that is not one of the row's findings, a note
over :data:`MAX_NOTE` characters. An unknown screening is 404.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from countersight.exc import InputError
from countersight.exposure.aggregate import (
    RowDecisions,
    apply_decisions,
    summarize,
    weight_unknown,
)
from countersight.model.screening import (
    DecisionDoc,
    FindingDoc,
    Route,
    RowDoc,
    ScreeningDocument,
    Summary,
    Verdict,
)
from countersight.model.view import DataView
from countersight.service.context import Context
from countersight.service.document import upgrade_row
from countersight.service.suppliers import supplier_view
from countersight.store import jobs as jobs_store
from countersight.store import records
from countersight.store.records import MAX_NOTE
from countersight.store.store import Store

_LOCK = threading.Lock()  # one decision at a time per process: read, decide, write back


@dataclass(slots=True)
class Ledger:
    """Stored decisions by row key, their entity ids resolved through the current view
    (a decision made on a list record applies to the entity it was merged into)."""

    by_row: dict[str, dict[tuple[str, Route | None], DecisionDoc]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store, view: DataView, row_keys: Iterable[str]) -> Ledger:
        ledger = cls()
        for (row_key, entity_id, route), decision in records.decisions(store, row_keys).items():
            canonical = view.resolve(entity_id) or entity_id
            ledger.by_row.setdefault(row_key, {})[(canonical, route)] = decision.to_dict()
        return ledger

    def for_row(self, row_key: str) -> RowDecisions:
        return self.by_row.get(row_key, {})


@dataclass(frozen=True, slots=True)
class DecisionRequest:
    """What a reviewer asked: a verdict on an entity of a row (and, optionally, the route
    of the finding; needed only when the entity is reached by more than one)."""

    row_key: str
    entity_id: str
    verdict: str
    by: str
    note: str | None = None
    route: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """The recorded decision and, when made on a screening, the row and summary as they
    now read."""

    decision: DecisionDoc
    run: str | None = None
    row: RowDoc | None = None
    summary: Summary | None = None


def _parse(request: DecisionRequest) -> tuple[Verdict, Route | None, str | None]:
    try:
        verdict = Verdict(request.verdict.strip().lower())
    except ValueError:
        raise InputError(f"verdict must be confirm or reject, not {request.verdict!r}") from None
    route = None
    if request.route and request.route.strip():
        try:
            route = Route(request.route.strip().lower())
        except ValueError:
            names = ", ".join(r.value for r in Route)
            raise InputError(f"route must be one of {names}, not {request.route!r}") from None
    note = request.note.strip() if request.note else None
    if note and len(note) > MAX_NOTE:
        raise InputError(f"the note is {len(note):,} characters; the limit is {MAX_NOTE:,}")
    if not request.row_key.strip():
        raise InputError("a decision needs a row key")
    return verdict, route, note or None


def find_finding(row: RowDoc, entity_id: str, route: Route | None, view: DataView) -> FindingDoc:
    """The finding of ``row`` a reviewer acted on: its entity (any id that resolves to it)
    and, when given or needed to tell them apart, its route."""
    found = [
        f
        for f in [*row["matches"], *row["set_aside"]]
        if (f["id"] == entity_id or view.resolve(f["id"]) == entity_id)
        and (route is None or f["via"] == route)
    ]
    shown = f"row {row['key']!r}"
    if not found:
        by = f" by route {route}" if route else ""
        raise InputError(f"{entity_id!r} is not a finding of {shown}{by}")
    routes = list(dict.fromkeys(str(f["via"]) for f in found))
    if len(routes) > 1:
        raise InputError(
            f"{entity_id!r} is a finding of {shown} by {', '.join(routes)}: give the route"
        )
    return found[0]


def _row(document: ScreeningDocument, row_key: str, run_id: str) -> RowDoc:
    for row in document["rows"]:
        if row["key"] == row_key:
            return upgrade_row(cast(dict[str, Any], row))
    raise InputError(f"row {row_key!r} is not in screening {run_id}")


def redecide(document: ScreeningDocument, row_key: str, decisions: RowDecisions) -> RowDoc:
    """Apply a row's decisions to a stored document in place: every row with that key is
    re-decided, then the summary and breakdowns are summed again. Returns the (first) row."""
    rows = [
        apply_decisions(upgrade_row(cast(dict[str, Any], r)), decisions)
        if r["key"] == row_key
        else r
        for r in document["rows"]
    ]
    totals = summarize(rows)
    summary, before = totals["summary"], document["summary"]
    for key in ("kind", "share_of", "has_weights", "skipped_rows"):  # what the input said
        if key in before:
            summary[key] = before[key]
    if "has_weights" in before:
        summary["weight_unknown_rows"], summary["weight_unknown_flagged"] = weight_unknown(
            rows, before["has_weights"]
        )
    document["rows"] = rows
    document["summary"] = summary
    document["breakdown"] = totals["breakdown"]
    if "suppliers" in document:
        document["suppliers"] = supplier_view(document)[0] or []
    return next(r for r in rows if r["key"] == row_key)


def decide(ctx: Context, request: DecisionRequest, run_id: str | None = None) -> Outcome:
    """Record a decision; on a screening run, check it and apply it to that run at once.

    Without a run (the CLI's ``decide`` with no ``--run``), any row key is accepted and the
    decision applies from the next screening; without a route it is on the row's own match
    to the entity (direct or brand)."""
    verdict, route, note = _parse(request)
    view = ctx.engine().view
    entity_id = view.resolve(request.entity_id.strip())
    if entity_id is None:
        raise InputError(f"no entity {request.entity_id!r}")
    row_key = request.row_key.strip()
    matched: str | None = None
    with _LOCK:
        if run_id is not None:
            document = cast(ScreeningDocument, records.get_run(ctx.store, run_id)["result"])
            finding = find_finding(_row(document, row_key, run_id), entity_id, route, view)
            entity_id, route, matched = finding["id"], finding["via"], finding["matched_entity"]
        decision = records.add_decision(
            ctx.store,
            row_key,
            entity_id,
            verdict,
            request.by,
            note,
            route=route,
            matched_entity=matched,
        )
        if run_id is None:
            return Outcome(decision.to_dict())
        decisions = Ledger.load(ctx.store, view, [row_key]).for_row(row_key)
        changed: list[RowDoc] = []

        def change(stored: dict[str, Any]) -> dict[str, Any]:
            doc = cast(ScreeningDocument, stored)
            changed.append(redecide(doc, row_key, decisions))
            return stored

        updated = cast(ScreeningDocument, records.edit_run(ctx.store, run_id, change))
    return Outcome(decision.to_dict(), run_id, changed[0], updated["summary"])


def decide_on_job(ctx: Context, job_id: str, request: DecisionRequest) -> Outcome:
    """A decision on a team-server screening: 404 for an unknown job, 400 while it is not
    done."""
    job = jobs_store.get_job(ctx.store, job_id)
    if job["status"] != "done" or not job["run_id"]:
        raise InputError(f"screening {job_id} is {job['status']}: decide once it is done")
    return decide(ctx, request, run_id=str(job["run_id"]))


__all__ = [
    "MAX_NOTE",
    "DecisionRequest",
    "Ledger",
    "Outcome",
    "decide",
    "decide_on_job",
    "find_finding",
    "redecide",
]
