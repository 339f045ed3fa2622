"""Per-query cost of this engine against an earlier revision, side by side in one run.

    .venv/bin/python benchmarks/regression.py --baseline 403bd9d

The baseline revision is exported with ``git archive`` into a scratch folder. Each engine
(the baseline, and this tree with the compiled and the pure-Python scorer) runs in its own
process on the same synthetic organisations and queries (``benchmarks/synth.py``, which both
revisions share, with the same seed): it builds its index, scores every query once to warm
up, then times the rounds. The engines take turns, round by round, so that a busy moment
of the machine falls on all of them. Each round is timed in CPU time of the one process and
split into its three steps:

- ``candidates``: blocking, the index look-up for the query's names;
- ``fetch``: taking the candidate entities out of the index (decoding packed records);
- ``score``: scoring every candidate.

The index build (one process, ``workers=1``) is timed in CPU time too, with the process's
peak memory after it (which includes the synthetic entities it was built from).

Each round then times the same queries through ``Matcher.match`` (limit 5), the call
``match``, screening and the API make: blocking, scoring and ranking as users get them, the
garbage collector running as it does there.

On this project's shared machine the same code's rounds differ by up to a quarter, so
each engine's time is set against the baseline's in the same round, and the median of
those ratios is the figure (with their range); the steps are the engine's fastest round.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# Run inside each engine's process: its own sources first on sys.path.
_WORKER = r"""
import json, sys, time, gc, resource
sys.path[:0] = [SRC, ROOT]
from benchmarks.synth import Generator
from countersight.match.engine import Matcher
from countersight.match.index import MatchIndex
from countersight.match.types import Query
from countersight.normalize.names import analyze

generator = Generator(SEED)
entities = list(generator.entities(ENTRIES))
built = time.process_time()
index = MatchIndex.build(entities, workers=1)
built = time.process_time() - built
del entities
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
matcher = Matcher(index)
queries = [Query.build([q.text]) for q in generator.queries(QUERIES)]
gc.collect()
gc.freeze()

def one_round():
    steps = [0.0, 0.0, 0.0]
    pairs = 0
    clock = time.process_time
    for query in queries:
        t0 = clock()
        forms = [(n, analyze(n)) for n in query.names]
        numbers = index.candidates([f for _, f in forms], query.identifiers, matcher.candidates)
        t1 = clock()
        entities = [index.entities[number] for number in numbers]
        t2 = clock()
        for entity in entities:
            matcher.score(query, forms, entity)
        t3 = clock()
        steps[0] += t1 - t0
        steps[1] += t2 - t1
        steps[2] += t3 - t2
        pairs += len(entities)
    return steps, pairs

def whole_round():
    started = time.process_time()
    for query in queries:
        matcher.match(query, limit=5)
    return time.process_time() - started

one_round()
whole_round()
print("ready", flush=True)
for line in sys.stdin:
    steps, pairs = one_round()
    whole = whole_round()
    print(json.dumps({"steps": steps, "pairs": pairs, "match": whole, "build": built, "peak": peak}), flush=True)
"""


def _export(revision: str, folder: Path) -> Path:
    """The baseline's files at ``revision``, unpacked into ``folder``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src", "benchmarks"],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def _start(root: Path, env: dict[str, str], args: argparse.Namespace) -> subprocess.Popen[str]:
    code = (
        _WORKER.replace("SRC", repr(str(root / "src")))
        .replace("ROOT", repr(str(root)))
        .replace("SEED", str(args.seed))
        .replace("ENTRIES", str(args.entries))
        .replace("QUERIES", str(args.queries))
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
        cwd=root,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", default="403bd9d", help="git revision to compare with")
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=4_000)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="countersight-baseline-") as scratch:
        run(args, _export(args.baseline, Path(scratch)))


