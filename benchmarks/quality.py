"""Quality benchmark: Countersight's matcher beside nomenklatura's logic-v1 and logic-v2.

    benchmarks/run-quality            # builds the anchor venv if needed, then runs this

For every case in ``cases.csv`` the candidate entities are Countersight's blocking top 25
plus the expected entity, and all three scorers score exactly that set. A case's
prediction is the best candidate at or above 0.70 (yente's default threshold, and ours).
A prediction of the wrong entity counts as a false positive and a false negative.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.haystack import build  # noqa: E402
from countersight.match.types import Query  # noqa: E402
from countersight.model import Entity, IdScheme, NameKind  # noqa: E402
from countersight.service.context import Context  # noqa: E402

THRESHOLD = 0.70
CROSS_SCRIPT = ("zh_full", "zh_short", "zh_variant", "pinyin")
NEGATIVE = ("negative_zh", "negative_en")
SCORERS = ("countersight", "logic-v1", "logic-v2")


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    kind: str
    query: str
    isin: str
    ticker: str
    uscc: str
    country: str
    expected: str
    part: str = ""  # for the issue-12 classes: "dev" (rules written from) or "held-out"

    def to_query(self) -> Query:
        return Query.build(
            [self.query] if self.query else [],
            isin=[self.isin] if self.isin else [],
            ticker=[self.ticker] if self.ticker else [],
            uscc=[self.uscc] if self.uscc else [],
            country=[self.country] if self.country else [],
        )


def load_cases(path: Path) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [Case(**row) for row in csv.DictReader(handle)]


_FTM_NAME = {
    NameKind.PRIMARY: "name",
    NameKind.ALIAS: "alias",
    NameKind.SHORT: "alias",
    NameKind.BRAND: "alias",
    NameKind.FORMER: "previousName",
    NameKind.WEAK: "weakAlias",
}
_FTM_ID = {
    IdScheme.ISIN: "isinCode",
    IdScheme.LEI: "leiCode",
    IdScheme.USCC: "uscCode",
    IdScheme.TICKER: "ticker",
    IdScheme.REGISTRATION: "registrationNumber",
}


def entity_ftm(entity: Entity) -> dict[str, Any]:
    """The candidate as followthemoney sees it: every name, identifier and country."""
    props: dict[str, list[str]] = {}
    for name in entity.names:
        props.setdefault(_FTM_NAME[name.kind], []).append(name.value)
    for identifier in entity.identifiers:
        prop = _FTM_ID.get(identifier.scheme)
        if prop:
            value = identifier.value.rpartition(":")[2] if prop == "ticker" else identifier.value
            props.setdefault(prop, []).append(value)
    if entity.countries:
        props["country"] = list(entity.countries)
    return {"id": entity.id, "schema": "Company", "properties": props}


def query_ftm(case: Case, query: Query) -> dict[str, Any]:
    props: dict[str, list[str]] = {}
    if query.names:
        props["name"] = list(query.names)
    for identifier in query.identifiers:
        prop = _FTM_ID[identifier.scheme]
        value = identifier.value.rpartition(":")[2] if prop == "ticker" else identifier.value
        props.setdefault(prop, []).append(value)
    if query.countries:
        props["country"] = list(query.countries)
    return {"id": f"query-{case.id}", "schema": "Company", "properties": props}


@dataclass
class Run:
    """Candidate sets and Countersight's scores, with timing."""

    candidates: dict[str, list[str]] = field(default_factory=dict)
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    seconds: float = 0.0
    pairs: int = 0
    blocked_in: int = 0  # positive cases whose expected entity our blocking found itself
    positives: int = 0


