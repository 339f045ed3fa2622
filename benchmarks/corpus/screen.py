"""Screen every organisation of the real-name corpus against the registry alone.

    .venv/bin/python benchmarks/corpus/screen.py     # also run by ``make bench-quality``

Almost none of these ~10,000 organisations (OFAC, CSL, UN, BIS, GLEIF, N-PORT holdings) is a
surveillance vendor, so every flag and every review row is a claim a user would have to
check. Each one is listed with its explanation in ``benchmarks/results/corpus-hits.csv``;
the true links are labelled by hand, with the reason, in ``benchmarks/corpus/labels.csv``.
nomenklatura's logic-v1 and logic-v2 score the same names against the same candidates
(Countersight's blocking top 25), at the same thresholds: 0.70 for a flag, 0.50 for review.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus.names import Org, corpus  # noqa: E402
from benchmarks.quality import entity_ftm  # noqa: E402
from countersight.match.types import MatchResult, Query  # noqa: E402
from countersight.service.context import Context, open_context  # noqa: E402
from countersight.service.present import status_of  # noqa: E402
from countersight.settings import load_settings  # noqa: E402

LABELS = Path(__file__).with_name("labels.csv")
MATCH, REVIEW = 0.70, 0.50


@dataclass(slots=True)
class Hit:
    """A corpus name that Countersight flags or sends to review."""

    name: str
    source: str
    country: str
    entity_id: str
    caption: str
    status: str
    score: float
    explanation: str


def registry_only(workdir: Path) -> Context:
    """A fresh store: the registry and nothing else."""
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "registry.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    settings = load_settings(env={}, db=f"sqlite:///{db}", cache_dir=str(workdir / "cache"))
    return open_context(settings)


def query_of(org: Org) -> Query:
    return Query.build([org.name], country=[org.country] if org.country else [], strict=False)


def screen(ctx: Context, orgs: list[Org]) -> tuple[list[Hit], dict[str, list[str]], float, int]:
    """Countersight's hits, each query's candidate ids, the scoring time and pair count."""
    engine = ctx.engine()
    matcher, index, view = engine.matcher, engine.matcher.index, engine.view
    from countersight.normalize.names import analyze

    hits: list[Hit] = []
    candidates: dict[str, list[str]] = {}
    seconds = 0.0
    pairs = 0
    for number, org in enumerate(orgs):
        query = query_of(org)
        forms = [(n, analyze(n)) for n in query.names]
        numbers = index.candidates([f for _, f in forms if not f.is_empty], [], 25)
        candidates[str(number)] = [index.entities[n].id for n in numbers]
        started = time.perf_counter()
        results: list[MatchResult] = matcher.match(query, limit=5)
        seconds += time.perf_counter() - started
        pairs += len(numbers)
        for result in results:
            entity = view.entities[result.entity_id]
            status = status_of(entity, result)
            if status == "clear":
                continue
            hits.append(
                Hit(
                    org.name,
                    org.source,
                    org.country,
                    entity.id,
                    entity.caption,
                    status,
                    result.score,
                    " | ".join(result.explanation),
                )
            )
            break  # the row's top concern is what a user sees first
    return hits, candidates, seconds, pairs


def anchor_rates(
    ctx: Context, orgs: list[Org], candidates: dict[str, list[str]], anchor_python: Path
) -> dict[str, Any]:
    """logic-v1 and logic-v2 on the same names and candidates."""
    from benchmarks.quality import Case, query_ftm

    view = ctx.engine().view
    ids = sorted({i for c in candidates.values() for i in c})
    cases = []
    for number, org in enumerate(orgs):
        case = Case(str(number), "corpus", org.name, "", "", "", org.country, "")
        cases.append(
            {
                "id": case.id,
                "query": query_ftm(case, query_of(org)),
                "candidates": candidates[case.id],
            }
        )
    payload = {"entities": [entity_ftm(view.entities[i]) for i in ids], "cases": cases}
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "in.json", Path(tmp) / "out.json"
        source.write_text(json.dumps(payload), encoding="utf-8")
        script = ROOT / "benchmarks" / "anchor" / "score.py"
        subprocess.run([str(anchor_python), str(script), str(source), str(target)], check=True)
        scores = json.loads(target.read_text(encoding="utf-8"))
    from countersight.model.confidence import concern

    labels = load_labels()
    out: dict[str, Any] = {}
    for name, by_case in scores["scores"].items():
        flags = reviews = true_flags = 0
        for number, row in by_case.items():
            hits = [(s, i) for i, s in row.items() if concern(view.entities[i]) is not None]
            best, entity_id = max(hits, default=(0.0, ""))
            flags += best >= MATCH
            reviews += REVIEW <= best < MATCH
            label = labels.get((orgs[int(number)].name, entity_id), ("",))[0]
            true_flags += best >= MATCH and label == "true"
        out[name] = {
            "flags": flags,
            "true_flags": true_flags,
            "reviews": reviews,
            "pairs": scores["pairs"][name],
            "seconds": scores["seconds"][name],
        }
    return out


def load_labels() -> dict[tuple[str, str], tuple[str, str]]:
    """(name, entity id) → (verdict, reason)."""
    if not LABELS.exists():
        return {}
    with LABELS.open(encoding="utf-8", newline="") as handle:
        return {
            (r["name"], r["entity_id"]): (r["verdict"], r["reason"]) for r in csv.DictReader(handle)
        }


def per_thousand(count: int, total: int) -> str:
    return f"{count} ({1000 * count / total:.2f} per 1,000)"


def report(
    orgs: list[Org], hits: list[Hit], anchor: dict[str, Any], timing: tuple[float, int]
) -> str:
    labels = load_labels()
    total = len(orgs)
    flags = [h for h in hits if h.status == "flagged"]
    reviews = [h for h in hits if h.status == "review"]
    true_flags = [h for h in flags if labels.get((h.name, h.entity_id), ("",))[0] == "true"]
    false_flags = [h for h in flags if labels.get((h.name, h.entity_id), ("",))[0] == "false"]
    unlabelled = [h for h in flags if (h.name, h.entity_id) not in labels]
    lines = [
        f"Real-name corpus: {total:,} distinct organisation names from ../shared/data, screened "
        "against the registry alone (thresholds 0.70 flag, 0.50 review).",
        "",
        "| scorer | flags | of which labelled true links | reviews |",
        "|---|---|---|---|",
        f"| countersight | {per_thousand(len(flags), total)} | {len(true_flags)} | "
        f"{per_thousand(len(reviews), total)} |",
    ]
    for name, figures in anchor.items():
        lines.append(
            f"| {name} | {per_thousand(figures['flags'], total)} | {figures['true_flags']} | "
            f"{per_thousand(figures['reviews'], total)} |"
        )
    lines += [
        "",
        f"Countersight's flags: {len(true_flags)} labelled true links, {len(false_flags)} labelled "
        f"false, {len(unlabelled)} unlabelled. Scoring: {timing[1]:,} candidate pairs in "
        f"{timing[0]:.2f} s ({timing[1] / max(timing[0], 1e-9):,.0f} pairs/s, whole match() "
        "calls, blocking included).",
    ]
    for hit in [*flags, *reviews]:
        verdict, reason = labels.get((hit.name, hit.entity_id), ("unlabelled", ""))
        lines.append(
            f"- {hit.status} {hit.name!r} ({hit.source}) → {hit.caption} {hit.score:.2f}: "
            f"{verdict}{' — ' + reason if reason else ''}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "corpus")
    parser.add_argument(
        "--anchor-python",
        type=Path,
        default=ROOT / "benchmarks" / "anchor" / ".venv" / "bin" / "python",
    )
    parser.add_argument("--no-anchor", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    orgs = corpus()
    ctx = registry_only(args.workdir)
    hits, candidates, seconds, pairs = screen(ctx, orgs)
    anchor = {} if args.no_anchor else anchor_rates(ctx, orgs, candidates, args.anchor_python)
    text = report(orgs, hits, anchor, (seconds, pairs))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "corpus.md").write_text(text + "\n", encoding="utf-8")
    with (args.out / "corpus-hits.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["name", "source", "country", "entity_id", "caption", "status", "score", "explanation"]
        )
        for h in hits:
            writer.writerow(
                [
                    h.name,
                    h.source,
                    h.country,
                    h.entity_id,
                    h.caption,
                    h.status,
                    h.score,
                    h.explanation,
                ]
            )
    print(text)


if __name__ == "__main__":
    main()