def run(args: argparse.Namespace, baseline: Path) -> None:
    """Every engine side by side; the table printed and written to ``args.out``."""
    engines = {
        f"baseline {args.baseline} (pure)": (baseline, {"COUNTERSIGHT_PURE_PYTHON": "1"}),
        "this tree, pure": (ROOT, {"COUNTERSIGHT_PURE_PYTHON": "1"}),
        "this tree, compiled": (ROOT, {"COUNTERSIGHT_REQUIRE_NATIVE": "1"}),
    }
    started = time.strftime("%Y-%m-%d %H:%M")
    processes = {name: _start(root, env, args) for name, (root, env) in engines.items()}
    for process in processes.values():  # every index built before any round is timed
        assert process.stdout is not None
        if process.stdout.readline().strip() != "ready":
            raise SystemExit("an engine failed before its rounds")
    rounds: dict[str, list[dict[str, Any]]] = {name: [] for name in engines}
    loads = [os.getloadavg()[0]]
    names = list(processes)
    for turn in range(args.rounds):
        # Take turns, and rotate who goes first: a slow moment falls on each in turn.
        for name in names[turn % len(names) :] + names[: turn % len(names)]:
            process = processes[name]
            assert process.stdin is not None
            assert process.stdout is not None
            process.stdin.write("go\n")
            process.stdin.flush()
            rounds[name].append(json.loads(process.stdout.readline()))
    loads.append(os.getloadavg()[0])
    for process in processes.values():
        assert process.stdin is not None
        process.stdin.close()
        process.wait()
    results = summarise(rounds)
    table = _table(results, args, started, loads)
    print(table)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = f"regression-{args.entries}"
    (args.out / f"{stem}.md").write_text(table + "\n", encoding="utf-8")
    (args.out / f"{stem}.json").write_text(
        json.dumps({"results": results, "rounds": rounds}, indent=2) + "\n", encoding="utf-8"
    )


def _ratios(mine: list[float], base: list[float]) -> dict[str, float]:
    """This engine's time ÷ the baseline's in the same round: median and range."""
    ratios = sorted(m / b for m, b in zip(mine, base, strict=True))
    return {"median": statistics.median(ratios), "low": ratios[0], "high": ratios[-1]}


def summarise(rounds: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Per engine: its fastest round's steps, and its time ÷ the baseline's round by round
    (each round's engines ran minutes apart at most, so the ratio cancels a slow moment)."""
    base_name = next(iter(rounds))
    base_split = [sum(r["steps"]) for r in rounds[base_name]]
    base_match = [r["match"] for r in rounds[base_name]]
    out: dict[str, dict[str, Any]] = {}
    for name, found in rounds.items():
        fastest = min(found, key=lambda r: sum(r["steps"]))
        split = [sum(r["steps"]) for r in found]
        match = [r["match"] for r in found]
        out[name] = {
            "steps": fastest["steps"],
            "pairs": fastest["pairs"],
            "build": fastest["build"],
            "peak": fastest["peak"],
            "match": min(match),
            "split_ratio": _ratios(split, base_split),
            "match_ratio": _ratios(match, base_match),
        }
    return out


def _ratio_cell(ratio: dict[str, float]) -> str:
    return f"{ratio['median']:.2f} ({ratio['low']:.2f}–{ratio['high']:.2f})"


def _table(
    results: dict[str, dict[str, Any]], args: argparse.Namespace, started: str, loads: list[float]
) -> str:
    lines = [
        f"{args.entries:,} synthetic organisations, {args.queries:,} queries (seed {args.seed}), "
        f"{args.rounds} rounds taken in turn, CPU time of each engine's one process; "
        f"{started}, load average {loads[0]:.1f} → {loads[1]:.1f}. Steps: the fastest round. "
        "÷ baseline: the median over rounds of this engine's time ÷ the baseline's in the "
        "same round (lowest–highest).",
        "",
        "| engine | build (CPU) | peak memory | candidates | fetch | score | candidate pairs "
        "| per pair scored | per query | ÷ baseline | `match()` per query | ÷ baseline |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, result in results.items():
        candidates, fetch, score = result["steps"]
        total = candidates + fetch + score
        lines.append(
            f"| {name} | {result['build']:.1f} s | {result['peak']:,.0f} MB "
            f"| {candidates:.2f} s | {fetch:.2f} s | {score:.2f} s | {result['pairs']:,} "
            f"| {score / max(result['pairs'], 1) * 1e6:,.1f} µs "
            f"| {total / args.queries * 1e6:,.0f} µs | {_ratio_cell(result['split_ratio'])} "
            f"| {result['match'] / args.queries * 1e6:,.0f} µs "
            f"| {_ratio_cell(result['match_ratio'])} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