def run_countersight(ctx: Context, cases: list[Case]) -> Run:
    engine = ctx.engine()
    index, matcher, view = engine.matcher.index, engine.matcher, engine.view
    position = {e.id: i for i, e in enumerate(index.entities)}
    run = Run()
    from countersight.normalize.names import analyze

    for case in cases:
        query = case.to_query()
        forms = [(n, analyze(n)) for n in query.names]
        forms = [(n, f) for n, f in forms if not f.is_empty]
        numbers = index.candidates([f for _, f in forms], query.identifiers, 25)
        ids = [index.entities[n].id for n in numbers]
        expected = view.resolve(case.expected) if case.expected else None
        if case.expected and expected is None:
            raise SystemExit(f"{case.id}: expected entity {case.expected} is not in the haystack")
        if expected:
            run.positives += 1
            if expected in ids:
                run.blocked_in += 1
            else:
                ids.append(expected)
        run.candidates[case.id] = ids
        results = {i: matcher.score(query, forms, index.entities[position[i]]) for i in ids}
        # Scores are capped at 1; the uncapped value orders equal scores, as the engine does.
        run.scores[case.id] = {
            i: r.score + min(r.raw - r.score, 0.5) / 1000 for i, r in results.items()
        }
        run.pairs += len(ids)
    run.seconds = _timed(matcher, index, cases, run, position)
    return run


def _timed(
    matcher: Any, index: Any, cases: list[Case], run: Run, position: dict[str, int]
) -> float:
    """Scoring time of all pairs, warm (caches filled by the first pass): each case's
    fastest of five rounds, summed, as the machine is shared."""
    from countersight.normalize.names import analyze

    prepared = []
    for case in cases:
        query = case.to_query()
        forms = [(n, analyze(n)) for n in query.names]
        forms = [(n, f) for n, f in forms if not f.is_empty]
        prepared.append(
            (query, forms, [index.entities[position[i]] for i in run.candidates[case.id]])
        )
    best = 0.0
    for query, forms, entities in prepared:
        fastest = float("inf")
        for _ in range(5):
            started = time.perf_counter()
            for entity in entities:
                matcher.score(query, forms, entity)
            fastest = min(fastest, time.perf_counter() - started)
        best += fastest
    return best


def predict(scores: dict[str, float]) -> str | None:
    best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return best[0][0] if best and best[0][1] >= THRESHOLD else None


def tally(
    cases: list[Case],
    predictions: dict[str, str | None],
    expected: dict[str, str | None],
    kinds: tuple[str, ...] | None = None,
    part: str | None = None,
) -> dict[str, float]:
    tp = fp = fn = tn = 0
    negatives_matched = 0
    for case in cases:
        if kinds is not None and case.kind not in kinds:
            continue
        if part is not None and case.part != part:
            continue
        if not expected[case.id] and predictions[case.id]:
            negatives_matched += 1
        want, got = expected[case.id], predictions[case.id]
        if want:
            if got == want:
                tp += 1
            else:
                fn += 1
                fp += 1 if got else 0
        elif got:
            fp += 1
        else:
            tn += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "n": tp + fp + fn + tn - (fp if fn and fp else 0),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "negatives": sum(
            1
            for c in cases
            if not expected[c.id]
            and (kinds is None or c.kind in kinds)
            and (part is None or c.part == part)
        ),
        "negatives_matched": negatives_matched,
    }


def report(
    cases: list[Case],
    expected: dict[str, str | None],
    predictions: dict[str, dict[str, str | None]],
    timing: dict[str, float],
) -> str:
    kinds = list(dict.fromkeys(c.kind for c in cases))
    new_kinds = [k for k in kinds if any(c.kind == k and c.part for c in cases)]
    lines = [
        "| kind | cases | " + " | ".join(f"{s} P / R / F1" for s in SCORERS) + " |",
        "|---|---|" + "---|" * len(SCORERS),
    ]

    def row(label: str, selected: tuple[str, ...] | None, part: str | None = None) -> None:
        count = sum(
            1
            for c in cases
            if (selected is None or c.kind in selected) and (part is None or c.part == part)
        )
        cells = []
        for scorer in SCORERS:
            t = tally(cases, predictions[scorer], expected, selected, part)
            if selected and set(selected) <= set(NEGATIVE):
                cells.append(f"{t['fp']} false matches")
                continue
            cell = f"{t['precision']:.3f} / {t['recall']:.3f} / {t['f1']:.3f}"
            if t["negatives"] and selected and len(selected) == 1:
                cell += f" ({int(t['negatives_matched'])} of {int(t['negatives'])} neg. matched)"
            cells.append(cell)
        lines.append(f"| {label} | {count} | " + " | ".join(cells) + " |")

    for kind in kinds:
        if kind in new_kinds:
            row(f"{kind} (dev)", (kind,), "dev")
            row(f"{kind} (held-out)", (kind,), "held-out")
        else:
            row(kind, (kind,))
    row("**cross-script (zh + pinyin)**", CROSS_SCRIPT)
    row("**hard negatives**", NEGATIVE)
    earlier = tuple(k for k in kinds if k not in new_kinds)
    row("**earlier cases**", earlier)
    if new_kinds:
        row("**issue-12 classes, dev**", tuple(new_kinds), "dev")
        row("**issue-12 classes, held-out**", tuple(new_kinds), "held-out")
    row("**overall**", None)
    lines.append("")
    lines.append("| scorer | pairs scored | seconds | pairs/s |")
    lines.append("|---|---|---|---|")
    for scorer in SCORERS:
        pairs, seconds = timing[f"{scorer}-pairs"], timing[f"{scorer}-seconds"]
        lines.append(f"| {scorer} | {int(pairs)} | {seconds:.2f} | {pairs / seconds:,.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=Path, default=ROOT / "benchmarks" / "cases.csv")
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "quality")
    parser.add_argument(
        "--anchor-python",
        type=Path,
        default=ROOT / "benchmarks" / "anchor" / ".venv" / "bin" / "python",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--errors", action="store_true", help="Print the cases we get wrong.")
    args = parser.parse_args()
    cases = load_cases(args.cases)
    ctx = build(args.workdir)
    run = run_countersight(ctx, cases)
    view = ctx.engine().view
    expected = {c.id: view.resolve(c.expected) if c.expected else None for c in cases}
    entity_ids = sorted({i for ids in run.candidates.values() for i in ids})
    payload = {
        "entities": [entity_ftm(view.entities[i]) for i in entity_ids],
        "cases": [
            {"id": c.id, "query": query_ftm(c, c.to_query()), "candidates": run.candidates[c.id]}
            for c in cases
        ],
    }
    args.workdir.mkdir(parents=True, exist_ok=True)
    (args.workdir / "anchor-input.json").write_text(json.dumps(payload), encoding="utf-8")
    subprocess.run(
        [
            str(args.anchor_python),
            str(ROOT / "benchmarks" / "anchor" / "score.py"),
            str(args.workdir / "anchor-input.json"),
            str(args.workdir / "anchor-scores.json"),
        ],
        check=True,
    )
    anchor = json.loads((args.workdir / "anchor-scores.json").read_text(encoding="utf-8"))
    predictions = {"countersight": {c.id: predict(run.scores[c.id]) for c in cases}}
    timing = {"countersight-pairs": run.pairs, "countersight-seconds": run.seconds}
    for name in ("logic-v1", "logic-v2"):
        predictions[name] = {c.id: predict(anchor["scores"][name][c.id]) for c in cases}
        timing[f"{name}-pairs"] = anchor["pairs"][name]
        timing[f"{name}-seconds"] = anchor["seconds"][name]
    table = report(cases, expected, predictions, timing)
    table += (
        f"\n\nBlocking recall: the expected entity was among Countersight's own top-25 "
        f"candidates in {run.blocked_in} of {run.positives} positive cases."
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "quality.md").write_text(table + "\n", encoding="utf-8")
    summary = {s: tally(cases, predictions[s], expected) for s in SCORERS}
    (args.out / "quality.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(table)
    if args.errors:
        for case in cases:
            got = predictions["countersight"][case.id]
            if got != expected[case.id]:
                top = sorted(run.scores[case.id].items(), key=lambda kv: -kv[1])[:2]
                print(
                    f"MISS {case.id} {case.query or case.isin or case.ticker or case.uscc!r}: "
                    f"expected {expected[case.id]}, got {got}; top {top}"
                )


if __name__ == "__main__":
    main()
